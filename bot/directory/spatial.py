"""Places by distance from a point without measuring every place: a grid of cells about
500 m wide, searched ring by ring outwards.

`nearest` yields (distance, index) in increasing distance, `index` being the place's
position in the coordinates given, which also breaks ties (so a search stops as soon as
it has what it needs, and finds exactly what sorting every place would). The grid holds
numbers only, in arrays: a France-sized directory costs 32 bytes a place. `Need` holds
one category's places as numbers, the located ones in such a grid.
"""

import heapq
import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .geo import distance_m

CELL_DEGREES = 0.005  # ≈ 555 m of latitude; the longitude step is widened to match
METRES_PER_DEGREE = 111_000  # a little under the real ≈ 111,195: the ring bound stays safe


COLUMNS = 1 << 32  # a cell's key: row × COLUMNS + column (|column| < 2³¹ anywhere)


class Grid:
    """Points (every one located) in square-ish cells, as four arrays of numbers: the
    points' indexes sorted by cell row by row (`by_row`), with each one's cell key
    (`row_keys`), and sorted column by column (`by_column`, `column_keys`). A row of cells
    is then one run of the first, found by two bisections, and a column one run of the
    second: a ring of cells is four runs whatever its size. 32 bytes a point, no Python
    object per point or per cell."""

    def __init__(self, lats: Sequence[float], lons: Sequence[float]) -> None:
        self.lats, self.lons = lats, lons
        self.widest = max((abs(lat) for lat in lats), default=0.0)
        self.lat_step = CELL_DEGREES
        self.lon_step = CELL_DEGREES / math.cos(math.radians(min(self.widest, 80.0)))
        cells = [self._cell(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
        self.by_row, self.row_keys = self._sorted([r * COLUMNS + c for r, c in cells])
        self.by_column, self.column_keys = self._sorted([c * COLUMNS + r for r, c in cells])
        rows = [row for row, _ in cells] or [0]
        columns = [column for _, column in cells] or [0]
        self.bounds = (min(rows), max(rows), min(columns), max(columns))

    @staticmethod
    def _sorted(keys: list[int]) -> tuple[array, array]:
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return array("l", order), array("q", [keys[i] for i in order])

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.lat_step), math.floor(lon / self.lon_step)

    def _ring(self, row: int, column: int, r: int) -> Iterator[int]:
        """The points of the cells r rows or r columns away from (row, column)."""
        if r == 0:
            yield from self._run(self.by_row, self.row_keys, row, column, column)
            return
        for line in (row - r, row + r):  # the top and bottom rows, corners included
            yield from self._run(self.by_row, self.row_keys, line, column - r, column + r)
        for line in (column - r, column + r):  # the sides, between them
            yield from self._run(self.by_column, self.column_keys, line, row - r + 1, row + r - 1)

    @staticmethod
    def _run(order: array, keys: array, line: int, first: int, last: int) -> array:
        """The points of cells first to last of one row (or column) of cells."""
        start = bisect_left(keys, line * COLUMNS + first)
        return order[start : bisect_right(keys, line * COLUMNS + last, start)]

    def _rings_needed(self, row: int, column: int) -> int:
        low_row, high_row, low_column, high_column = self.bounds
        return max(row - low_row, high_row - row, column - low_column, high_column - column, 0)

    def _cell_m(self, lat: float) -> float:
        """The narrowest a cell is between the point and the places, in metres: what one
        ring of cells guarantees (a degree of longitude shrinks away from the equator)."""
        highest = min(max(self.widest, abs(lat)) + 0.1, 89.0)
        narrowest = min(self.lat_step, self.lon_step * math.cos(math.radians(highest)))
        return narrowest * METRES_PER_DEGREE

    def nearest(self, lat: float, lon: float) -> Iterator[tuple[float, int]]:
        """Every point's index, nearest first, with its distance."""
        if not self.by_row:
            return
        cell_m = self._cell_m(lat)
        row, column = self._cell(lat, lon)
        last = self._rings_needed(row, column)
        lats, lons = self.lats, self.lons
        heap: list[tuple[float, int]] = []
        for r in range(last + 1):
            for i in self._ring(row, column, r):
                heapq.heappush(heap, (distance_m(lat, lon, lats[i], lons[i]), i))
            # every place not yet seen is at least r cells away in one direction
            safe = r * cell_m
            while heap and heap[0][0] <= safe:
                yield heapq.heappop(heap)
        while heap:
            yield heapq.heappop(heap)


@dataclass
class Need:
    """The places of one category, as numbers: their rows in the database in the file's
    order, and the located ones in a grid."""

    rows: array = field(default_factory=lambda: array("q"))
    located: array = field(default_factory=lambda: array("q"))  # rows, in the same order
    lats: array = field(default_factory=lambda: array("d"))
    lons: array = field(default_factory=lambda: array("d"))
    # the arrondissement of each located place (0: none), so that a search of one
    # arrondissement reads the records of its places only
    areas: array = field(default_factory=lambda: array("B"))
    unlocated: array = field(default_factory=lambda: array("q"))
    unlocated_areas: array = field(default_factory=lambda: array("B"))  # as `areas`
    grid: Grid | None = None
