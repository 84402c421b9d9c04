"""A small map of an answer, drawn as SVG by the server: no tile server, no script.

The arrondissement outlines (already in the directory) around the places, numbered pins
that match the list, and the point the distances are from. Presentation attributes only
(the page's CSP forbids inline styles); black on white, so it prints.
"""

import html
import math
from itertools import groupby
from operator import itemgetter

import numpy
import shapely
from shapely import box

from .directory.geo import Outlines
from .i18n import Texts
from .place_view import PlaceView

WIDTH, HEIGHT = 320, 220
MIN_SPAN_M = 900  # a single pin still shows its streets' arrondissement around it
MARGIN = 0.18  # of the span, around the outermost points
M_PER_DEGREE = 111_320
POLYGON = 3  # shapely's type id


def answer_map(
    texts: Texts,
    places: list[PlaceView],
    first_number: int,
    outlines: Outlines | None,
    centre: tuple[float, float] | None = None,
) -> str:
    """The SVG of the places that have coordinates, numbered from `first_number`."""
    pins = [
        (n, p.lat, p.lon)
        for n, p in enumerate(places, start=first_number)
        if p.lat is not None and p.lon is not None
    ]
    if not pins or outlines is None:
        return ""
    points = [(lat, lon) for _, lat, lon in pins] + ([centre] if centre else [])
    frame = Frame(points)
    label = html.escape(texts._("Carte des lieux de la liste"))
    parts = [
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{label}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f4f4"/>',
    ]
    bounds = (frame.west, frame.south, frame.east, frame.north)
    seen = shapely.intersects(outlines.shapes, box(*bounds))
    paths = iter(frame.paths(shapely.clip_by_rect(outlines.shapes[seen], *bounds)))
    for number, near, (lon, lat) in zip(outlines.numbers, seen, outlines.middles, strict=True):
        if not near:
            continue
        parts.append(f'<path d="{next(paths)}" fill="#fff" stroke="#777" stroke-width="1.2"/>')
        if frame.west < lon < frame.east and frame.south < lat < frame.north:
            x, y = frame.xy(lat, lon)
            parts.append(
                f'<text x="{x}" y="{y}" font-size="13" fill="#666" '
                f'text-anchor="middle">{texts.ordinal(number)}</text>'
            )
    if centre:
        x, y = frame.xy(*centre)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="7" fill="#fff" stroke="#c00" stroke-width="3"/>'
            f'<circle cx="{x}" cy="{y}" r="2" fill="#c00"/>'
        )
    for number, lat, lon in reversed(pins):  # the first drawn last, on top
        x, y = frame.xy(lat, lon)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="10" fill="#0b4f9c" stroke="#fff" stroke-width="2"/>'
            f'<text x="{x}" y="{y + 4.5}" font-size="13" font-weight="bold" fill="#fff" '
            f'text-anchor="middle">{number}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


class Frame:
    """Degrees to the picture's pixels: a local flat projection around the points."""

    def __init__(self, points: list[tuple[float, float]]) -> None:
        lats = [lat for lat, _ in points]
        lons = [lon for _, lon in points]
        self.cos = math.cos(math.radians(sum(lats) / len(lats)))
        mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        span_y = max((max(lats) - min(lats)) * M_PER_DEGREE, MIN_SPAN_M)
        span_x = max((max(lons) - min(lons)) * M_PER_DEGREE * self.cos, MIN_SPAN_M)
        metres_per_px = max(span_x / WIDTH, span_y / HEIGHT) * (1 + 2 * MARGIN)
        self.scale = 1 / metres_per_px  # pixels per metre
        half_w = WIDTH / 2 * metres_per_px / (M_PER_DEGREE * self.cos)
        half_h = HEIGHT / 2 * metres_per_px / M_PER_DEGREE
        self.west, self.east = mid_lon - half_w, mid_lon + half_w
        self.south, self.north = mid_lat - half_h, mid_lat + half_h

    def xy(self, lat: float, lon: float) -> tuple[int, int]:
        x = (lon - self.west) * M_PER_DEGREE * self.cos * self.scale
        y = (self.north - lat) * M_PER_DEGREE * self.scale
        return round(x), round(y)

    def paths(self, geometries: numpy.ndarray) -> list[str]:
        """An SVG path for each (multi)polygon: its outer and inner rings, all the points
        of all of them projected at once; a point on the pixel before it is left out."""
        parts, geometry_of_part = shapely.get_parts(geometries, return_index=True)
        drawn = (shapely.get_type_id(parts) == POLYGON) & ~shapely.is_empty(parts)
        rings, part_of_ring = shapely.get_rings(parts[drawn], return_index=True)
        geometry_of_ring = geometry_of_part[drawn][part_of_ring]
        coordinates, ring_of = shapely.get_coordinates(rings, return_index=True)
        x = numpy.rint((coordinates[:, 0] - self.west) * M_PER_DEGREE * self.cos * self.scale)
        y = numpy.rint((self.north - coordinates[:, 1]) * M_PER_DEGREE * self.scale)
        kept = numpy.ones(len(x), dtype=bool)
        kept[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1]) | (ring_of[1:] != ring_of[:-1])
        points = zip(
            ring_of[kept].tolist(),
            x[kept].astype(int).tolist(),
            y[kept].astype(int).tolist(),
            strict=True,
        )
        commands = [""] * len(geometries)
        for ring, ring_points in groupby(points, key=itemgetter(0)):
            line = "L".join(f"{px} {py}" for _, px, py in ring_points)
            commands[geometry_of_ring[ring]] += f"M{line}Z"
        return commands
