"""Lists write each event card in Python ({% event_cards %}): the same bytes as
templates/events/_card.html in every language, read from `for_cards()` rows without
another query."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.template import engines
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image

from apps.events.models import Event
from apps.events.templatetags.event_tags import card_html
from tests.languages import CODES
from tests.venues.factories import VenueFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def jpeg() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), "teal").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="card.jpg")


@pytest.fixture
def every_kind_of_card():
    """Events that take each branch of the card, in several zones and languages."""
    soon = timezone.now().replace(microsecond=0) + timedelta(days=3)
    venue = VenueFactory(name_en="Prince Gong's Mansion & Garden", name_fr="Palais du prince")
    draft_venue = VenueFactory(draft=True, name_en="Hidden hall")
    later_venue = VenueFactory(name_en="Future hall", publish_at=datetime(2999, 1, 1, tzinfo=UTC))
    EventFactory(title_en="Plain", venue=venue, title_fr="Simple")
    EventFactory(
        title_en="Open <for> registration & \"more\" 'now'",
        takes_registrations=True,
        capacity=10,
        local_start=f"{soon:%Y-%m-%d} 19:30",
        time_zone="Europe/Berlin",
    )
    EventFactory(
        title_en="Not open yet",
        takes_registrations=True,
        registration_opens_at=soon + timedelta(days=1),
    )
    EventFactory(title_en="Cancelled", event_status=Event.Status.CANCELLED, venue=venue)
    EventFactory(title_en="Postponed", event_status=Event.Status.POSTPONED)
    EventFactory(title_en="Moved", event_status=Event.Status.MOVED_ONLINE, location_en="Hall 1")
    EventFactory(title_en="Online", online=True, time_zone="America/New_York")
    EventFactory(title_en="Elsewhere", venue=draft_venue, location_en="Courtyard, Xicheng")
    EventFactory(title_en="Later venue", venue=later_venue, online=True)
    EventFactory(title_zh_hans="只有中文的标题", title_en="", time_zone="Etc/GMT+5")
    EventFactory(title_en="One day", all_day=True, hours=5)
    EventFactory(title_en="Three days", all_day=True, hours=60, category=Event.Category.FESTIVAL)
    EventFactory(title_en="Pictured", image=jpeg(), category=Event.Category.TALK)
    # A category since dropped from the choices shows its stored value, as Django does.
    gone = EventFactory(title_en="Unknown category")
    Event.objects.filter(pk=gone.pk).update(category="gone")


@pytest.mark.parametrize("language", CODES)
def test_a_card_is_the_card_template_to_the_byte(every_kind_of_card, language):
    with translation.override(language):
        events = list(Event.objects.upcoming().for_cards())
        assert len(events) == 14
        with CaptureQueriesContext(connection) as queries:
            written = [card_html(event) for event in events]
        # The active language's columns and its fallbacks came with the rows.
        assert [q["sql"] for q in queries.captured_queries] == []
        for event, html in zip(events, written, strict=True):
            assert html == render_to_string("events/_card.html", {"event": event}), event.slug
    # Every branch of the card was taken.
    page = "".join(written)
    for part in ('class="badge" href="/', "badge--status", "is-cancelled", "<picture>", "gone"):
        assert part in page, part
    assert 'lang="zh-hans">只有中文的标题</a>' in page
    assert page.count("<time datetime=") == 14


def test_the_tag_writes_what_an_include_per_event_wrote(every_kind_of_card):
    events = list(Event.objects.upcoming().for_cards())
    django = engines["django"]
    tag = django.from_string("{% load event_tags %}<ul>{% event_cards events %}</ul>")
    loop = django.from_string(
        '<ul>{% for event in events %}{% include "events/_card.html" %}{% endfor %}</ul>'
    )
    assert tag.render({"events": events}) == loop.render({"events": events})
    assert tag.render({"events": []}) == "<ul></ul>"


def test_the_listing_and_the_home_page_show_the_cards(client, every_kind_of_card):
    listing = client.get("/en/events/").content.decode()
    home = client.get("/en/").content.decode()
    for html in (listing, home):
        assert '<li class="card event-card">' in html
    assert "Open &lt;for&gt; registration &amp; &quot;more&quot; &#x27;now&#x27;" in listing
    assert '<li class="card event-card is-cancelled">' in listing
