"""What the bot understood of one message."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Intent = Literal["need", "greeting", "help", "thanks", "unknown"]


@dataclass(frozen=True)
class Where:
    """The place the person asks about: a station or landmark, a street, an arrondissement
    or a shared point."""

    label: str
    lat: float
    lon: float
    arrondissement: int | None
    kind: Literal["station", "street", "arrondissement", "coordinates"]

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "arrondissement": self.arrondissement,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class When:
    """The moment or window asked about ('now', 'tomorrow_morning', 'sunday_evening', …):
    a place is open for the question when it is open at some moment from `start` to `end`
    (`start` == `end` for a moment)."""

    spec: str
    start: dt.datetime
    end: dt.datetime
    asked: dt.datetime | None = None  # when the question was asked (default: `start`)

    @property
    def now(self) -> dt.datetime:
        return self.asked or self.start

    @property
    def at(self) -> dt.datetime:
        return self.start

    @property
    def is_moment(self) -> bool:
        return self.start == self.end

    def as_dict(self) -> dict:
        return {
            "spec": self.spec,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "asked": self.now.isoformat(),
        }


@dataclass
class Query:
    language: str
    intent: Intent
    categories: list[str]
    when: When
    where: Where | None = None
    falc: bool = False
    matched_terms: list[str] = field(default_factory=list)
    place_ids: list[str] = field(default_factory=list)  # places named in the message
    topics: list[str] = field(default_factory=list)  # topics to explain (content topics.*)
    dangers: list[str] = field(default_factory=list)  # kinds of danger, most urgent first
    written: str | None = None  # the language written, when the bot answers in another
    age: int | None = None  # an age the person gave ('j'ai 16 ans')
    # What the person said of themselves: woman, man, minor, family, animal, wheelchair.
    profile: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # the kind asked: a meal, dental care…
    where_unresolved: str | None = None  # words taken for a place and not found
    outside_paris: bool = False  # ... a town outside Paris ('Saint-Denis')
    far_position: bool = False  # a shared position far from Paris: not used as the place
    follow_up: bool = False  # only a time or a place said: may go on with the last question
    open_only: bool = False  # a filter chosen on the page: only places open for the time asked

    @property
    def emergency(self) -> bool:
        return "emergency" in self.categories
