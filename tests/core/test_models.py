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


def test_rows_loaded_with_only_have_the_values_and_deferred_fields_django_gives():
    """LeanLoadingModel.from_db places the selected columns by a layout worked out once;
    the rows must be what Django's own from_db makes, selected related rows included."""
    from django.db import models

    from apps.events.models import Event
    from tests.events.factories import EventFactory
    from tests.venues.factories import VenueFactory

    EventFactory.create_batch(2, venue=VenueFactory())
    EventFactory()
    queries = [
        Event.objects.only("slug", "title_en", "starts_at", "venue__name_en").select_related(
            "venue"
        ),
        Event.objects.only("title_zh_hans", "capacity").order_by("-pk"),
        Event.objects.all(),
    ]
    for queryset in queries:
        for _ in range(2):  # worked out, then reused
            lean = list(queryset)
            plain = [
                models.Model.from_db.__func__(Event, "default", *row)
                for row in _rows_as_django_reads_them(queryset)
            ]
            assert [row.get_deferred_fields() for row in lean] == [
                row.get_deferred_fields() for row in plain
            ]
            for lean_row, plain_row in zip(lean, plain, strict=True):
                loaded = {f.attname for f in Event._meta.concrete_fields} - (
                    lean_row.get_deferred_fields()
                )
                assert {name: lean_row.__dict__[name] for name in loaded} == {
                    name: plain_row.__dict__[name] for name in loaded
                }
                assert lean_row._state.adding is False and lean_row._state.db == "default"
    venue_loaded = queries[0].filter(venue__isnull=False).first().venue
    assert venue_loaded.get_deferred_fields() >= {"address_en", "summary_en"}
    assert "name_en" not in venue_loaded.get_deferred_fields()


def _rows_as_django_reads_them(queryset):
    """(selected column names, values) of the queryset's own rows, from its compiler."""
    compiler = queryset.query.get_compiler("default")
    results = compiler.execute_sql()
    select, klass_info = compiler.select, compiler.klass_info
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    names = [column.target.attname for column, *_ in select[start:end]]
    for batch in results:
        for row in batch:
            yield names, row[start:end]
