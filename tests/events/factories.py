"""Events for tests of any app that shows them, and factories of events and series."""

import itertools
import time as clock
import uuid
import zoneinfo
from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.core.models import PublishingStatus
from apps.events.forms import form_shown_value
from apps.events.models import Event, EventSeries, Registration
from apps.events.services import event_create
from apps.venues.models import ServiceLanguage
from tests.venues.factories import scheduled_trait

_numbers = itertools.count(1)
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def make_event(*, title: str, day: date, venue=None, city=None, **values) -> Event:
    """A published event in Beijing from 10:00 to 23:59 on `day`."""
    starts = datetime.combine(day, time(10, 0), tzinfo=SHANGHAI)
    ends = datetime.combine(day, time(23, 59), tzinfo=SHANGHAI)
    event = Event(
        title_zh_hans=values.pop("title_zh_hans", title),
        title_en=title,
        slug=values.pop("slug", f"event-{next(_numbers)}"),
        category=values.pop("category", Event.Category.EXCHANGE),
        starts_at=starts,
        ends_at=ends,
        venue=venue,
        status=values.pop("status", "published"),
        **values,
    )
    event_create(event=event)
    if city is not None:
        event.partner_cities.add(city)
    return event


class EventSeriesFactory(DjangoModelFactory):
    """A published annual series, named in Chinese and English."""

    class Meta:
        model = EventSeries

    name_zh_hans = factory.Sequence(lambda n: f"系列活动{n}")
    name_en = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    summary_en = "An annual meeting of Xicheng and its partners."
    status = PublishingStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublishingStatus.DRAFT)


def _start(event) -> datetime:
    if event.local_start is not None:
        wall_clock = datetime.fromisoformat(event.local_start)
        return wall_clock.replace(tzinfo=zoneinfo.ZoneInfo(event.time_zone))
    return timezone.now().replace(microsecond=0) + timedelta(days=event.in_days)


def _set_related(field: str, by_code: bool = False):
    """A post-generation hook: `partner_cities=[city]`, `languages=["en", "zh"]`."""

    def link(obj, create, rows, **kwargs):
        if not create or not rows:
            return
        if by_code:
            rows = list(ServiceLanguage.objects.filter(code__in=rows))
        getattr(obj, field).set(rows)

    return factory.PostGeneration(link)


class EventFactory(DjangoModelFactory):
    """A published two-hour exchange in Beijing a month from now, checked by full_clean().

    `local_start="2026-03-28 10:00"` sets the wall-clock start in
    `time_zone`; `in_days=-3` moves the default start; `partner_cities=[city]` and
    `languages=["en", "zh"]` (service language codes) fill the many-to-many fields.
    """

    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        local_start = None
        in_days = 30
        hours = 2
        draft = factory.Trait(status=PublishingStatus.DRAFT)
        online = factory.Trait(is_online=True)
        scheduled = scheduled_trait()

    title_zh_hans = factory.Sequence(lambda n: f"交流活动{n}")
    title_en = factory.Sequence(lambda n: f"Exchange {n}")
    slug = factory.Sequence(lambda n: f"exchange-{n}")
    category = Event.Category.EXCHANGE
    time_zone = "Asia/Shanghai"
    starts_at = factory.LazyAttribute(_start)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=o.hours))
    status = PublishingStatus.PUBLISHED
    # Places are given at once, as before holds existed; tests of holds ask for "auto"
    # (the model's default) or "always" (tests/events/test_registration_holds.py).
    address_confirmation = Event.AddressConfirmation.NEVER

    partner_cities = _set_related("partner_cities")
    languages = _set_related("languages", by_code=True)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return event_create(event=model_class(*args, **kwargs))


def registration_form_data(**values) -> dict:
    """A register form as a visitor sends it: filled in a minute after it was shown."""
    return {
        "name": "Alena Kavalenka",
        "email": "alena@example.org",
        "organisation": "Minsk City Library",
        "country": "BY",
        "language": "ru",
        "time_zone": "Europe/Minsk",
        "consent": "on",
        "form_token": str(uuid.uuid4()),
        "shown": form_shown_value(now=clock.time() - 60),
        **values,
    }


def confirmed_registrations(event, count: int) -> None:
    """`count` people with a confirmed place at `event` (no email is sent)."""
    for n in range(count):
        Registration.objects.create(
            event=event,
            status=Registration.Status.CONFIRMED,
            name=f"Guest {n}",
            email=f"guest{n}@example.org",
            country="FR",
            language="fr",
            time_zone="Europe/Paris",
            consented_at=timezone.now(),
        )
