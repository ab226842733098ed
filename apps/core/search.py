"""What an app contributes to the portal's search: its sources and their documents.

Core names the contract; the search app (apps/search) keeps the index and answers
queries; each content app registers its sources under the extension point
`extensions.SEARCH_SOURCES` in its AppConfig.ready(). Neither side imports the other.

A source describes one kind of result (partner cities, events, ...): how to turn its
public rows into `SearchDocument`s, the page a result links to, and which models'
changes touch its documents (a service package's document list changes when one of its
required documents is edited).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.urls import reverse

from .richtext import plain_text


@dataclass(frozen=True)
class SearchDocument:
    """One public row as the index sees it, in every language it has.

    Texts are plain (no Markdown, no HTML), keyed by language code (`zh-hans`, `en`, ...);
    a language without a translation is simply absent. `titles` are names (weighted
    most), `keywords` what a visitor remembers besides the name (a region, a native name,
    the services and documents a package lists), `texts` the summary and body, `related`
    the names of other rows it is found under (an event under its venue's).
    """

    object_id: int
    slug: str
    titles: dict[str, str]
    keywords: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    # Names of the public rows it belongs with (an event's venue and partner cities), per
    # language: found at the weight of `texts`, never shown in a snippet nor taken for
    # the row's own name, so the venue itself ranks above its events.
    related: dict[str, str] = field(default_factory=dict)
    # Shown with a result and used to put upcoming events before past ones.
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    # A row published for later is indexed now and found from this moment.
    publish_at: datetime | None = None
    # A multiplier of relevance: 1 for most things.
    boost: float = 1.0


@dataclass(frozen=True)
class SearchSource:
    """One kind of search result, declared by the app that owns it.

    - `kind`: a short stable code (`event`), the index's key and the type filter's value;
    - `label`: the filter's name (a lazy translation, plural: "Events");
    - `item_label`: the name of one result's type ("Event");
    - `model`: "app_label.ModelName" of the rows it indexes;
    - `documents(ids)`: the documents of those ids that the public may see now or later
      (published, or published for later); ids missing from the result leave the index;
      `documents(None)` is every such row, for a rebuild;
    - `url_name`: the page of one result, reversed with its slug;
    - `watched`: other models whose changes touch these documents, each with a function
      from the changed row to the ids of this source to index again;
    - `order`: the place of this kind in the type filter.
    """

    kind: str
    label: Any
    item_label: Any
    model: str
    documents: Callable[[Iterable[int] | None], Iterable[SearchDocument]]
    url_name: str
    watched: dict[str, Callable[[Any], Iterable[int]]] = field(default_factory=dict)
    order: int = 100

    def url(self, slug: str) -> str:
        return reverse(self.url_name, kwargs={"slug": slug})


def per_language(obj, field_name: str, languages: Iterable[str]) -> dict[str, str]:
    """{language: value} of a translated field, leaving out empty translations (no
    fallback: the index must know which languages a row really has)."""
    values = {}
    for language in languages:
        value = getattr(obj, f"{field_name}_{language.replace('-', '_')}", None)
        if value:
            values[language] = str(value).strip()
    return {language: value for language, value in values.items() if value}


def per_language_plain(obj, field_name: str, languages: Iterable[str]) -> dict[str, str]:
    """`per_language` of a Markdown field, as the words a reader sees."""
    return {
        language: plain_text(text)
        for language, text in per_language(obj, field_name, languages).items()
    }


def joined(*parts: dict[str, str], languages: Iterable[str]) -> dict[str, str]:
    """Per language, the non-empty parts joined by a blank line."""
    result = {}
    for language in languages:
        text = "\n\n".join(part[language] for part in parts if part.get(language))
        if text:
            result[language] = text
    return result
