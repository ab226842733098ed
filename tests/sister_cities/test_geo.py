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


def land_rings():
    """The outline's rings as lists of (x, y); d3 writes only absolute M, L and Z."""
    rings = []
    for path in svg_root().iter(f"{{{SVG_NS}}}path"):
        assert re.fullmatch(r"[MLZ0-9.,\-]*", path.get("d"))
        for ring in re.findall(r"M([^MZ]+)Z", path.get("d")):
            points = [tuple(map(float, point.split(","))) for point in ring.split("L")]
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
    paths = list(root.iter(f"{{{SVG_NS}}}path"))
    assert paths and all(path.get("class") == "land" for path in paths)
    xs, ys = zip(*(point for ring in land_rings() for point in ring), strict=True)
    assert 0 <= min(xs) and max(xs) <= MAP_WIDTH
    assert 0 <= min(ys) and max(ys) <= MAP_HEIGHT


def test_world_svg_is_self_contained():
    text = SVG_PATH.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "http" not in text.replace(SVG_NS, "")
    assert "href" not in text
    assert "Natural Earth (public domain)" in text
    assert SVG_PATH.stat().st_size < 120_000


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
