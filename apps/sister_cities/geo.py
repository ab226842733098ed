"""Geography for the sister-city directory: continents of countries and the world-map projection."""

import math
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Continent(models.TextChoices):
    """A continent, as the directory groups partner cities."""

    AFRICA = "AF", _("Africa")
    ANTARCTICA = "AN", _("Antarctica")
    ASIA = "AS", _("Asia")
    EUROPE = "EU", _("Europe")
    NORTH_AMERICA = "NA", _("North America")
    OCEANIA = "OC", _("Oceania")
    SOUTH_AMERICA = "SA", _("South America")


# UN M49 regions folded into seven continents: Northern America, Central America and the
# Caribbean make North America; remote territories follow M49 (BV, GS → South America;
# IO, TF → Africa; HM, CX, CC, UM → Oceania). One deviation: Cyprus (M49 Western Asia) is
# counted in Europe, as a member of the European Union.
_CODES_BY_CONTINENT = {
    Continent.AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS "
        "LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG "
        "YT ZA ZM ZW"
    ),
    Continent.ANTARCTICA: "AQ",
    Continent.ASIA: (
        "AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM "
        "MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE"
    ),
    Continent.EUROPE: (
        "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT "
        "JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA"
    ),
    Continent.NORTH_AMERICA: (
        "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS "
        "MX NI PA PM PR SV SX TC TT US VC VG VI"
    ),
    Continent.OCEANIA: (
        "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS"
    ),
    Continent.SOUTH_AMERICA: "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",
}

COUNTRY_CONTINENT: dict[str, str] = {
    code: str(continent)
    for continent, codes in _CODES_BY_CONTINENT.items()
    for code in codes.split()
}


def continent_of(country_code: str) -> str | None:
    """The continent code of an ISO 3166-1 alpha-2 country code, or None if unknown."""
    if not country_code:
        return None
    return COUNTRY_CONTINENT.get(str(country_code).upper())


def countries_in(continent: str) -> list[str]:
    """The country codes of a continent, in alphabetical order."""
    return sorted(code for code, value in COUNTRY_CONTINENT.items() if value == continent)


# The world map: an equirectangular projection, one degree as wide as it is tall. The drawn
# latitudes stop short of Antarctica, and a span of 144° makes the height a whole number.
# scripts/build_world_map.mjs reads these constants to draw static/img/world.svg.
MAP_WIDTH = 1000
MAP_NORTH = 84
MAP_SOUTH = -60
MAP_HEIGHT = round(MAP_WIDTH * (MAP_NORTH - MAP_SOUTH) / 360)

_UNITS_PER_DEGREE = MAP_WIDTH / 360


def project(latitude: float | Decimal, longitude: float | Decimal) -> tuple[float, float]:
    """The (x, y) of a point in the world map's viewBox; latitudes off the map sit on its edge."""
    lat, lon = float(latitude), float(longitude)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"Not a position: {latitude!r}, {longitude!r}")
    lat = min(max(lat, MAP_SOUTH), MAP_NORTH)
    if not -180 <= lon <= 180:
        lon = (lon + 180) % 360 - 180
    x = (lon + 180) * _UNITS_PER_DEGREE
    y = (MAP_NORTH - lat) * _UNITS_PER_DEGREE
    return round(x, 1), round(y, 1)
