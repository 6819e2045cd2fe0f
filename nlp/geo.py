"""Point-in-polygon lookup of a shared LINE location against the shipped tambon boundaries."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from nlp.admin_areas import Gazetteer

# A location shared from just across a simplified border still belongs to Lampang.
NEAREST_LIMIT_KM = 2.0
_EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Place:
    district_code: str
    district_name: str
    tambon_code: str
    tambon_name: str
    distance_km: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class TambonLocator:
    """Tambon polygons in an STRtree; built once, read-only afterwards."""

    codes: tuple[str, ...]
    polygons: tuple[shapely.Geometry, ...]
    tree: shapely.STRtree
    gazetteer: Gazetteer

    def locate(self, lat: float, lon: float) -> Place | None:
        if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
            return None
        point = Point(lon, lat)
        inside = self.tree.query(point, predicate="intersects")
        if len(inside):
            return self._place(self.codes[int(min(inside))], 0.0)
        # About 0.03 degrees is a little over 2 km at Lampang's latitude: enough to prefilter.
        nearest = self.tree.query_nearest(point, max_distance=0.03)
        if not len(nearest):
            return None
        index = int(nearest[0])
        on_border = nearest_points(self.polygons[index], point)[0]
        distance = haversine_km(lat, lon, on_border.y, on_border.x)
        if distance > NEAREST_LIMIT_KM:
            return None
        return self._place(self.codes[index], round(distance, 3))

    def _place(self, tambon_code: str, distance_km: float) -> Place:
        tambon = self.gazetteer.tambon(tambon_code)
        district = self.gazetteer.district(tambon.district_code)
        return Place(district.code, district.name_th, tambon.code, tambon.name_th, distance_km)


def build_locator(gazetteer: Gazetteer, path: Path) -> TambonLocator:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    codes = tuple(feature["properties"]["code"] for feature in features)
    polygons = tuple(shape(feature["geometry"]) for feature in features)
    for polygon in polygons:
        shapely.prepare(polygon)
    return TambonLocator(codes, polygons, shapely.STRtree(polygons), gazetteer)
