"""What visitors search for, for staff: the most frequent queries and those that found
nothing, per language and period, to learn what content is missing. Counts only: a
QueryCount keeps no address, no session and no time of day."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from apps.core.admin import ReadOnlyAdmin

from .models import QueryCount

# The periods staff choose from, in days up to today (Beijing), and the one shown first.
PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
# Rows of each table: the head of the list is what tells staff something.
SHOWN = 50


def _choice(value: str, choices) -> str:
    return value if value in choices else ""


@admin.register(QueryCount)
class QueryCountAdmin(ReadOnlyAdmin):
    """One page of statistics instead of the list of rows (a query's count on one day
    says little alone); read only, for whoever may view search queries."""

    def get_urls(self):
        # No page for a single row, nor add, change, delete or history pages.
        return [
            path(
                "",
                self.admin_site.admin_view(require_safe(self.changelist_view)),
                name=f"{self.opts.app_label}_{self.opts.model_name}_changelist",
            )
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        languages = dict(settings.LANGUAGES)
        language = _choice(request.GET.get("language", ""), languages)
        days = _choice(request.GET.get("days", ""), {str(days) for days in PERIODS})
        days = int(days) if days else DEFAULT_PERIOD
        today = timezone.localdate()
        since = today - timedelta(days=days - 1)
        counts = QueryCount.objects.since(since).in_language(language)
        summary = counts.aggregate(
            searches=Sum("count", default=0),
            found_nothing=Sum("count", filter=Q(found=False), default=0),
        )

        def rows(queryset):
            return [
                {**row, "language_name": languages.get(row["language"], row["language"])}
                for row in queryset[:SHOWN]
            ]

        def link(**params):
            values = {"language": language, "days": days, **params}
            return "?" + urlencode({key: value for key, value in values.items() if value})

        filters = [
            {
                "title": gettext("language"),
                "choices": [
                    {
                        "display": gettext("All languages"),
                        "selected": not language,
                        "query_string": link(language=""),
                    }
                ]
                + [
                    {
                        "display": name,
                        "selected": code == language,
                        "query_string": link(language=code),
                    }
                    for code, name in settings.LANGUAGES
                ],
            },
            {
                "title": gettext("period"),
                "choices": [
                    {
                        "display": ngettext("Last %(days)d day", "Last %(days)d days", period)
                        % {"days": period},
                        "selected": period == days,
                        "query_string": link(days=period),
                    }
                    for period in PERIODS
                ],
            },
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("What visitors search for"),
            "filters": filters,
            "language": language,
            "language_name": languages.get(language, ""),
            "days": days,
            "since": since,
            "today": today,
            "summary": summary,
            "top": rows(counts.totals()),
            "found_nothing": rows(counts.found_nothing().totals()),
            "shown": SHOWN,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/search/querycount/statistics.html", context)
