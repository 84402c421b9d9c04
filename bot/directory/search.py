"""Finding the places for a question: those of a need near a point or in an arrondissement,
for the person, open when asked first (the ranking is bot/directory/ranking.py). A mixin of
the directory store, which holds the places."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from math import inf

from .audience import FOR_ALL, FOR_THEM, fit
from .geo import distance_m
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
from .records import PlaceRecord
from .spatial import Need

STALE_AFTER = dt.timedelta(days=365)
NEARBY_M = 3000
# An arrondissement whose centre is this near: its places without a point may be near too
# (the halte of place Jules-Joffrin, 18e, from Barbès' 10e side, its centre 1 km away).
NEAR_AREA_M = 1500
FURTHEST_READ = 6  # × limit: how many places a search reads at most past walking distance
# Without a place hint, a long list (609 toilets) means nothing: ask where instead.
MAX_PLACES_WITHOUT_HINT = 60


class Search:
    """The look-ups of the directory store (`DirectoryStore` inherits them and holds what
    they read)."""

    needs: dict[str, Need]
    centres: dict[int, dict]
    timed: set[str]
    reach: dict[tuple[str, int | None], float]
    reported_closed: dict[str, dt.datetime]
    _record: Callable[[int], PlaceRecord]
    by_category: dict
    records: Callable[[Iterable[int]], Iterator[PlaceRecord]]
    arrondissement_of: Callable[[float, float], int | None]

    def _unlocated(self, category: str, where: Callable[[int], bool]) -> Iterator[PlaceRecord]:
        """The places of a category without a point, in the arrondissements `where` takes
        (0: none known)."""
        need = self.needs.get(category) or Need()
        for rowid, area in zip(need.unlocated, need.unlocated_areas, strict=True):
            if where(area):
                yield self._record(rowid)

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
