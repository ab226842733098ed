"""Local maps of venues and routes: SVG drawn from coordinates, in Web Mercator."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Web Mercator on 256-pixel tiles, the scheme of tile servers, so an optional tile layer
# lines up with the markers exactly. Past this latitude the projection runs to infinity.
TILE_SIZE = 256
MAX_LATITUDE = 85.0511287798

# A single place has no spread to fit: this zoom shows a few streets around it.
SINGLE_POINT_ZOOM = 16

# Reference labels are 12 units tall (site.css); their width is guessed from the text so
# that labels which would overlap are left out rather than printed over each other.
LABEL_HEIGHT = 12
MARKER_ROOM = 12  # half the side of the square a marker keeps free of labels

Coordinate = float | Decimal


@dataclass(frozen=True)
class MapPoint:
    """A place to mark on a local map; without coordinates it is left off the map."""

    latitude: Coordinate | None
    longitude: Coordinate | None
    label: str
    url: str = ""
    number: int | None = None


@dataclass(frozen=True)
class Marker:
    """A point as drawn: its position in the map's viewBox."""

    x: float
    y: float
    label: str
    url: str = ""
    number: int | None = None


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


def build_local_map(
    points,
    *,
    path: bool = False,
    width: int = 720,
    height: int = 480,
    min_zoom: int = 11,
    max_zoom: int = 17,
    padding_px: int = 40,
) -> LocalMap | None:
    """A map of the points that have coordinates, at the largest zoom that shows them all.

    None when no point has coordinates, or when they lie too far apart to fit even at
    `min_zoom`: the page names every point as text, so no map is better than a useless one.
    """
    placed = [p for p in points if p.latitude is not None and p.longitude is not None]
    if not placed:
        return None
    # One unit less than the room, so that centring on whole pixels keeps the padding.
    room_x, room_y = width - 2 * padding_px - 1, height - 2 * padding_px - 1
    if room_x < 0 or room_y < 0:
        raise ValueError("The padding leaves no room for the map.")

    zoom = None
    for candidate in range(max_zoom, min_zoom - 1, -1):
        xs, ys = _project_all(placed, candidate)
        span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
        if span_x <= room_x and span_y <= room_y:
            zoom = candidate
            if span_x == span_y == 0:  # a single place
                zoom = max(min_zoom, min(max_zoom, SINGLE_POINT_ZOOM))
                xs, ys = _project_all(placed, zoom)
            break
    if zoom is None:
        return None

    # The view's top-left in global pixels, whole so that tiles sit on whole pixels.
    left = round((min(xs) + max(xs) - width) / 2)
    top = round((min(ys) + max(ys) - height) / 2)
    markers = [
        Marker(round(x - left, 1), round(y - top, 1), p.label, p.url, p.number)
        for p, x, y in zip(placed, xs, ys, strict=True)
    ]
    path_d = ""
    if path and len(markers) > 1:
        path_d = "M " + " L ".join(f"{m.x:.1f} {m.y:.1f}" for m in markers)
    tiles = _tiles(left, top, width, height, zoom)
    return LocalMap(
        width=width,
        height=height,
        zoom=zoom,
        markers=markers,
        path_d=path_d,
        # Tiles carry their own landmarks, exact ones: the drawings would only blur them.
        reference=[] if tiles else _reference(left, top, width, height, zoom, markers),
        tiles=tiles,
        attribution=settings.MAP_TILE_ATTRIBUTION if tiles else "",
    )


def _project_all(points, zoom: int) -> tuple[list[float], list[float]]:
    pixels = [mercator_pixel(p.latitude, p.longitude, zoom) for p in points]
    return [x for x, _y in pixels], [y for _x, y in pixels]


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


def _reference(
    left: int, top: int, width: int, height: int, zoom: int, markers: list[Marker]
) -> list[ReferenceShape]:
    """The reference features in or near the view, labelled where their labels fit."""

    def to_view(lat: float, lon: float) -> tuple[float, float]:
        x, y = mercator_pixel(lat, lon, zoom)
        return round(x - left, 1), round(y - top, 1)

    def inside(box: tuple[float, float, float, float]) -> bool:
        return box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height

    # Labels keep clear of the markers and of each other.
    taken = [
        (m.x - MARKER_ROOM, m.y - MARKER_ROOM, m.x + MARKER_ROOM, m.y + MARKER_ROOM)
        for m in markers
    ]
    shapes = []
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
        label_x = label_y = None
        for x, y in candidates:
            box = _label_box(str(feature.label), x, y)
            if inside(box) and not any(_overlap(box, other) for other in taken):
                taken.append(box)
                label_x, label_y = x, y
                break
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in outline)
        shapes.append(ReferenceShape(feature.kind, points, feature.label, label_x, label_y))
    return shapes


def _label_box(text: str, x: float, y: float) -> tuple[float, float, float, float]:
    """A generous guess at the box of a label centred on (x, y); CJK characters are square."""
    width = sum(LABEL_HEIGHT if ord(char) >= 0x2E80 else LABEL_HEIGHT * 0.6 for char in text)
    return x - width / 2 - 2, y - LABEL_HEIGHT / 2 - 2, x + width / 2 + 2, y + LABEL_HEIGHT / 2 + 2


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
