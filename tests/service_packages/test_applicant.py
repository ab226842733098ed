"""One declaration of the applicant's answers: ServiceRequest.APPLICANT_SECTIONS.

Each answer listed there reaches the form, "check your answers", the draft, the saved
request, the admin's page and the export without being named anywhere else.
"""

import csv
import io
from datetime import date

import pytest
from django.conf import settings
from django.contrib import admin
from django.utils.text import capfirst

from apps.service_packages.admin import SHOWN_AS
from apps.service_packages.applicant import (
    REQUEST_FIELDS,
    display_value,
    request_fields,
    to_answer,
)
from apps.service_packages.forms import ApplyForm
from apps.service_packages.models import RequestDraft, ServiceRequest

from .test_admin_queue import act
from .test_apply import fill_in, submit, urls

pytestmark = pytest.mark.django_db


def test_the_list_names_model_fields_once_each():
    names = [name for _title, names in ServiceRequest.APPLICANT_SECTIONS for name in names]
    assert tuple(names) == REQUEST_FIELDS
    assert len(set(names)) == len(names)
    for name in names:
        assert ServiceRequest._meta.get_field(name).editable


def test_every_answer_is_asked_by_the_form(going_abroad):
    form = ApplyForm(package=going_abroad)
    for name in REQUEST_FIELDS:
        assert name in form.fields, name
        assert form[name].label


def test_every_answer_is_checked_kept_and_saved(client, going_abroad):
    fill_in(client, going_abroad, message="Bonjour")
    page = client.get(urls(going_abroad)[1]).content.decode()
    for name in REQUEST_FIELDS:
        assert f'#id_{name}"' in page, name
    token = client.session["service_request_forms"][str(going_abroad.pk)]["token"]
    answers = RequestDraft.objects.get().data["answers"]
    assert set(request_fields(answers)) == set(REQUEST_FIELDS)
    assert submit(client, going_abroad, token).status_code == 302
    saved = ServiceRequest.objects.get()
    for name, value in request_fields(answers).items():
        if name == "destination_countries":
            assert sorted(country.code for country in saved.destination_countries) == sorted(value)
        else:
            assert getattr(saved, name) == value, name


def test_every_answer_is_on_the_admin_page_and_in_the_export(client, admin_client, going_abroad):
    fill_in(client, going_abroad)
    token = client.session["service_request_forms"][str(going_abroad.pk)]["token"]
    submit(client, going_abroad, token)
    model_admin = admin.site._registry[ServiceRequest]
    shown = [name for _title, options in model_admin.fieldsets for name in options["fields"]]
    for name in REQUEST_FIELDS:
        assert SHOWN_AS.get(name, name) in shown, name

    response = act(admin_client, "export_csv", list(ServiceRequest.objects.all()))
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    for name in REQUEST_FIELDS:
        assert str(capfirst(ServiceRequest._meta.get_field(name).verbose_name)) in header, name


@pytest.mark.parametrize(
    ("name", "cleaned", "kept", "saved", "shown"),
    [
        ("enterprise_name", "Muster GmbH", "Muster GmbH", "Muster GmbH", "Muster GmbH"),
        ("contact_position", None, "", "", ""),
        ("enterprise_type", "foreign", "foreign", "foreign", "Enterprise registered outside China"),
        ("travel_from", date(2027, 3, 1), "2027-03-01", date(2027, 3, 1), "March 1, 2027"),
        ("travel_to", None, None, None, ""),
        ("travellers", 3, 3, 3, "3"),
        ("destination_countries", ["FR", "DE"], ["FR", "DE"], ["FR", "DE"], ["France", "Germany"]),
        ("phone", "+33123456789", "+33123456789", "+33123456789", "+33 1 23 45 67 89"),
        ("language", "fr", "fr", "fr", None),
    ],
)
def test_each_kind_of_answer_is_kept_saved_and_shown(name, cleaned, kept, saved, shown):
    assert to_answer(name, cleaned) == kept
    assert request_fields({name: kept})[name] == saved
    if shown is None:  # a language is shown by the name settings give it
        shown = dict(settings.LANGUAGES)[kept]
    assert display_value(name, kept) == shown
