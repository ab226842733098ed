"""Storage quotas of the request form's uploads, and the purge of unfinished forms."""

import html
import re
import threading
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from apps.service_packages.models import (
    DraftDocument,
    RequestDocument,
    RequestDraft,
    ServiceRequest,
    UploadUsage,
)
from apps.service_packages.services import (
    QUOTA_ADDRESS,
    CheckedFile,
    UploadQuotaExceeded,
    draft_save,
)
from apps.service_packages.tasks import purge_drafts
from apps.service_packages.uploads import MESSAGES, quota_refusal

from .factories import going_abroad_package
from .test_apply import (
    documents_of,
    errors_of,
    fill_in,
    form_data,
    items_of,
    private_files,
    start,
    submit,
    urls,
)
from .test_uploads import pdf_of_size

MIB = 1024 * 1024
# Mid-morning in Beijing (04:20 UTC): the day's quota does not roll over during a test.
MORNING = "2026-12-02T04:20Z"
PDF_SMALL = pdf_of_size(2000)


@pytest.fixture
def quotas(settings):
    """Small quotas, in MB that need a decimal separator: 1.5 MB a draft, 2.5 MB a day."""
    settings.SERVICE_DRAFT_MAX_BYTES = int(1.5 * MIB)
    settings.SERVICE_UPLOADS_MAX_BYTES_PER_ADDRESS_PER_DAY = int(2.5 * MIB)
    return settings


def _apec_documents(going):
    apec, _invitation, _consular = items_of(going)
    return documents_of(apec)


def _message(code, megabytes):
    return str(MESSAGES[code]) % {"megabytes": megabytes}


def _post(client, going, token, files, **overrides):
    apply_url, _check_url = urls(going)
    return client.post(apply_url, form_data(going, token, files=files, **overrides))


def _errors(response) -> list[str]:
    """The error summary's messages as text."""
    return [html.unescape(re.sub(r"<[^>]+>", "", error)) for error in errors_of(response)]


def _usage() -> int:
    return sum(UploadUsage.objects.values_list("stored_bytes", flat=True))


# --- One draft ------------------------------------------------------------------------------


@pytest.mark.clock(MORNING)
def test_a_draft_keeps_files_up_to_its_quota_and_loses_nothing(client, going_abroad, quotas):
    passport, licence = _apec_documents(going_abroad)
    token = start(client, going_abroad)
    response = _post(
        client,
        going_abroad,
        token,
        {passport: ("passport.pdf", pdf_of_size(MIB)), licence: ("licence.pdf", pdf_of_size(MIB))},
    )
    # The first file fits, the second would take the draft past 1.5 MB.
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    message = _message("draft_quota", "1.5")
    assert message in _errors(response)
    assert f'href="#id_document_{licence.pk}"' in content
    assert f'id="id_document_{licence.pk}-error"' in content
    assert 'aria-invalid="true"' in content
    assert "Uploaded: passport.pdf" in content
    assert "Uploaded: licence.pdf" not in content
    assert "All the documents of one request together can take up at most 1.5 MB." in content
    draft = RequestDraft.objects.get()
    assert [d.original_name for d in draft.documents.all()] == ["passport.pdf"]
    # The answers were all right: they are kept in the draft too.
    assert draft.data["answers"]["enterprise_name"] == "Muster GmbH"
    assert len(private_files()) == 1
    kept = private_files()
    # A replacement that would not fit either: the file it would replace stays.
    response = _post(client, going_abroad, token, {passport: ("big.pdf", pdf_of_size(2 * MIB))})
    assert response.status_code == 400
    assert message in _errors(response)
    assert [d.original_name for d in draft.documents.all()] == ["passport.pdf"]
    assert private_files() == kept
    # A smaller passport makes room for the licence.
    response = _post(
        client,
        going_abroad,
        token,
        {
            passport: ("small.pdf", pdf_of_size(MIB // 2)),
            licence: ("licence.pdf", pdf_of_size(MIB)),
        },
    )
    assert response.status_code == 302, errors_of(response)
    assert sorted(d.original_name for d in draft.documents.all()) == ["licence.pdf", "small.pdf"]
    assert len(private_files()) == 2


@pytest.mark.clock(MORNING)
def test_the_quota_messages_name_the_limit_in_the_visitors_language(client, going_abroad, quotas):
    with translation.override("fr"):
        assert "1,5 Mo" in " ".join(quota_refusal("draft_quota").messages)
        assert "2,5 Mo" in " ".join(quota_refusal(QUOTA_ADDRESS).messages)
    passport, licence = _apec_documents(going_abroad)
    token = start(client, going_abroad, "fr")
    response = client.post(
        urls(going_abroad, "fr")[0],
        form_data(
            going_abroad,
            token,
            files={
                passport: ("a.pdf", pdf_of_size(MIB)),
                licence: ("b.pdf", pdf_of_size(MIB)),
            },
        ),
    )
    assert response.status_code == 400
    assert "1,5 Mo" in " ".join(_errors(response))
    with translation.override("fr"):
        assert _errors(response)[0] == quota_refusal("draft_quota").messages[0]
    # Settings in whole MB read without decimals.
    quotas.SERVICE_DRAFT_MAX_BYTES = 50 * MIB
    with translation.override("en"):
        assert "at most 50 MB together" in quota_refusal("draft_quota").messages[0]


@pytest.mark.clock(MORNING)
def test_a_post_without_its_services_keeps_no_files(client, going_abroad):
    """The measured attack: empty posts with files stored 36 MB each."""
    passport, licence = _apec_documents(going_abroad)
    for _post_number in range(5):
        response = Client().post(
            urls(going_abroad)[0],
            {
                f"document_{passport.pk}": SimpleUploadedFile("passport.pdf", pdf_of_size(MIB)),
                f"document_{licence.pk}": SimpleUploadedFile("licence.pdf", pdf_of_size(MIB)),
            },
        )
        assert response.status_code == 400
        assert "Choose at least one service." in _errors(response)
    assert not RequestDraft.objects.exists()
    assert not DraftDocument.objects.exists()
    assert private_files() == []
    assert _usage() == 0


@pytest.mark.clock(MORNING)
def test_files_are_kept_when_the_services_are_chosen_and_other_answers_are_missing(
    client, going_abroad
):
    passport, licence = _apec_documents(going_abroad)
    apec, _invitation, _consular = items_of(going_abroad)
    token = start(client, going_abroad)
    response = client.post(
        urls(going_abroad)[0],
        {
            "services": [apec.pk],
            "form_token": token,
            f"document_{passport.pk}": SimpleUploadedFile("passport.pdf", pdf_of_size(2000)),
        },
    )
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert "Uploaded: passport.pdf" in content
    draft = RequestDraft.objects.get()
    assert draft.uploads_only
    # The applicant is told how long such files wait for the rest of the answers.
    assert "these files are kept for 50 minutes after you last sent the form" in content
    assert [d.size for d in draft.documents.all()] == [2000]


# --- One address, several drafts --------------------------------------------------------------


@pytest.mark.clock(MORNING)
def test_an_address_stores_at_most_its_daily_quota_across_drafts(_clock, going_abroad, quotas):
    passport, licence = _apec_documents(going_abroad)
    one_mb = {passport: ("passport.pdf", pdf_of_size(MIB))}
    # Each new browser (no cookie) starts a new draft: the draft quota alone would not stop it.
    for _browser in range(2):
        browser = Client()
        response = _post(browser, going_abroad, start(browser, going_abroad), one_mb)
        assert response.status_code == 400  # the licence is missing, the passport is kept
    assert RequestDraft.objects.count() == 2
    assert _usage() == 2 * MIB
    third = Client()
    token = start(third, going_abroad)
    response = _post(third, going_abroad, token, one_mb)
    assert response.status_code == 400
    assert _message("address_quota", "2.5") in _errors(response)
    # Nothing of this post was stored: no new draft, no file.
    assert RequestDraft.objects.count() == 2
    assert DraftDocument.objects.count() == 2
    assert len(private_files()) == 2
    # What fits still fits, and answers are kept.
    response = _post(third, going_abroad, token, {licence: ("licence.pdf", pdf_of_size(MIB // 4))})
    assert response.status_code == 400
    assert RequestDraft.objects.count() == 3
    # Replacing a file counts again: it is storing that is limited, not holding.
    response = _post(third, going_abroad, token, {licence: ("licence.pdf", pdf_of_size(MIB // 2))})
    assert _message("address_quota", "2.5") in _errors(response)
    # Purging drafts gives nothing back the same day.
    _clock.shift(timedelta(hours=1))
    purge_drafts()
    assert not RequestDraft.objects.exists()
    assert _usage() == int(2.25 * MIB)
    response = _post(Client(), going_abroad, start(Client(), going_abroad), one_mb)
    assert _message("address_quota", "2.5") in _errors(response)
    # Another address has its own quota.
    other = Client(REMOTE_ADDR="198.51.100.9")
    response = _post(other, going_abroad, start(other, going_abroad), one_mb)
    assert _message("address_quota", "2.5") not in _errors(response)
    assert DraftDocument.objects.count() == 1
    # The next day (Beijing time) starts afresh, and yesterday's counts are forgotten.
    _clock.shift(timedelta(days=1))
    browser = Client()
    response = _post(browser, going_abroad, start(browser, going_abroad), one_mb)
    assert _message("address_quota", "2.5") not in _errors(response)
    purge_drafts()
    assert list(UploadUsage.objects.values_list("day", flat=True)) == [timezone.localdate()]
    # The address is not in the database, only a keyed hash of it and the day.
    assert all("127.0.0.1" not in row.client_hash for row in UploadUsage.objects.all())


@pytest.mark.clock(MORNING)
def test_the_address_behind_a_trusted_proxy_is_the_one_counted(going_abroad, quotas):
    quotas.TRUSTED_PROXIES = ["10.0.0.2"]
    passport, _licence = _apec_documents(going_abroad)
    two_mb = {passport: ("passport.pdf", pdf_of_size(int(1.4 * MIB)))}
    for visitor in ("203.0.113.7", "203.0.113.8"):
        browser = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)
        response = _post(browser, going_abroad, start(browser, going_abroad), two_mb)
        assert _message("address_quota", "2.5") not in _errors(response)
    assert DraftDocument.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.clock(MORNING)
def test_two_posts_at_once_cannot_both_fit_in_what_is_left(settings):
    settings.SERVICE_UPLOADS_MAX_BYTES_PER_ADDRESS_PER_DAY = int(1.5 * MIB)
    going = going_abroad_package()
    passport, _licence = _apec_documents(going)
    ready = threading.Barrier(2)
    outcomes = []

    def post():
        try:
            ready.wait(timeout=10)
            checked = CheckedFile(
                content=pdf_of_size(MIB),
                original_name="passport.pdf",
                content_type="application/pdf",
                required_document_id=passport.pk,
            )
            try:
                draft_save(
                    package=going, draft=None, answers=None, files=[checked], client="192.0.2.1"
                )
                outcomes.append("kept")
            except UploadQuotaExceeded as exceeded:
                outcomes.append(exceeded.refused[passport.pk])
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == [QUOTA_ADDRESS, "kept"]
    assert DraftDocument.objects.count() == 1
    assert UploadUsage.objects.get().stored_bytes == MIB
    assert len(private_files()) == 1


# --- The purge of unfinished forms ------------------------------------------------------------


def _minutes_between_runs(schedule: crontab) -> int:
    minutes = sorted(schedule.minute)
    return max(b - a for a, b in zip(minutes, [*minutes[1:], minutes[0] + 60], strict=True))


def test_forms_with_uploads_only_are_purged_within_the_hour():
    entry = django_settings.CELERY_BEAT_SCHEDULE["service-packages-purge-drafts"]
    assert entry["task"] == purge_drafts.name
    assert list(entry["schedule"].hour) == list(range(24))
    waited = django_settings.SERVICE_DRAFT_UNANSWERED_MAX_AGE_MINUTES
    assert waited + _minutes_between_runs(entry["schedule"]) <= 60


@pytest.mark.clock(MORNING)
def test_the_purge_takes_forgotten_uploads_within_the_hour_and_answered_forms_after_a_day(
    _clock, client, going_abroad, django_capture_on_commit_callbacks
):
    passport, _licence = _apec_documents(going_abroad)
    # A form with uploads only (the enterprise's name missing)...
    forgotten = Client()
    token = start(forgotten, going_abroad)
    response = _post(
        forgotten,
        going_abroad,
        token,
        {passport: ("passport.pdf", pdf_of_size(2000))},
        enterprise_name="",
    )
    assert response.status_code == 400
    orphan = RequestDraft.objects.get()
    orphan_file = orphan.documents.get().file.name
    # ...and one whose answers were all right, waiting on "check your answers".
    fill_in(client, going_abroad)
    answered = RequestDraft.objects.exclude(pk=orphan.pk).get()
    assert not answered.uploads_only

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return purge_drafts()

    _clock.shift(timedelta(minutes=49))
    assert run()["drafts"] == 0
    # Sending the form again keeps it: it is the time since the last post that counts.
    response = _post(forgotten, going_abroad, token, {}, enterprise_name="")
    assert response.status_code == 400
    _clock.shift(timedelta(minutes=49))
    assert run()["drafts"] == 0
    _clock.shift(timedelta(minutes=2))
    assert run() == {"drafts": 1, "upload_usage": 0}
    assert list(RequestDraft.objects.values_list("pk", flat=True)) == [answered.pk]
    assert orphan_file not in private_files()
    assert len(private_files()) == 2  # the answered form's
    # A second delivery of the task finds nothing more.
    assert run()["drafts"] == 0
    # The applicant who comes back is asked for the file again.
    response = _post(forgotten, going_abroad, token, {})
    assert response.status_code == 400
    assert f'href="#id_document_{passport.pk}"' in response.content.decode()
    # The answered form goes after SERVICE_DRAFT_MAX_AGE_HOURS (it is 1 h 40 min old now).
    _clock.shift(timedelta(hours=22))
    assert run()["drafts"] == 0
    _clock.shift(timedelta(hours=1))
    assert run()["drafts"] == 1
    assert private_files() == []


@pytest.mark.clock(MORNING)
def test_the_purge_never_touches_a_submitted_requests_files(
    _clock, client, going_abroad, django_capture_on_commit_callbacks
):
    token = fill_in(client, going_abroad)
    assert submit(client, going_abroad, token).status_code == 302
    service_request = ServiceRequest.objects.get()
    files = private_files()
    assert len(files) == 2
    assert all(name.startswith(f"service-requests/{service_request.pk}/") for name in files)
    # A form left with uploads only, by the same applicant, is purged around them.
    other = Client()
    passport, _licence = _apec_documents(going_abroad)
    _post(other, going_abroad, start(other, going_abroad), {passport: ("p.pdf", PDF_SMALL)})
    assert len(private_files()) == 3
    for hours in (1, 25, 24 * 30):
        _clock.shift(timedelta(hours=hours))
        with django_capture_on_commit_callbacks(execute=True):
            purge_drafts()
    assert private_files() == files
    assert RequestDocument.objects.filter(request=service_request).count() == 2
    assert not RequestDraft.objects.exists()
