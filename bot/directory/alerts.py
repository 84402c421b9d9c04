"""Editors' dated notices (directory/alerts/*.yaml), as the answers read them: which are
shown with a question, for its time, place and needs."""

import datetime as dt
import json
from dataclasses import dataclass

from ..clock import wall


@dataclass(frozen=True)
class AlertRecord:
    id: str
    text: str  # French
    texts: dict[str, str]  # language code (or 'falc') → text
    start: dt.datetime  # the first day at midnight, Paris time
    end: dt.datetime  # the day after the last, at midnight
    categories: frozenset[str]  # empty: every need
    arrondissements: frozenset[int]  # empty: all Paris

    @classmethod
    def from_row(cls, row: dict) -> "AlertRecord":
        first, last = (dt.date.fromisoformat(row[k]) for k in ("from_day", "to_day"))
        return cls(
            id=row["id"],
            text=row["text"],
            texts=json.loads(row["texts"]),
            start=wall(first, dt.time(0)),
            end=wall(last + dt.timedelta(days=1), dt.time(0)),
            categories=frozenset(json.loads(row["categories"])),
            arrondissements=frozenset(json.loads(row["arrondissements"])),
        )

    def concerns(
        self,
        start: dt.datetime,
        end: dt.datetime,
        categories: list[str],
        arrondissement: int | None,
    ) -> bool:
        """In force at some time of the window asked, for one of the needs asked, where
        the person is (an alert for some arrondissements needs a place in one of them)."""
        if not (self.start <= end and start < self.end):
            return False
        if self.categories and not self.categories & set(categories):
            return False
        return not self.arrondissements or arrondissement in self.arrondissements
