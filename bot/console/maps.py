"""The map: Lampang's 13 districts and 100 tambon drawn as SVG from the project's own boundary files,
tambon shaded by how many requests match the filters, located requests as points. No tile server."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import request

import nlp
from bot.console import filters
from bot.console.web import choices, console, db, page, require, staff
from bot.runtime import current_runtime
from bot.staff.permissions import Permission
from storage import request_store

DATA = Path(nlp.__file__).resolve().parent / "data"
WIDTH = 800.0
SIMPLIFY_DEGREES = 0.0008  # ~90 m: invisible at this scale, and the page stays small (~100 KB)
POINT_LIMIT = 2000
SHADES = 5


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    path: str
    centre: tuple[float, float]


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    west: float
    north: float
    scale_x: float
    scale_y: float
    districts: tuple[Area, ...]
    tambon: tuple[Area, ...]

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return round((lon - self.west) * self.scale_x, 1), round((self.north - lat) * self.scale_y, 1)


@cache
def drawing() -> Drawing:
    """Both boundary files projected once per process (equirectangular, longitude shrunk by cos(latitude))."""
    from shapely.geometry import shape  # the console's map only: not at every web process's start

    amphoe = json.loads((DATA / "lampang_amphoe.geojson").read_text(encoding="utf-8"))["features"]
    tambon = json.loads((DATA / "lampang_tambon.geojson").read_text(encoding="utf-8"))["features"]
    shapes = [(f["properties"], shape(f["geometry"]).simplify(SIMPLIFY_DEGREES)) for f in amphoe]
    west, south, east, north = _bounds([geometry for _, geometry in shapes])
    scale_x = WIDTH / (east - west)
    scale_y = scale_x / math.cos(math.radians((north + south) / 2))
    frame = Drawing(WIDTH, round((north - south) * scale_y, 1), west, north, scale_x, scale_y, (), ())

    def area(properties: dict, geometry: object) -> Area:
        point = geometry.representative_point()  # type: ignore[attr-defined]
        return Area(properties["code"], properties["name_th"], _path(frame, geometry), frame.xy(point.y, point.x))

    return Drawing(frame.width, frame.height, west, north, scale_x, scale_y,
                   tuple(area(p, g) for p, g in shapes),
                   tuple(area(f["properties"], shape(f["geometry"]).simplify(SIMPLIFY_DEGREES)) for f in tambon))


def _bounds(geometries: list) -> tuple[float, float, float, float]:
    boxes = [geometry.bounds for geometry in geometries]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _path(frame: Drawing, geometry: object) -> str:
    polygons = getattr(geometry, "geoms", [geometry])
    parts = []
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            parts.append("M" + "L".join("{},{}".format(*frame.xy(lat, lon)) for lon, lat, *_ in ring.coords) + "Z")
    return "".join(parts)


def spot(district_code: str | None, lat: float | None, lon: float | None) -> dict | None:
    """A small map for one request: its district's outline (or the province's), and its point if it has one."""
    if lat is None or lon is None:
        return None
    frame = drawing()
    x, y = frame.xy(lat, lon)
    return {"width": frame.width, "height": frame.height, "districts": frame.districts, "x": x, "y": y,
            "focus": district_code}


def shade(count: int, highest: int) -> int:
    """0 (none) to SHADES: the choropleth class of a tambon, on a square-root scale (counts are skewed)."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, math.ceil(SHADES * math.sqrt(count / highest)))


@console.get("/map")
def map_page() -> str:
    require(Permission.READ)
    chosen = filters.read(request.args, staff(), current_runtime().tz, default_status="")
    counts = request_store.counts_by_tambon(db(), chosen.search)
    highest = max([count for code, count in counts.items() if code] or [0])
    frame = drawing()
    points = [(ref, *frame.xy(lat, lon), status)
              for ref, lat, lon, status in request_store.located(db(), chosen.search, limit=POINT_LIMIT)]
    return page("map.html", frame=frame, counts=counts, highest=highest, shade=shade, points=points,
                filters=chosen, choices=choices(), unplaced=counts.get(None, 0))
