"""URL configuration: language-prefixed public pages, admin, SEO and health."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from apps.core.pagecache import kept_per_content_version
from apps.portal import views as portal_views
from apps.portal.sitemaps import SITEMAPS

admin.site.site_header = settings.ADMIN_SITE_HEADER
admin.site.site_title = settings.ADMIN_SITE_HEADER
admin.site.index_title = admin.site.site_header

urlpatterns = [
    path("", portal_views.language_redirect, name="root"),
    path("healthz", portal_views.healthz, name="healthz"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
    path("favicon.ico", portal_views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        # Long to write and read by programs: kept per content version even when the page
        # cache is off (an edit retires them), and at most 15 minutes old.
        kept_per_content_version(15 * 60)(portal_views.sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        kept_per_content_version(15 * 60)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("i18n/setlang/", portal_views.set_language, name="set_language"),
    path("i18n/choose/<str:code>/", portal_views.choose_language, name="choose_language"),
    # First: the two-step staff login (at admin:login's address) and second-factor pages.
    path("admin/", include("apps.core.staff_urls")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("sister-cities/", include("apps.sister_cities.urls")),
    path("events/", include("apps.events.urls")),
    path("services/", include("apps.service_packages.urls")),
    path("search/", include("apps.search.urls")),
    path("", include("apps.venues.urls")),
    path("", include("apps.portal.urls")),
    prefix_default_language=True,
)

handler404 = "apps.portal.views.page_not_found"
handler500 = "apps.portal.views.server_error"

if settings.SERVE_MEDIA:
    # The embedded demo serves uploads itself; production lets nginx or S3 do it.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
