"""Template filters for times as visitors read them: "Beijing time (UTC+8)"."""

from django import template

from apps.core import timezones

register = template.Library()


@register.filter
def zone_label(zone, at=None):
    """`{{ event.time_zone|zone_label:event.local_start }}` → "Beijing time (UTC+8)",
    "Minsk time (UTC+3)": the zone's offset at that instant, in the active language."""
    if not zone:
        return ""
    return timezones.zone_label(str(zone), at)
