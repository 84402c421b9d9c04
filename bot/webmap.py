"""A small map of an answer, drawn as SVG by the server: no tile server, no script.

The arrondissement outlines (already in the directory) around the places, numbered pins
that match the list, and the point the distances are from. Presentation attributes only
(the page's CSP forbids inline styles); black on white, so it prints.
"""

import html
import math

from shapely import box

from .i18n import Texts
from .place_view import PlaceView

WIDTH, HEIGHT = 320, 220
MIN_SPAN_M = 900  # a single pin still shows its streets' arrondissement around it
MARGIN = 0.18  # of the span, around the outermost points
M_PER_DEGREE = 111_320


def answer_map(
    texts: Texts,
    places: list[PlaceView],
    first_number: int,
    outlines: dict[int, object] | None,
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
    area = box(frame.west, frame.south, frame.east, frame.north)
    for number, outline in outlines.items():
        if not outline.intersects(area):
            continue
        shown = outline.intersection(area)
        parts.append(
            f'<path d="{frame.path(shown)}" fill="#fff" stroke="#777" stroke-width="1.2"/>'
        )
        middle = outline.representative_point()
        if area.contains(middle):
            x, y = frame.xy(middle.y, middle.x)
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

    def path(self, geometry: object) -> str:
        """An SVG path for a (multi)polygon's outer and inner rings."""
        polygons = getattr(geometry, "geoms", [geometry])
        commands = []
        for polygon in polygons:
            if polygon.geom_type != "Polygon" or polygon.is_empty:
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                xy = [self.xy(lat, lon) for lon, lat in ring.coords]
                kept = [p for i, p in enumerate(xy) if i == 0 or p != xy[i - 1]]
                commands.append("M" + "L".join(f"{x} {y}" for x, y in kept) + "Z")
        return "".join(commands)
