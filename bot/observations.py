"""Counts for the City's observation of unmet needs: aggregated, never per person.

Each answered need adds one to a counter keyed by ISO week, channel, category,
arrondissement and outcome (an open place was found, places but none open, nothing
found, no place given). Counters live in memory and are added to the database now and then:
no message, no person, no position, no time finer than the week is ever written. An
emergency is never counted per arrondissement (one danger in one arrondissement in one
week could point at someone), and the published report leaves out every cell under
MIN_CELL.
"""

import asyncio
import logging
from collections import Counter

from .core import Result
from .shared_db import SharedDB

log = logging.getLogger(__name__)
Key = tuple[str, str, str, int, str]
MIN_CELL = 5  # a published count under this is left out


def outcome(result: Result) -> str:
    places = result.reply.places
    if any(p.open for p in places):
        return "open_place_found"
    if places:
        return "places_none_open"
    return "no_place_hint" if result.query.where is None else "nothing_found"


class Observations:
    def __init__(self, db: SharedDB) -> None:
        self.db = db
        db.create_table(
            "needs",
            "week text, channel text, category text, arrondissement integer, outcome text, "
            "count integer not null, "
            "primary key (week, channel, category, arrondissement, outcome)",
        )
        self.pending: Counter[Key] = Counter()

    def record(self, channel: str, result: Result) -> None:
        """Count one answered need (memory only)."""
        query = result.query
        if query.intent != "need" or not query.categories:
            return
        year, week, _ = query.when.at.isocalendar()
        arrondissement = query.where.arrondissement if query.where else 0
        if "emergency" in (query.categories[0], *query.dangers):
            arrondissement = 0
        self.pending[
            (
                f"{year}-W{week:02d}",
                channel,
                query.categories[0],
                arrondissement or 0,
                outcome(result),
            )
        ] += 1

    def take(self) -> Counter[Key]:
        """The counts so far, leaving none (call it where `record` is called)."""
        counts, self.pending = self.pending, Counter()
        return counts

    def write(self, counts: Counter[Key]) -> None:
        """Add the counts: several workers may add to the same cells."""
        self.db.executemany(
            "insert into needs values (?, ?, ?, ?, ?, ?) "
            "on conflict (week, channel, category, arrondissement, outcome) "
            "do update set count = needs.count + excluded.count",
            [(*key, n) for key, n in counts.items()],
        )

    def report(self) -> tuple[list[tuple], int]:
        """The counts per week, category and outcome, and how many cells were left out
        for being under MIN_CELL."""
        rows, _ = self.db.execute(
            "select week, category, outcome, sum(count) from needs "
            "group by week, category, outcome order by week, category, outcome"
        )
        shown = [row for row in rows if row[-1] >= MIN_CELL]
        return shown, len(rows) - len(shown)

    def close(self) -> None:
        self.write(self.take())
        self.db.close()


async def write_every(observations: Observations, seconds: float = 300) -> None:
    """Add the counts to the database every few minutes, off the event loop; counts that
    could not be written wait for the next time."""
    while True:
        await asyncio.sleep(seconds)
        counts = observations.take()
        try:
            await asyncio.to_thread(observations.write, counts)
        except Exception:
            log.exception("counts not written: kept for the next time")
            observations.pending.update(counts)
