"""Pages that span the apps: home, language redirect, health, robots, errors."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from apps.core.content import publication_key
from apps.core.services import staff_language_remember

from .forms import DesignSampleForm
from .services import health_check, home_content


def set_language(request):
    """Django's set_language, reading the `next` page in its own language.

    Django resolves `next` in the language of the request (cookie or browser), so a
    page whose prefix differs from it would not be translated; activating the prefix's
    language first keeps the visitor on the same page in every case.
    """
    next_url = request.POST.get("next", request.GET.get("next", ""))
    path_language = translation.get_language_from_path(next_url.split("?", 1)[0])
    if path_language:
        translation.activate(path_language)
    if request.method == "POST":
        staff_language_remember(user=request.user, language=request.POST.get("language", ""))
    return i18n_views.set_language(request)


@never_cache
@require_safe
def choose_language(request, code):
    """The public language switcher: a link, so that pages carry no form and no CSRF
    cookie (a cache may keep them). Remembers the choice in the language cookie, then
    goes to `next`, the same page in that language; anything else goes home."""
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language")
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe or translation.get_language_from_path(next_url.split("?", 1)[0]) != code:
        with translation.override(code):
            next_url = reverse("portal:home")
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_safe
def language_redirect(request):
    """`/` sends the visitor to the home page in their best language."""
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        url = reverse("portal:home")
    response = HttpResponseRedirect(url)
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


def site_structured_data() -> dict:
    """schema.org WebSite of the home page, with its SearchAction: search engines may
    offer a search box that lands on the portal's search in this language."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": gettext("Xicheng International Exchange Portal"),
        "url": settings.SITE_URL + reverse("portal:home"),
        "inLanguage": translation.get_language(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": settings.SITE_URL
                + reverse("search:results")
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def home(request):
    # Read first: content read after it is never older than the key it is kept under.
    published = publication_key()
    today = timezone.localdate()
    home = home_content(today=today)
    return render(
        request,
        "portal/home.html",
        # The anniversary of the featured partner moves with the day.
        {
            "home": home,
            "kept_key": [published, today.isoformat()],
            "site_data": site_structured_data(),
        },
    )


# The design tokens the design page shows; docs/design.md explains each.
DESIGN_COLOURS = (
    ("--ink", "#1d1d1f"),
    ("--muted", "#4a4a52"),
    ("--tint", "#f7f3ee"),
    ("--line", "#d9d2ca"),
    ("--accent", "#8c1d18"),
    ("--accent-dark", "#6e1713"),
    ("--gold", "#b8860b"),
    ("--focus", "#1a5fb4"),
    ("--success-ink", "#1e6b35"),
    ("--warning-ink", "#4d3800"),
    ("--danger-ink", "#a4140c"),
)
DESIGN_STEPS = (
    "--step--2",
    "--step--1",
    "--step-0",
    "--step-1",
    "--step-2",
    "--step-3",
    "--step-4",
)
DESIGN_SPACES = ("--space-3xs", "--space-2xs", "--space-xs", "--space-s", "--space-m", "--space-l")


@staff_member_required
@never_cache
@require_safe
def design_system(request):
    """The living design system: every component, in every language, for staff."""
    languages = []
    for code, _name in settings.LANGUAGES:
        # Each language's forms get their own ids, and their errors in that language.
        with translation.override(code):
            invalid = DesignSampleForm(
                {"name": "", "email": "not-an-address", "language": "en"},
                auto_id=f"design-{code}-invalid-%s",
            )
            invalid.is_valid()
        languages.append(
            {
                "code": code,
                "info": translation.get_language_info(code),
                "sample_form": DesignSampleForm(auto_id=f"design-{code}-%s"),
                "invalid_form": invalid,
            }
        )
    return render(
        request,
        "portal/design.html",
        {
            "colours": DESIGN_COLOURS,
            "steps": DESIGN_STEPS,
            "spaces": DESIGN_SPACES,
            "languages": languages,
        },
    )


LOOPBACK = frozenset({"127.0.0.1", "::1"})


def _may_see_health_details(request) -> bool:
    """The machine itself (a monitoring agent, not a request through the proxy) or staff.

    A request that came through nginx also arrives from the loopback address, but with
    X-Forwarded-For: that is the public, who learn only "ok" or "not ok".
    """
    if request.META.get("REMOTE_ADDR") in LOOPBACK and "HTTP_X_FORWARDED_FOR" not in request.META:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_active and request.user.is_staff


@never_cache
@require_safe
def healthz(request):
    """200 {"ok": true} or 503 {"ok": false}; which part is down only for the machine or staff."""
    report = health_check()
    status = 200 if report["ok"] else 503
    if not _may_see_health_details(request):
        report = {"ok": report["ok"]}
    return JsonResponse(report, status=status)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        *(f"Disallow: /{code}/services/track/" for code, _ in settings.LANGUAGES),
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap_index')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for `/favicon.ico` on every page without an icon link: send the site's."""
    response = HttpResponseRedirect(static("img/favicon.svg"))
    # Not permanent: the static address changes with the file's hash; a day is enough.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Keep this page free of database reads: the database may be why we are here.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": request}), status=500)


def sitemap_index(request, **kwargs):
    """Django's sitemap index, with section addresses on SITE_URL like everything else.

    Django builds them from the request's host, which behind a proxy or on an internal
    health-check address is not the public one.
    """
    response = sitemap_views.index(request, **kwargs)
    own_origin = f"{request.scheme}://{request.get_host()}"
    for item in response.context_data["sitemaps"]:
        if item.location.startswith(own_origin):
            item.location = settings.SITE_URL + item.location[len(own_origin) :]
    return response
