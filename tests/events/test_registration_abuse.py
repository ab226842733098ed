"""Scripted registrations: limits per address and email, the honeypot, the fill time."""

import re
import time
import uuid
from html import unescape

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from apps.core.challenge import challenge_solve
from apps.events.deliveries import deliveries_send
from apps.events.forms import form_shown_value
from apps.events.models import Delivery, Registration
from apps.events.registrations import registration_create
from apps.events.tokens import registration_manage_url

from .conftest import JOIN_URL
from .factories import EventFactory, registration_form_data

pytestmark = pytest.mark.django_db


def _url(event, language="en"):
    with translation.override(language):
        return event.get_register_url()


def _data(**values):
    return registration_form_data(**values)


def _text(response):
    return unescape(response.content.decode())


def _in(language, message):
    with translation.override(language):
        return gettext(message)


ADDRESS_LIMIT = (
    "Too many registration forms were sent from your connection in the last hour. "
    "Please try again in %(minutes)d minute.",
    "Too many registration forms were sent from your connection in the last hour. "
    "Please try again in %(minutes)d minutes.",
)
EMAIL_LIMIT = (
    "Too many registrations were sent for this email address in the last hour. "
    "Please try again in %(minutes)d minute.",
    "Too many registrations were sent for this email address in the last hour. "
    "Please try again in %(minutes)d minutes.",
)


def _limit_message(language, messages):
    """What a refusal says before its number of minutes, in `language`."""
    with translation.override(language):
        return ngettext(*messages, 7).split("%(minutes)d")[0]


def _kept_what_was_typed(html, data):
    for name in ("name", "email", "organisation"):
        assert f'name="{name}"' in html
        assert f'value="{data[name]}"' in html, name


# --- Limits per address and per email ----------------------------------------------------------


def test_scripted_registrations_from_one_address_are_refused_after_the_limit(client, settings):
    settings.EVENT_REGISTRATION_POSTS_PER_HOUR = 5
    event = EventFactory(takes_registrations=True, capacity=100)
    statuses = [
        client.post(_url(event), _data(email=f"bot{n}@example.org")).status_code for n in range(8)
    ]
    assert statuses[:5] != [429] * 5 and 429 not in statuses[:5]
    assert statuses[5:] == [429] * 3
    assert Registration.objects.count() == 5
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert other.post(_url(event), _data(email="real@example.org")).status_code != 429


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_the_refusal_is_translated_keeps_what_was_typed_and_says_when(client, settings, language):
    settings.EVENT_REGISTRATION_POSTS_PER_HOUR = 0
    event = EventFactory(takes_registrations=True, capacity=100)
    data = _data()
    response = client.post(_url(event, language), data)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    html = _text(response)
    assert _limit_message(language, ADDRESS_LIMIT) in html
    _kept_what_was_typed(html, data)
    assert not Registration.objects.exists()


def test_an_ipv6_visitor_is_limited_per_64(settings):
    settings.EVENT_REGISTRATION_POSTS_PER_HOUR = 2
    event = EventFactory(takes_registrations=True, capacity=100)
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:77:1::{n + 1:x}")
        .post(_url(event), _data(email=f"v6-{n}@example.org"))
        .status_code
        for n in range(4)
    ]
    assert statuses[2:] == [429, 429]
    neighbour = Client(REMOTE_ADDR="2001:db8:77:2::1")
    assert neighbour.post(_url(event), _data(email="other@example.org")).status_code != 429


def test_cross_site_posts_without_the_csrf_token_cost_the_address_nothing(settings):
    settings.EVENT_REGISTRATION_POSTS_PER_HOUR = 2
    event = EventFactory(takes_registrations=True, capacity=100)
    attacker = Client(enforce_csrf_checks=True)
    for n in range(10):
        assert attacker.post(_url(event), _data(email=f"x{n}@example.org")).status_code == 403
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(_url(event))
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = visitor.post(_url(event), {**_data(), "csrfmiddlewaretoken": csrf})
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def test_one_email_address_is_limited_across_addresses_and_events(settings):
    settings.EVENT_REGISTRATIONS_PER_EMAIL_PER_HOUR = 2
    events = [EventFactory(takes_registrations=True, capacity=100) for _n in range(3)]
    statuses = [
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        .post(_url(event), _data(email="Victim@Example.org"))
        .status_code
        for n, event in enumerate(events)
    ]
    assert statuses[2] == 429
    assert Registration.objects.count() == 2
    refused = Client(REMOTE_ADDR="203.0.113.9").post(
        _url(events[2], "fr"), _data(email="victim@example.org")
    )
    assert _limit_message("fr", EMAIL_LIMIT) in _text(refused)


def test_invalid_posts_do_not_count_for_an_email(client, settings):
    settings.EVENT_REGISTRATIONS_PER_EMAIL_PER_HOUR = 1
    event = EventFactory(takes_registrations=True, capacity=100)
    for _n in range(3):
        assert client.post(_url(event), _data(consent="")).status_code == 400
    assert client.post(_url(event), _data()).status_code != 429
    assert Registration.objects.count() == 1


# --- The honeypot and the fill time ------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_a_filled_honeypot_is_refused_clearly_and_keeps_everything(client, language):
    event = EventFactory(takes_registrations=True, capacity=10)
    url = _url(event, language)
    page = client.get(url).content.decode()
    # Hidden from people until refused.
    assert re.search(r'<div class="form-trap" aria-hidden="true">\s*<div', page)
    data = _data(website="https://spam.example.com")
    response = client.post(url, data)
    assert response.status_code == 400
    html = _text(response)
    assert (
        _in(
            language,
            "The field “Leave this field empty” was filled in, as programs do. "
            "Please empty it and send the form again: everything else you typed is kept.",
        )
        in html
    )
    # Shown now, so that a person whose browser filled it in can empty it.
    assert 'class="form-trap form-trap--shown"' in html
    _kept_what_was_typed(html, data)
    assert not Registration.objects.exists()
    assert not Delivery.objects.exists()


@pytest.mark.parametrize(
    ("shown", "message"),
    [
        (
            lambda: form_shown_value(),
            "This form came back within seconds of being shown, as it does when a program "
            "fills it in. Please check your answers and send it again: everything you typed "
            "is kept.",
        ),
        (
            lambda: form_shown_value(now=time.time() - 25 * 3600),
            "This form was open for too long. Please check your answers and send it again: "
            "everything you typed is kept.",
        ),
        (
            lambda: "1700000000",  # not signed: a program picking its own time
            "This form was open for too long. Please check your answers and send it again: "
            "everything you typed is kept.",
        ),
        (
            lambda: "",
            "This form was open for too long. Please check your answers and send it again: "
            "everything you typed is kept.",
        ),
    ],
)
def test_a_form_sent_too_fast_or_too_late_is_shown_again_with_a_new_time(
    client, settings, shown, message
):
    event = EventFactory(takes_registrations=True, capacity=10)
    data = _data(shown=shown())
    response = client.post(_url(event, "es"), data)
    assert response.status_code == 400
    html = _text(response)
    assert _in("es", message) in html
    _kept_what_was_typed(html, data)
    assert not Registration.objects.exists()
    new_time = re.search(r'name="shown" value="([^"]+)"', html).group(1)
    # The new time is genuine: once the minimum has passed, the same answers go through.
    settings.EVENT_REGISTRATION_MIN_FILL_SECONDS = 0
    assert client.post(_url(event, "es"), {**data, "shown": new_time}).status_code == 200
    assert Registration.objects.count() == 1


def test_a_valid_time_is_kept_when_another_field_is_wrong(client):
    event = EventFactory(takes_registrations=True, capacity=10)
    data = _data(email="not-an-email")
    html = _text(client.post(_url(event), data))
    assert f'name="shown" value="{data["shown"]}"' in html


# --- The form token is no key --------------------------------------------------------------------


def test_someone_elses_form_token_never_opens_their_registration():
    event = EventFactory(takes_registrations=True, capacity=5)
    token = str(uuid.uuid4())
    victim_browser = Client()
    victim_data = _data(form_token=token, name="Vera Victim", email="vera@example.org")
    assert victim_browser.post(_url(event), victim_data).status_code == 200
    for email in ("mallory@example.org", "vera@example.org"):
        response = Client().post(_url(event), _data(form_token=token, name="Mallory", email=email))
        assert response.status_code == 200
        html = _text(response)
        assert "Vera Victim" not in html
        assert "/registration/" not in html
    assert Registration.objects.get(email="vera@example.org").name == "Vera Victim"
    assert Registration.objects.get(email="mallory@example.org").form_token is None
    # The victim's own double post still finds their registration, once, and nobody is
    # told of it; the stranger who typed their address made one email to them.
    assert victim_browser.post(_url(event), victim_data).status_code == 200
    assert Registration.objects.count() == 2
    already = Delivery.objects.filter(kind="already")
    assert list(already.values_list("registration__email", flat=True)) == ["vera@example.org"]


def test_the_register_page_is_never_stored(client, settings):
    event = EventFactory(takes_registrations=True, capacity=5)
    responses = [client.get(_url(event)), client.post(_url(event), _data(email="nope"))]
    settings.EVENT_REGISTRATION_POSTS_PER_HOUR = 0
    responses.append(client.post(_url(event), _data()))
    closed = EventFactory(takes_registrations=True, registration_closes_at=timezone.now())
    settings.EVENT_REGISTRATION_POSTS_PER_HOUR = 100
    responses.append(client.post(_url(closed), _data()))
    assert [response.status_code for response in responses] == [200, 400, 429, 409]
    for response in responses:
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"


# --- The existence leak ---------------------------------------------------------------------


def test_the_owner_of_a_registered_address_is_told_by_email_through_the_outbox(client):
    event = EventFactory(takes_registrations=True, capacity=5, online=True, join_url=JOIN_URL)
    owner = registration_create(
        event_id=event.pk,
        name="Alena Kavalenka",
        email="alena@example.org",
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
    ).registration
    Delivery.objects.update(state=Delivery.State.SENT)
    response = client.post(
        _url(event, "fr"), _data(email="ALENA@example.org", name="Mallory", language="fr")
    )
    assert response.status_code == 200
    assert mail.outbox == []  # never sent while the visitor waits
    due = Delivery.objects.filter(state=Delivery.State.PENDING)
    assert list(due.values_list("kind", flat=True)) == ["already"]
    assert deliveries_send(list(due.values_list("pk", flat=True)))["sent"] == 1
    (message,) = mail.outbox
    assert message.to == ["alena@example.org"]
    with translation.override("ru"):  # the owner's language, not the stranger's
        assert message.subject == gettext("You are already registered: %(event)s") % {
            "event": event.title
        }
    assert "Alena Kavalenka" in message.body and "Mallory" not in message.body
    with translation.override("ru"):
        assert registration_manage_url(owner).split("/registration/")[0] in message.body
    assert "/registration/" in message.body
    assert JOIN_URL not in message.body
    assert not [a for a in message.attachments if a[0].endswith(".ics")]


# --- Proof of work beyond the soft limit ---------------------------------------------------------

CHALLENGE_REFUSED = (
    "Many registrations were sent from your connection, so this form now asks your browser "
    "for a short calculation first. Please send it again and wait a few seconds; everything "
    "you typed is kept."
)
CHALLENGE_NO_SCRIPT = (
    "Many registrations were sent from your connection. To send this form, your browser must "
    "now do a short calculation, which needs JavaScript. Please turn JavaScript on and send "
    "the form again, or try again in an hour."
)


def _challenge(html):
    return re.search(r'name="challenge" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_beyond_the_soft_limit_a_post_needs_a_solved_challenge(client, settings, language):
    settings.EVENT_REGISTRATION_CHALLENGE_AFTER = 2
    settings.EVENT_REGISTRATION_CHALLENGE_BITS = 8
    event = EventFactory(takes_registrations=True, capacity=100)
    url = _url(event, language)
    page = client.get(url).content.decode()
    assert "data-challenge=" not in page and "proof-of-work.js" not in page
    for n in range(2):
        assert client.post(url, _data(email=f"a{n}@example.org")).status_code == 200
    page = _text(client.get(url))
    assert "proof-of-work.js" in page
    # Without JavaScript the form says so (the script hides this).
    assert _in(language, CHALLENGE_NO_SCRIPT) in page
    # A post without a solution (a script, or no JavaScript): refused, explained, kept.
    data = _data(email="b@example.org")
    refused = client.post(url, data)
    assert refused.status_code == 400
    html = _text(refused)
    assert _in(language, CHALLENGE_REFUSED) in html
    _kept_what_was_typed(html, data)
    assert not Registration.objects.filter(email="b@example.org").exists()
    # Solved, it goes through; the same solution a second time does not.
    challenge = _challenge(html)
    solved = {**data, "challenge": challenge, "solution": challenge_solve(challenge)}
    assert client.post(url, solved).status_code == 200
    assert Registration.objects.filter(email="b@example.org").exists()
    again = client.post(url, {**solved, "email": "c@example.org"})
    assert again.status_code == 400
    assert not Registration.objects.filter(email="c@example.org").exists()


def test_a_challenge_of_another_form_is_refused(client, settings):
    settings.EVENT_REGISTRATION_CHALLENGE_AFTER = 0
    settings.EVENT_REGISTRATION_CHALLENGE_BITS = 4
    one, other = (EventFactory(takes_registrations=True, capacity=10) for _n in range(2))
    challenge = _challenge(client.get(_url(one)).content.decode())
    data = _data(challenge=challenge, solution=challenge_solve(challenge))
    assert client.post(_url(other), data).status_code == 400
    assert client.post(_url(one), data).status_code == 200
