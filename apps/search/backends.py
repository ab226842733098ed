"""The engines behind the search: PostgreSQL full-text search, or a plain one.

Both take the same entries (apps/search/indexing.py writes them) and answer the same
question (`Backend.search`); `backend()` picks PostgreSQL whenever the database is
PostgreSQL. Another engine is one more subclass.

PostgreSQL: each entry's `vector` holds its names (weight A), keywords (B) and texts
(C), analysed with the `simple` configuration across languages (analysis.py folds and
cuts CJK text first) and again with the stemmer of each language that has one, on that
language's text. A query is one tsquery per word (the word as a prefix, or each
stemmer's stem of it; each pair of a CJK run is a word of its own); only the entries
that match the most words are results, ranked. A search page costs one statement (its results, the
counts per type and the best number of words matched); "did you mean" one more, and
the results of the suggestion a third.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.utils.translation import get_language_info

from apps.core.i18n import language_codes

from .analysis import NAME_PUNCTUATION, Term, fold, index_text, words, written_words
from .models import SearchEntry

# PostgreSQL's snowball configurations (named after their language in English) and the
# script each reads. A language of the portal with one of them is stemmed (below);
# Chinese and Japanese have none (their text is cut into pairs instead).
SNOWBALL_SCRIPTS = {
    **dict.fromkeys(
        (
            "danish dutch english finnish french german hungarian italian norwegian "
            "portuguese romanian spanish swedish turkish"
        ).split(),
        "latin",
    ),
    "russian": "cyrillic",
    "serbian": "cyrillic",
    "arabic": "arabic",
    "greek": "greek",
}


def _portal_stemmers() -> dict[str, str]:
    """{language code: configuration} of the portal's languages PostgreSQL can stem."""
    stemmers = {}
    for code in language_codes():
        config = get_language_info(code)["name"].lower()
        if config in SNOWBALL_SCRIPTS:
            stemmers[code] = config
    return stemmers


STEMMERS = _portal_stemmers()
# Languages a result falls back to when it has no title in the page's language.
FALLBACKS = ("en", "zh-hans")
# Relevance multipliers: the query is a whole name, the start of one, or part of one (its
# words in their order, with spaces or punctuation between: analysis.NAME_PUNCTUATION);
# each times 1 + the share of the shortest name holding the query that the query covers,
# so that the name a query nearly is beats a longer one that merely contains it (列宁区
# finds 明斯克市列宁区 before 与明斯克市列宁区的线上交流, which a shorter text would
# otherwise win by length alone).
EXACT_NAME = 4.0
START_OF_NAME = 3.0
PART_OF_NAME = 2.0
# A past event ranks below the same match on an upcoming one.
PAST_EVENT = 0.5
# Words of the query "did you mean" looks at, and how alike a suggestion must be.
MIN_SUGGESTED_LENGTH = 3
MIN_SIMILARITY = 0.5


@dataclass
class Hit:
    kind: str
    slug: str
    title: str
    text: str
    language: str  # the language of title and text (the page's, or a fallback)
    starts_at: datetime | None
    ends_at: datetime | None
    past: bool


@dataclass
class Found:
    """One page of results, and what the rest of the page needs to know."""

    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # How many of the query's words the results contain (all, unless none had all).
    words_matched: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity of two words, for choosing among candidate words."""

    def grams(word):
        padded = f"  {word} "
        return {padded[i : i + 3] for i in range(len(padded) - 2)}

    first, second = grams(a), grams(b)
    return len(first & second) / len(first | second) if first and second else 0.0


def closest_word(term: str, candidates) -> tuple[str, float]:
    best, similarity = term, 0.0
    for candidate in candidates:
        if len(candidate) < MIN_SUGGESTED_LENGTH:
            continue
        value = trigram_similarity(term, candidate)
        if value > similarity:
            best, similarity = candidate, value
    return best, similarity


class Backend:
    """What an engine does; `apps.search.services` is its only caller."""

    def store(self, rows: list[dict]) -> None:
        """Write these entries (fields of SearchEntry plus `index`: the texts to analyse
        by weight, {"A"|"B"|"C": {language: text}}), replacing any of the same key."""
        raise NotImplementedError

    def search(
        self,
        terms: list[Term],
        *,
        phrase: str,
        language: str,
        kind: str,
        offset: int,
        limit: int,
        now: datetime,
    ) -> Found:
        raise NotImplementedError

    def suggest(
        self, terms: list[Term], *, now: datetime, language: str
    ) -> dict[str, tuple[str, str]]:
        """{term: (a word of the index spelt like it, that word as a name writes it, in
        `language` if one is alike enough)} for the words worth correcting."""
        raise NotImplementedError

    def _upsert(self, rows: list[dict]) -> list[SearchEntry]:
        fields = [name for name in rows[0] if name != "index"]
        return SearchEntry.objects.bulk_create(
            [SearchEntry(**{name: row[name] for name in fields}) for row in rows],
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=[name for name in fields if name not in ("kind", "object_id")],
        )


def _visible(now_param: str = "%(now)s") -> str:
    return f"(e.publish_at IS NULL OR e.publish_at <= {now_param})"


class PostgresBackend(Backend):
    def store(self, rows):
        if not rows:
            return
        entries = self._upsert(rows)
        parts, weights = [], ("A", "B", "C")
        for weight in weights:
            parts.append(f"setweight(to_tsvector('simple', %s), '{weight}')")
            for config in STEMMERS.values():
                parts.append(f"setweight(to_tsvector('{config}', %s), '{weight}')")
        # Only constants of this module are put into the statement's text.
        sql = (
            f"UPDATE search_searchentry SET vector = {' || '.join(parts)} "  # noqa: S608
            "WHERE kind = %s AND object_id = %s"
        )
        params = []
        for row in rows:
            values = []
            for weight in weights:
                texts = row["index"].get(weight, {})
                values.append(index_text("\n".join(texts.values())))
                for language in STEMMERS:
                    values.append(fold(texts.get(language, "")))
            params.append([*values, row["kind"], row["object_id"]])
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
        store_words(
            [
                (entry.pk, _names_by_language(row), entry.publish_at)
                for entry, row in zip(entries, rows, strict=True)
            ]
        )

    @staticmethod
    def _word_query(term: Term) -> tuple[str, list[str]]:
        """A tsquery for one word of the query as typed: the start of an indexed word (a
        CJK pair, or one character: every indexed pair it starts)."""
        # One letter is a word of its own, not the start of every word.
        prefix = ":*" if term.cjk or len(term.text) > 1 else ""
        if term.alternative:  # a pair of kana, or the start of its run's romaji
            return (
                "(to_tsquery('simple', %s) || to_tsquery('simple', %s))",
                [_quoted(term.text) + prefix, _quoted(term.alternative) + ":*"],
            )
        return "to_tsquery('simple', %s)", [_quoted(term.text) + prefix]

    @staticmethod
    def _stem_query(term: Term) -> tuple[str, list[str]]:
        """A tsquery for one word of the query as the stemmers of its script see it (""
        for CJK, digits and scripts no stemmer reads). A Cyrillic word goes to the Russian
        stemmer only: five near-copies of one word made PostgreSQL expect half the table
        to match and scan all of it."""
        configs = _stemmers_for(term)
        if not configs:
            return "", []
        # A stop word's stem is an empty query: || leaves the others.
        parts = [f"to_tsquery('{config}', %s)" for config in configs]
        return "(" + " || ".join(parts) + ")", [_quoted(term.text)] * len(parts)

    def search(self, terms, *, phrase, language, kind, offset, limit, now):
        if not terms:
            return Found()
        # Each word is matched as typed or as stemmed, but ranked against the two apart:
        # ts_rank merges the items of a tsquery that have the same text, prefix flag or
        # not, so in 'naka':* | 'naka' (the stem of a word no stemmer knows) the prefix
        # can be dropped and a partial word would rank every result 0.
        word_sql, stem_sql, word_params, stem_params = [], [], [], []
        for term in terms:
            sql, values = self._word_query(term)
            word_sql.append(sql)
            word_params.extend(values)
            sql, values = self._stem_query(term)
            stem_sql.append(sql or "NULL::tsquery")
            stem_params.extend(values)
        params = word_params + stem_params
        numbers = range(1, len(terms) + 1)
        columns = [f"{sql} AS w{n}" for n, sql in zip(numbers, word_sql, strict=True)]
        columns += [f"{sql} AS s{n}" for n, sql in zip(numbers, stem_sql, strict=True)]
        any_word = " || ".join(f"w{n}" for n in numbers)
        stemmed = [n for n, term in enumerate(terms, start=1) if not term.cjk]
        any_stem = " || ".join(f"s{n}" for n in stemmed) or "NULL::tsquery"
        # How many words of the query an entry holds: with one word, every match holds it.
        hits = (
            " + ".join(f"(e.vector @@ COALESCE(w{n} || s{n}, w{n}))::int" for n in numbers)
            if len(terms) > 1
            else "1"
        )
        keys = ("past", "score DESC", "starts_at", "id")[0 if kind == "event" else 1 :]
        order = ", ".join(keys)
        # One pass over the entries that match (their vectors are stored in line, see
        # migration 0002): whether each is visible, how many words it holds, its text
        # rank, and the shortest of its names holding the query (`names` is sorted by
        # length: the first line the expression finds). The name multipliers and the
        # rest are computed on those columns; only the page's entries are read again.
        # Only constants and placeholders are put into the statement's text.
        sql = f"""
WITH q AS (SELECT {", ".join(columns)}),
a AS (SELECT {any_word} AS any_word, {any_stem} AS any_stem, q.* FROM q),
matched AS MATERIALIZED (
  SELECT e.id, e.kind, e.starts_at, (e.kind = 'event' AND e.ends_at < %(now)s) AS past,
    {hits} AS hits,
    (ts_rank(e.vector, a.any_word, 1) + COALESCE(ts_rank(e.vector, a.any_stem, 1), 0))
      * e.boost AS text_rank,
    {_shortest_name_length(phrase)} AS name_length,
    e.names
  FROM search_searchentry e, a
  WHERE e.vector @@ COALESCE(a.any_word || a.any_stem, a.any_word) AND {_visible()}
),
best AS (
  SELECT m.id, m.kind, m.starts_at, m.past,
    m.text_rank
      * CASE WHEN m.name_length IS NULL THEN 1
             ELSE CASE WHEN m.names ~ %(exact)s THEN {EXACT_NAME}
                       WHEN m.names ~ %(start)s THEN {START_OF_NAME}
                       ELSE {PART_OF_NAME} END
               * (1 + %(phrase_length)s / m.name_length) END
      * CASE WHEN m.past THEN {PAST_EVENT} ELSE 1 END AS score
  FROM matched m WHERE m.hits = (SELECT max(hits) FROM matched)
),
shown AS MATERIALIZED (
  SELECT b.id, b.past, b.score, b.starts_at
  FROM best b WHERE %(kind)s = '' OR b.kind = %(kind)s
  ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s
)
SELECT
  (SELECT max(hits) FROM matched),
  (SELECT json_object_agg(kind, n) FROM (SELECT kind, count(*) AS n FROM best GROUP BY kind) c),
  (SELECT json_agg(json_build_array(
      e.kind, e.slug, l.language, e.titles ->> l.language,
      COALESCE(e.texts ->> l.language, e.texts ->> 'en', e.texts ->> 'zh-hans', ''),
      e.starts_at, e.ends_at, s.past) ORDER BY {", ".join(f"s.{key}" for key in keys)})
   FROM shown s JOIN search_searchentry e ON e.id = s.id,
   LATERAL (SELECT CASE WHEN e.titles ? %(language)s THEN %(language)s
                        WHEN e.titles ? 'en' THEN 'en' ELSE 'zh-hans' END AS language) l)
"""  # noqa: S608
        named = {
            "now": now,
            **_name_patterns(phrase),
            "phrase_length": float(len(phrase)),
            "language": language,
            "kind": kind,
            "limit": limit,
            "offset": offset,
        }
        # Positional parameters first (the terms), then the named ones: psycopg takes
        # one style per statement, so the terms are inlined as named parameters too.
        for n, value in enumerate(params):
            named[f"t{n}"] = value
        counter = iter(range(len(params)))
        sql = _name_positional(sql, counter)
        with connection.cursor() as cursor:
            cursor.execute(sql, named)
            words_matched, counts, rows = cursor.fetchone()
        return Found(
            hits=[_hit(row) for row in _json(rows) or []],
            counts=_json(counts) or {},
            words_matched=words_matched or 0,
        )

    def suggest(self, terms, *, now, language):
        candidates = [t.text for t in terms if not t.cjk and len(t.text) >= MIN_SUGGESTED_LENGTH]
        if not candidates:
            return {}
        # The words of the names most like each term (pg_trgm's `%`: similarity of at least
        # 0.3, over the trigram index of the few thousand distinct words), the term itself
        # among them if it is one, and only those a public entry holds: as a name in the
        # page's language writes it if one does, else as any name does. Each is one or
        # two probes of the (word, language) index, stopping at the first public row.
        sql = f"""
SELECT t.term, w.word, w.written, w.in_language FROM unnest(%(terms)s::text[]) AS t(term)
CROSS JOIN LATERAL (
  SELECT v.word, f.written, f.in_language FROM search_searchword v
  CROSS JOIN LATERAL (
    (SELECT e.written, true AS in_language FROM search_entryword e
     WHERE e.word = v.word AND e.language = %(language)s AND {_visible()} LIMIT 1)
    UNION ALL
    (SELECT e.written, false FROM search_entryword e
     WHERE e.word = v.word AND {_visible()} LIMIT 1)
    LIMIT 1
  ) f
  WHERE v.word %% t.term
  ORDER BY similarity(v.word, t.term) DESC, v.word LIMIT 10
) w
"""  # noqa: S608
        names: dict[str, list[tuple[str, str, bool]]] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, {"terms": candidates, "now": now, "language": language})
            for term, word, written, in_language in cursor.fetchall():
                names.setdefault(term, []).append((word, written or word, in_language))
        return _suggestions(candidates, names)


def _names_by_language(row: dict) -> dict[str, list[str]]:
    """{language: its names and keywords} of an entry to store (`Backend.store`)."""
    names: dict[str, list[str]] = {}
    for weight in ("A", "B"):
        for language, text in row["index"].get(weight, {}).items():
            names.setdefault(language, []).append(text)
    return names


def store_words(entries) -> None:
    """Replace the words of these entries ((id, names, publish_at) each), as "did you
    mean" reads them: the non-CJK words of the names long enough to be suggested, with
    the language of the name and the word as written in it, and any of them the index
    did not know yet. `names` is {language: [name, ...]}."""
    ids, rows = [], []
    for pk, names, publish_at in entries:
        ids.append(pk)
        for language, texts in names.items():
            seen = set()
            for word, written in written_words("\n".join(texts)):
                if len(word) >= MIN_SUGGESTED_LENGTH and word not in seen:
                    seen.add(word)
                    rows.append((pk, word, language, written, publish_at))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_entryword WHERE entry_id = ANY(%s)", [ids])
        if not rows:
            return
        entry_ids, texts, languages, written, publish = zip(*rows, strict=True)
        cursor.execute(
            "INSERT INTO search_entryword (entry_id, word, language, written, publish_at) "
            "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], "
            "%s::timestamptz[])",
            [list(entry_ids), list(texts), list(languages), list(written), list(publish)],
        )
        # Sorted: two indexers adding the same new words lock them in the same order.
        cursor.execute(
            "INSERT INTO search_searchword (word) SELECT unnest(%s::text[]) "
            "ON CONFLICT (word) DO NOTHING",
            [sorted(set(texts))],
        )


def _suggestions(candidates, names) -> dict[str, tuple[str, str]]:
    """{term: (word, written)}: the closest word to each term, from `names` ({term:
    [(word, written, in the page's language), ...]}), one of the page's language when
    one is alike enough."""
    suggestions = {}
    for term in candidates:
        known = {}
        for word, written, in_language in names.get(term, ()):
            # A word of the page's language keeps its spelling there.
            if word not in known or (in_language and not known[word][1]):
                known[word] = (written, in_language)
        if term in known:
            continue
        word, similarity = closest_word(term, [w for w in known if known[w][1]])
        if similarity < MIN_SIMILARITY:
            word, similarity = closest_word(term, known)
        if similarity >= MIN_SIMILARITY:
            suggestions[term] = (word, known[word][0])
    return suggestions


def _name_patterns(phrase: str) -> dict[str, str]:
    """PostgreSQL regular expressions for `phrase` in a name (`part`), at the start of one
    (`start`) and as all of one (`exact`); between its words, spaces and punctuation."""
    if not phrase:
        return {"longest": "", **dict.fromkeys(("part", "line", "start", "exact"), "a^")}  # nothing
    # A bracket expression: "]" first, "[" and "-" last, and a backslash doubled. The
    # words are \w+ runs: no character of theirs means anything to a regular expression.
    inside = NAME_PUNCTUATION.replace("\\", "\\\\")
    for special in "[]-":
        inside = inside.replace(special, "")
    between = f"[]{inside} [-]*"
    part = between.join(phrase.split(" "))
    return {
        # A regular expression costs ten times strpos: first a word it needs.
        "longest": max(phrase.split(" "), key=len),
        "part": part,
        # The first name holding it, with the whole line (`names` is sorted by length).
        "line": f"\n([^\n]*{part}[^\n]*)",
        "start": f"\n{between}{part}",
        "exact": f"\n{between}{part}{between}\n",
    }


def _shortest_name_length(phrase: str) -> str:
    """SQL for the length of the shortest of an entry's names holding `phrase` (see
    `_name_patterns`), NULL when none does: the first one, `names` being sorted by length.
    A phrase of one word is found with strpos, and its line measured around it; a
    regular expression that returns what it matched costs three times as much."""
    if not phrase:
        return "NULL::int"
    if " " in phrase:
        return (
            "CASE WHEN strpos(e.names, %(longest)s) > 0 "
            "THEN length(substring(e.names FROM %(line)s)) END"
        )
    at = "strpos(e.names, %(longest)s)"
    return (
        f"CASE WHEN {at} > 0 THEN length(split_part(left(e.names, {at} - 1), chr(10), -1)) "
        f"+ strpos(substr(e.names, {at}), chr(10)) - 1 END"
    )


def _name_factor(phrase: str, names: str) -> float:
    """The plain backend's twin of the name multipliers of `PostgresBackend.search`."""
    between = f"[{re.escape(NAME_PUNCTUATION)} ]*"
    part = between.join(re.escape(word) for word in phrase.split(" ")) if phrase else ""
    if not part or not re.search(part, names):
        return 1.0
    if re.search(f"\n{between}{part}{between}\n", names):
        factor = EXACT_NAME
    elif re.search(f"\n{between}{part}", names):
        factor = START_OF_NAME
    else:
        factor = PART_OF_NAME
    coverage = max(len(phrase) / len(name) for name in names.split("\n") if re.search(part, name))
    return factor * (1 + coverage)


def _stemmers_for(term: Term) -> list[str]:
    """The stemmer configurations that can read `term` (a folded word)."""
    if term.cjk or not term.text or term.text.isdigit():
        return []
    first = next((char for char in term.text if char.isalpha()), "")
    script = _script(first)
    return [config for config in STEMMERS.values() if SNOWBALL_SCRIPTS[config] == script]


def _script(char: str) -> str | None:
    """The script of a folded letter, as SNOWBALL_SCRIPTS names them."""
    if not char:
        return None
    if char.isascii():
        return "latin"
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    return next(
        (script for script in ("latin", "cyrillic", "arabic", "greek") if script.upper() in name),
        None,
    )


def _quoted(token: str) -> str:
    """A token as a tsquery lexeme: quoted, so that no character of it is an operator."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _name_positional(sql: str, counter) -> str:
    """Turn the terms' `%s` into `%(tN)s` (the statement's other parameters are named)."""
    out, rest = [], sql
    while True:
        index = rest.find("%s")
        if index < 0:
            out.append(rest)
            return "".join(out)
        out.append(rest[:index] + f"%(t{next(counter)})s")
        rest = rest[index + 2 :]


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _hit(row) -> Hit:
    kind, slug, language, title, text, starts_at, ends_at, past = row
    return Hit(
        kind=kind,
        slug=slug,
        title=title or "",
        text=text or "",
        language=language,
        starts_at=_instant(starts_at),
        ends_at=_instant(ends_at),
        past=bool(past),
    )


def _instant(value):
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


class PlainBackend(Backend):
    """Any other database (the SQLite of `make run`): entries are read and matched in
    Python, by prefix for words and by substring for CJK runs. Fine for a demo's few
    hundred rows; PostgreSQL is the engine of a real site."""

    WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}

    def store(self, rows):
        if rows:
            self._upsert(rows)

    def _rows(self, now):
        from django.db.models import Q

        return SearchEntry.objects.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        ).values_list(
            "id",
            "kind",
            "slug",
            "titles",
            "texts",
            "names",
            "body",
            "starts_at",
            "ends_at",
            "boost",
        )

    @staticmethod
    def _matches(term: Term, text: str, word_list: list[str]) -> bool:
        if term.alternative and any(word.startswith(term.alternative) for word in word_list):
            return True
        if term.cjk:
            return term.text in text
        return any(word.startswith(term.text) for word in word_list)

    def search(self, terms, *, phrase, language, kind, offset, limit, now):
        if not terms:
            return Found()
        matched = []
        for pk, row_kind, slug, titles, texts, names, body, starts, ends, boost in self._rows(now):
            name_text = fold(" ".join(titles.values())) + names
            # The whole folded text (`texts` keeps only the start of each, for snippets).
            parts = {"A": name_text, "B": names, "C": body}
            split = {weight: words(text) for weight, text in parts.items()}
            hits, score = 0, 0.0
            for term in terms:
                found = [w for w in parts if self._matches(term, parts[w], split[w])]
                if found:
                    hits += 1
                    score += max(self.WEIGHTS[w] for w in found)
            if not hits:
                continue
            past = row_kind == "event" and ends is not None and ends < now
            score *= _name_factor(phrase, names)
            score *= boost * (PAST_EVENT if past else 1)
            matched.append((hits, score, pk, row_kind, slug, titles, texts, starts, ends, past))
        if not matched:
            return Found()
        most = max(m[0] for m in matched)
        best = [m for m in matched if m[0] == most]
        counts: dict[str, int] = {}
        for m in best:
            counts[m[3]] = counts.get(m[3], 0) + 1
        chosen = [m for m in best if not kind or m[3] == kind]
        if kind == "event":
            chosen.sort(key=lambda m: (m[9], -m[1], m[7] or now, m[2]))
        else:
            chosen.sort(key=lambda m: (-m[1], m[2]))
        hits = []
        for _, _, _, row_kind, slug, titles, texts, starts, ends, past in chosen[
            offset : offset + limit
        ]:
            shown = next((lang for lang in (language, *FALLBACKS) if lang in titles), language)
            text = next((texts[lang] for lang in (shown, *FALLBACKS) if lang in texts), "")
            hits.append(Hit(row_kind, slug, titles.get(shown, ""), text, shown, starts, ends, past))
        return Found(hits=hits, counts=counts, words_matched=most)

    def suggest(self, terms, *, now, language):
        candidates = [t.text for t in terms if not t.cjk and len(t.text) >= MIN_SUGGESTED_LENGTH]
        if not candidates:
            return {}
        known: dict[str, tuple[str, str, bool]] = {}
        for row in self._rows(now):
            # Titles as written, in their language; the other names (keywords) folded.
            for title_language, title in row[3].items():
                for word, written in written_words(title):
                    ours = title_language == language
                    if word not in known or (ours and not known[word][2]):
                        known[word] = (word, written, ours)
            for word in words(row[5]):
                known.setdefault(word, (word, word, False))
        return _suggestions(candidates, dict.fromkeys(candidates, list(known.values())))


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else PlainBackend()
