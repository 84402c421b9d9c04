"""The directory: places near a point, open when asked, read from its SQLite database as a
look-up reaches them."""

import datetime as dt
import functools
import json
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from math import inf
from pathlib import Path

from shapely import Point, prepare
from shapely.geometry import shape

from .alerts import AlertRecord
from .audience import FOR_ALL, FOR_THEM, fit
from .geo import Outlines, distance_m
from .opening import opening_in
from .ranking import (
    NOT_SET_APART,
    OPENS_SHORTLY,
    OPENS_SOON,
    Found,
    may_serve,
    other_form,
    rank,
    serves_soon,
    set_apart,
)
from .records import SCHEMA_VERSION, PlaceRecord, shared_json, shared_list
from .spatial import Grid, Need

STALE_AFTER = dt.timedelta(days=365)
NEARBY_M = 3000
# An arrondissement whose centre is this near: its places without a point may be near too
# (the halte of place Jules-Joffrin, 18e, from Barbès' 10e side, its centre 1 km away).
NEAR_AREA_M = 1500
FURTHEST_READ = 6  # × limit: how many places a search reads at most past walking distance
# Without a place hint, a long list (609 toilets) means nothing: ask where instead.
MAX_PLACES_WITHOUT_HINT = 60


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


class DirectoryStore:
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

    def _unlocated(self, category: str, where: Callable[[int], bool]) -> Iterator[PlaceRecord]:
        """The places of a category without a point, in the arrondissements `where` takes
        (0: none known)."""
        need = self.needs.get(category) or Need()
        for rowid, area in zip(need.unlocated, need.unlocated_areas, strict=True):
            if where(area):
                yield self._record(rowid)

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
        forms: tuple[str, ...] = (),
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
            return [self.found(p, category, at, *where, until, profile, age, forms) for p in places]

        if lat is None and arrondissement is None:
            rows = self.by_category.get(category, ())
            candidates = fitting(self.records(rows), MAX_PLACES_WITHOUT_HINT)
            if len(candidates) > MAX_PLACES_WITHOUT_HINT:
                return []
            return sorted(found(candidates, None), key=rank)[:limit]
        # A place whose point is unknown (an address without a number) comes after those
        # whose distance is known, never before a nearer one.
        if lat is None:
            centre = self.centres[arrondissement]
            point = (centre["lat"], centre["lon"])
            search = (category, point, limit, at, until, profile, age, forms)
            inside = self._nearest(*search, area=arrondissement)
            here = fitting(self._unlocated(category, lambda a: a == arrondissement))
            out = sorted(inside + found(here, point), key=rank)

            # What matters more than the arrondissement: a kind said ('dentiste 18e': the
            # dental PASS of the 13e before the 18e's general care); a place that says
            # where or when (an outreach worker's 'bagagerie 20e' got first one that may
            # have closed, with no address and no hours, before those next door).
            def behind(f: Found) -> tuple[bool, bool]:
                return (bool(forms) and set_apart(f), f.vague)

            # Too few inside that may serve the question or open shortly: the places across
            # its edge. Those inside that may serve soon first; then those across the edge
            # open within walking distance of its centre ('douche 19e' on a Wednesday
            # morning: the open Oberkampf baths before the 19e's, which open tomorrow); then
            # the others, those inside first.
            def tier(f: Found) -> tuple[int, bool]:
                inside = f.place.arrondissement == arrondissement
                if inside and serves_soon(f):
                    return (0, False)
                distance = f.distance_m if f.distance_m is not None else f.assumed_distance_m
                if not inside and f.opening.state == "open" and (distance or inf) <= NEARBY_M:
                    return (1, False)
                return (2, not inside)

            if sum(serves_soon(f) and not any(behind(f)) for f in out) < limit:
                out += self._nearest(*search, but=arrondissement)
                away = fitting(self._unlocated(category, lambda a: a != arrondissement))
                out += self._assumed(found(away, point), point)
                out.sort(key=lambda f: (behind(f), tier(f), rank(f)))
            return [
                replace(f, inside_area=f.place.arrondissement == arrondissement)
                for f in out[:limit]
            ]
        out = self._nearest(category, (lat, lon), limit, at, until, profile, age, forms)
        # A place without a point may be round the corner (the Soupe Saint-Eustache from
        # Châtelet): one in the person's arrondissement, or one whose centre is near, ranks
        # as if at the edge of walking distance, after the places known to be nearer,
        # before those further. Those elsewhere only fill a short list.
        own = self.arrondissement_of(lat, lon)
        near = {
            area
            for area, centre in self.centres.items()
            if area == own or distance_m(lat, lon, centre["lat"], centre["lon"]) <= NEAR_AREA_M
        }
        here = fitting(self._unlocated(category, near.__contains__))
        out += [replace(f, assumed_distance_m=NEARBY_M) for f in found(here, (lat, lon))]
        # Those elsewhere rank at their arrondissement's centre: an open bagagerie of the 5e
        # before a closed one next to Châtelet, never before an open one nearer.
        away = fitting(self._unlocated(category, lambda a: a not in near))
        out += self._assumed(found(away, (lat, lon)), (lat, lon))
        return sorted(out, key=rank)[:limit]

    def _assumed(self, places: list[Found], point: tuple[float, float]) -> list[Found]:
        """Places without a point, each ranked as if at its arrondissement's centre (no
        nearer than walking distance); where in Paris unknown, after every distance."""
        out = []
        for f in places:
            centre = self.centres.get(f.place.arrondissement or 0)
            assumed = (
                max(NEARBY_M, distance_m(*point, centre["lat"], centre["lon"])) if centre else None
            )
            out.append(replace(f, assumed_distance_m=assumed))
        return out

    def _nearest(
        self,
        category: str,
        point: tuple[float, float],
        limit: int,
        at: dt.datetime,
        until: dt.datetime | None,
        profile: list[str] | None,
        age: int | None,
        forms: tuple[str, ...] = (),
        but: int | None = None,
        area: int | None = None,
    ) -> list[Found]:
        """The located places of a category around a point, ranked: those within walking
        distance, and further until `limit` of them may serve the question (open, or hours
        unknown), 2 × limit such in all, or FURTHEST_READ × limit read (outside
        arrondissement `but`); or every one inside arrondissement `area`. They are read
        nearest first from the grid and their hours evaluated one by one; the search stops
        as soon as no place further away can rank before those found (`limit` open ones,
        of the kind of food asked, as meant for the person as any place can be)."""
        best_fit = FOR_THEM if profile or age is not None else FOR_ALL
        # What no place further away can beat: open (or, where no place has hours, hours
        # unknown and not doubtful), as meant for the person as any place can be.
        best_rank = (
            NOT_SET_APART + (0, best_fit)
            if category in self.timed
            else NOT_SET_APART + (2, best_fit, False)
        )
        reach = self.reach.get((category, area), -1.0) if area is not None else None
        out: list[Found] = []
        within = usable = best = 0
        reached = 0.0  # the distance of the last place as good as any can be
        need = self.needs.get(category)
        for distance, index in need.grid.nearest(*point) if need and need.grid else ():
            if best >= limit and distance > reached:  # one as near may still rank before
                break
            if reach is not None:  # every place of the arrondissement, then no further
                if distance > reach:
                    break
                if need.areas[index] != area:
                    continue
            elif distance > NEARBY_M and (
                within >= limit or usable >= 2 * limit or len(out) >= FURTHEST_READ * limit
            ):
                break
            if but is not None and need.areas[index] == but:
                continue
            place = self._record(need.located[index])
            if fit(place, category, profile or [], age) is None:
                continue
            one = self.found(place, category, at, *point, until, profile, age, forms)
            out.append(one)
            useful = may_serve(one)
            within += useful and distance <= NEARBY_M
            usable += useful
            if rank(one)[: len(best_rank)] == best_rank:
                best, reached = best + 1, distance
        return sorted(out, key=rank)

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
        forms: tuple[str, ...] = (),
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
            other_form=other_form(place, category, forms),
            reported_closed=self.reported(place),
            window=until is not None and until != at,
            opens_late=opening.state == "closed"
            and opening.opens_at is not None
            and opening.opens_at - at > OPENS_SOON,
            opens_shortly=opening.state == "closed"
            and opening.opens_at is not None
            and opening.opens_at - at <= OPENS_SHORTLY,
        )

    def reported(self, place: PlaceRecord) -> dt.datetime | None:
        """When the field last reported the place closed, unless its file was dated since."""
        moment = self.reported_closed.get(place.id)
        if moment is None or (place.dated is not None and place.dated >= moment.date()):
            return None
        return moment
