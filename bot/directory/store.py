"""The directory in memory: read once from SQLite, then places near a point, open when asked."""

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import sqlite_utils
from shapely import Point, prepare
from shapely.geometry import shape

from .alerts import AlertRecord
from .audience import FOR_ALL, FOR_THEM, fit
from .geo import distance_m
from .opening import Opening, opening_in
from .records import PlaceRecord, place_key
from .spatial import Grid

STALE_AFTER = dt.timedelta(days=365)
NEARBY_M = 3000
# Without a place hint, a long list (609 toilets) means nothing: ask where instead.
MAX_PLACES_WITHOUT_HINT = 60


class MissingDatabase(Exception):
    """The directory database has not been built, or cannot be read (corrupt, locked, from
    another version): the message says how to rebuild it."""


@dataclass(frozen=True)
class Found:
    place: PlaceRecord
    category: str
    distance_m: float | None
    opening: Opening
    stale: bool
    inside_area: bool | None = None  # inside the arrondissement asked (None: none asked)
    fit: int = FOR_ALL  # FOR_THEM: meant for what the person said of themselves
    reported_closed: dt.datetime | None = None  # flagged by the field (bot/reports.py)

    @property
    def doubtful(self) -> bool:
        return self.place.status == "doubtful"


def _rank(found: Found) -> tuple:
    """Places reported closed by the field after the others; then open first, then those
    opening soonest, then unknown (a day the source does not give included), then closed;
    in each, those meant for the person first, then the nearest; among the unknown, a
    place that may have closed or moved (doubtful) after those known to be there."""
    opening = found.opening
    distance = found.distance_m if found.distance_m is not None else float("inf")
    reported = found.reported_closed is not None
    if opening.state == "open":
        return (reported, 0, found.fit, distance)
    if opening.state == "closed" and opening.opens_at and not opening.unknown_from:
        return (reported, 1, found.fit, opening.opens_at.timestamp(), distance)
    if opening.state == "unknown" or opening.unknown_from:
        return (reported, 2, found.fit, found.doubtful, distance)
    return (reported, 3, found.fit, distance)


class DirectoryStore:
    """All places, numbers and gazetteer rows, read from the database once."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.places = [
            PlaceRecord.from_row(row) for row in db["places"].rows if row["status"] != "closed"
        ]
        self._by_id = {place.id: place for place in self.places}
        # Short stable keys for buttons (Telegram allows 64 bytes of callback data).
        self._by_key = {place_key(place.id): place for place in self.places}
        if len(self._by_key) != len(self.places):
            raise ValueError("two place ids share a short key: lengthen place_key")
        self.by_category: dict[str, list[PlaceRecord]] = {}
        for place in self.places:
            for category in place.categories:
                self.by_category.setdefault(category, []).append(place)
        # What a look-up reads instead of every place of a need: the located ones by
        # distance (a grid), those without a point.
        self.grids = {c: Grid(places) for c, places in self.by_category.items()}
        # The needs some place of which has hours: in the others (fountains, Wi-Fi) no place
        # can be open, so the nearest whose hours are unknown are the best there are.
        self.timed = {
            c
            for c, places in self.by_category.items()
            if any(p.status == "active" and p.hours_for(c) is not None for p in places)
        }
        self.unlocated: dict[str, list[PlaceRecord]] = {}
        for category, places in self.by_category.items():
            for place in places:
                if place.lat is None or place.lon is None:
                    self.unlocated.setdefault(category, []).append(place)
        self.categories = {row["id"]: row for row in db["categories"].rows}
        self.numbers = [
            {**row, "for": json.loads(row["for_"]), "first_for": json.loads(row["first_for"])}
            for row in db["emergency_numbers"].rows_where(order_by="position")
        ]
        self.stations = list(db["stations"].rows)
        self.arrondissements = list(db["arrondissements"].rows)
        self.quartiers = list(db["quartiers"].rows)
        self.landmarks = list(db["landmarks"].rows) if db["landmarks"].exists() else []
        self.streets = list(db["streets"].rows) if db["streets"].exists() else []
        self.alerts = (
            [AlertRecord.from_row(row) for row in db["alerts"].rows]
            if db["alerts"].exists()
            else []
        )
        self.centres = {row["number"]: row for row in self.arrondissements}
        # How far from its centre an arrondissement's places of a need lie (its search ends there)
        self.reach: dict[tuple[str, int | None], float] = {}
        for category, places in self.by_category.items():
            for p in places:
                centre = self.centres.get(p.arrondissement)
                if centre and p.lat is not None and p.lon is not None:
                    far = distance_m(centre["lat"], centre["lon"], p.lat, p.lon)
                    key = (category, p.arrondissement)
                    self.reach[key] = max(far, self.reach.get(key, 0.0))
        self._polygons = {}
        for row in self.arrondissements:
            polygon = shape(json.loads(row["geometry"]))
            prepare(polygon)
            self._polygons[row["number"]] = polygon
        # Simplified to ~20 m, for drawing maps (bot/webmap.py).
        self.outlines = {n: p.simplify(0.0002) for n, p in self._polygons.items()}
        # Places the field reported closed: the last report (set by the core, bot/reports.py)
        self.reported_closed: dict[str, dt.datetime] = {}

    @classmethod
    def open(cls, path: Path) -> "DirectoryStore":
        if not Path(path).exists():
            raise MissingDatabase(
                f"no directory database at {path}: run `python -m bot directory build`"
            )
        db = sqlite_utils.Database(path)
        try:
            if "places" not in db.table_names():
                raise sqlite3.DatabaseError("no places table")
            return cls(db)
        except (sqlite3.DatabaseError, KeyError) as error:
            raise MissingDatabase(
                f"the directory database at {path} cannot be read ({error}): rebuild it with "
                f"`python -m bot directory build directory --output {path}`"
            ) from None
        finally:
            db.close()

    def named_places(self) -> dict[str, str]:
        """Names of the places editors keep one file each for (not the open-data rows)."""
        return {p.id: p.name for p in self.places if "/places/" in f"/{p.origin}"}

    def by_id(self, place_id: str) -> PlaceRecord:
        return self._by_id[place_id]

    def get(self, place_id: str) -> PlaceRecord | None:
        return self._by_id.get(place_id)

    def by_key(self, key: str) -> PlaceRecord | None:
        return self._by_key.get(key)

    def arrondissement_of(self, lat: float, lon: float) -> int | None:
        point = Point(lon, lat)
        return next((n for n, p in self._polygons.items() if p.contains(point)), None)

    def find(
        self,
        category: str,
        at: dt.datetime,
        lat: float | None = None,
        lon: float | None = None,
        arrondissement: int | None = None,
        limit: int = 5,
        until: dt.datetime | None = None,
        profile: list[str] | None = None,
        age: int | None = None,
    ) -> list[Found]:
        """Places of a category, open at `at` (or at some time until `until`) first. With a
        point: the nearest. With an arrondissement only: those inside it, then the nearest
        to its centre. With what the person said of themselves, only the places for them,
        those meant for them first (bot/directory/audience.py)."""

        def fitting(places: Iterable[PlaceRecord], most: int | None = None) -> list[PlaceRecord]:
            """Those for the person; stops reading once past `most`."""
            out = []
            for p in places:
                if fit(p, category, profile or [], age) is not None:
                    out.append(p)
                    if most is not None and len(out) > most:
                        break
            return out

        def found(places: list[PlaceRecord], point: tuple[float, float] | None) -> list[Found]:
            where = point or (None, None)
            return [self.found(p, category, at, *where, until, profile, age) for p in places]

        if lat is None and arrondissement is None:
            candidates = fitting(self.by_category.get(category, []), MAX_PLACES_WITHOUT_HINT)
            if len(candidates) > MAX_PLACES_WITHOUT_HINT:
                return []
            return sorted(found(candidates, None), key=_rank)[:limit]
        # A place whose point is unknown (an address without a number) comes after those
        # whose distance is known, never before a nearer one.
        if lat is None:
            centre = self.centres[arrondissement]
            point = (centre["lat"], centre["lon"])
            search = (category, point, limit, at, until, profile, age)
            inside = self._nearest(*search, area=arrondissement)
            unlocated = self.unlocated.get(category, [])
            here = fitting(p for p in unlocated if p.arrondissement == arrondissement)
            out = sorted(inside + found(here, point), key=_rank)
            if len(out) < limit:
                out += self._nearest(*search, but=arrondissement)
                away = fitting(p for p in unlocated if p.arrondissement != arrondissement)
                out += sorted(found(away, point), key=_rank)
            return [
                replace(f, inside_area=f.place.arrondissement == arrondissement)
                for f in out[:limit]
            ]
        out = self._nearest(category, (lat, lon), limit, at, until, profile, age)
        if len(out) < limit:
            unlocated = fitting(self.unlocated.get(category, []))
            out += sorted(found(unlocated, (lat, lon)), key=_rank)
        return out[:limit]

    def _nearest(
        self,
        category: str,
        point: tuple[float, float],
        limit: int,
        at: dt.datetime,
        until: dt.datetime | None,
        profile: list[str] | None,
        age: int | None,
        but: int | None = None,
        area: int | None = None,
    ) -> list[Found]:
        """The located places of a category around a point, ranked: those within walking
        distance, or at least the 2 × limit nearest (outside arrondissement `but`); or
        every one inside arrondissement `area`. They are read nearest first from the grid
        and their hours evaluated one by one; the search stops as soon as no place further
        away can rank before those found (`limit` open ones, as meant for the person as
        any place can be)."""
        best_fit = FOR_THEM if profile or age is not None else FOR_ALL
        # What no place further away can beat: open (or, where no place has hours, hours
        # unknown and not doubtful), as meant for the person as any place can be.
        best_rank = (False, 0, best_fit) if category in self.timed else (False, 2, best_fit, False)
        reach = self.reach.get((category, area), -1.0) if area is not None else None
        out: list[Found] = []
        within = best = 0
        grid = self.grids.get(category)
        for distance, _, place in grid.nearest(*point) if grid else ():
            if best >= limit:
                break
            if reach is not None:  # every place of the arrondissement, then no further
                if distance > reach:
                    break
                if place.arrondissement != area:
                    continue
            elif distance > NEARBY_M and (within >= limit or len(out) >= 2 * limit):
                break
            if (but is not None and place.arrondissement == but) or fit(
                place, category, profile or [], age
            ) is None:
                continue
            one = self.found(place, category, at, *point, until, profile, age)
            out.append(one)
            within += distance <= NEARBY_M
            best += _rank(one)[: len(best_rank)] == best_rank
        return sorted(out, key=_rank)

    def found(
        self,
        place: PlaceRecord,
        category: str,
        at: dt.datetime,
        lat: float | None,
        lon: float | None,
        until: dt.datetime | None = None,
        profile: list[str] | None = None,
        age: int | None = None,
    ) -> Found:
        distance = None
        if lat is not None and lon is not None and place.lat is not None and place.lon is not None:
            distance = distance_m(lat, lon, place.lat, place.lon)
        stale = place.dated is None or at.date() - place.dated > STALE_AFTER
        opening = opening_in(place, category, at, until or at)
        return Found(
            place,
            category,
            distance,
            opening,
            stale,
            fit=fit(place, category, profile or [], age),
            reported_closed=self.reported(place),
        )

    def reported(self, place: PlaceRecord) -> dt.datetime | None:
        """When the field last reported the place closed, unless its file was dated since."""
        moment = self.reported_closed.get(place.id)
        if moment is None or (place.dated is not None and place.dated >= moment.date()):
            return None
        return moment
