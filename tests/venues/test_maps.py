"""Local maps: the projection, the fit, the path, tiles, reference features, the template."""

import itertools
import math
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from apps.venues.maps import (
    REFERENCE_FEATURES,
    MapPoint,
    build_local_map,
    mercator_pixel,
)
from tests.sister_cities.test_geo import on_land

TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png?key=a&b=c"

# Places in Xicheng, roughly.
PRINCE_GONG = MapPoint(39.9366, 116.3860, "Prince Gong's Mansion", "/venues/prince-gong/", 1)
BAITASI = MapPoint(39.9240, 116.3600, "Baita Temple", "/venues/baitasi/", 2)
NIUJIE = MapPoint(Decimal("39.8847"), Decimal("116.3628"), "Niujie Mosque", "/venues/niujie/", 3)
TIANQIAO = MapPoint(39.8850, 116.3960, "Tianqiao Theatre", "/venues/tianqiao/", 4)
FORBIDDEN_CITY_GATE = MapPoint(39.9163, 116.3972, "Meridian Gate")


def render(local_map, caption="Map of the venues"):
    return render_to_string(
        "venues/includes/local_map.html", {"map": local_map, "caption": caption}
    )


# Projection


@pytest.mark.parametrize(
    ("lat", "lon", "zoom", "expected"),
    [
        (0, 0, 0, (128, 128)),
        (0, 0, 1, (256, 256)),
        (0, -180, 0, (0, 128)),
        (0, 180, 0, (256, 128)),
        (85.0511287798, -180, 0, (0, 0)),
        (-85.0511287798, 180, 2, (1024, 1024)),
    ],
)
def test_mercator_known_values(lat, lon, zoom, expected):
    assert mercator_pixel(lat, lon, zoom) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(("lat", "lon"), [(39.9055, 116.3976), (-33.8568, 151.2153)])
def test_mercator_matches_slippy_map_tile_numbers(lat, lon):
    # The tile numbering of tile servers, as written on the OpenStreetMap wiki.
    zoom = 13
    count = 2**zoom
    tile_x = int((lon + 180) / 360 * count)
    tile_y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * count)
    x, y = mercator_pixel(lat, lon, zoom)
    assert (int(x // 256), int(y // 256)) == (tile_x, tile_y)


def test_tiananmen_tile():
    x, y = mercator_pixel(39.9055, 116.3976, 13)
    assert (int(x // 256), int(y // 256)) == (6744, 3104)


def test_mercator_accepts_decimals_and_rejects_nonsense():
    assert mercator_pixel(Decimal("39.9"), Decimal("116.4"), 12) == pytest.approx(
        mercator_pixel(39.9, 116.4, 12)
    )
    with pytest.raises(ValueError):
        mercator_pixel(float("nan"), 116.4, 12)


# Fit


def test_all_markers_inside_the_view_with_padding():
    local_map = build_local_map([PRINCE_GONG, BAITASI, NIUJIE, TIANQIAO], padding_px=40)
    assert local_map.zoom <= 17
    assert len(local_map.markers) == 4
    for marker in local_map.markers:
        assert 40 <= marker.x <= local_map.width - 40
        assert 40 <= marker.y <= local_map.height - 40


def test_the_largest_zoom_that_fits_is_chosen():
    points = [PRINCE_GONG, BAITASI, NIUJIE, TIANQIAO]
    local_map = build_local_map(points)
    closer = [mercator_pixel(p.latitude, p.longitude, local_map.zoom + 1) for p in points]
    xs, ys = [x for x, _y in closer], [y for _x, y in closer]
    # One step closer, the spread would no longer fit inside the padding.
    assert max(xs) - min(xs) > 720 - 80 - 1 or max(ys) - min(ys) > 480 - 80 - 1


def test_markers_are_centred():
    local_map = build_local_map([PRINCE_GONG, NIUJIE])
    xs = [m.x for m in local_map.markers]
    ys = [m.y for m in local_map.markers]
    assert (min(xs) + max(xs)) / 2 == pytest.approx(local_map.width / 2, abs=0.6)
    assert (min(ys) + max(ys)) / 2 == pytest.approx(local_map.height / 2, abs=0.6)


def test_a_single_point_is_centred_at_street_level():
    local_map = build_local_map([PRINCE_GONG])
    (marker,) = local_map.markers
    assert local_map.zoom == 16
    assert marker.x == pytest.approx(360, abs=0.6)
    assert marker.y == pytest.approx(240, abs=0.6)
    assert (marker.label, marker.url, marker.number) == (
        "Prince Gong's Mansion",
        "/venues/prince-gong/",
        1,
    )


def test_markers_are_rounded_to_one_decimal():
    local_map = build_local_map([PRINCE_GONG, BAITASI, NIUJIE])
    for marker in local_map.markers:
        assert round(marker.x, 1) == marker.x
        assert round(marker.y, 1) == marker.y


def test_points_without_coordinates_are_skipped():
    nowhere = MapPoint(None, None, "Somewhere unknown", "/venues/unknown/")
    local_map = build_local_map([nowhere, PRINCE_GONG, MapPoint(39.9, None, "Half")])
    assert [m.label for m in local_map.markers] == ["Prince Gong's Mansion"]


def test_no_points_no_map():
    assert build_local_map([]) is None
    assert build_local_map([MapPoint(None, None, "Somewhere unknown")]) is None


def test_points_too_far_apart_for_a_local_map_make_no_map():
    shanghai = MapPoint(31.2304, 121.4737, "Shanghai")
    assert build_local_map([PRINCE_GONG, shanghai]) is None
    assert build_local_map([PRINCE_GONG, shanghai], min_zoom=3) is not None


def test_spread_out_points_get_a_lower_zoom_than_close_ones():
    close = build_local_map([PRINCE_GONG, MapPoint(39.9350, 116.3890, "Yinding Bridge")])
    spread = build_local_map([PRINCE_GONG, NIUJIE, TIANQIAO])
    assert spread.zoom < close.zoom


def test_the_view_has_the_requested_size():
    local_map = build_local_map([PRINCE_GONG, NIUJIE], width=400, height=300, padding_px=20)
    assert (local_map.width, local_map.height) == (400, 300)
    for marker in local_map.markers:
        assert 20 <= marker.x <= 380
        assert 20 <= marker.y <= 280


# Path


def test_path_runs_through_the_points_in_order():
    stops = [TIANQIAO, PRINCE_GONG, NIUJIE, BAITASI]
    local_map = build_local_map(stops, path=True)
    assert local_map.path_d.startswith("M ")
    segments = local_map.path_d.count(" L ")
    assert segments == len(stops) - 1
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d", local_map.path_d)]
    vertices = list(zip(numbers[::2], numbers[1::2], strict=True))
    assert vertices == [(m.x, m.y) for m in local_map.markers]
    assert [m.label for m in local_map.markers] == [s.label for s in stops]


def test_no_path_unless_asked_or_for_a_single_point():
    assert build_local_map([PRINCE_GONG, NIUJIE]).path_d == ""
    assert build_local_map([PRINCE_GONG], path=True).path_d == ""


# Tiles


def test_no_tiles_without_a_tile_server():
    local_map = build_local_map([PRINCE_GONG, NIUJIE])
    assert local_map.tiles == []
    assert local_map.attribution == ""


@pytest.mark.parametrize(
    "points",
    [[PRINCE_GONG], [PRINCE_GONG, NIUJIE, TIANQIAO], [BAITASI, FORBIDDEN_CITY_GATE]],
)
def test_tiles_cover_the_view(settings, points):
    settings.MAP_TILE_URL = TILE_URL
    settings.MAP_TILE_ATTRIBUTION = "Tiles by Example"
    local_map = build_local_map(points)
    tiles = local_map.tiles
    assert tiles
    assert {t["size"] for t in tiles} == {256}
    # A grid of whole tiles whose union contains the viewBox.
    xs = sorted({t["x"] for t in tiles})
    ys = sorted({t["y"] for t in tiles})
    assert len(tiles) == len(xs) * len(ys)
    assert all(b - a == 256 for a, b in itertools.pairwise(xs))
    assert all(b - a == 256 for a, b in itertools.pairwise(ys))
    assert xs[0] <= 0 and xs[-1] + 256 >= local_map.width
    assert ys[0] <= 0 and ys[-1] + 256 >= local_map.height
    # No tile lies wholly outside the view.
    assert xs[0] > -256 and xs[-1] < local_map.width
    assert ys[0] > -256 and ys[-1] < local_map.height
    assert local_map.attribution == "Tiles by Example"


def test_tile_urls_carry_zoom_and_tile_numbers(settings):
    settings.MAP_TILE_URL = TILE_URL
    local_map = build_local_map([PRINCE_GONG])
    centre_x, centre_y = mercator_pixel(PRINCE_GONG.latitude, PRINCE_GONG.longitude, 16)
    left, top = centre_x - local_map.markers[0].x, centre_y - local_map.markers[0].y
    for tile in local_map.tiles:
        tx, ty = round((tile["x"] + left) / 256), round((tile["y"] + top) / 256)
        expected = f"https://tiles.example.org/16/{tx}/{ty}.png?key=a&b=c"
        assert tile["href"] == expected


def test_tiles_replace_the_drawn_landmarks(settings):
    settings.MAP_TILE_URL = TILE_URL
    assert build_local_map([FORBIDDEN_CITY_GATE]).reference == []


# Reference features


def test_reference_features_around_the_forbidden_city():
    local_map = build_local_map([FORBIDDEN_CITY_GATE, MapPoint(39.9000, 116.3900, "Qianmen")])
    shown = {str(shape.label): shape for shape in local_map.reference}
    assert {"Forbidden City", "Tiananmen Square", "Central Axis"} <= set(shown)
    assert shown["Forbidden City"].kind == "area"
    assert shown["Central Axis"].kind == "line"
    assert shown["Forbidden City"].label_x is not None
    for shape in local_map.reference:
        assert re.fullmatch(r"-?\d+\.\d,-?\d+\.\d( -?\d+\.\d,-?\d+\.\d)+", shape.points)


def test_reference_features_far_away_are_left_out():
    # The Summer Palace is well away from every drawn landmark.
    local_map = build_local_map([MapPoint(39.9999, 116.2755, "Summer Palace")])
    assert local_map.reference == []


def test_reference_labels_do_not_overlap_each_other():
    # Zoomed out, the landmarks crowd together: some labels must give way.
    spread = [MapPoint(39.99, 116.30, "North-west"), MapPoint(39.85, 116.45, "South-east")]
    local_map = build_local_map(spread)
    labelled = [s for s in local_map.reference if s.label_x is not None]
    assert len(local_map.reference) == len(REFERENCE_FEATURES)
    assert 0 < len(labelled) < len(REFERENCE_FEATURES)


def test_reference_labels_keep_clear_of_markers_and_inside_the_view():
    # A marker on the Forbidden City's centre takes the spot its label would have.
    centre = MapPoint(39.91885, 116.39725, "Hall of Supreme Harmony")
    local_map = build_local_map([centre])
    (marker,) = local_map.markers
    for shape in local_map.reference:
        if shape.label_x is None:
            continue
        assert abs(shape.label_x - marker.x) > 12 or abs(shape.label_y - marker.y) > 12
        assert 0 < shape.label_x < local_map.width
        assert 0 < shape.label_y < local_map.height


def test_reference_labels_are_translated():
    local_map = build_local_map([FORBIDDEN_CITY_GATE])
    labels = {shape.label for shape in local_map.reference}
    assert all(not isinstance(label, str) for label in labels)  # lazy, read when rendered


# Template


def test_template_draws_a_link_per_marker():
    local_map = build_local_map([PRINCE_GONG, BAITASI, NIUJIE, TIANQIAO], path=True)
    html = render(local_map, caption="Route of four stops")
    assert '<figure class="local-map" dir="ltr">' in html
    assert 'viewBox="0 0 720 480"' in html
    assert 'role="group" aria-label="Route of four stops"' in html
    links = re.findall(r'<a class="local-map__marker" href="([^"]+)">', html)
    assert links == [p.url for p in (PRINCE_GONG, BAITASI, NIUJIE, TIANQIAO)]
    assert html.count("<title>") == 4
    assert "<title>Prince Gong&#x27;s Mansion</title>" in html
    numbers = re.findall(r'<text class="local-map__number"[^>]*>(\d+)</text>', html)
    assert numbers == ["1", "2", "3", "4"]
    assert f'd="{local_map.path_d}"' in html
    assert "<figcaption" in html and "Route of four stops</figcaption>" in html


def test_template_marker_without_url_or_number():
    html = render(build_local_map([FORBIDDEN_CITY_GATE]))
    assert "<a " not in html
    assert 'role="img" aria-label="Meridian Gate"' in html
    assert "<title>Meridian Gate</title>" in html
    assert "local-map__number" not in html
    assert "local-map__path" not in html


def test_template_escapes_labels_and_urls():
    evil = MapPoint(39.93, 116.38, "<script>alert(1)</script>", '/x/"><script>', 1)
    html = render(build_local_map([evil]), caption='"><script>')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_template_has_no_outside_reference_without_tiles():
    html = render(build_local_map([FORBIDDEN_CITY_GATE, PRINCE_GONG], path=True))
    assert "http" not in html
    assert "<image" not in html
    assert 'class="local-map__ref" aria-hidden="true"' in html
    assert ">Forbidden City</text>" in html


def test_template_with_tiles(settings):
    settings.MAP_TILE_URL = TILE_URL
    settings.MAP_TILE_ATTRIBUTION = "© Example <contributors>"
    local_map = build_local_map([PRINCE_GONG])
    html = render(local_map)
    assert html.count("<image ") == len(local_map.tiles)
    assert 'href="https://tiles.example.org/16/' in html
    assert "?key=a&amp;b=c" in html
    assert "© Example &lt;contributors&gt;" in html
    assert "local-map__ref" not in html


def test_template_numbers_stay_numbers_in_every_language():
    local_map = build_local_map([PRINCE_GONG, FORBIDDEN_CITY_GATE, NIUJIE], path=True)
    number = r"-?\d+(?:\.\d)?"
    for language in ("fr", "ru", "ar", "zh-hans"):
        with translation.override(language):
            html = render(local_map)
        for value in re.findall(r'\b(?:cx|cy|x|y|width|height)="([^"]*)"', html):
            assert re.fullmatch(number, value), (language, value)
        (view_box,) = re.findall(r'viewBox="([^"]*)"', html)
        assert view_box == "0 0 720 480"
        (path_d,) = re.findall(r'class="local-map__path" d="([^"]*)"', html)
        assert re.fullmatch(rf"M {number} {number}( L {number} {number})+", path_d)
        districts = re.findall(r'class="local-map__district[^"]*" d="([^"]*)"', html)
        assert districts
        for d in districts:
            assert re.fullmatch(rf"(M{number} {number}(L{number} {number})+Z)+", d)
        for value in re.findall(r'\b(?:x1|y1|x2|y2|r)="([^"]*)"', html):
            assert re.fullmatch(number, value), (language, value)
        for points in re.findall(r'points="([^"]*)"', html):
            assert re.fullmatch(rf"{number},{number}( {number},{number})+", points)


def test_caption_follows_the_language_direction():
    local_map = build_local_map([PRINCE_GONG])
    with translation.override("ar"):
        assert '<figcaption class="local-map__caption" dir="rtl">' in render(local_map)
    assert '<figcaption class="local-map__caption" dir="ltr">' in render(local_map)


# Districts, venues nearby, a taller map


def test_districts_around_the_places_are_drawn_and_named():
    local_map = build_local_map([PRINCE_GONG, NIUJIE, TIANQIAO])
    codes = {d.code for d in local_map.districts}
    assert {"110102", "110101"} <= codes  # Xicheng and Dongcheng
    (home,) = [d for d in local_map.districts if d.is_home]
    assert home.code == "110102"
    assert local_map.districts[-1] is home  # drawn last, over its neighbours' edges
    names = {
        text for label in local_map.labels if label.kind == "district" for text, *_ in label.lines
    }
    assert "Xicheng" in names
    html = render(local_map)
    assert 'class="local-map__district local-map__district--home"' in html
    assert ">Xicheng</text>" in html


def test_district_names_are_translated():
    local_map = build_local_map([PRINCE_GONG, NIUJIE, TIANQIAO])
    with translation.override("zh-hans"):
        html = render(local_map)
    # The labels were written in the language of the request that built the map.
    assert ">Xicheng</text>" in html
    with translation.override("zh-hans"):
        chinese = build_local_map([PRINCE_GONG, NIUJIE, TIANQIAO])
    texts = {text for label in chinese.labels for text, *_ in label.lines}
    assert "西城区" in texts


def test_the_whole_of_xicheng_fits_when_asked():
    from apps.venues.maps import xicheng_extent

    (south, west), (north, east) = xicheng_extent()
    assert 39.86 < south < north < 39.98 and 116.31 < west < east < 116.41
    local_map = build_local_map([PRINCE_GONG], fit_also=xicheng_extent(), padding_px=24)
    assert local_map.zoom == 12
    corners = [mercator_pixel(lat, lon, 12) for lat, lon in xicheng_extent()]
    marker = local_map.markers[0]
    mx, my = mercator_pixel(PRINCE_GONG.latitude, PRINCE_GONG.longitude, 12)
    for x, y in corners:
        assert 0 <= x - mx + marker.x <= local_map.width
        assert 0 <= y - my + marker.y <= local_map.height


def test_secondary_markers_are_drawn_small_with_their_distance():
    local_map = build_local_map(
        [PRINCE_GONG],
        secondary=[BAITASI, NIUJIE, MapPoint(None, None, "Nowhere", "/n/")],
        fit_also=[(39.87, 116.32), (39.97, 116.40)],
    )
    assert [m.label for m in local_map.secondary] == ["Baita Temple", "Niujie Mosque"]
    baitasi = local_map.secondary[0]
    assert baitasi.radius < local_map.markers[0].radius
    assert baitasi.distance_km == pytest.approx(2.6, abs=0.2)
    html = render(local_map)
    assert 'class="local-map__marker local-map__marker--nearby" href="/venues/baitasi/"' in html
    assert "Venues nearby" in html and "km" in html


def test_secondary_markers_outside_the_view_or_on_the_main_marker_are_left_out():
    on_top = MapPoint(PRINCE_GONG.latitude, PRINCE_GONG.longitude, "Same place", "/same/")
    far = MapPoint(31.2304, 121.4737, "Shanghai", "/sh/")
    local_map = build_local_map([PRINCE_GONG], secondary=[on_top, far])
    assert local_map.secondary == []


def test_a_route_running_north_to_south_gets_a_taller_map():
    points = [
        MapPoint(39.98, 116.38, "North", number=1),
        MapPoint(39.86, 116.385, "South", number=2),
    ]
    wide = build_local_map(points)
    tall = build_local_map(points, max_height=640)
    assert tall.height > wide.height == 480
    assert tall.height <= 640 and tall.height % 2 == 0
    assert tall.zoom == wide.zoom + 1  # taller, so one step closer


def test_markers_at_the_same_place_are_moved_apart_on_leader_lines():
    twins = [
        MapPoint(39.9366, 116.3860, "First", "/a/", 1),
        MapPoint(39.9366, 116.3860, "Second", "/b/", 2),
        NIUJIE,
    ]
    local_map = build_local_map(twins, path=True)
    first, second, _third = local_map.markers
    assert math.dist((first.x, first.y), (second.x, second.y)) >= 2 * 11
    assert first.is_displaced and second.is_displaced
    assert (first.anchor_x, first.anchor_y) == (second.anchor_x, second.anchor_y)
    html = render(local_map)
    assert html.count('class="local-map__anchor"') == 2


@pytest.mark.parametrize(
    "points",
    [
        [PRINCE_GONG],
        [PRINCE_GONG, NIUJIE, TIANQIAO],
        [BAITASI, FORBIDDEN_CITY_GATE],
        [MapPoint(39.98, 116.38, "North"), MapPoint(39.86, 116.385, "South")],
    ],
)
def test_district_name_spots_are_those_plain_ray_casting_finds(points):
    from apps.venues import maps

    local_map = build_local_map(points, fit_also=maps.xicheng_extent() if len(points) == 1 else ())
    xs, ys = maps._project_all([(p.latitude, p.longitude) for p in points], local_map.zoom)
    marker = local_map.markers[0]
    assert not marker.is_displaced
    # The view's corner, whole pixels, from the first marker's rounded position.
    left, top = round(xs[0] - marker.x), round(ys[0] - marker.y)
    _shapes, anchors = maps._districts(left, top, local_map.width, local_map.height, local_map.zoom)
    assert anchors
    for code, rings, _box in maps._districts_at(local_map.zoom):
        if code not in anchors:
            continue
        view_rings = [[(x - left, y - top) for x, y in ring] for ring in rings]
        inside = [
            (float(x), float(y))
            for x in range(10, local_map.width, 20)
            for y in range(10, local_map.height, 20)
            if on_land(x, y, view_rings)  # one point at a time, the plain way
        ]
        if not inside:
            assert anchors[code] == ()
            continue
        cx = sum(x for x, _y in inside) / len(inside)
        cy = sum(y for _x, y in inside) / len(inside)
        inside.sort(key=lambda p: ((p[0] - cx) ** 2 + (p[1] - cy) ** 2, p))
        assert anchors[code] == tuple(inside[:60]), code


def test_a_venue_map_reuses_the_district_spots_of_its_view():
    from apps.venues import maps

    maps._districts.cache_clear()
    first = build_local_map([PRINCE_GONG], fit_also=maps.xicheng_extent(), padding_px=24)
    second = build_local_map([BAITASI], fit_also=maps.xicheng_extent(), padding_px=24)
    assert maps._districts.cache_info().hits == 1
    assert first.districts == second.districts
    assert [label for label in first.labels if label.kind == "district"]
