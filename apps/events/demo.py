"""Demo programme: the series and exchanges of the source article (texts in `demo.json`).

The article names Xicheng's signature international cultural and tourism events (the
Shichahai Cultural Tourism Festival, the China International Ballet Gala Season, the
China International Chorus Festival, the Lao She Theatre Festival, the "White Tower Night
Talk" and the "October Literature Festival"), the Financial Street Forum and the Global
Fintech Summit it hosts, and the Foreign Language Performance of the Financial Street,
held for four consecutive years. It also names past online exchanges: the celebration of
the 35th anniversary of ties with Nakano City, Tokyo (where a memorandum on friendly
cooperation was signed), calligraphy and floral-art exchanges with Tokyo, a promotion
event for enterprises with Lenin District of Minsk, and an international sister-city
symposium.

It gives no dates, times, places, organisers or programmes. So:

- Each series gets an upcoming edition dated from the day the demo creates it; an
  edition that exists keeps its dates, and loading in a later year adds that year's
  edition. Its dates, times, place, organiser and programme are sample data, and so is
  the postponement of the chorus festival.
- The upcoming online exchanges with Nakano City and with Lenin District of Minsk are
  invented entirely and say "(sample)" in their titles in every language.
- Registration: both online exchanges and the White Tower Night Talk take registrations,
  open from the day the demo creates them until a day before the start. The talk has three
  places, taken by invented people with example.org addresses (RFC 2606: never a real
  mailbox), and one more on its waitlist, so staff see a full event, a waitlist and the
  emails owed at once; visitors of the demo join that waitlist, or register for an
  online exchange and get a place.
- The past exchanges keep what the article says; their exact dates, times and organisers
  are sample data (the 35th anniversary falls in 2021, as the partner's demo has it).
"""

import zoneinfo
from datetime import date, datetime, time, timedelta
from functools import partial

from django.utils import timezone

from apps.core.demo_loading import (
    DemoLoad,
    demo_create,
    demo_data,
    demo_instance,
    translated_format,
)
from apps.core.models import PublishingStatus
from apps.sister_cities import demo as sister_demo
from apps.sister_cities.models import SisterCity
from apps.venues import demo as venue_demo
from apps.venues.models import ServiceLanguage, Venue

from .models import DEFAULT_TIME_ZONE, Event, EventSeries
from .registrations import RegistrationClosed, registration_create
from .services import event_create

ZONE = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)
# An event's date in the data: a fixed `date` (past exchanges), `days_ahead` of the day
# the demo is loaded, or the 1st of a `month`, the first one at least MIN_DAYS_AHEAD
# away; `all_day_days` whole days from then, or one day between two `times`.
SCHEDULE = ("date", "days_ahead", "month", "all_day_days", "times")
RELATIONS = ("venue", "partners", "languages", "sample_registrants")
MIN_DAYS_AHEAD = 60


def _ensure_dependencies(demo: DemoLoad, events: list[dict]) -> None:
    """Load the partners' and venues' demo first where what events point to is missing."""
    cities = {slug for data in events for slug in data.get("partners", [])}
    venues = {data["venue"] for data in events if data.get("venue")}
    if SisterCity.objects.filter(slug__in=cities).count() < len(cities):
        sister_demo.load()
    if Venue.objects.filter(slug__in=venues).count() < len(venues):
        venue_demo.load()
    languages = {code for data in events for code in data["languages"]}
    venue_demo.ensure_lookups(demo, {ServiceLanguage: languages})


def _first_day(data, today: date) -> date:
    if "date" in data:
        return date.fromisoformat(data["date"])
    if "month" in data:
        earliest = today + timedelta(days=MIN_DAYS_AHEAD)
        first = date(earliest.year, data["month"], 1)
        return first if first >= earliest else date(earliest.year + 1, data["month"], 1)
    return today + timedelta(days=data["days_ahead"])


def _schedule(data, today: date) -> tuple[datetime, datetime]:
    """Aware start and end in Beijing time, relative to `today`."""
    first = _first_day(data, today)
    if "all_day_days" in data:
        last = first + timedelta(days=data["all_day_days"] - 1)
        return (
            datetime.combine(first, time.min, tzinfo=ZONE),
            datetime.combine(last, time(23, 59, 59), tzinfo=ZONE),
        )
    start, end = (time.fromisoformat(clock) for clock in data["times"])
    return datetime.combine(first, start, tzinfo=ZONE), datetime.combine(first, end, tzinfo=ZONE)


def _edition(series_data, title: dict[str, str], today: date) -> dict:
    """The upcoming edition of a series, named after the year it starts in."""
    data = series_data["edition"]
    year = _schedule(data, today)[0].year
    # Every edition shows its series' picture unless its own data names another.
    picture = {key: series_data[key] for key in ("image", "image_alt") if key in series_data}
    return {
        **picture,
        **data,
        "slug": f"{series_data['slug']}-{year}",
        "series": series_data["slug"],
        "title": translated_format(title, name=series_data["name"], year=str(year)),
    }


def _create_event(data, today: date) -> Event:
    """The event with its relations and, while registration is open, its sample registrants."""
    event = demo_instance(
        Event,
        data,
        handled=(*SCHEDULE, *RELATIONS, "series"),
        series=EventSeries.objects.filter(slug=data.get("series")).first(),
        venue=Venue.objects.get(slug=data["venue"]) if data.get("venue") else None,
        all_day="all_day_days" in data,
        time_zone=DEFAULT_TIME_ZONE,
        status=PublishingStatus.PUBLISHED,
        is_sample=True,
    )
    event.starts_at, event.ends_at = _schedule(data, today)
    if event.takes_registrations:
        # Open from the day the demo is loaded until a day before the start.
        event.registration_opens_at = datetime.combine(today, time.min, tzinfo=ZONE)
        event.registration_closes_at = event.starts_at - timedelta(days=1)
    event_create(event=event)
    event.partner_cities.set(SisterCity.objects.filter(slug__in=data.get("partners", [])))
    event.languages.set(ServiceLanguage.objects.filter(code__in=data["languages"]))
    _create_registrations(event, data.get("sample_registrants", []))
    return event


def _create_registrations(event: Event, registrants) -> None:
    """The invented registrants, through the same service as the site's form.

    While the event does not take registrations (for instance the demo is dated from a
    day still to come) none are made.
    """
    for registrant in registrants:
        try:
            # Invented people whose addresses need no confirming (example.org).
            registration_create(event_id=event.pk, address_confirmed=True, **registrant)
        except RegistrationClosed:
            break


def load() -> str:
    """Create whichever demo series, upcoming editions and past exchanges are missing."""
    demo = DemoLoad()
    data = demo_data("events")
    today = timezone.localdate()
    _ensure_dependencies(
        demo, [series["edition"] for series in data["series"]] + data["upcoming"] + data["past"]
    )
    events = []
    for series in data["series"]:
        create = partial(
            demo_create,
            EventSeries,
            series,
            handled=("edition",),
            status=PublishingStatus.PUBLISHED,
        )
        demo.ensure("series", EventSeries, create, slug=series["slug"])
        events.append(_edition(series, data["edition_title"], today))
    for event in [*events, *data["upcoming"], *data["past"]]:
        demo.ensure("events", Event, partial(_create_event, event, today), slug=event["slug"])
    return str(demo)
