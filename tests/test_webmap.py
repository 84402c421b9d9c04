"""The answer's map: the arrondissements drawn around the pins are the real outlines,
clipped to the picture, on the real directory's shapes."""

import random
import re

import numpy
import shapely
from shapely import Polygon, box

from bot.webmap import HEIGHT, M_PER_DEGREE, WIDTH, Frame


def drawn_polygons(path: str) -> list[Polygon]:
    """The rings of an SVG path ('M1 2L3 4…Z…') as pixel polygons; a sliver rounded to a
    line or a point has no area."""
    rings = [
        [tuple(map(int, point.split())) for point in ring.split("L")]
        for ring in re.findall(r"M([^Z]*)Z", path)
    ]
    return [Polygon(ring) for ring in rings if len(set(ring)) >= 3]


def in_pixels(geometry: object, frame: Frame) -> object:
    """A geometry in degrees in the picture's pixels, unrounded: x east, y down."""

    def project(lon_lat: numpy.ndarray) -> numpy.ndarray:
        x = (lon_lat[:, 0] - frame.west) * M_PER_DEGREE * frame.cos * frame.scale
        y = (frame.north - lon_lat[:, 1]) * M_PER_DEGREE * frame.scale
        return numpy.column_stack([x, y])

    return shapely.transform(geometry, project)


def test_the_outlines_drawn_are_the_arrondissements_clipped_to_the_picture(core):
    """On random frames over Paris, each path covers the same pixels as shapely's exact
    intersection of the outline with the frame, projected: within the pixels' rounding."""
    outlines = core.store.outlines
    chance = random.Random(7)
    compared = 0
    for _ in range(200):
        lat, lon = chance.uniform(48.82, 48.90), chance.uniform(2.25, 2.42)
        points = [
            (lat, lon),
            (lat + chance.uniform(-0.02, 0.02), lon + chance.uniform(-0.03, 0.03)),
        ]
        frame = Frame(points)
        area = box(frame.west, frame.south, frame.east, frame.north)
        shown = shapely.intersects(outlines.shapes, area)
        paths = frame.paths(shapely.clip_by_rect(outlines.shapes[shown], *area.bounds))
        assert len(paths) == shown.sum()
        for outline, path in zip(outlines.shapes[shown], paths, strict=True):
            exact = in_pixels(outline.intersection(area), frame)
            drawn = shapely.union_all(drawn_polygons(path))
            for polygon in drawn_polygons(path):
                x0, y0, x1, y1 = polygon.bounds
                assert x0 >= 0 and y0 >= 0 and x1 <= WIDTH and y1 <= HEIGHT
            # rounding to whole pixels moves the edges by half a pixel at most
            assert drawn.symmetric_difference(exact).area <= 0.5 * exact.length
            compared += exact.area > 1000
    assert compared > 300
