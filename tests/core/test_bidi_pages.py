"""Arabic pages and emails keep references, codes, URLs, emails and phone numbers whole,
and show text people wrote in its own direction (templates using bidi_tags)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from apps.core.bidi import LRI, PDI
from apps.service_packages.models import RequestNotification, ServiceRequest
from apps.service_packages.notifications import notifications_send
from apps.service_packages.services import request_transition
from apps.service_packages.tracking import tracking_code
from tests.service_packages.factories import going_abroad_package, submit
from tests.service_packages.test_apply import fill_in, urls
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

pytestmark = pytest.mark.django_db

FRENCH_NOTE = "Merci d'envoyer la copie du passeport : https://exemple.fr/aide/"
ARABIC_MESSAGE = "أرسلنا نسخة جواز السفر."


def _ltr(value):
    return f'<span dir="ltr">{value}</span>'


@pytest.fixture
def arabic_request(service_desk_officer):
    service_request = submit(
        going_abroad_package(), language="ar", email="amelie.dupont@example.fr"
    )
    request_transition(
        request_id=service_request.pk,
        to_status=ServiceRequest.Status.IN_REVIEW,
        actor=service_desk_officer,
    )
    request_transition(
        request_id=service_request.pk,
        to_status=ServiceRequest.Status.INFO_REQUESTED,
        actor=service_desk_officer,
        note_to_applicant=FRENCH_NOTE,
    )
    return service_request


def _status_page(client, service_request, language="ar"):
    with translation.override(language):
        track = reverse("service_packages:track")
        status = reverse("service_packages:status", kwargs={"reference": service_request.reference})
    # Pasted from an Arabic email, the code carries invisible isolates: they are ignored.
    code = f"{LRI}{tracking_code(service_request)}{PDI}"
    reference = f"\u200f{LRI}{service_request.reference}{PDI}"
    response = client.post(track, {"reference": reference, "code": code})
    assert response.status_code in (302, 303), response.content.decode()[:2000]
    page = client.get(status)
    assert page.status_code == 200
    return page.content.decode()


def test_the_arabic_status_page_isolates_the_reference_and_the_staff_note(client, arabic_request):
    html = _status_page(client, arabic_request)
    reference = arabic_request.reference
    assert '<html lang="ar" dir="rtl"' in html
    # The heading and the facts list.
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert _ltr(reference) in heading
    assert f"<dd>{_ltr(reference)}</dd>" in html
    # The window title is plain text: Unicode isolates.
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert f"{LRI}{reference}{PDI}" in title
    # The officer wrote in French: the note is laid out left to right inside the Arabic page.
    assert re.search(r'<blockquote dir="auto">Merci d(&#x27;|&#39;)envoyer', html)


def test_the_status_page_in_french_is_unchanged_but_for_harmless_markup(client, arabic_request):
    html = _status_page(client, arabic_request, language="fr")
    assert '<html lang="fr"' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert LRI not in title and PDI not in title


def test_the_arabic_emails_isolate_references_and_codes_but_never_urls(arabic_request):
    notifications_send(
        list(RequestNotification.objects.order_by("pk").values_list("pk", flat=True))
    )
    assert mail.outbox
    reference = arabic_request.reference
    code = tracking_code(arabic_request)
    for message in mail.outbox:
        assert f"{LRI}{reference}{PDI}" in message.body
        # Link finders in mail clients would take an isolate into the address: URLs
        # stand alone on their line, or between spaces, with no control next to them.
        for url in re.findall(r"https?://\S+", message.body):
            assert not set(url) & {LRI, PDI, "\u2068", "\u200e", "\u200f"}, url
        html, _type = message.alternatives[0]
        assert _ltr(code) in html and _ltr(reference) in html
    first = mail.outbox[0]
    assert f"{LRI}{code}{PDI}" in first.body
    assert re.search(r"^https?://\S+/track/link/\S+/$", first.body, re.M)
    question = mail.outbox[-1]
    html, _type = question.alternatives[0]
    # Mail clients often ignore dir="auto": the direction is worked out when sending.
    assert re.search(r'<blockquote dir="ltr"[^>]*>Merci d', html)


def test_a_french_email_has_no_invisible_controls(service_desk_officer):
    service_request = submit(going_abroad_package(), language="fr")
    notifications_send(
        list(RequestNotification.objects.order_by("pk").values_list("pk", flat=True))
    )
    (message,) = mail.outbox
    assert LRI not in message.body and PDI not in message.body
    assert service_request.reference in message.body


def test_the_arabic_check_answers_page_shows_each_answer_in_its_own_direction(client):
    going = going_abroad_package()
    fill_in(client, going, "ar", enterprise_name="Société Dupont", contact_name="نادية")
    _apply_url, check_url = urls(going, "ar")
    html = client.get(check_url).content.decode()
    assert '<dd dir="auto">Société Dupont</dd>' in html
    assert '<dd dir="auto">نادية</dd>' in html
    # No letters at all: laid out left to right, never reordered into "89 67 45 23 1 33+".
    assert '<dd dir="ltr">+33 1 23 45 67 89</dd>' in html
    assert _ltr("claire@example.org") in html  # in the sentence under the answers


def test_arabic_form_inputs_follow_what_is_typed(client):
    going = going_abroad_package()
    apply_url, _check_url = urls(going, "ar")
    html = client.get(apply_url).content.decode()
    assert re.search(r'<input type="email" name="email"[^>]*dir="ltr"', html)
    assert re.search(r'<input type="tel" name="phone"[^>]*dir="ltr"', html)
    assert re.search(r'<input type="text" name="enterprise_name"[^>]*dir="auto"', html)
    assert re.search(r'<textarea name="message"[^>]*dir="auto"', html)


def test_the_arabic_venue_page_isolates_phone_email_website_and_coordinates(client):
    venue = VenueFactory(
        phone="+86 10 6337 0491",
        email="visit@museum.example.cn",
        website="https://www.capitalmuseum.org.cn/",
    )
    html = client.get(f"/ar/venues/{venue.slug}/").content.decode()
    assert re.search(r'<a href="tel:\+86 10 6337 0491"[^>]*dir="ltr"', html)
    assert re.search(r'<a href="mailto:visit@museum.example.cn"[^>]*dir="ltr"', html)
    assert re.search(r'<a href="https://www.capitalmuseum.org.cn/"[^>]*dir="ltr"', html)
    assert re.search(r'\(<span dir="ltr">[0-9.]+, [0-9.]+</span>\)', html)
    # The address falls back to English on the Arabic page: its own direction.
    assert re.search(r'<dd lang="en" dir="auto">17 Qianhai West Street', html)


def test_the_arabic_partner_page_isolates_the_website(client):
    city = SisterCityFactory(website="https://www.city.tokyo-nakano.lg.jp/")
    html = client.get(f"/ar/sister-cities/{city.slug}/").content.decode()
    assert re.search(r'<a href="https://www.city.tokyo-nakano.lg.jp/"[^>]*dir="ltr"', html)
