"""The event admin: columns, search in every language, date hierarchy, the form, the
capacity warning, status actions, the next edition (action and button), permissions."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.messages import WARNING, get_messages

from apps.core.models import PublishingStatus
from apps.events.models import Event, EventSeries, ReminderOffset
from tests.languages import FIELD_SUFFIXES
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

from .conftest import JOIN_URL
from .factories import EventFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db
EVENTS = "/admin/events/event/"
SERIES = "/admin/events/eventseries/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
TRANSLATED = ("title", "summary", "body", "image_alt", "organiser", "location", "sample_note")


@pytest.fixture(autouse=True)
def _admin_in_english(client, admin_client):
    for each in (client, admin_client):
        each.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def tbody(html: str) -> str:
    return re.search(r"<tbody>.*?</tbody>", html, re.DOTALL).group(0)


def errors(response) -> list[str]:
    return re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', response.content.decode(), re.DOTALL)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def split(moment: datetime | None, zone=SHANGHAI) -> tuple[str, str]:
    if moment is None:
        return "", ""
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"


def event_form_data(event: Event | None = None, **changes) -> dict:
    """What the change form posts back for `event` unchanged (or a new event), with changes."""
    event = event or EventFactory.build(
        slug="youth-exchange-2027",
        starts_at=datetime(2027, 5, 1, 10, tzinfo=SHANGHAI),
        ends_at=datetime(2027, 5, 1, 12, tzinfo=SHANGHAI),
        title_zh_hans="青少年交流2027",
        title_en="Youth exchange 2027",
        status=PublishingStatus.DRAFT,
    )
    data = {
        "slug": event.slug,
        "series": event.series_id or "",
        "category": event.category,
        "time_zone": event.time_zone,
        "event_status": event.event_status,
        "venue": event.venue_id or "",
        "join_url": event.join_url,
        "capacity": event.capacity or "",
        "address_confirmation": event.address_confirmation,
        "status": event.status,
        "publish_at_0": "",
        "publish_at_1": "",
    }
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        # As the form shows them: in the event's own zone.
        data[f"{name}_0"], data[f"{name}_1"] = split(getattr(event, name), event.zone)
    for name in ("all_day", "is_online", "is_sample"):
        if getattr(event, name):
            data[name] = "on"
    if event.pk:
        data["partner_cities"] = [c.pk for c in event.partner_cities.all()]
        data["languages"] = [lang.pk for lang in event.languages.all()]
    for field in TRANSLATED:
        for lang in FIELD_SUFFIXES:
            data[f"{field}_{lang}"] = getattr(event, f"{field}_{lang}") or ""
    data.update(reminder_rows(event))
    data.update(changes)
    return data


def reminder_rows(event: Event) -> dict:
    """The reminder inline as the form posts it: the defaults on add, else the event's."""
    if event.pk:
        rows = [(o.pk, o.amount, o.unit) for o in event.reminder_offsets.all()]
    else:
        rows = [(None, amount, unit) for amount, unit in ReminderOffset.DEFAULTS]
    prefix = "reminder_offsets"
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": len(rows) if event.pk else 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, (pk, amount, unit) in enumerate(rows):
        data[f"{prefix}-{index}-id"] = pk or ""
        data[f"{prefix}-{index}-event"] = event.pk or ""
        data[f"{prefix}-{index}-amount"] = amount
        data[f"{prefix}-{index}-unit"] = unit
    return data


# The event list


def test_changelist_columns(admin_client):
    EventFactory(
        title_en="Youth exchange",
        starts_at=datetime(2027, 5, 1, 10, tzinfo=SHANGHAI),
        ends_at=datetime(2027, 5, 1, 12, tzinfo=SHANGHAI),
        event_status=Event.Status.POSTPONED,
        venue=VenueFactory(name_en="Capital Museum"),
        series=EventSeriesFactory(name_en="Youth exchanges"),
    )
    html = admin_client.get(EVENTS).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "title",
        "starts_at",
        "event_status",
        "venue",
        "series",
        "registrations",
        "status",
        "translation_completeness",
    ]
    row = tbody(html)
    assert ">Youth exchange</a>" in row
    assert '<td class="field-starts_at nowrap">May 1, 2027, 10 a.m.</td>' in row
    assert '<td class="field-event_status">Postponed</td>' in row
    assert '<td class="field-venue nowrap">Capital Museum</td>' in row
    assert '<td class="field-series nowrap">Youth exchanges</td>' in row
    assert '<td class="field-status">Published</td>' in row


@pytest.mark.parametrize(
    "query", ["青少年交流", "Youth exchange", "youth", "交流活動", "nakano-youth"]
)
def test_search_finds_an_event_by_its_title_in_any_language(admin_client, query):
    EventFactory(
        slug="nakano-youth-2027",
        title_zh_hans="中日青少年交流",
        title_en="Youth exchange with Nakano",
        title_ja="中野区青少年交流活動",
    )
    EventFactory(slug="forum", title_zh_hans="金融街论坛", title_en="Financial Street Forum")
    html = admin_client.get(EVENTS, {"q": query}).content.decode()
    assert "1 result" in html
    assert "Youth exchange with Nakano" in tbody(html)
    assert "Financial Street Forum" not in tbody(html)


def test_search_by_japanese_title_while_working_in_chinese(admin_client):
    EventFactory(title_zh_hans="中日青少年交流", title_ja="中野区青少年交流活動")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = admin_client.get(EVENTS, {"q": "交流活動"}).content.decode()
    assert "中日青少年交流" in tbody(html)


def test_date_hierarchy_by_start(admin_client):
    EventFactory(title_en="In 2026", local_start="2026-05-01 10:00")
    EventFactory(title_en="In 2027", local_start="2027-05-01 10:00")
    html = admin_client.get(EVENTS).content.decode()
    assert 'href="?starts_at__year=2026"' in html
    assert 'href="?starts_at__year=2027"' in html
    rows = tbody(admin_client.get(EVENTS, {"starts_at__year": "2027"}).content.decode())
    assert "In 2027" in rows and "In 2026" not in rows


def test_list_filters(admin_client):
    EventFactory(
        title_en="Cancelled forum",
        category=Event.Category.FORUM,
        event_status=Event.Status.CANCELLED,
    )
    EventFactory(title_en="Online talk", category=Event.Category.TALK, online=True)
    rows = tbody(admin_client.get(EVENTS, {"event_status__exact": "cancelled"}).content.decode())
    assert "Cancelled forum" in rows and "Online talk" not in rows
    rows = tbody(admin_client.get(EVENTS, {"is_online__exact": "1"}).content.decode())
    assert "Online talk" in rows and "Cancelled forum" not in rows


# The form


def test_add_form_has_a_tab_input_for_every_language(admin_client):
    html = admin_client.get(EVENTS + "add/").content.decode()
    for lang in FIELD_SUFFIXES:
        for field in ("title", "summary", "body", "organiser", "location"):
            assert f'name="{field}_{lang}"' in html
    assert 'name="title"' not in html  # never the original column
    assert 'name="sequence"' not in html  # read only
    assert "Create next edition" not in html  # nothing to copy yet
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert any(src.endswith("vendor/jquery-ui/jquery-ui.min.js") for src in scripts)


def test_content_editor_adds_an_event(editor_client):
    city = SisterCityFactory()
    response = editor_client.post(
        EVENTS + "add/", event_form_data(partner_cities=[city.pk], title_ja="青少年交流")
    )
    assert response.status_code == 302, errors(response)
    event = Event.objects.get(slug="youth-exchange-2027")
    assert event.title_ja == "青少年交流"
    assert event.starts_at == datetime(2027, 5, 1, 10, tzinfo=SHANGHAI)
    assert list(event.partner_cities.all()) == [city]
    assert event.status == PublishingStatus.DRAFT
    assert event.sequence == 0


def test_content_editor_changes_an_event_and_the_revision_follows(editor_client):
    event = EventFactory(title_en="Youth exchange")
    url = f"{EVENTS}{event.pk}/change/"
    html = editor_client.get(url).content.decode()
    assert "Create next edition" in html
    response = editor_client.post(url, event_form_data(event, title_fr="Échange de jeunes"))
    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert (event.title_fr, event.sequence) == ("Échange de jeunes", 0)
    # An hour earlier, whatever the hour now: `.replace(hour=h - 1)` fails at 00:xx UTC.
    new_start = split(event.starts_at - timedelta(hours=1))
    response = editor_client.post(
        url, event_form_data(event, starts_at_0=new_start[0], starts_at_1=new_start[1])
    )
    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert event.sequence == 1


def test_times_are_entered_in_the_events_own_zone(editor_client):
    response = editor_client.post(
        EVENTS + "add/",
        event_form_data(
            time_zone="Europe/Berlin",
            starts_at_0="2027-06-01",
            starts_at_1="18:00:00",
            ends_at_0="2027-06-01",
            ends_at_1="20:00:00",
            registration_closes_at_0="2027-05-31",
            registration_closes_at_1="12:00:00",
        ),
    )
    assert response.status_code == 302, errors(response)
    event = Event.objects.get(slug="youth-exchange-2027")
    berlin = ZoneInfo("Europe/Berlin")
    assert event.starts_at == datetime(2027, 6, 1, 18, tzinfo=berlin)
    assert event.ends_at == datetime(2027, 6, 1, 20, tzinfo=berlin)
    assert event.registration_closes_at == datetime(2027, 5, 31, 12, tzinfo=berlin)
    # The change form shows them as entered.
    html = editor_client.get(f"{EVENTS}{event.pk}/change/").content.decode()
    assert re.search(r'name="starts_at_1" value="18:00:00"', html)
    assert re.search(r'name="ends_at_1" value="20:00:00"', html)
    # Saving unchanged is the same instant and the same revision.
    response = editor_client.post(
        f"{EVENTS}{event.pk}/change/", event_form_data(event, title_fr="Échange")
    )
    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert event.starts_at == datetime(2027, 6, 1, 18, tzinfo=berlin)
    assert event.sequence == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at_0": "2027-04-30"}, "The end must not be before the start."),
        ({"time_zone": "Mars/Olympus_Mons"}, "Choose a time zone from the list."),
        (
            {"join_url": JOIN_URL, "summary_en": f"Join at {JOIN_URL}"},
            "The join link must not appear in the public text (found in summary [en]).",
        ),
        (
            {
                "registration_opens_at_0": "2027-04-10",
                "registration_opens_at_1": "09:00:00",
                "registration_closes_at_0": "2027-04-01",
                "registration_closes_at_1": "09:00:00",
            },
            "Registration cannot close before it opens.",
        ),
    ],
)
def test_add_form_refuses_invalid_events(editor_client, changes, message):
    response = editor_client.post(EVENTS + "add/", event_form_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_warning_when_the_event_offers_more_places_than_the_venue_holds(editor_client):
    venue = VenueFactory(name_en="Small Hall", capacity=100)
    response = editor_client.post(EVENTS + "add/", event_form_data(venue=venue.pk, capacity="300"))
    assert response.status_code == 302, errors(response)
    assert "Warning: this event offers 300 places but Small Hall holds 100 people." in (
        messages_of(response)
    )
    (warning,) = [m for m in get_messages(response.wsgi_request) if m.level == WARNING]
    assert "Small Hall" in str(warning)
    assert Event.objects.get().capacity == 300  # saved all the same


@pytest.mark.parametrize(("places", "room"), [("100", 100), ("50", 100), ("300", None), ("", 100)])
def test_no_warning_when_the_venue_is_large_enough_or_unknown(editor_client, places, room):
    venue = VenueFactory(capacity=room)
    response = editor_client.post(EVENTS + "add/", event_form_data(venue=venue.pk, capacity=places))
    assert response.status_code == 302, errors(response)
    assert not any("Warning" in message for message in messages_of(response))


def test_series_admin_lists_and_searches_series(admin_client):
    EventSeriesFactory(name_en="Financial Street Performance", name_ja="金融街公演")
    EventSeriesFactory(name_en="Youth exchanges")
    html = admin_client.get(SERIES, {"q": "金融街公演"}).content.decode()
    assert "1 result" in html
    assert "Financial Street Performance" in tbody(html)
    assert admin_client.get(SERIES + "add/").status_code == 200


# Status actions


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("cancel_events", Event.Status.CANCELLED, "2 events cancelled."),
        ("postpone_events", Event.Status.POSTPONED, "2 events postponed."),
    ],
)
def test_status_actions_change_the_status_and_the_revision(editor_client, action, status, message):
    chosen = [EventFactory(), EventFactory()]
    untouched = EventFactory()
    response = editor_client.post(
        EVENTS, {"action": action, "_selected_action": [e.pk for e in chosen]}, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    for event in chosen:
        event.refresh_from_db()
        assert (event.event_status, event.sequence) == (status, 1)
    untouched.refresh_from_db()
    assert (untouched.event_status, untouched.sequence) == (Event.Status.SCHEDULED, 0)


@pytest.mark.parametrize(
    ("action", "status"),
    [("publish", PublishingStatus.PUBLISHED), ("archive", PublishingStatus.ARCHIVED)],
)
def test_publishing_actions(editor_client, action, status):
    event = EventFactory(draft=True)
    editor_client.post(EVENTS, {"action": action, "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert (event.status, event.sequence) == (status, 0)


# The next edition


@pytest.fixture
def edition():
    return EventFactory(
        slug="youth-exchange-2026",
        title_en="Youth exchange 2026",
        title_zh_hans="青少年交流2026",
        local_start="2026-09-12 10:00",
        partner_cities=[SisterCityFactory()],
        join_url=JOIN_URL,
        online=True,
    )


def test_the_action_on_one_event_opens_the_new_draft(editor_client, edition):
    response = editor_client.post(
        EVENTS, {"action": "create_next_editions", "_selected_action": [edition.pk]}
    )
    copy = Event.objects.get(slug="youth-exchange-2027")
    assert response.status_code == 302
    assert response["Location"] == f"{EVENTS}{copy.pk}/change/"
    assert messages_of(response) == ["Next edition created as a draft."]
    assert copy.status == PublishingStatus.DRAFT
    assert copy.title_zh_hans == "青少年交流2027"


def test_the_action_on_several_events_stays_on_the_list(editor_client, edition):
    other = EventFactory(slug="forum-2026", local_start="2026-06-01 10:00")
    response = editor_client.post(
        EVENTS, {"action": "create_next_editions", "_selected_action": [edition.pk, other.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == EVENTS
    assert messages_of(response) == ["2 next editions created as drafts."]
    assert Event.objects.filter(slug__in=["youth-exchange-2027", "forum-2027"]).count() == 2


def test_two_clicks_open_the_event_then_press_the_button(editor_client, edition):
    # First click: the event's change form, with the button.
    html = editor_client.get(f"{EVENTS}{edition.pk}/change/").content.decode()
    form = re.search(
        r'<form method="post" action="([^"]+)" class="next-edition-form">(.*?)</form>',
        html,
        re.DOTALL,
    )
    assert form, "no next-edition button"
    action, inner = form.groups()
    assert action == f"{EVENTS}{edition.pk}/next-edition/"
    assert 'name="csrfmiddlewaretoken"' in inner
    assert "Create next edition" in inner
    # Second click: the button posts, and the new draft opens.
    response = editor_client.post(action)
    copy = Event.objects.get(slug="youth-exchange-2027")
    assert response.status_code == 302
    assert response["Location"] == f"{EVENTS}{copy.pk}/change/"
    assert messages_of(response) == ["Next edition created as a draft."]
    assert copy.status == PublishingStatus.DRAFT
    assert copy.local_start == datetime(2027, 9, 12, 10, tzinfo=SHANGHAI)
    assert copy.join_url == ""
    assert copy.partner_cities.count() == 1
    assert editor_client.get(response["Location"]).status_code == 200


def test_the_button_needs_a_post(editor_client, edition):
    assert editor_client.get(f"{EVENTS}{edition.pk}/next-edition/").status_code == 405
    assert Event.objects.count() == 1


def test_the_button_for_an_unknown_event(editor_client):
    assert editor_client.post(f"{EVENTS}999999/next-edition/").status_code == 404


def test_the_button_checks_the_csrf_token(client, content_editor, edition):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(content_editor)
    assert strict.post(f"{EVENTS}{edition.pk}/next-edition/").status_code == 403
    assert Event.objects.count() == 1


def test_no_button_without_the_add_permission(client, django_user_model, edition):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user(
        username="viewer", password="a long test password", is_staff=True
    )
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_event", "change_event"])
    )
    client.force_login(viewer)
    html = client.get(f"{EVENTS}{edition.pk}/change/").content.decode()
    assert "Create next edition" not in html
    assert client.post(f"{EVENTS}{edition.pk}/next-edition/").status_code == 403
    assert Event.objects.count() == 1


# Permissions


@pytest.mark.parametrize("admin_path", [EVENTS, SERIES])
def test_service_desk_officer_cannot_see_or_change_events(client, service_desk_officer, admin_path):
    event = EventFactory()
    series = EventSeriesFactory()
    client.force_login(service_desk_officer)
    assert client.get(admin_path).status_code == 403
    assert client.get(f"{admin_path}add/").status_code == 403
    assert client.get(f"{EVENTS}{event.pk}/change/").status_code == 403
    assert client.get(f"{SERIES}{series.pk}/change/").status_code == 403
    for action in ("cancel_events", "create_next_editions"):
        response = client.post(EVENTS, {"action": action, "_selected_action": [event.pk]})
        assert response.status_code == 403
    assert client.post(f"{EVENTS}{event.pk}/next-edition/").status_code == 403
    assert "/admin/events/" not in client.get("/admin/").content.decode()
    event.refresh_from_db()
    assert event.event_status == Event.Status.SCHEDULED
    assert Event.objects.count() == 1
    assert EventSeries.objects.count() == 1


def test_anonymous_is_sent_to_the_login(client):
    event = EventFactory()
    for url in (EVENTS, f"{EVENTS}{event.pk}/next-edition/"):
        response = client.post(url) if "next-edition" in url else client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert Event.objects.count() == 1


def test_view_on_site_opens_the_event_page(admin_client):
    event = EventFactory(slug="youth-exchange")
    html = admin_client.get(f"{EVENTS}{event.pk}/change/").content.decode()
    assert "View on site" in html
