"""A staff member's notification preferences (apps/core/staff_notifications.py): the page
under their user menu, the topics their role may choose, defaults by role, and the choices
the notices follow."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from apps.core.models import (
    StaffEmail,
    StaffLanguage,
    StaffNotice,
    StaffNotificationPreference,
)
from apps.core.services import (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_SERVICE_DESK,
    STAFF_GROUP_SITE_ADMIN,
)
from apps.core.staff_notifications import (
    FAILED_EMAILS,
    delivery_of,
    email_language,
    recipients,
    staff_emails_purge,
    staff_members,
    staff_topic,
    topics_for,
)
from apps.service_packages.desk_notices import NEW_REQUEST, OVERDUE, REPLY

Delivery = StaffNotificationPreference.Delivery
URL = "/admin/notifications/"


def _user(django_user_model, username, group=None, **values):
    user = django_user_model.objects.create_user(
        username=username,
        password="a long test password",
        email=f"{username}@example.org",
        is_staff=True,
        **values,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _login(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _fresh(user):
    return staff_members().get(pk=user.pk)


@pytest.mark.django_db
def test_each_role_is_offered_its_topics_with_sensible_defaults(django_user_model):
    desk = _fresh(_user(django_user_model, "desk", STAFF_GROUP_SERVICE_DESK))
    editor = _fresh(_user(django_user_model, "editor", STAFF_GROUP_CONTENT_EDITOR))
    admin = _fresh(_user(django_user_model, "admin", STAFF_GROUP_SITE_ADMIN))
    assert reverse("staff:notifications") == URL
    assert [t.key for t in topics_for(desk)] == [NEW_REQUEST, REPLY, OVERDUE]
    assert topics_for(editor) == []
    assert {t.key for t in topics_for(admin)} == {FAILED_EMAILS, NEW_REQUEST, REPLY, OVERDUE}
    assert [delivery_of(desk, staff_topic(key)) for key in (NEW_REQUEST, REPLY, OVERDUE)] == [
        Delivery.IMMEDIATE,
        Delivery.IMMEDIATE,
        Delivery.DIGEST,
    ]
    # Administrators are told of failed emails, not of every request (they may opt in).
    assert delivery_of(admin, staff_topic(FAILED_EMAILS)) == Delivery.IMMEDIATE
    assert delivery_of(admin, staff_topic(NEW_REQUEST)) == Delivery.OFF
    assert [user.username for user in recipients(NEW_REQUEST)] == ["desk"]
    assert [user.username for user in recipients(FAILED_EMAILS)] == ["admin"]


@pytest.mark.django_db
def test_the_page_under_the_user_menu_saves_the_members_choices(client, django_user_model):
    desk = _user(django_user_model, "desk", STAFF_GROUP_SERVICE_DESK)
    StaffLanguage.objects.create(user=desk, language="zh-hans")
    _login(client, desk)
    index = client.get("/admin/")
    assert f'href="{URL}"' in index.content.decode()
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("New service requests", "Replies from applicants", "Overdue requests"):
        assert f"<legend>{label}</legend>" in html
    assert "Failed emails" not in html
    assert 'name="topic_service_packages.new_request" value="immediate"' in html
    assert "简体中文" in html  # the admin language she last used, named in itself

    response = client.post(
        URL,
        {
            "topic_service_packages.new_request": "digest",
            "topic_service_packages.reply": "immediate",
            "topic_service_packages.overdue": "off",
            # Not hers to choose: ignored.
            "topic_failed_emails": "immediate",
            "digest_minutes": "30",
            "language": "ar",
        },
    )
    assert response.status_code == 302 and response["Location"] == URL
    preference = StaffNotificationPreference.objects.get(user=desk)
    assert preference.deliveries == {
        NEW_REQUEST: "digest",
        REPLY: "immediate",
        OVERDUE: "off",
    }
    assert (preference.digest_minutes, preference.language) == (30, "ar")
    member = _fresh(desk)
    assert email_language(member) == "ar"
    assert recipients(OVERDUE) == []
    assert "checked" in client.get(URL).content.decode()


@pytest.mark.django_db
def test_failed_emails_cannot_wait_for_a_digest_and_wrong_choices_are_refused(
    client, django_user_model
):
    root = _user(django_user_model, "root", is_superuser=True)
    _login(client, root)
    html = client.get(URL).content.decode()
    assert 'name="topic_failed_emails" value="immediate"' in html
    assert 'name="topic_failed_emails" value="digest"' not in html
    response = client.post(URL, {"topic_failed_emails": "digest", "digest_minutes": "7"})
    assert response.status_code == 200  # the form again, with its errors
    assert not StaffNotificationPreference.objects.exists()


@pytest.mark.django_db
def test_the_page_is_for_logged_in_staff_only(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_old_staff_emails_are_deleted_unless_they_failed(settings, django_user_model):
    settings.STAFF_EMAIL_RETENTION_DAYS = 90
    now = timezone.now()
    rows = {}
    for state in ("sent", "skipped", "failed", "pending"):
        email = StaffEmail.objects.create(
            address="li@example.org", key=f"k-{state}", language="zh-hans", state=state
        )
        StaffNotice.objects.create(
            topic=FAILED_EMAILS, key=f"k-{state}", address="li@example.org", email=email
        )
        rows[state] = email
    StaffEmail.objects.update(created_at=now - timedelta(days=91))
    StaffEmail.objects.filter(pk=rows["sent"].pk).update(created_at=now - timedelta(days=89))
    assert staff_emails_purge(now=now) == 1  # the skipped one
    assert staff_emails_purge(now=now + timedelta(days=2)) == 1  # the sent one, later
    assert staff_emails_purge(now=now + timedelta(days=2)) == 0
    assert set(StaffEmail.objects.values_list("state", flat=True)) == {"failed", "pending"}
    assert StaffNotice.objects.count() == 2
