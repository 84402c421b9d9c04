"""Places by distance from a point without measuring every place: a grid of cells about
500 m wide, searched ring by ring outwards.

`nearest` yields (distance, order, place) in increasing distance, `order` breaking ties
as the place's position in the list given (so a search stops as soon as it has what it
needs, and finds exactly what sorting every place would).
"""

import heapq
import math
from collections.abc import Iterator
from typing import Generic, Protocol, TypeVar

from .geo import distance_m

CELL_DEGREES = 0.005  # ≈ 555 m of latitude; the longitude step is widened to match
METRES_PER_DEGREE = 111_000  # a little under the real ≈ 111,195: the ring bound stays safe


class Located(Protocol):
    lat: float | None
    lon: float | None


P = TypeVar("P", bound=Located)


class Grid(Generic[P]):
    """The located places of a list in square-ish cells; the unlocated ones are left out."""

    def __init__(self, places: list[P]) -> None:
        located = [(i, p) for i, p in enumerate(places) if p.lat is not None and p.lon is not None]
        self.widest = max((abs(p.lat) for _, p in located), default=0.0)
        self.lat_step = CELL_DEGREES
        self.lon_step = CELL_DEGREES / math.cos(math.radians(min(self.widest, 80.0)))
        self.cells: dict[tuple[int, int], list[tuple[int, P]]] = {}
        for i, place in located:
            self.cells.setdefault(self._cell(place.lat, place.lon), []).append((i, place))
        rows = [r for r, _ in self.cells] or [0]
        columns = [c for _, c in self.cells] or [0]
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

    def nearest(self, lat: float, lon: float) -> Iterator[tuple[float, int, P]]:
        """Every located place, nearest first."""
        if not self.cells:
            return
        cell_m = self._cell_m(lat)
        row, column = self._cell(lat, lon)
        last = self._rings_needed(row, column)
        heap: list[tuple[float, int, P]] = []
        for r in range(last + 1):
            for cell in self._ring(row, column, r):
                for i, place in self.cells.get(cell, ()):
                    heapq.heappush(heap, (distance_m(lat, lon, place.lat, place.lon), i, place))
            # every place not yet seen is at least r cells away in one direction
            safe = r * cell_m
            while heap and heap[0][0] <= safe:
                yield heapq.heappop(heap)
        while heap:
            yield heapq.heappop(heap)
