"""Label placement for the local maps: labels that never overlap, and markers kept apart.

A server-drawn SVG cannot measure its text, so each label's box is a generous estimate
(`text_box_size`). Labels are placed greedily in the order given (the caller puts the most
important first): each tries candidate positions around its anchor, nearest first, and
takes the first whose box stays inside the map, clear of every marker and of every label
already placed. A marker's label may then move further out on a leader line; a label with
no free position is left out (the page lists every place as text anyway). The result
depends only on the input, so the same map is drawn the same way every time.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LABEL_FONT_SIZE = 12
LINE_HEIGHT = 14
# Labels wider than this are broken into two lines at a space, where there is one.
MAX_LINE_WIDTH = 150
PADDING = 2  # around the text, inside the box
MARGIN = 3  # between a label and the map's edge
GAP = 3  # between a marker and its label
# How far a label may be moved out on a leader line, in steps.
LEADER_STEPS = (16, 32, 48)

# Directions around a marker, in order of preference: right, left, then the diagonals,
# then above and below (cartographic practice: upper right first).
DIRECTIONS = (
    (1, 0),
    (-1, 0),
    (1, -1),
    (1, 1),
    (-1, -1),
    (-1, 1),
    (0, -1),
    (0, 1),
)


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, other: "Box") -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def inside(self, width: float, height: float, margin: float = 0) -> bool:
        return (
            self.x0 >= margin
            and self.y0 >= margin
            and self.x1 <= width - margin
            and self.y1 <= height - margin
        )

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    def grown(self, by: float) -> "Box":
        return Box(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)


def marker_box(x: float, y: float, radius: float) -> Box:
    return Box(x - radius, y - radius, x + radius, y + radius)


@dataclass(frozen=True)
class LabelRequest:
    """A label to place.

    `anchors` are where it may go: for a marker (radius > 0), the marker's centre, with the
    label set beside it; for an area or a line (radius 0), the points the label may be
    centred on, in order of preference.
    """

    key: object
    text: str
    anchors: tuple[tuple[float, float], ...]
    radius: float = 0
    font_size: float = LABEL_FONT_SIZE
    leader: bool = False


@dataclass(frozen=True)
class PlacedLabel:
    key: object
    lines: tuple[tuple[str, float, float], ...]  # each line's text and centre
    box: Box
    leader: tuple[float, float, float, float] | None = None  # from the marker to the box


def char_width(char: str, font_size: float) -> float:
    """A generous width of one character: Han, kana and Hangul are square, others narrower."""
    code = ord(char)
    if code >= 0x2E80:
        return font_size
    if char == " ":
        return font_size * 0.33
    if char.isupper() or char in "mwMW":
        return font_size * 0.72
    return font_size * 0.6


def text_width(text: str, font_size: float = LABEL_FONT_SIZE) -> float:
    return sum(char_width(char, font_size) for char in text)


def wrap(text: str, font_size: float = LABEL_FONT_SIZE) -> list[str]:
    """One line, or two balanced lines at a space when the text is too wide for one."""
    text = " ".join(text.split())
    if text_width(text, font_size) <= MAX_LINE_WIDTH or " " not in text:
        return [text]
    words = text.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda pair: max(text_width(p, font_size) for p in pair)))


def text_box_size(lines: Sequence[str], font_size: float = LABEL_FONT_SIZE) -> tuple[float, float]:
    line_height = LINE_HEIGHT * font_size / LABEL_FONT_SIZE
    width = max(text_width(line, font_size) for line in lines) + 2 * PADDING
    return width, len(lines) * line_height + 2 * PADDING


def _segment_hits_box(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """Does the segment cross the box? (Liang–Barsky clipping.)"""
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - box.x0), (dx, box.x1 - x1), (-dy, y1 - box.y0), (dy, box.y1 - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _nearest_point(box: Box, x: float, y: float) -> tuple[float, float]:
    return min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)


def place_labels(
    requests: Iterable[LabelRequest],
    *,
    width: float,
    height: float,
    obstacles: Iterable[Box] = (),
) -> dict[object, PlacedLabel]:
    """The labels that could be placed, by key; see the module's docstring."""
    obstacles = list(obstacles)
    placed: list[PlacedLabel] = []
    for request in requests:
        lines = wrap(request.text, request.font_size)
        box_width, box_height = text_box_size(lines, request.font_size)
        label = _place_one(request, lines, box_width, box_height, width, height, obstacles, placed)
        if label is not None:
            placed.append(label)
    return {label.key: label for label in placed}


def _candidates(request: LabelRequest, box_width: float, box_height: float):
    """(box, leader) candidates, nearest first."""
    if not request.radius:
        for x, y in request.anchors:
            yield (
                Box(x - box_width / 2, y - box_height / 2, x + box_width / 2, y + box_height / 2),
                None,
            )
        return
    steps = (0, *LEADER_STEPS) if request.leader else (0,)
    for x, y in request.anchors:
        for step in steps:
            distance = request.radius + GAP + step
            for dx, dy in DIRECTIONS:
                # The box touches the circle of `distance` around the marker on the side of
                # (dx, dy): beside it horizontally, above or below it vertically.
                if dx > 0:
                    left = x + distance * (0.7 if dy else 1)
                elif dx < 0:
                    left = x - distance * (0.7 if dy else 1) - box_width
                else:
                    left = x - box_width / 2
                if dy > 0:
                    top = y + distance * (0.7 if dx else 1)
                elif dy < 0:
                    top = y - distance * (0.7 if dx else 1) - box_height
                else:
                    top = y - box_height / 2
                box = Box(left, top, left + box_width, top + box_height)
                leader = None
                if step:
                    tx, ty = _nearest_point(box, x, y)
                    length = math.hypot(tx - x, ty - y) or 1
                    leader = (
                        x + (tx - x) * request.radius / length,
                        y + (ty - y) * request.radius / length,
                        tx,
                        ty,
                    )
                yield box, leader


def _place_one(request, lines, box_width, box_height, width, height, obstacles, placed):
    for box, leader in _candidates(request, box_width, box_height):
        if not box.inside(width, height, MARGIN):
            continue
        padded = box.grown(1)
        if any(padded.intersects(other) for other in obstacles):
            continue
        if any(padded.intersects(other.box) for other in placed):
            continue
        if leader is not None:
            x1, y1, x2, y2 = leader
            # The leader starts on the marker's own edge: the marker is no obstacle to it.
            others = [o for o in obstacles if not _centred_on(o, request.anchors)]
            if any(_segment_hits_box(x1, y1, x2, y2, o) for o in others):
                continue
            if any(_segment_hits_box(x1, y1, x2, y2, other.box) for other in placed):
                continue
            if any(other.leader and _segments_cross(leader, other.leader) for other in placed):
                continue
        return PlacedLabel(request.key, _line_centres(lines, box, request.font_size), box, leader)
    return None


def _centred_on(box: Box, anchors) -> bool:
    cx, cy = box.centre
    return any(abs(cx - x) < 0.01 and abs(cy - y) < 0.01 for x, y in anchors)


def _line_centres(lines, box: Box, font_size: float):
    line_height = LINE_HEIGHT * font_size / LABEL_FONT_SIZE
    centre_x = round((box.x0 + box.x1) / 2, 1)
    first = box.y0 + PADDING + line_height / 2
    return tuple(
        (line, centre_x, round(first + index * line_height, 1)) for index, line in enumerate(lines)
    )


def _segments_cross(a, b) -> bool:
    (ax1, ay1, ax2, ay2), (bx1, by1, bx2, by2) = a, b

    def side(px, py, qx, qy, rx, ry):
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    d1 = side(bx1, by1, bx2, by2, ax1, ay1)
    d2 = side(bx1, by1, bx2, by2, ax2, ay2)
    d3 = side(ax1, ay1, ax2, ay2, bx1, by1)
    d4 = side(ax1, ay1, ax2, ay2, bx2, by2)
    return d1 * d2 < 0 and d3 * d4 < 0


def spread_markers(
    positions: Sequence[tuple[float, float]],
    min_distance: float,
    *,
    width: float,
    height: float,
    margin: float,
    iterations: int = 100,
) -> list[tuple[float, float]]:
    """Positions moved apart until no two are closer than `min_distance`, where the map has
    room: pairs that overlap push each other away along the line between them. Positions
    already far enough apart do not move. Deterministic: places at the same spot part in a
    direction fixed by their order."""
    moved = [(float(x), float(y)) for x, y in positions]
    for _ in range(iterations):
        changed = False
        for i in range(len(moved)):
            for j in range(i + 1, len(moved)):
                (xi, yi), (xj, yj) = moved[i], moved[j]
                dx, dy = xj - xi, yj - yi
                distance = math.hypot(dx, dy)
                if distance >= min_distance - 1e-6:
                    continue
                if distance < 1e-6:
                    angle = (j - i) * 2.399963  # the golden angle: a new direction for each
                    ux, uy = math.cos(angle), math.sin(angle)
                else:
                    ux, uy = dx / distance, dy / distance
                push = (min_distance - distance) / 2 + 0.05
                moved[i] = (xi - ux * push, yi - uy * push)
                moved[j] = (xj + ux * push, yj + uy * push)
                changed = True
        moved = [
            (min(max(x, margin), width - margin), min(max(y, margin), height - margin))
            for x, y in moved
        ]
        if not changed:
            break
    return [(round(x, 1), round(y, 1)) for x, y in moved]
