"""Slugs for public addresses, made from a title: Latin letters as they are (accents
folded), Chinese characters in pinyin, so a title written only in Chinese still gives a
readable address (`西城国际文化节` → `xi-cheng-guo-ji-wen-hua-jie`: one syllable a word,
since Chinese has no spaces to say where its words end)."""

from django.db import models
from django.utils.text import slugify


def slug_from_text(text: str, *, max_length: int = 80) -> str:
    """`Pékin Forum` → `pekin-forum`; `西城文化节` → `xi-cheng-wen-hua-jie`; '' when the text
    has nothing a slug can be made of (only kana, say)."""
    # Imported here, not at the top: pypinyin's phrase dictionary (which reads 长安街 as
    # chang-an-jie, not zhang-an-jie) costs a process about 57 MB, and a web worker that
    # serves only public pages never makes a slug.
    from pypinyin import Style, lazy_pinyin

    # Each Han character becomes its syllable; everything else comes back unchanged.
    words = lazy_pinyin(text or "", style=Style.NORMAL, errors="default")
    slug = slugify(" ".join(words))
    return slug[:max_length].rstrip("-")


def slug_unique(model: type[models.Model], base: str, *, exclude_pk=None) -> str:
    """`base`, or `base-2`, `base-3`… the first that no other row of `model` uses."""
    max_length = model._meta.get_field("slug").max_length
    base = base[: max_length - 4].rstrip("-")
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    candidate, counter = base, 2
    while candidate in taken:
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate
