"""Event cards for the lists of the listing and the home page, written in Python.

`templates/events/_card.html` is the card's markup. Twenty cards through that template were
most of a listing page's time, so lists write the same bytes here, calling the same tags
and filters; tests/events/test_cards.py holds the two equal for every kind of card.
"""

from django import template
from django.template.defaultfilters import date
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.core.templatetags.core_tags import shown_language
from apps.core.templatetags.image_tags import responsive_image
from apps.core.templatetags.time_tags import zone_label

register = template.Library()

CARD_IMAGE_SIZES = "(max-width: 40rem) 100vw, 24rem"


@register.simple_tag
def event_cards(events) -> SafeString:
    """`{% event_cards events %}`: one `_card.html` card per event, as an include would."""
    return mark_safe("".join(card_html(event) for event in events))  # noqa: S308 (escaped below)


def _display(choices, value) -> str:
    """`get_FOO_display()` without building a dict of every choice's label on each call."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def card_html(event) -> str:
    """The markup of `templates/events/_card.html` for `event`, to the byte."""
    esc = conditional_escape
    title = esc(event.title)
    start = event.local_start
    if event.all_day:
        when = esc(date(start, "DATE_FORMAT"))
        end = event.local_end
        if end.date() != start.date():
            when += " – " + esc(date(end, "DATE_FORMAT"))
    else:
        when = f"{esc(date(start, 'DATETIME_FORMAT'))} {esc(zone_label(event.time_zone, start))}"
    meta = esc(_display(event.Category, event.category))
    if event.is_held_online:
        meta += " · " + esc(gettext("Online"))
    venue = event.public_venue
    if venue:
        meta += " · " + esc(venue.name)
    elif event.location:
        meta += " · " + esc(event.location)
    if event.event_status != "scheduled":
        badges = (
            '<p class="badges"><span class="badge badge--status">'
            f"{esc(_display(event.Status, event.event_status))}</span></p>\n    "
        )
    elif event.takes_registrations and event.registration_state() == "open":
        badges = (
            f'<p class="badges"><a class="badge" href="{esc(event.get_register_url())}">'
            f'{esc(gettext("Registration open"))}<span class="visually-hidden">: {title}</span>'
            "</a></p>"
        )
    else:
        badges = ""
    media = ""
    if event.image:
        picture = get_template("includes/responsive_image.html").render(
            responsive_image(event.image, alt="", sizes=CARD_IMAGE_SIZES)
        )
        media = f'<div class="card__media">{picture}</div>'
    return (
        f'\n<li class="card event-card{" is-cancelled" if event.is_cancelled else ""}">\n'
        '  <div class="card__body">\n'
        f'    <h3 class="card__title"><a href="{esc(event.get_absolute_url())}" '
        f'lang="{esc(shown_language(event, "title"))}">{title}</a></h3>\n'
        f'    <p class="card__meta"><time datetime="{start.isoformat()}">{when}</time></p>\n'
        f'    <p class="card__meta">{meta}</p>\n'
        f"    {badges}\n"
        "  </div>\n"
        f"  {media}\n"
        "</li>"
    )
