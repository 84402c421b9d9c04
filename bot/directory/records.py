"""A place as the directory database holds it, read once when the directory loads: its
facts, its parsed hours, the date its information carries."""

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass

from opening_hours import OpeningHours

from ..settings import PARIS_TZ

# What the database holds, for the store to refuse one built by another version.
SCHEMA_VERSION = 6  # 2: places.information_date; 3: places.checks, places.hours_checked;
# 4: places.key (a button's short key, unique); 5: places.food_forms; 6: places.forms (any need)


@dataclass(frozen=True)
class PlaceRecord:
    id: str
    name: str
    categories: tuple[str, ...]
    address: str | None
    postcode: str | None
    arrondissement: int | None
    lat: float | None
    lon: float | None
    phones: list[str]
    opening_hours: str | None
    hours_note: str | None
    audience: tuple[str, ...]
    access: tuple[str, ...]
    forms: tuple[str, ...]  # what kind of its needs: a meal, a parcel, dental care…
    animals: bool | None
    wheelchair: bool | None
    description: str | None
    status: str
    closure_from: dt.date | None
    closure_to: dt.date | None
    closure_reason: str | None
    source: str
    verified_on: dt.date
    information_date: str | None  # '2025-12-04', '2019-11', '2011'; None: undated
    dated: dt.date | None  # that date, at its earliest when only a month or year is known
    origin: str  # the file it came from
    hours: OpeningHours | None
    service_hours: dict[str, OpeningHours | None]
    hours_checked: tuple[str, dt.date] | None  # how and when the hours were last confirmed

    def hours_for(self, category: str) -> OpeningHours | None:
        return self.service_hours.get(category, self.hours)

    @classmethod
    def from_row(cls, row: dict) -> "PlaceRecord":
        def date(value: str | None) -> dt.date | None:
            return dt.date.fromisoformat(value) if value else None

        def hours(expression: str | None) -> OpeningHours | None:
            return parsed_hours(expression) if expression else None

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
                    "information_date",
                    "origin",
                )
            },
            **{f: shared_list(row[f]) for f in ("categories", "audience", "access", "forms")},
            phones=json.loads(row["phones"]),
            animals=None if row.get("animals") is None else bool(row["animals"]),
            wheelchair=None if row.get("wheelchair") is None else bool(row["wheelchair"]),
            closure_from=date(row["closure_from"]),
            closure_to=date(row["closure_to"]),
            verified_on=date(row["verified_on"]),
            dated=earliest_day(row["information_date"]),
            hours_checked=checked(row.get("hours_checked")),
            hours=hours(row["opening_hours"]),
            service_hours=shared_service_hours(row["service_hours"]),
        )


@functools.cache
def shared_list(text: str) -> tuple[str, ...]:
    """'["food", "shower"]' read once for every place that has it (a few dozen distinct
    values among 100,000 places): loading a France-sized directory spent most of its time
    reading the same JSON again."""
    return tuple(json.loads(text))


@functools.cache
def shared_json(text: str) -> dict:
    """A small JSON object ('{"luggage": "Mo-Fr 08:00-10:00"}') read once per value;
    never changed once read."""
    return json.loads(text)


@functools.cache
def shared_service_hours(text: str) -> dict[str, OpeningHours | None]:
    """A service's own hours ('{"luggage": "Mo-Fr 08:00-10:00"}'), read once per value and
    shared: never changed once read."""
    return {c: parsed_hours(h) if h else None for c, h in shared_json(text).items()}


@functools.cache
def parsed_hours(expression: str) -> OpeningHours:
    """One parsed object per distinct expression, shared by every place that has it (609
    toilets say '24/7'): parsed once, kept once."""
    return OpeningHours(expression, timezone=PARIS_TZ, country="FR")


def checked(value: str | None) -> tuple[str, dt.date] | None:
    """'["phone", "2026-03-12"]' → ('phone', 2026-03-12)."""
    if not value:
        return None
    how, day = json.loads(value)
    return how, dt.date.fromisoformat(day)


def earliest_day(information_date: str | None) -> dt.date | None:
    """'2019-11' → 2019-11-01, '2011' → 2011-01-01: read once, when the directory loads."""
    if information_date is None:
        return None
    year, month, day = ([int(p) for p in information_date.split("-")] + [1, 1])[:3]
    return dt.date(year, month, day)


def place_key(place_id: str) -> str:
    """A short key for a place id, the same from one build to the next."""
    return hashlib.blake2s(place_id.encode(), digest_size=5).hexdigest()
