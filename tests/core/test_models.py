from datetime import timedelta

import pytest
from django.utils import timezone

from apps.core.models import PublishingStatus
from apps.core.services import publishable_set_status
from tests.testapp.models import Article

pytestmark = pytest.mark.django_db


def make(status, publish_at=None, title="t"):
    return Article.objects.create(title_zh_hans=title, status=status, publish_at=publish_at)


def test_published_honours_status_and_publish_at():
    now = timezone.now()
    live = make(PublishingStatus.PUBLISHED)
    due = make(PublishingStatus.PUBLISHED, publish_at=now - timedelta(minutes=1))
    later = make(PublishingStatus.PUBLISHED, publish_at=now + timedelta(hours=1))
    make(PublishingStatus.DRAFT)
    make(PublishingStatus.ARCHIVED)

    assert set(Article.objects.published()) == {live, due}
    assert later.is_published is False
    # The scheduled item appears once its time has come, without anyone touching it.
    assert later in Article.objects.published(now=now + timedelta(hours=2))


def test_drafts_and_archived_querysets():
    draft = make(PublishingStatus.DRAFT)
    archived = make(PublishingStatus.ARCHIVED)
    assert list(Article.objects.drafts()) == [draft]
    assert list(Article.objects.archived()) == [archived]


def test_timestamps_are_set_and_updated():
    article = make(PublishingStatus.DRAFT)
    created, updated = article.created_at, article.updated_at
    assert created is not None
    article.title_en = "changed"
    article.save()
    article.refresh_from_db()
    assert article.created_at == created
    assert article.updated_at > updated


def test_publishable_set_status_validates_and_saves():
    article = make(PublishingStatus.DRAFT)
    publishable_set_status(obj=article, status="published")
    article.refresh_from_db()
    assert article.status == PublishingStatus.PUBLISHED
    with pytest.raises(ValueError):
        publishable_set_status(obj=article, status="deleted")
