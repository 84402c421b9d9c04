"""The directory: its places read from the SQLite database as a look-up reaches them
(the look-ups are bot/directory/search.py)."""

import datetime as dt
import functools
import json
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

from shapely import Point, prepare
from shapely.geometry import shape

from .alerts import AlertRecord
from .geo import Outlines, distance_m
from .records import SCHEMA_VERSION, PlaceRecord, shared_json, shared_list
from .search import FURTHEST_READ, NEAR_AREA_M, NEARBY_M, Search
from .spatial import Grid, Need

__all__ = ["FURTHEST_READ", "NEAR_AREA_M", "NEARBY_M", "DirectoryStore", "MissingDatabase"]


class MissingDatabase(Exception):
    """The directory database has not been built, or cannot be read (corrupt, locked, from
    another version): the message says how to rebuild it."""


# The columns a place's look-up needs before its record is read (the rest stays on disk).
INDEX_COLUMNS = "rowid, categories, lat, lon, arrondissement, status, opening_hours, service_hours"
# The places read last, kept ready (about 2 kB each; reading one costs about 30 µs): a
# question reads from 5 to 61. The mixed benchmark messages read 889 different places at
# 12,261 places: with 512 kept, p99 there was 2.0 ms against 1.5 ms with 1,024 or more;
# 4,096 cost 5 MiB more after varied traffic.
RECORDS_KEPT = 1024


class DirectoryStore(Search):
    """The directory database, open read-only for as long as the store serves. Numbers only
    are kept for every place (its row, categories, position); a place's record is read
    from the database when a look-up reaches it, and the last few thousand are kept. A
    France-sized directory then costs megabytes, not a Python object per place."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        connection.row_factory = sqlite3.Row
        version = connection.execute("select value from meta where key = 'schema_version'")
        if (found := version.fetchone()) is None or found[0] != str(SCHEMA_VERSION):
            raise sqlite3.DatabaseError(
                f"built by another version of the bot (schema {found and found[0]}, "
                f"this one reads {SCHEMA_VERSION})"
            )
        self._record = functools.lru_cache(maxsize=RECORDS_KEPT)(self._read_record)
        self.needs: dict[str, Need] = {}
        # The needs some place of which has hours: in the others (fountains, Wi-Fi) no place
        # can be open, so the nearest whose hours are unknown are the best there are.
        self.timed: set[str] = set()
        self.arrondissements = self._rows("arrondissements")
        self.centres = {row["number"]: row for row in self.arrondissements}
        # How far from its centre an arrondissement's places of a need lie (its search ends there)
        self.reach: dict[tuple[str, int | None], float] = {}
        self.count = 0
        for row in connection.execute(
            f"select {INDEX_COLUMNS} from places where status != 'closed' order by rowid"
        ):
            self.count += 1
            rowid, lat, lon = row["rowid"], row["lat"], row["lon"]
            services = shared_json(row["service_hours"])
            centre = self.centres.get(row["arrondissement"])
            for category in shared_list(row["categories"]):
                need = self.needs.get(category) or self.needs.setdefault(category, Need())
                need.rows.append(rowid)
                if lat is None or lon is None:
                    need.unlocated.append(rowid)
                    need.unlocated_areas.append(row["arrondissement"] or 0)
                else:
                    need.located.append(rowid)
                    need.lats.append(lat)
                    need.lons.append(lon)
                    need.areas.append(row["arrondissement"] or 0)
                    if centre:
                        key = (category, row["arrondissement"])
                        far = distance_m(centre["lat"], centre["lon"], lat, lon)
                        self.reach[key] = max(far, self.reach.get(key, 0.0))
                hours = services.get(category, row["opening_hours"])  # as PlaceRecord.hours_for
                if row["status"] == "active" and hours is not None:
                    self.timed.add(category)
        for need in self.needs.values():
            need.grid = Grid(need.lats, need.lons)
        self.categories = {
            row["id"]: dict(row) for row in connection.execute("select * from categories")
        }
        self.numbers = [
            {**row, "for": json.loads(row["for_"]), "first_for": json.loads(row["first_for"])}
            for row in self._rows("emergency_numbers", order_by="position")
        ]
        self.stations = self._rows("stations")
        self.quartiers = self._rows("quartiers")
        self.landmarks = self._rows("landmarks")
        self.streets = self._rows("streets")
        self.alerts = [AlertRecord.from_row(row) for row in self._rows("alerts")]
        self._polygons = {}
        for row in self.arrondissements:
            polygon = shape(json.loads(row["geometry"]))
            prepare(polygon)
            self._polygons[row["number"]] = polygon
        self.outlines = Outlines(self._polygons)
        # Places the field reported closed: the last report (set by the core, bot/reports.py)
        self.reported_closed: dict[str, dt.datetime] = {}

    @property
    def by_category(self) -> dict[str, array]:
        """Category → the rows of its places, in the files' order."""
        return {category: need.rows for category, need in self.needs.items()}

    def _rows(self, table: str, order_by: str = "rowid") -> list[dict]:
        """A small table whole (an empty list when this database has none)."""
        exists = self._connection.execute(
            "select 1 from sqlite_master where type = 'table' and name = ?", (table,)
        ).fetchone()
        if not exists:
            return []
        return [
            dict(r)
            for r in self._connection.execute(f"select * from [{table}] order by {order_by}")
        ]

    def _read_record(self, rowid: int) -> PlaceRecord:
        row = self._connection.execute("select * from places where rowid = ?", (rowid,)).fetchone()
        return PlaceRecord.from_row(dict(row))

    def records(self, rows: Iterable[int]) -> Iterator[PlaceRecord]:
        """The places of these rows, read as needed."""
        return (self._record(rowid) for rowid in rows)

    def all_places(self) -> Iterator[PlaceRecord]:
        """Every place served, read one by one (checks and exports, not answers)."""
        for (rowid,) in self._connection.execute(
            "select rowid from places where status != 'closed' order by rowid"
        ):
            yield self._record(rowid)

    def __len__(self) -> int:
        return self.count

    @classmethod
    def open(cls, path: Path) -> "DirectoryStore":
        if not Path(path).exists():
            raise MissingDatabase(
                f"no directory database at {path}: run `python -m bot directory build`"
            )
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        # Read from the event loop's thread, opened in the reloader's (bot/watch.py).
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            return cls(connection)
        except (sqlite3.DatabaseError, KeyError, IndexError) as error:
            connection.close()
            raise MissingDatabase(
                f"the directory database at {path} cannot be read ({error}): rebuild it with "
                f"`python -m bot directory build directory --output {path}`"
            ) from None

    def close(self) -> None:
        self._connection.close()

    def named_places(self) -> dict[str, str]:
        """Names of the places editors keep one file each for (not the open-data rows)."""
        rows = self._connection.execute(
            "select id, name from places where status != 'closed' "
            "and '/' || origin like '%/places/%' order by rowid"
        )
        return {row["id"]: row["name"] for row in rows}

    def by_id(self, place_id: str) -> PlaceRecord:
        place = self.get(place_id)
        if place is None:
            raise KeyError(place_id)
        return place

    def get(self, place_id: str) -> PlaceRecord | None:
        return self._place_where("id", place_id)

    def by_key(self, key: str) -> PlaceRecord | None:
        """A place by its short key (bot/directory/records.py place_key), as buttons carry."""
        return self._place_where("key", key)

    def _place_where(self, column: str, value: str) -> PlaceRecord | None:
        row = self._connection.execute(
            f"select rowid from places where {column} = ? and status != 'closed'", (value,)
        ).fetchone()
        return None if row is None else self._record(row[0])

    def arrondissement_of(self, lat: float, lon: float) -> int | None:
        point = Point(lon, lat)
        return next((n for n, p in self._polygons.items() if p.contains(point)), None)
