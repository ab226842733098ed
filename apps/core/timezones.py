"""Time zones as visitors read them: "Beijing time (UTC+8)", "Minsk time (UTC+3)", and the
curated, localised list a form offers.

The data is CLDR's, through Babel: its zone → territory table names the real zones (one
or more per country, with the IANA ids people know such as Europe/Oslo), its aliases map
old or browser spellings (Asia/Calcutta, W-SU, US/Eastern) to them, its metazones and
exemplar cities give names in every language. The list keeps, per country, one zone for
each way clocks run today (the US: New York, Chicago, Denver, Phoenix, Los Angeles, ...);
the others are still accepted and shown by the zone that stands for them.
"""

import json
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import FastSelect
from .i18n import collation_order, once_per_language

BEIJING = "Asia/Shanghai"
UNKNOWN = "Etc/Unknown"  # what CLDR makes of "Factory": no place keeps that time

AFRICA, AMERICAS, ASIA, EUROPE, OCEANIA = "002", "019", "142", "150", "009"
# The groups of the list are CLDR regions (UN M49 codes), so CLDR names them in every
# language. A zone belongs to its IANA area...
_AREA_GROUPS = {
    "Africa": AFRICA,
    "America": AMERICAS,
    "Asia": ASIA,
    "Europe": EUROPE,
    "Arctic": EUROPE,
    "Australia": OCEANIA,
}
# ...except zones in an ocean, which go with their country's other zones (the Azores
# with Lisbon, Galápagos with Guayaquil, Honolulu with the US) or, for island countries
# with one zone, with the region the UN counts them in.
_ISLAND_GROUPS = {
    **dict.fromkeys(("BM", "FK", "GS"), AMERICAS),
    **dict.fromkeys(("CV", "SH", "IO", "KM", "MG", "MU", "RE", "SC", "TF", "YT"), AFRICA),
    **dict.fromkeys(("FO", "IS"), EUROPE),
    "MV": ASIA,
    **dict.fromkeys(("CC", "CX"), OCEANIA),
}


def babel_locale(language: str | None = None) -> Locale:
    """The CLDR locale of a Django language code: zh-hans → zh_Hans."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return _babel_locale(language)


@cache
def _babel_locale(language: str) -> Locale:
    return Locale.parse(translation.to_locale(language))


# --- Which zones exist, and which one stands for which -----------------------------------


@cache
def _available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def canonical_zone(name: str | None) -> str | None:
    """The zone id to store for `name`: the CLDR/IANA id of an alias (Asia/Calcutta →
    Asia/Kolkata, W-SU → Europe/Moscow), `name` itself for any other valid zone, None for
    what is not a zone (or is "Factory", which no place keeps)."""
    if not name or name not in _available():
        return None
    canonical = get_global("zone_aliases").get(name, name)
    if canonical == UNKNOWN or canonical not in _available():
        return None
    return canonical


def _tzdata_table(name: str) -> list[list[str]]:
    """Rows of a tzdb table (zone.tab, zonenow.tab) from the tzdata package or the system."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        path = Path("/usr/share/zoneinfo") / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _zone_info(zone: str) -> zoneinfo.ZoneInfo:
    # zoneinfo keeps only a few zones it was not asked for lately: a list of 300 would
    # read 300 files per rendering.
    return zoneinfo.ZoneInfo(zone)


def _offsets(zone: str, year: int) -> tuple:
    """UTC offsets in winter and summer this year and next: how the clocks run now."""
    info = _zone_info(zone)
    return tuple(
        datetime(y, month, 15, 12, tzinfo=UTC).astimezone(info).utcoffset()
        for y in (year, year + 1)
        for month in (1, 7)
    )


@dataclass(frozen=True)
class _Catalogue:
    listed: tuple[str, ...]  # the curated zones
    stands_for: dict[str, str]  # any other zone id → the listed zone that stands for it
    groups: dict[str, str]  # listed zone → region code


def _group(zone: str, territory: str, territory_zones: dict) -> str:
    area = zone.split("/")[0]
    if area in _AREA_GROUPS:
        return _AREA_GROUPS[area]
    for other in territory_zones.get(territory, ()):
        if other.split("/")[0] in _AREA_GROUPS:
            return _AREA_GROUPS[other.split("/")[0]]
    return _ISLAND_GROUPS.get(territory, OCEANIA)


@cache
def _catalogue() -> _Catalogue:
    territories = get_global("zone_territories")
    metazones = get_global("meta_zones")
    year = datetime.now(UTC).year
    # Which zone stands for the others that keep the same time: the city the metazone
    # is named after (Samara, Yakutsk), then tzdb's pick for users who do not care about
    # the past (zonenow.tab: Sydney, not Hobart), then the order of zone.tab, which lists
    # each country's principal zone first (Toronto, not Iqaluit).
    now_picks = {row[2] for row in _tzdata_table("zonenow.tab") if len(row) > 2}
    tab_order = {row[2]: index for index, row in enumerate(_tzdata_table("zone.tab"))}

    def preference(zone):
        named = zone.rsplit("/", 1)[-1] == metazones.get(zone)
        return (not named, zone not in now_picks, tab_order.get(zone, len(tab_order)), zone)

    candidates = sorted(
        (
            zone
            for zone, territory in territories.items()
            # 001/ZZ: Etc/*, EST5EDT and the like; AQ: research stations.
            if has_place(zone) and territory != "AQ" and zone in _available()
        ),
        key=preference,
    )
    by_territory: dict[str, list[str]] = {}
    for zone in candidates:
        by_territory.setdefault(territories[zone], []).append(zone)

    listed, stands_for, groups, keys = [], {}, {}, {}
    for zone in candidates:
        key = (territories[zone], metazones.get(zone), _offsets(zone, year))
        if key in keys:
            stands_for[zone] = keys[key]
            continue
        keys[key] = zone
        listed.append(zone)
        groups[zone] = _group(zone, territories[zone], by_territory)
    # Aliases, Antarctic stations and the like: the listed zone with the same clocks.
    by_clock = {(metazones.get(zone), _offsets(zone, year)): zone for zone in reversed(listed)}
    for name in _available():
        if name in listed or name in stands_for:
            continue
        canonical = canonical_zone(name)
        if canonical is None or not (canonical in groups or has_place(canonical)):
            continue  # UTC, Etc/GMT+8: a bare offset is no place to pick for the visitor
        target = stands_for.get(canonical, canonical)
        if target not in groups:
            target = by_clock.get((metazones.get(canonical), _offsets(canonical, year)))
        if target is not None and target != name:
            stands_for[name] = target
    return _Catalogue(tuple(listed), stands_for, groups)


def listed_zones() -> tuple[str, ...]:
    """The zones a list offers, in no particular order."""
    return _catalogue().listed


def listed_zone(name: str | None) -> str | None:
    """The listed zone that shows `name` (itself, or one that keeps the same time)."""
    catalogue = _catalogue()
    if name in catalogue.groups:
        return name
    return catalogue.stands_for.get(name or "")


def zone_aliases() -> dict[str, str]:
    """Every other zone id → the listed zone that stands for it (for the browser's guess)."""
    return dict(_catalogue().stands_for)


# --- Names --------------------------------------------------------------------------------


def utc_offset(offset: timedelta) -> str:
    """ "UTC+8", "UTC+5:30", "UTC−3" (a real minus sign, read as "minus"), "UTC+0"."""
    minutes = int(offset.total_seconds()) // 60
    sign = "−" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def has_place(zone: str) -> bool:
    """Whether a place keeps this zone's time (not Etc/GMT+8, EST5EDT, UTC)."""
    territory = get_global("zone_territories").get(zone, "")
    return len(territory) == 2 and territory != "ZZ"


def zone_place(zone: str, language: str | None = None) -> str:
    """The zone's place in `language`: CLDR's exemplar city ("Минск", "明斯克")."""
    return _zone_place(zone, babel_locale(language))


@lru_cache(maxsize=4096)
def _zone_place(zone: str, locale: Locale) -> str:
    try:
        return get_timezone_location(zone, locale=locale, return_city=True)
    except LookupError:
        return zone.rsplit("/", 1)[-1].replace("_", " ")


def _offset_at(zone: str, at: datetime | None) -> timedelta:
    at = at or datetime.now(UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(_zone_info(zone)).utcoffset()


def zone_label(zone: str, at: datetime | None = None, language: str | None = None) -> str:
    """How a time's zone reads, at instant `at` (DST-aware), in `language`:
    "Beijing time (UTC+8)", "Minsk time (UTC+3)", "New York time (UTC−4)"."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    canonical = canonical_zone(zone) or zone
    try:
        offset = _offset_at(canonical, at)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zone
    return _zone_label(canonical, offset, language)


@lru_cache(maxsize=4096)
def _zone_label(zone: str, offset: timedelta, language: str) -> str:
    with translation.override(language):
        if zone == BEIJING and offset == timedelta(hours=8):
            # One sentence per language ("北京时间（UTC+8）"), not words pasted together.
            return gettext("Beijing time (UTC+8)")
        if not has_place(zone):
            return utc_offset(offset)  # Etc/GMT+8 is a bare offset (of −8): no place
        return gettext("%(place)s time (%(offset)s)") % {
            "place": zone_place(zone, language),
            "offset": utc_offset(offset),
        }


# --- The list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    label: str
    zones: tuple[str, ...]


@once_per_language  # one query for the collation order
def _sorted_groups(language: str) -> tuple[_Group, ...]:
    catalogue = _catalogue()
    locale = babel_locale(language)
    names = {zone: _option_sort_name(zone, language) for zone in catalogue.listed}
    names.update(
        {f"group:{code}": locale.territories[code] for code in set(catalogue.groups.values())}
    )
    order = collation_order(names, language)
    groups = [key.removeprefix("group:") for key in order if key.startswith("group:")]
    zones = [key for key in order if not key.startswith("group:")]
    return tuple(
        _Group(
            label=locale.territories[code],
            zones=tuple(zone for zone in zones if catalogue.groups[zone] == code),
        )
        for code in groups
    )


def _option_sort_name(zone: str, language: str) -> str:
    if zone == BEIJING:
        with translation.override(language):
            return gettext("Beijing time (UTC+8)")
    return zone_place(zone, language)


def option_label(zone: str, at: datetime | None = None, language: str | None = None) -> str:
    """A zone as a list shows it: the place first, for typing ahead ("Minsk (UTC+3)")."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return _option_label(zone, _offset_at(zone, at), language)


@lru_cache(maxsize=8192)
def _option_label(zone: str, offset: timedelta, language: str) -> str:
    if zone == BEIJING and offset == timedelta(hours=8):
        return _zone_label(zone, offset, language)  # the official name, also in the list
    with translation.override(language):
        return gettext("%(place)s (%(offset)s)") % {
            "place": zone_place(zone, language),
            "offset": utc_offset(offset),
        }


def zone_choices(language: str | None = None, at: datetime | None = None) -> list:
    """The curated zones as grouped choices [(region, [(zone id, label), ...]), ...] in
    `language`'s names and order; the offsets are those at `at` (now by default)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    at = at or datetime.now(UTC)
    offsets = tuple(_offset_at(zone, at) for zone in _catalogue().listed)
    return [(label, list(pairs)) for label, pairs in _labelled_choices(language, offsets)]


@lru_cache(maxsize=32)
def _labelled_choices(language: str, offsets: tuple) -> tuple:
    """The choices for one language and one set of offsets (they change a few times a
    year), so that a busy form page labels 300 zones only after a clock change."""
    at_offset = dict(zip(_catalogue().listed, offsets, strict=True))
    return tuple(
        (
            group.label,
            tuple((zone, _option_label(zone, at_offset[zone], language)) for zone in group.zones),
        )
        for group in _sorted_groups(language)
    )


# --- Forms --------------------------------------------------------------------------------


class TimeZoneSelect(FastSelect):
    """The curated zones, grouped by region; a current value outside the list (an
    existing event in Etc/GMT-8) is offered first, so that it is kept, not lost.

    `data-zone-aliases` maps every other zone id to the listed one that keeps its time,
    for the script that preselects the browser's zone (Chrome says Asia/Calcutta).
    """

    def render(self, name, value, attrs=None, renderer=None):
        current = str(value[0] if isinstance(value, list) else value or "")
        attrs = {**(attrs or {}), "data-zone-aliases": _aliases_json()}
        if not current or current in _catalogue().groups or not canonical_zone(current):
            return super().render(name, value, attrs, renderer)
        listed = self.choices
        self.choices = [(current, zone_label(current)), *listed]
        try:
            return super().render(name, value, attrs, renderer)
        finally:
            self.choices = listed


@cache
def _aliases_json() -> str:
    return json.dumps(zone_aliases(), separators=(",", ":"), sort_keys=True)


class TimeZoneField(forms.ChoiceField):
    """A time zone: offered from the curated list, but any valid IANA id is accepted
    and stored canonical (Asia/Calcutta → Asia/Kolkata), so that no browser's or old
    link's spelling is refused."""

    widget = TimeZoneSelect
    default_error_messages = {"invalid_choice": _("Choose your time zone from the list.")}

    def __init__(self, **kwargs):
        # Callable choices are read at each rendering: the visitor's language and order.
        super().__init__(choices=zone_choices, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if value in self.empty_values:
            return ""
        canonical = canonical_zone(value)
        if canonical is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return canonical

    def validate(self, value):
        forms.Field.validate(self, value)  # any valid zone, not only the listed ones
