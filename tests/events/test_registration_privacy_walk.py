"""Every admin address a content editor can reach, walked with registrants in the database:
none shows a registrant's name, address or organisation (issue 15, item 4). The walk reads
the admin's own URL patterns, actions and autocomplete fields, so a page added later is
walked too; the same walk as the "Event registrations" group finds the names, which shows
that the walk looks where they would be."""

import io
import zipfile

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import NoReverseMatch, reverse

from apps.core.models import PersonalDataAccess
from apps.events.models import Event, Registration
from apps.events.registrations import registration_create

from .factories import EventFactory

pytestmark = pytest.mark.django_db

NAME = "Alena Ivanova"
EMAIL = "alena.ivanova@example.org"
ORGANISATION = "Minsk Youth Centre"
PERSONAL = ("Alena", "Ivanova", "alena.ivanova", "Minsk Youth Centre")

# Names of admin views that change nothing when opened; the walk also posts each action.
SITE_PAGES = ("admin:index", "admin:password_change")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def event():
    return EventFactory(
        title_en="Minsk online exchange",
        slug="minsk-exchange",
        takes_registrations=True,
        capacity=1,
    )


@pytest.fixture
def registrations(event):
    first = registration_create(
        event_id=event.pk,
        name=NAME,
        email=EMAIL,
        organisation=ORGANISATION,
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
    ).registration
    second = registration_create(
        event_id=event.pk,
        name="Pierre Martin",
        email="pierre.martin@example.org",
        country="FR",
        language="fr",
        time_zone="Europe/Paris",
    ).registration
    return first, second


def body(response) -> str:
    """What the response shows or hands over: the page, or the file (an XLSX unzipped)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", "replace")


def _first_object(model_admin):
    return model_admin.model._default_manager.order_by("pk").first()


def _model_admin_pages(model_admin):
    """Each named URL of a model admin, the object ones filled in with its first row."""
    obj = _first_object(model_admin)
    for pattern in model_admin.get_urls():
        name = getattr(pattern, "name", None)
        if not name:
            continue
        params = list(pattern.pattern.converters)
        if params and obj is None:
            continue
        try:
            yield reverse(f"admin:{name}", kwargs=dict.fromkeys(params, getattr(obj, "pk", None)))
        except NoReverseMatch:
            continue


def _autocompletes():
    """The admin's autocomplete lookups, and the ones a registrant's row would be found by."""
    lookups = [
        ("events", "delivery", "registration"),
        ("events", "registration", "event"),
    ]
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.autocomplete_fields:
            lookups.append((model._meta.app_label, model._meta.model_name, field))
    for app_label, model_name, field in lookups:
        yield "{}?{}".format(
            reverse("admin:autocomplete"),
            f"app_label={app_label}&model_name={model_name}&field_name={field}&term=alena",
        )


def walk(client, event, registration):
    """(address, response) of every admin page, search, lookup and action, as `client`."""
    pages = [reverse(name) for name in SITE_PAGES]
    app_labels = {model._meta.app_label for model in admin.site._registry}
    pages += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    registration_type = ContentType.objects.get_for_model(Registration)
    pages.append(reverse("admin:view_on_site", args=[registration_type.pk, registration.pk]))
    pages += list(_autocompletes())
    for model_admin in admin.site._registry.values():
        pages += list(_model_admin_pages(model_admin))
        changelist = reverse(
            f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist"
        )
        # Searched by part of a registrant's name, address and organisation (the search
        # box repeats the words, so none is a whole value looked for below): a list that
        # finds them shows them.
        pages += [f"{changelist}?q={term}" for term in ("Alen", "ivanov@", "Youth Cent")]
    events = reverse("admin:events_event_changelist")
    # Lookups across the relation: a row count that changes with them would tell who.
    pages += [
        f"{events}?registrations__email__istartswith=alena",
        f"{events}?registrations__name__icontains=Alena",
        f"{events}?registrations__organisation=Minsk+Youth+Centre",
    ]
    for page in pages:
        yield page, client.get(page)
    for model_admin in admin.site._registry.values():
        obj = _first_object(model_admin)
        if obj is None:
            continue
        changelist = reverse(
            f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist"
        )
        # Every action, including those the client is not offered: a post is a post.
        for name in model_admin.actions or ():
            name = name if isinstance(name, str) else name.__name__
            yield (
                f"{changelist} {name}",
                client.post(changelist, {"action": name, "_selected_action": [obj.pk]}),
            )
        yield (
            f"{changelist} delete_selected",
            client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk]}),
        )


def shown(text) -> list[str]:
    return [value for value in PERSONAL if value.lower() in text.lower()]


def test_no_admin_page_search_lookup_or_action_shows_a_registrant_to_a_content_editor(
    content_editor, event, registrations
):
    client = _client(content_editor)
    walked = 0
    for page, response in walk(client, event, registrations[0]):
        walked += 1
        assert response.status_code in (200, 302, 400, 403, 404, 405), (page, response.status_code)
        assert not shown(body(response)), (page, shown(body(response)))
        if response.status_code == 200 and response.get("Content-Disposition"):
            pytest.fail(f"{page} handed a file to a content editor")
    assert walked > 100
    # Nothing of a registrant was shown to the editor, so nothing was logged.
    assert not PersonalDataAccess.objects.exists()
    # And nothing changed for the registrants: no action of theirs went through.
    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        Registration.Status.CONFIRMED,
        Registration.Status.WAITLISTED,
    ]


def test_the_lookups_across_registrations_are_no_oracle(content_editor, event, registrations):
    """An editor cannot count events by a registrant's address either."""
    client = _client(content_editor)
    events = reverse("admin:events_event_changelist")
    for lookup in (
        "registrations__email__istartswith",
        "registrations__name__icontains",
        "registrations__status",
    ):
        found = client.get(events, {lookup: "alena"})
        missed = client.get(events, {lookup: "zzz-nobody"})
        assert found.status_code == missed.status_code
        assert found.status_code != 200 or found.context["cl"].result_count == (
            missed.context["cl"].result_count
        ), lookup


def test_the_same_walk_finds_the_registrants_for_the_group(
    registrations_officer, event, registrations
):
    """The walk reaches the pages where registrants are: the group sees them there."""
    client = _client(registrations_officer)
    seen = {
        page for page, response in walk(client, event, registrations[0]) if shown(body(response))
    }
    assert "/admin/events/registration/" in seen
    assert f"/admin/events/registration/{registrations[0].pk}/change/" in seen
    assert any(page.endswith("export_csv") for page in seen)
    assert any(page.endswith("export_xlsx") for page in seen)


def test_an_editor_sees_held_places_as_counts_only(content_editor):
    """Held places are taken places: the list and the counts page count them, no names."""
    event = EventFactory(
        title_en="Minsk online exchange",
        takes_registrations=True,
        capacity=3,
        address_confirmation=Event.AddressConfirmation.ALWAYS,
    )
    for number, confirmed in ((1, True), (2, False), (3, False)):
        registration_create(
            event_id=event.pk,
            name=f"{NAME} {number}",
            email=f"alena.ivanova{number}@example.org",
            organisation=ORGANISATION,
            country="BY",
            language="ru",
            time_zone="Europe/Minsk",
            address_confirmed=confirmed,
        )
    client = _client(content_editor)
    html = body(client.get(reverse("admin:events_event_changelist")))
    assert "1/3 confirmed, 2 places held until confirmed" in html
    counts = body(client.get(reverse("admin:events_event_registration_counts", args=[event.pk])))
    assert '<th scope="row">Held until the email address is confirmed</th><td>2</td>' in counts
    assert '<th scope="row">Places left</th><td>0</td>' in counts
    assert not shown(html + counts)
    assert not PersonalDataAccess.objects.exists()
