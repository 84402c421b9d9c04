"""Places by distance from a point without measuring every place: a grid of cells about
500 m wide, searched ring by ring outwards.

`nearest` yields (distance, index) in increasing distance, `index` being the place's
position in the coordinates given, which also breaks ties (so a search stops as soon as
it has what it needs, and finds exactly what sorting every place would). The grid holds
numbers only, in arrays: a France-sized directory costs a few bytes a place.
"""

import heapq
import math
from array import array
from collections.abc import Iterator, Sequence

from .geo import distance_m

CELL_DEGREES = 0.005  # ≈ 555 m of latitude; the longitude step is widened to match
METRES_PER_DEGREE = 111_000  # a little under the real ≈ 111,195: the ring bound stays safe


COLUMNS = 1 << 32  # a cell's number: row × COLUMNS + column (|column| < 2³¹ anywhere)
COUNT_BITS = 24  # a cell's entry: where its points start in `order`, and how many
COUNT_MASK = (1 << COUNT_BITS) - 1


class Grid:
    """Points (every one located) in square-ish cells. The points' indexes are sorted by
    cell in one array (`order`); a cell is an entry in a dict of numbers, saying where its
    points start in that array and how many there are: no Python object per point, few
    per cell."""

    def __init__(self, lats: Sequence[float], lons: Sequence[float]) -> None:
        self.lats, self.lons = lats, lons
        self.widest = max((abs(lat) for lat in lats), default=0.0)
        self.lat_step = CELL_DEGREES
        self.lon_step = CELL_DEGREES / math.cos(math.radians(min(self.widest, 80.0)))
        cells = [self._cell(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
        numbers = [row * COLUMNS + column for row, column in cells]
        self.order = array("l", sorted(range(len(numbers)), key=numbers.__getitem__))
        self.cells: dict[int, int] = {}
        for position, i in enumerate(self.order):
            entry = self.cells.get(numbers[i])
            self.cells[numbers[i]] = position << COUNT_BITS | 1 if entry is None else entry + 1
        rows = [row for row, _ in cells] or [0]
        columns = [column for _, column in cells] or [0]
        self.bounds = (min(rows), max(rows), min(columns), max(columns))

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.lat_step), math.floor(lon / self.lon_step)

    def _ring(self, row: int, column: int, r: int) -> Iterator[tuple[int, int]]:
        if r == 0:
            yield row, column
            return
        for c in range(column - r, column + r + 1):
            yield row - r, c
            yield row + r, c
        for rr in range(row - r + 1, row + r):
            yield rr, column - r
            yield rr, column + r

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
        if not self.cells:
            return
        cell_m = self._cell_m(lat)
        row, column = self._cell(lat, lon)
        last = self._rings_needed(row, column)
        lats, lons, cells, order = self.lats, self.lons, self.cells, self.order
        heap: list[tuple[float, int]] = []
        for r in range(last + 1):
            for a, b in self._ring(row, column, r):
                entry = cells.get(a * COLUMNS + b)  # most cells are empty: no call for them
                if entry is None:
                    continue
                start = entry >> COUNT_BITS
                for i in order[start : start + (entry & COUNT_MASK)]:
                    heapq.heappush(heap, (distance_m(lat, lon, lats[i], lons[i]), i))
            # every place not yet seen is at least r cells away in one direction
            safe = r * cell_m
            while heap and heap[0][0] <= safe:
                yield heapq.heappop(heap)
        while heap:
            yield heapq.heappop(heap)
