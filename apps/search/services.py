"""Searching: what a visitor typed to a page of results, and the counts staff read."""

import functools
import logging
import math
from dataclasses import dataclass, field

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .analysis import (
    Term,
    clean_query,
    fold,
    query_phrase,
    query_terms,
    query_words,
    significant_terms,
    word_runs,
)
from .backends import Found, backend
from .indexing import search_sources
from .models import QueryCount

logger = logging.getLogger(__name__)

PER_PAGE = 10
# Pages of results a visitor may ask for (deeper pages are junk or crawling).
MAX_PAGE = 50
# Where the counts of queries wait in Redis for `search_query_counts_save()`.
COUNTS_KEY = "search:query-counts"


@dataclass
class SearchResults:
    query: str  # as cleaned, shown back in the box
    kind: str
    page: int
    found: Found = field(default_factory=Found)
    terms: list[Term] = field(default_factory=list)
    shortened: bool = False
    # "Did you mean": the corrected query, and whether the results are its results.
    suggestion: str = ""
    corrected: bool = False

    @property
    def pages(self) -> int:
        total = self.found.counts.get(self.kind, 0) if self.kind else self.found.total
        return max(1, min(MAX_PAGE, math.ceil(total / PER_PAGE)))

    @property
    def all_words(self) -> bool:
        """Whether the results hold every word that matters of the query.

        A query of Chinese or Japanese alone counts as whole when anything is found: its
        pairs include the ones across words written together (ビザ招へい状 has ザ招),
        which no text need hold."""
        if not self.found.counts:
            return False
        return self.found.words_matched >= len(self.terms) or all(t.cjk for t in self.terms)


def search_run(
    raw_query: str, *, language: str, kind: str = "", page: int = 1, exact: bool = False
) -> SearchResults:
    """The results of `raw_query` shown in `language`: at most three statements (the
    results; "did you mean" when nothing had every word; the suggestion's results)."""
    query, shortened = clean_query(raw_query)
    if kind not in search_sources():
        kind = ""
    page = min(max(page, 1), MAX_PAGE)
    results = SearchResults(query=query, kind=kind, page=page, shortened=shortened)
    typed = query_terms(query)
    results.terms = significant_terms(typed)
    if not results.terms:
        return results
    # The whole query, stop words included, for "is it a name?"
    phrase = query_phrase(query)
    engine = backend()
    now = timezone.now()

    def run(terms, phrase):
        return engine.search(
            terms,
            phrase=phrase,
            language=language,
            kind=kind,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
            now=now,
        )

    results.found = run(results.terms, phrase)
    if results.all_words or exact:
        return results
    corrections = engine.suggest(results.terms, now=now, language=language)
    if not corrections:
        return results
    corrected = [
        Term(
            corrections[term.text][0] if term.text in corrections else term.text,
            term.cjk,
            term.alternative,
        )
        for term in results.terms
    ]
    results.suggestion = corrected_query(query, corrections)
    found = run(corrected, query_phrase(results.suggestion))
    if found.words_matched > results.found.words_matched or not results.found.counts:
        if found.counts:
            results.found, results.terms, results.corrected = found, corrected, True
    return results


def corrected_query(query: str, corrections: dict[str, tuple[str, str]]) -> str:
    """`query` with its corrected words as the names write them ("Nakano" for "nakanno"),
    the others as typed."""
    shown = []
    for word in query_words(query):
        runs = word_runs(fold(word))
        if not any(not cjk and run in corrections for run, cjk in runs):
            shown.append(word)
            continue
        shown.append(
            "".join(
                corrections[run][1] if not cjk and run in corrections else run for run, cjk in runs
            )
        )
    return " ".join(shown)


def search_query_count(results: SearchResults, *, language: str) -> None:
    """Count one search of this query (folded) in this language, found or not.

    Counted in Redis and saved by beat (`search.save_query_counts`), so that a search
    page writes nothing to the database; without Redis (the embedded demo) the count is
    written at once. A Redis outage loses counts, never a page."""
    if not results.terms or results.page != 1 or results.kind:
        return  # the first page of all results is one search; the rest is browsing it
    query = fold(results.query)[: QueryCount._meta.get_field("query").max_length]
    found = bool(results.found.counts)
    day = timezone.localdate()  # the portal's zone: Beijing
    if not settings.REDIS_URL:
        _save_counts({(day.isoformat(), language, found, query): 1})
        return
    try:
        _redis().hincrby(
            COUNTS_KEY, "\x1f".join((day.isoformat(), language, "1" if found else "0", query)), 1
        )
    except redis.RedisError:
        logger.warning("Could not count a search query: Redis is unreachable.")


def _redis():
    return _redis_client(settings.REDIS_URL)


@functools.lru_cache(maxsize=4)
def _redis_client(url: str):
    """One client (and connection pool) per process and address: a new one per search
    cost a TCP connection each time."""
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def search_query_counts_save() -> int:
    """Move the counts waiting in Redis into the database; returns how many queries."""
    if not settings.REDIS_URL:
        return 0
    client = _redis()
    taking = f"{COUNTS_KEY}:saving"
    # RENAME is atomic: searches counted from now on go to a new hash. A hash left by a
    # save that failed half way is saved first (its counts were not written).
    if not client.exists(taking):
        try:
            client.rename(COUNTS_KEY, taking)
        except redis.ResponseError:  # nothing counted since the last save
            return 0
    counts = {}
    for key, value in client.hgetall(taking).items():
        day, language, found, query = key.decode().split("\x1f", 3)
        counts[(day, language, found == "1", query)] = int(value)
    # Saved whole or not at all, and the hash dropped only after: a failure leaves it for
    # the next run rather than saving part of it twice.
    with transaction.atomic():
        _save_counts(counts)
    client.delete(taking)
    return len(counts)


def _save_counts(counts: dict) -> None:
    for (day, language, found, query), number in counts.items():
        key = {"day": day, "language": language, "query": query, "found": found}
        for _ in range(2):  # a second writer may create the row between our two steps
            if QueryCount.objects.filter(**key).update(count=F("count") + number):
                break
            try:
                with transaction.atomic():
                    QueryCount.objects.create(**key, count=number)
                break
            except IntegrityError:
                continue
