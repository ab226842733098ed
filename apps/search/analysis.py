"""How text becomes searchable, the same for what is indexed and what is typed.

- Folding: lower case; Latin, Cyrillic and Greek lose their accents (`Pékin` → `pekin`,
  `ё` → `е`; but `й` stays, a letter of its own); Arabic loses its diacritics and
  tatweel, and writes alef with hamza or madda, alef wasla, ta marbuta and alef
  maqsura as the plain letters (أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي); full-width
  forms become ordinary ones (NFKC). Chinese and Japanese keep every character (a
  kana's voicing mark is part of it).
- Chinese and Japanese are written without spaces, and PostgreSQL's parsers take a
  whole run of such characters for one word. Each run is cut into overlapping pairs of
  characters (bigrams: 签证邀请函 → 签证 证邀 邀请 请函), the last character also alone,
  so that any one character is the start of some token. A query is cut the same way;
  each pair counts as a word of the query, in any place (签证邀请函 finds a text that
  says 签证邀请 in one sentence and 邀请函 in the next), and results holding the most
  pairs come first; a result holding the whole run in a name ranks above the others.
  A single character matches every pair it starts.
- A query's run of kana also matches its Hepburn romaji as the start of a word (ナカノ
  finds "Nakano", パリ "Paris"): foreign names are indexed in Latin letters, and a
  Japanese visitor types them in katakana. Only the query is read so; kanji are not.
- Everything else is left to PostgreSQL: the `simple` configuration for every language
  (prefix matches: `naka` finds `Nakano`), and the snowball stemmers of the languages
  that have one, each on its own language's text (`letters` finds `letter`).
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

# Longest query kept, in characters, and most words taken from it.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Characters written without spaces between words: CJK ideographs (with extensions and
# compatibility forms), kana, and the iteration mark.
_CJK_RANGES = (
    (0x3005, 0x3007),
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),  # half-width katakana (NFKC makes them full width)
    (0x20000, 0x2FA1F),
)
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel: stretches a word, means nothing
    }
)
# Marks that only steer direction, invisible controls, and NUL.
_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_WORD = re.compile(r"\w+")


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


# Cyrillic letters whose mark makes another letter: kept (й is not и, ў is not у), or
# the Russian stemmer would read "красный" and "красная" as different words. Only ё is
# written е as often as not, and is folded.
_CYRILLIC_KEPT = frozenset("йўїі")


@functools.lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    # Kept per character: a snippet folds its whole text on every results page.
    if is_cjk(char):
        return unicodedata.normalize("NFKC", char)
    lower = char.casefold()
    if lower in _CYRILLIC_KEPT:
        return lower
    decomposed = unicodedata.normalize("NFKD", lower)
    kept = "".join(part for part in decomposed if not unicodedata.combining(part))
    return kept.translate(_ARABIC_LETTERS)


def fold(text: str) -> str:
    """`text` as the index compares it (see the module's docstring)."""
    return "".join(_fold_char(char) for char in unicodedata.normalize("NFKC", text))


@functools.lru_cache(maxsize=65536)
def _fold_alone(char: str) -> str:
    """One character of a text folded on its own (what a snippet marks words in)."""
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", char))


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the index in `text` it came from
    (a snippet marks the words found in the original text)."""
    parts = list(map(_fold_alone, text))
    folded = "".join(parts)
    # Most characters fold to one: then each stays where it was (every results page
    # folds the texts of its ten snippets).
    if len(folded) == len(text) and all(len(part) == 1 for part in parts):
        return folded, list(range(len(text)))
    positions = []
    for index, part in enumerate(parts):
        positions.extend([index] * len(part))
    return folded, positions


def clean_query(raw: str) -> tuple[str, bool]:
    """What a visitor typed, without invisible characters and extra spaces, and at most
    MAX_QUERY_LENGTH characters; True as well when it had to be shortened."""
    text = " ".join(_INVISIBLE.sub(" ", raw or "").split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


@dataclass(frozen=True)
class Term:
    """One searchable part of a query: a word, or a pair (or single) of CJK characters."""

    text: str  # folded
    cjk: bool
    # For the pairs of a run of kana, its romaji (analysis.romaji): a text holding that
    # word as a prefix holds the term too (ナカノ finds "Nakano").
    alternative: str = ""


def cjk_tokens(run: str, *, query: bool = False) -> list[str]:
    """The tokens of a run of CJK characters: overlapping pairs, and for the index the
    last character alone (a query of one character is that character)."""
    if len(run) == 1:
        return [run]
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    return pairs if query else [*pairs, run[-1]]


def _runs(word: str):
    """A \\w+ word split into its CJK and other runs: 東京都Nakano → 東京都, nakano."""
    start = 0
    for index in range(1, len(word) + 1):
        if index == len(word) or is_cjk(word[index]) != is_cjk(word[start]):
            yield word[start:index], is_cjk(word[start])
            start = index


def query_terms(query: str) -> list[Term]:
    """The words of a query, folded, without repeats, at most MAX_TERMS; a CJK run gives
    its pairs (a result need not hold the run whole: ビザ招へい状 finds "ビザ用の招へい状");
    the pairs of a run of two kana or more also match its romaji (ナカノ finds "Nakano":
    a foreign name is indexed in Latin letters, not in the katakana a visitor types)."""
    terms: list[Term] = []
    for word in _WORD.findall(fold(query)):
        for run, cjk in _runs(word):
            alternative = romaji(run) if cjk and len(run) > 1 else ""
            for text in cjk_tokens(run, query=True) if cjk else [run]:
                term = Term(text, cjk, alternative)
                if term not in terms:
                    terms.append(term)
    return terms[:MAX_TERMS]


def query_words(query: str) -> list[str]:
    """The words of a query as typed (NFKC: full-width letters made ordinary)."""
    return _WORD.findall(unicodedata.normalize("NFKC", query))


def word_runs(word: str) -> list[tuple[str, bool]]:
    """A word's CJK and other runs, each with whether it is CJK."""
    return list(_runs(word))


def query_phrase(query: str) -> str:
    """The folded words of a query, one space apart: compared with whole names."""
    return " ".join(_WORD.findall(fold(query)))


# What a name may have between two words of a query besides spaces, so that a query
# typed without the name's punctuation is still that name ("lenin district minsk" is
# "lenin district, minsk"; "东京都 中野区" is "东京都中野区"). Folded text: full-width
# forms are already ASCII.
NAME_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»‹›“”‘’„、。・「」『』【】《》〈〉،؛–—…·"


def significant_terms(terms: list[Term]) -> list[Term]:
    """The terms every result must contain: without stop words and single letters,
    unless the query has nothing else."""
    from .stopwords import STOP_WORDS

    kept = [
        term for term in terms if term.cjk or (term.text not in STOP_WORDS and len(term.text) > 1)
    ]
    return kept or terms


def index_text(text: str) -> str:
    """Folded `text` with every CJK run replaced by its tokens (for `to_tsvector`)."""
    pieces = []
    for word in _WORD.findall(fold(text)):
        for run, cjk in _runs(word):
            pieces.append(" ".join(cjk_tokens(run)) if cjk else run)
    return " ".join(pieces)


def written_words(text: str) -> list[tuple[str, str]]:
    """The non-CJK words of `text`, each folded and as written (`Musée` → (`musee`,
    `Musée`)): "did you mean" compares the first and shows the second."""
    pairs = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text)):
        for run, cjk in _runs(word):
            if cjk:
                continue
            folded = _WORD.findall(fold(run))
            if len(folded) == 1:
                pairs.append((folded[0], run))
            else:  # a letter that folds to a mark or a space: shown folded
                pairs.extend((part, part) for part in folded)
    return pairs


def words(text: str) -> list[str]:
    """The folded non-CJK words of `text` (for "did you mean")."""
    return [run for word in _WORD.findall(fold(text)) for run, cjk in _runs(word) if not cjk]


# Kana to Hepburn romaji, for the Latin names a visitor writing in Japanese spells in
# kana: ナカノ finds "Nakano", パリ the start of "Paris". Katakana is read through its
# hiragana twin (the same letter 0x60 further on). A small table rather than a library:
# the names are few and short, and a loose reading costs only a result or two.
_KANA = dict(
    zip(
        (
            "あいうえお かきくけこ さしすせそ たちつてと なにぬねの はひふへほ まみむめも "
            "や ゆ よ らりるれろ わゐゑを ん がぎぐげご ざじずぜぞ だぢづでど ばびぶべぼ "
            "ぱぴぷぺぽ ゔ ぁぃぅぇぉ ゃゅょ ゎ"
        ).replace(" ", ""),
        (
            "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no "
            "ha hi fu he ho ma mi mu me mo ya yu yo ra ri ru re ro wa i e o n "
            "ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo "
            "pa pi pu pe po vu a i u e o ya yu yo wa"
        ).split(),
        strict=True,
    )
)
_SMALL_Y = frozenset("ゃゅょ")
_SMALL_VOWELS = frozenset("ぁぃぅぇぉ")
_LONG_MARK = "ー"
_SMALL_TSU = "っ"


def _is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u3096" or "\u30a1" <= char <= "\u30fa" or char == _LONG_MARK


def _hiragana(char: str) -> str:
    return chr(ord(char) - 0x60) if "\u30a1" <= char <= "\u30f6" else char


def romaji(run: str) -> str:
    """The Hepburn reading of a run of kana (`ナカノ` → `nakano`), "" when the run holds
    anything else (kanji have many readings). Long vowels are written once, as names are
    in Latin letters (`トーキョー`, `とうきょう` → `tokyo`); a small tsu doubles the
    consonant after it (`ハッピ` → `happi`, `マッチャ` → `matcha`); a small ya, yu, yo
    or vowel joins the syllable before (`キョ` → `kyo`, `ジャ` → `ja`, `ファ` → `fa`)."""
    if not run or not all(_is_kana(char) for char in run):
        return ""
    syllables: list[str] = []
    double = False
    for char in map(_hiragana, run):
        if char == _LONG_MARK:
            continue
        if char == _SMALL_TSU:
            double = True
            continue
        sound = _KANA.get(char, "")
        if syllables and (char in _SMALL_Y or char in _SMALL_VOWELS):
            before = syllables[-1]
            if char in _SMALL_Y and before.endswith("i") and len(before) > 1:
                # きゃ kya; しゃ sha, ちゃ cha, じゃ ja (no y after sh, ch, j)
                stem = before[:-1]
                syllables[-1] = stem + (sound[1:] if stem.endswith(("sh", "ch", "j")) else sound)
                continue
            if char in _SMALL_VOWELS and len(before) > 1:
                # ファ fa, ティ ti, ウィ wi (ウ alone is "u"), ヴァ va
                stem = {"fu": "f", "vu": "v", "tsu": "ts", "te": "t", "de": "d"}.get(
                    before, before[:-1]
                )
                syllables[-1] = stem + sound
                continue
            if char in _SMALL_VOWELS and before == "u":
                syllables[-1] = "w" + sound
                continue
        if double and sound and sound[0] not in "aiueon":
            sound = ("t" if sound.startswith("ch") else sound[0]) + sound
        double = False
        syllables.append(sound)
    text = "".join(syllables)
    # Long vowels of hiragana spelling: おう, おお, うう are one long vowel.
    return re.sub(r"ou|oo|uu", lambda m: m.group()[0], text)
