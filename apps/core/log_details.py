"""A log line's `detail` (JSON) as staff read it: translated labels and values, escaped.

The keys are those the security and personal-data logs write (apps/core/staff_security.py,
`PersonalDataAdminMixin`, the events app); a key or a code not listed here is shown as
written, so a new one is still readable, only untranslated.
"""

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LABELS = {
    # The security log.
    "reason": gettext_lazy("Reason"),
    "second_factor": gettext_lazy("Second factor"),
    "counting_failed": gettext_lazy("Failed logins could not be counted"),
    # The personal-data log.
    "operation": gettext_lazy("Operation"),
    "page": gettext_lazy("Page"),
    "event": gettext_lazy("Event"),
    "events": gettext_lazy("Events"),
    "more_events": gettext_lazy("More events"),
    "registration": gettext_lazy("Registration"),
    "filters": gettext_lazy("Filters"),
    "searched": gettext_lazy("Searched"),
    "fields": gettext_lazy("Fields changed"),
    "format": gettext_lazy("File format"),
    "skipped": gettext_lazy("Skipped"),
    "audience": gettext_lazy("Recipients"),
    "languages": gettext_lazy("Languages"),
}

# Codes written as values, by key.
VALUES = {
    "reason": {
        "idle": gettext_lazy("no request for too long"),
        "lifetime": gettext_lazy("longest session reached"),
        "second_factor": gettext_lazy("second factor missing"),
        "no_login_time": gettext_lazy("logged in before the session limits"),
    },
    "second_factor": {
        "totp": gettext_lazy("authenticator app"),
        "recovery": gettext_lazy("recovery code"),
        "none": gettext_lazy("no second factor"),
        "missing": gettext_lazy("no second factor"),
    },
    "operation": {
        "edit": gettext_lazy("correction"),
        "delete": gettext_lazy("deletion"),
        "cancel": gettext_lazy("cancellation"),
        "confirm_from_waitlist": gettext_lazy("move from the waitlist"),
        "send_again": gettext_lazy("emails sent again"),
        "message": gettext_lazy("message to registrants"),
    },
    "page": {
        "change": gettext_lazy("record"),
        "history": gettext_lazy("history"),
        "delete": gettext_lazy("deletion confirmation"),
    },
    "audience": {
        # The events app's RegistrantMessage.Audience labels (core imports no app).
        "confirmed": gettext_lazy("Registrants with a confirmed place"),
        "waitlisted": gettext_lazy("Registrants on the waitlist"),
        "all": gettext_lazy("All registrants (confirmed and on the waitlist)"),
    },
}


def detail_items(detail: dict) -> list[tuple[str, str]]:
    """(label, value) pairs of a line's detail, in the order of LABELS, then the others."""
    order = {key: position for position, key in enumerate(LABELS)}
    keys = sorted(detail, key=lambda key: (order.get(key, len(order)), key))
    return [
        (str(LABELS.get(key, key)), _value_text(detail[key], VALUES.get(key, {}))) for key in keys
    ]


def detail_html(detail: dict) -> SafeString | str:
    """A line's detail as a list of "label: value", escaped; a dash when there is none."""
    if not detail:
        return "—"
    # The pattern is translated (French puts a space before the colon); it comes from the
    # catalogs, the label and value are escaped before they are put in it.
    pattern = escape(_("%(label)s: %(value)s"))
    lines = [
        (mark_safe(pattern % {"label": escape(label), "value": escape(value)}),)  # noqa: S308
        for label, value in detail_items(detail)
    ]
    return format_html('<ul class="log-detail">{}</ul>', format_html_join("", "<li>{}</li>", lines))


def _value_text(value, codes: dict) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value in ("", [], {}):
        return "—"
    if isinstance(value, list):
        return ", ".join(_value_text(item, codes) for item in value)
    if isinstance(value, dict):
        if set(value) == {"id", "slug"}:  # an event, as the personal-data log names one
            return f"{value['slug']} (#{value['id']})"
        return "; ".join(f"{key} = {_value_text(item, {})}" for key, item in value.items())
    if isinstance(value, str) and value in codes:
        return str(codes[value])
    return str(value)
