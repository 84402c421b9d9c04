"""The directory in memory: read once from SQLite, then places near a point, open when asked."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import sqlite_utils
from opening_hours import OpeningHours, State
from shapely import Point, prepare
from shapely.geometry import shape

from ..settings import PARIS_TZ
from .geo import distance_m

STALE_AFTER = dt.timedelta(days=365)
LOOK_AHEAD = dt.timedelta(days=7)
NEARBY_M = 3000
# Without a place hint, a long list (609 toilets) means nothing: ask where instead.
MAX_PLACES_WITHOUT_HINT = 60


class MissingDatabase(Exception):
    """The directory database has not been built."""


@dataclass(frozen=True)
class PlaceRecord:
    id: str
    name: str
    categories: list[str]
    address: str | None
    postcode: str | None
    arrondissement: int | None
    lat: float | None
    lon: float | None
    phones: list[str]
    opening_hours: str | None
    hours_note: str | None
    audience: list[str]
    access: list[str]
    description: str | None
    status: str
    closure_from: dt.date | None
    closure_to: dt.date | None
    closure_reason: str | None
    source: str
    verified_on: dt.date
    origin: str  # the file it came from
    hours: OpeningHours | None
    service_hours: dict[str, OpeningHours | None]

    def hours_for(self, category: str) -> OpeningHours | None:
        return self.service_hours.get(category, self.hours)

    @classmethod
    def from_row(cls, row: dict) -> "PlaceRecord":
        def date(value: str | None) -> dt.date | None:
            return dt.date.fromisoformat(value) if value else None

        def hours(expression: str | None) -> OpeningHours | None:
            return OpeningHours(expression, timezone=PARIS_TZ, country="FR") if expression else None

        return cls(
            **{
                f: row[f]
                for f in (
                    "id",
                    "name",
                    "address",
                    "postcode",
                    "arrondissement",
                    "lat",
                    "lon",
                    "opening_hours",
                    "hours_note",
                    "description",
                    "status",
                    "closure_reason",
                    "source",
                    "origin",
                )
            },
            **{f: json.loads(row[f]) for f in ("categories", "phones", "audience", "access")},
            closure_from=date(row["closure_from"]),
            closure_to=date(row["closure_to"]),
            verified_on=date(row["verified_on"]),
            hours=hours(row["opening_hours"]),
            service_hours={c: hours(h) for c, h in json.loads(row["service_hours"]).items()},
        )


@dataclass(frozen=True)
class Opening:
    """Whether a place is open at a moment, and when that changes."""

    state: Literal["open", "closed", "unknown"]
    closes_at: dt.datetime | None = None
    opens_at: dt.datetime | None = None
    comment: str | None = None
    temporarily_closed: bool = False

    @property
    def next_change(self) -> dt.datetime | None:
        return self.closes_at if self.state == "open" else self.opens_at


@dataclass(frozen=True)
class Found:
    place: PlaceRecord
    category: str
    distance_m: float | None
    opening: Opening
    stale: bool

    @property
    def doubtful(self) -> bool:
        return self.place.status == "doubtful"


def place_key(place_id: str) -> str:
    """A short key for a place id, the same from one build to the next."""
    return hashlib.blake2s(place_id.encode(), digest_size=5).hexdigest()


def opening_at(place: PlaceRecord, at: dt.datetime, category: str) -> Opening:
    """The state of a place's service at `at`; unknown hours and doubtful places are
    never 'open'."""
    day = at.date()
    if (
        place.closure_from
        and place.closure_from <= day
        and (place.closure_to is None or day <= place.closure_to)
    ):
        return Opening("closed", comment=place.closure_reason, temporarily_closed=True)
    hours = place.hours_for(category)
    if hours is None or place.status != "active":
        return Opening("unknown")
    state, comment = hours.state(at)
    if state == State.OPEN:
        return Opening("open", closes_at=hours.next_change(at), comment=comment or None)
    if state == State.UNKNOWN:
        return Opening("unknown", comment=comment or None)
    opens_at = next(
        (start for start, _, s, _ in hours.intervals(at, at + LOOK_AHEAD) if s == State.OPEN), None
    )
    return Opening("closed", opens_at=opens_at, comment=comment or None)


def _rank(found: Found) -> tuple:
    """Open first (nearest first), then those opening soonest, then unknown, then closed."""
    opening = found.opening
    distance = found.distance_m if found.distance_m is not None else float("inf")
    if opening.state == "open":
        return (0, distance)
    if opening.state == "closed" and opening.opens_at:
        return (1, opening.opens_at.timestamp(), distance)
    if opening.state == "unknown":
        return (2, distance)
    return (3, distance)


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
        self.categories = {row["id"]: row for row in db["categories"].rows}
        self.numbers = [
            {**row, "for": json.loads(row["for_"]), "first_for": json.loads(row["first_for"])}
            for row in db["emergency_numbers"].rows_where(order_by="position")
        ]
        self.stations = list(db["stations"].rows)
        self.arrondissements = list(db["arrondissements"].rows)
        self.quartiers = list(db["quartiers"].rows)
        self.landmarks = list(db["landmarks"].rows) if db["landmarks"].exists() else []
        self.centres = {row["number"]: row for row in self.arrondissements}
        self._polygons = {}
        for row in self.arrondissements:
            polygon = shape(json.loads(row["geometry"]))
            prepare(polygon)
            self._polygons[row["number"]] = polygon

    @classmethod
    def open(cls, path: Path) -> "DirectoryStore":
        if not Path(path).exists():
            raise MissingDatabase(
                f"no directory database at {path}: run `python -m bot directory build`"
            )
        db = sqlite_utils.Database(path)
        try:
            return cls(db)
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
    ) -> list[Found]:
        """Places of a category, open at `at` first. With a point: the nearest. With an
        arrondissement only: those inside it, then the nearest to its centre."""
        candidates = self.by_category.get(category, [])
        if lat is None and arrondissement is None:
            if len(candidates) > MAX_PLACES_WITHOUT_HINT:
                return []
            return sorted((self.found(p, category, at, None, None) for p in candidates), key=_rank)[
                :limit
            ]
        if lat is None:
            centre = self.centres[arrondissement]
            found = [self.found(p, category, at, centre["lat"], centre["lon"]) for p in candidates]
            inside = sorted(
                (f for f in found if f.place.arrondissement == arrondissement), key=_rank
            )
            others = [f for f in found if f.place.arrondissement != arrondissement]
            return (inside + sorted(self._nearby(others, limit), key=_rank))[:limit]
        found = [self.found(p, category, at, lat, lon) for p in candidates]
        return sorted(self._nearby(found, limit), key=_rank)[:limit]

    @staticmethod
    def _nearby(found: list[Found], limit: int) -> list[Found]:
        """Those within walking distance, or at least the 2 × limit nearest."""
        located = sorted((f for f in found if f.distance_m is not None), key=lambda f: f.distance_m)
        near = [f for f in located if f.distance_m <= NEARBY_M]
        return near if len(near) >= limit else located[: limit * 2]

    def found(
        self,
        place: PlaceRecord,
        category: str,
        at: dt.datetime,
        lat: float | None,
        lon: float | None,
    ) -> Found:
        distance = None
        if lat is not None and lon is not None and place.lat is not None and place.lon is not None:
            distance = distance_m(lat, lon, place.lat, place.lon)
        stale = at.date() - place.verified_on > STALE_AFTER
        return Found(place, category, distance, opening_at(place, at, category), stale)
