"""Distances and the arrondissement a point lies in (Paris open-data polygons)."""

import json
import math
from functools import cached_property
from pathlib import Path

import numpy
import shapely
from shapely import Point, prepare
from shapely.geometry import shape

EARTH_RADIUS_M = 6_371_000
PARIS_CENTRE = (48.8534, 2.3488)  # Notre-Dame, where the French roads' distances start
FAR_FROM_PARIS_M = 25_000  # past the inner suburbs: a point there is not about Paris


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def far_from_paris(lat: float, lon: float) -> bool:
    """Past the inner suburbs (Toulouse): no place of the directory is near."""
    return distance_m(lat, lon, *PARIS_CENTRE) > FAR_FROM_PARIS_M


class Arrondissements:
    """The 20 arrondissement polygons, for point-in-polygon look-ups."""

    def __init__(self, geojson_path: Path) -> None:
        self.path = geojson_path

    @cached_property
    def features(self) -> list[dict]:
        return json.loads(self.path.read_text(encoding="utf-8"))["features"]

    @cached_property
    def polygons(self) -> dict[int, object]:
        polys = {}
        for feature in self.features:
            geom = shape(feature["geometry"])
            prepare(geom)
            polys[int(feature["properties"]["c_ar"])] = geom
        return polys

    def at(self, lat: float, lon: float) -> int | None:
        """The arrondissement containing the point, or None outside Paris."""
        point = Point(lon, lat)
        for number, polygon in self.polygons.items():
            if polygon.contains(point):
                return number
        return None

    def distance_to(self, number: int, lat: float, lon: float) -> float:
        """Approximate distance in metres from a point to an arrondissement's polygon."""
        degrees = self.polygons[number].distance(Point(lon, lat))
        return degrees * 111_000 * math.cos(math.radians(48.86))


class Outlines:
    """The arrondissements' shapes simplified to ~20 m, for drawing maps (bot/webmap.py),
    kept as arrays: a map clips all twenty in one call of shapely's, not twenty."""

    def __init__(self, polygons: dict[int, object], tolerance: float = 0.0002) -> None:
        self.numbers = list(polygons)
        self.shapes = shapely.simplify(numpy.array(list(polygons.values())), tolerance)
        # where each number is written: (longitude, latitude)
        self.middles = shapely.get_coordinates(shapely.point_on_surface(self.shapes))
