"""Amphoe polygons (GeoJSON) turned into SVG paths, and the projection to map clicks back."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

SVG_WIDTH = 600.0


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of a lon/lat box onto an SVG of fixed width."""

    west: float
    north: float
    scale_x: float
    scale_y: float
    width: float
    height: float

    def to_svg(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale_x, (self.north - lat) * self.scale_y

    def as_dict(self) -> dict[str, float]:
        """What the page needs to turn a click back into latitude and longitude."""
        return {"west": self.west, "north": self.north, "scale_x": self.scale_x, "scale_y": self.scale_y,
                "width": self.width, "height": self.height}


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["coordinates"]
    return []


def projection_for(features: list[dict[str, Any]]) -> Projection:
    """A projection framing every feature, with longitude shrunk by cos(latitude)."""
    points = [point for feature in features for polygon in _polygons(feature.get("geometry") or {})
              for ring in polygon for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    shrink = math.cos(math.radians((north + south) / 2))
    scale_x = SVG_WIDTH / (east - west)
    scale_y = scale_x / shrink
    return Projection(west, north, scale_x, scale_y, SVG_WIDTH, (north - south) * scale_y)


def svg_map(geojson: dict[str, Any] | None) -> dict[str, Any] | None:
    """`{"projection", "areas": [{"name", "path"}]}` for the page to draw, or None without a map."""
    features = (geojson or {}).get("features") or []
    if not features:
        return None
    projection = projection_for(features)
    areas = []
    for feature in features:
        properties = feature.get("properties") or {}
        parts = []
        for polygon in _polygons(feature.get("geometry") or {}):
            for ring in polygon:
                xy = [projection.to_svg(lon, lat) for lon, lat, *_ in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
        areas.append({"name": properties.get("name_th") or properties.get("name") or "", "path": "".join(parts)})
    return {"projection": projection.as_dict(), "areas": areas}
