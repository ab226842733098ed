"""The search page, and the OpenSearch description that lets browsers use it."""

import time

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info, gettext
from django.views.decorators.http import require_safe

from apps.core.ratelimit import client_network, rate_limit_hit

from .analysis import MAX_QUERY_LENGTH
from .indexing import search_sources
from .services import PER_PAGE, SearchResults, search_query_count, search_run
from .snippets import snippet

# A minute's window for the searches one address may make (SEARCH_RATE_LIMIT).
RATE_WINDOW_SECONDS = 60


def _page_number(value: str) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _link(query: str, **params) -> str:
    values = {"q": query, **{key: value for key, value in params.items() if value}}
    return "?" + urlencode(values)


@require_safe
def search(request):
    language = get_language()
    raw = request.GET.get("q", "")
    kind = request.GET.get("type", "")
    sources = search_sources()
    status = 200
    if not raw.strip():
        results = SearchResults(query="", kind="", page=1)
    elif rate_limit_hit(
        f"search:{client_network(request)}",
        limit=settings.SEARCH_RATE_LIMIT,
        window_seconds=RATE_WINDOW_SECONDS,
    ):
        results, status = SearchResults(query=raw[:MAX_QUERY_LENGTH], kind="", page=1), 429
    else:
        results = search_run(
            raw,
            language=language,
            kind=kind,
            page=_page_number(request.GET.get("page")),
            exact=request.GET.get("exact") == "1",
        )
        search_query_count(results, language=language)
    hits = []
    for hit in results.found.hits:
        source = sources.get(hit.kind)
        if source is None:  # a kind whose app is gone, until the next rebuild
            continue
        hits.append(
            {
                "hit": hit,
                "url": source.url(hit.slug),
                "type": source.item_label,
                "snippet": snippet(hit.text, results.terms),
                "fallback": (
                    get_language_info(hit.language)["name_translated"]
                    if hit.language != language
                    else ""
                ),
            }
        )
    query = results.query
    filters = [
        {
            "label": gettext("All results"),
            "count": results.found.total,
            "url": _link(query, exact=request.GET.get("exact")),
            "current": not results.kind,
        }
    ] + [
        {
            "label": source.label,
            "count": results.found.counts.get(code, 0),
            "url": _link(query, type=code, exact=request.GET.get("exact")),
            "current": results.kind == code,
        }
        for code, source in sources.items()
        if results.found.counts.get(code)
    ]
    page_link = lambda number: _link(  # noqa: E731
        query, type=results.kind, page=number, exact=request.GET.get("exact")
    )
    context = {
        "results": results,
        "hits": hits,
        "filters": filters,
        "rate_limited": status == 429,
        "previous_url": page_link(results.page - 1) if results.page > 1 else "",
        "next_url": page_link(results.page + 1) if results.page < results.pages else "",
        "beyond_last": bool(results.found.counts) and results.page > results.pages,
        "original_url": _link(query, exact="1"),
        "first_page_url": page_link(1),
        # Typed text inside a translated sentence: isolated, so that a Latin query in an
        # Arabic sentence (or the reverse) does not reorder the words around it.
        "query_isolated": format_html("<bdi>{}</bdi>", query),
        "suggestion_isolated": format_html("<bdi>{}</bdi>", results.suggestion),
        "suggestion_url": _link(results.suggestion) if results.suggestion else "",
        "max_length": MAX_QUERY_LENGTH,
        "first_number": (results.page - 1) * PER_PAGE + 1,
    }
    response = render(request, "search/results.html", context, status=status)
    # What people search for is theirs: no shared cache keeps it, and search pages are
    # not for search engines.
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    if status == 429:  # the window is the clock minute
        response["Retry-After"] = str(RATE_WINDOW_SECONDS - int(time.time()) % RATE_WINDOW_SECONDS)
    return response


@require_safe
def opensearch(request):
    """The OpenSearch description of the search in this language (browsers offer it as a
    search engine; <link rel="search"> in every page points here)."""
    base = settings.SITE_URL
    body = loader.render_to_string(
        "search/opensearch.xml",
        {
            "template": base + reverse("search:results") + "?q={searchTerms}",
            "language": get_language(),
            "base": base,
        },
        request,
    )
    return HttpResponse(body, content_type="application/opensearchdescription+xml; charset=utf-8")
