"""Label placement: no two labels overlap, none covers a marker, all stay inside the map,
the same input gives the same map; and markers too close together are moved apart."""

import itertools
import math
import random

import pytest

from apps.venues.label_placement import (
    MAX_LINE_WIDTH,
    Box,
    LabelRequest,
    marker_box,
    place_labels,
    spread_markers,
    text_width,
    wrap,
)
from apps.venues.maps import MapPoint, build_local_map

WIDTH, HEIGHT = 720, 480
RADIUS = 11

# The demo museum route (apps/venues/demo.json): stops 3, 4 and 5 lie within 300 m.
MUSEUM_ROUTE = [
    ("39.87380", "116.39160", "Beijing Ancient Architecture Museum"),
    ("39.90220", "116.39170", "China Numismatic Museum"),
    ("39.93870", "116.37790", "Mei Lanfang Memorial Hall"),
    ("39.93920", "116.38330", "Guo Moruo Memorial Hall"),
    ("39.93680", "116.38620", "Prince Gong's Mansion"),
]


def marker_requests(positions, texts=None):
    return [
        LabelRequest(
            index, (texts or {}).get(index, f"Place number {index}"), (p,), RADIUS, leader=True
        )
        for index, p in enumerate(positions)
    ]


def obstacles_of(positions):
    return [marker_box(x, y, RADIUS + 1) for x, y in positions]


def assert_valid(placed, positions, width=WIDTH, height=HEIGHT):
    boxes = [label.box for label in placed.values()]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b), (a, b)
    for box in boxes:
        assert box.inside(width, height), box
        for x, y in positions:
            assert not box.intersects(marker_box(x, y, RADIUS)), (box, x, y)


def random_positions(seed, count, width=WIDTH, height=HEIGHT):
    rng = random.Random(seed)  # noqa: S311 - test positions, not secrets
    return [
        (round(rng.uniform(20, width - 20), 1), round(rng.uniform(20, height - 20), 1))
        for _ in range(count)
    ]


# Boxes


def test_boxes_that_touch_do_not_intersect():
    a = Box(0, 0, 10, 10)
    assert not a.intersects(Box(10, 0, 20, 10))
    assert a.intersects(Box(9.9, 9.9, 20, 20))
    assert Box(3, 3, 7, 7).inside(10, 10)
    assert not Box(-1, 3, 7, 7).inside(10, 10)


def test_long_labels_are_wrapped_at_a_space_and_cjk_counts_double():
    assert wrap("Beihai") == ["Beihai"]
    lines = wrap("Beijing Ancient Architecture Museum")
    assert lines == ["Beijing Ancient", "Architecture Museum"]
    assert all(text_width(line) <= MAX_LINE_WIDTH for line in lines)
    assert text_width("北京古代建筑博物馆") > text_width("Beihai Park")
    assert wrap("北京古代建筑博物馆北京古代建筑博物馆") == ["北京古代建筑博物馆北京古代建筑博物馆"]


# Placement


def test_a_lone_marker_gets_its_label_to_the_right():
    placed = place_labels(
        marker_requests([(100, 100)]),
        width=WIDTH,
        height=HEIGHT,
        obstacles=obstacles_of([(100, 100)]),
    )
    label = placed[0]
    assert label.box.x0 > 100 + RADIUS
    assert label.box.y0 < 100 < label.box.y1
    assert label.leader is None


def test_labels_at_the_right_edge_go_left():
    positions = [(WIDTH - 15, 200)]
    placed = place_labels(
        marker_requests(positions), width=WIDTH, height=HEIGHT, obstacles=obstacles_of(positions)
    )
    assert placed[0].box.x1 < WIDTH - 15 - RADIUS
    assert_valid(placed, positions)


@pytest.mark.parametrize("seed", range(12))
def test_random_crowds_never_overlap(seed):
    positions = random_positions(seed, 25)
    placed = place_labels(
        marker_requests(positions), width=WIDTH, height=HEIGHT, obstacles=obstacles_of(positions)
    )
    assert placed  # something always fits on a map this size
    assert_valid(placed, positions)


def test_a_tight_row_uses_leader_lines_or_drops_labels():
    # Markers side by side (as spread_markers leaves them): the middle ones have no free
    # spot next to them.
    positions = [(300 + 26 * i, 200) for i in range(5)]
    placed = place_labels(
        marker_requests(positions), width=WIDTH, height=HEIGHT, obstacles=obstacles_of(positions)
    )
    assert_valid(placed, positions)
    assert any(label.leader for label in placed.values())
    for label in placed.values():
        if label.leader:
            x1, y1, x2, y2 = label.leader
            # From the marker's edge to the label's box.
            marker_x, marker_y = positions[label.key]
            assert math.hypot(x1 - marker_x, y1 - marker_y) == pytest.approx(RADIUS, abs=0.01)
            assert label.box.x0 - 0.01 <= x2 <= label.box.x1 + 0.01
            assert label.box.y0 - 0.01 <= y2 <= label.box.y1 + 0.01


def test_a_label_that_cannot_fit_is_dropped():
    positions = [(20, 20)]
    huge = {0: "W" * 200}
    placed = place_labels(
        marker_requests(positions, huge), width=100, height=60, obstacles=obstacles_of(positions)
    )
    assert placed == {}


def test_area_labels_take_the_first_free_anchor():
    blocker = LabelRequest("first", "Forbidden City", ((200, 200),))
    second = LabelRequest("second", "Tiananmen Square", ((205, 202), (205, 260)))
    placed = place_labels([blocker, second], width=WIDTH, height=HEIGHT)
    assert placed["first"].box.centre == pytest.approx((200, 200))
    assert placed["second"].box.centre == pytest.approx((205, 260))


def test_placement_is_deterministic():
    positions = random_positions(99, 30)
    runs = [
        place_labels(
            marker_requests(positions),
            width=WIDTH,
            height=HEIGHT,
            obstacles=obstacles_of(positions),
        )
        for _ in range(3)
    ]
    assert runs[0] == runs[1] == runs[2]


# Moving markers apart


def test_markers_far_apart_do_not_move():
    positions = [(100.0, 100.0), (200.0, 100.0)]
    assert spread_markers(positions, 25, width=WIDTH, height=HEIGHT, margin=13) == positions


@pytest.mark.parametrize(
    "positions",
    [
        [(300, 200), (310, 204), (305, 190)],
        [(300, 200)] * 4,  # the same place four times
        [(100 + i * 3, 100) for i in range(6)],
    ],
)
def test_overlapping_markers_are_moved_apart(positions):
    moved = spread_markers(positions, 25, width=WIDTH, height=HEIGHT, margin=13)
    for a, b in itertools.combinations(moved, 2):
        assert math.dist(a, b) >= 25 - 0.2
    assert moved == spread_markers(positions, 25, width=WIDTH, height=HEIGHT, margin=13)


# The whole map


def demo_route_map():
    points = [
        MapPoint(lat, lon, f"{n}. {name}", f"/venues/{n}/", n, caption=name)
        for n, (lat, lon, name) in enumerate(MUSEUM_ROUTE, start=1)
    ]
    return build_local_map(points, path=True, max_height=640)


def test_demo_route_stops_stay_apart_and_every_label_is_clear():
    local_map = demo_route_map()
    markers = local_map.markers
    for a, b in itertools.combinations(markers, 2):
        assert math.dist((a.x, a.y), (b.x, b.y)) >= 2 * RADIUS, (a.number, b.number)
    boxes = [label.box for label in local_map.labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b), (a, b)
    for box in boxes:
        assert box.inside(local_map.width, local_map.height)
        for marker in markers:
            assert not box.intersects(marker_box(marker.x, marker.y, marker.radius)), (box, marker)
    captions = {
        text for label in local_map.labels if label.kind == "marker" for text, _x, _y in label.lines
    }
    # Every stop is named on the map, Beihai and the Forbidden City too, without collision.
    assert {"Mei Lanfang", "Guo Moruo", "Prince Gong's Mansion"} <= captions
    references = {
        text for label in local_map.labels if label.kind == "reference" for text, *_ in label.lines
    }
    assert {"Beihai", "Forbidden City"} <= references


def test_demo_route_fits_the_routes_extent():
    local_map = demo_route_map()
    assert local_map.zoom == 13
    assert 480 < local_map.height <= 640
    ys = [m.y for m in local_map.markers]
    assert min(ys) >= 40 - 0.6 and max(ys) <= local_map.height - 40 + 0.6
