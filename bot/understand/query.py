"""What the bot understood of one message."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Intent = Literal["need", "greeting", "help", "unknown"]


@dataclass(frozen=True)
class Where:
    """The place the person asks about: a station, an arrondissement or a shared point."""

    label: str
    lat: float
    lon: float
    arrondissement: int | None
    kind: Literal["station", "arrondissement", "coordinates"]

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
    """The moment the person asks about; `spec` is 'now', 'tonight', 'sunday', …"""

    spec: str
    at: dt.datetime


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

    @property
    def emergency(self) -> bool:
        return "emergency" in self.categories
