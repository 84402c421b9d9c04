"""Reports from the field: one tap on a place's card says 'closed', 'wrong hours',
'moved' or 'full'.

A report is stored with no person and no position: the place, the kind, the hour it was
made (rounded down), and an optional short note with phone numbers and e-mail addresses
taken out. Two 'closed' reports within 48 hours flag the place: every answer says
'signalé fermé le 12/11, à vérifier' on it and ranks it after the others, until an editor
acts (`directory reports --clear ID`, or the place's file dated after the reports).

One person cannot flag a place alone: a second report of the same place and kind from
the same person is not counted. Who reported what is remembered in memory only, under a
salted hash, for 48 hours, and never written.
"""

import asyncio
import datetime as dt
import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from .i18n import N_
from .shared_db import SharedDB

log = logging.getLogger(__name__)
KINDS = ("closed", "wrong_hours", "moved", "full")
KIND_LABELS = {  # what each channel shows (French source text of the catalogs)
    "closed": N_("⛔ Fermé"),
    "wrong_hours": N_("🕒 Horaires faux"),
    "moved": N_("🚚 A déménagé"),
    "full": N_("🈵 Plein"),
}
CLOSED_REPORTS = 2  # 'closed' reports that flag a place…
WITHIN = dt.timedelta(hours=48)  # …when made within this of one another
MAX_NOTE = 140
# What could identify someone in a note: phone numbers, e-mail addresses, links.
IDENTIFYING = re.compile(r"(\+?\d[\d .-]{5,}\d)|(\S+@\S+)|(https?://\S+)", re.IGNORECASE)


def clean_note(note: str | None) -> str | None:
    """A note as stored: one line, at most MAX_NOTE characters, no numbers or addresses."""
    if not note:
        return None
    text = IDENTIFYING.sub("…", " ".join(str(note).split()))[:MAX_NOTE].strip()
    return text or None


@dataclass(frozen=True)
class PlaceReports:
    """What the field said of one place, for editors."""

    place_id: str
    counts: dict[str, int]
    first: dt.datetime
    last: dt.datetime
    notes: list[str]


Flags = dict[str, dt.datetime]


class FieldReports:
    """`on_change` gets the places flagged closed whenever they may have changed (the
    core's `follow_reports`)."""

    def __init__(
        self, db: SharedDB, on_change: Callable[[Flags], None] = lambda flags: None
    ) -> None:
        self.db, self.on_change = db, on_change
        db.create_table(
            "reports",
            "place text not null, kind text not null, hour text not null, note text",
            keyed=True,
        )
        self.salt = secrets.token_bytes(16)
        self.recent: dict[str, float] = {}  # salted hash of (person, place, kind) → when

    def add(
        self, place_id: str, kind: str, at: dt.datetime, who: str, note: str | None = None
    ) -> int | None:
        """Store one report and return its row; None when this person already reported it
        (not counted). `who` identifies the person for the channel; it is hashed and kept
        in memory."""
        if kind not in KINDS:
            raise ValueError(f"unknown report kind {kind!r} (known: {', '.join(KINDS)})")
        now = time.monotonic()
        self.recent = {k: t for k, t in self.recent.items() if now - t < WITHIN.total_seconds()}
        key = hashlib.sha256(self.salt + f"{who}\n{place_id}\n{kind}".encode()).hexdigest()
        if key in self.recent:
            return None
        self.recent[key] = now
        hour = at.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
        row = self.db.insert(
            "insert into reports (place, kind, hour, note) values (?, ?, ?, ?)",
            (place_id, kind, hour.isoformat(), clean_note(note)),
        )
        self.refresh()
        return row

    def add_note(self, row: int, note: str) -> bool:
        """A note given after the report (Telegram asks for it once the kind is tapped);
        a report keeps its first note."""
        _, changed = self.db.execute(
            f"update reports set note = ? where {self.db.row_key} = ? and note is null",
            (clean_note(note), row),
        )
        return bool(changed)

    def refresh(self) -> None:
        self.on_change(self.closed_flags())

    def closed_flags(self) -> Flags:
        """Places reported closed CLOSED_REPORTS times within WITHIN: the last such report."""
        rows, _ = self.db.execute(
            "select place, hour from reports where kind = 'closed' order by place, hour"
        )
        hours: dict[str, list[dt.datetime]] = {}
        for place, hour in rows:
            hours.setdefault(place, []).append(dt.datetime.fromisoformat(hour))
        flags = {}
        for place, moments in hours.items():
            step = CLOSED_REPORTS - 1
            pairs = zip(moments, moments[step:], strict=False)
            flagged = [later for earlier, later in pairs if later - earlier <= WITHIN]
            if flagged:
                flags[place] = flagged[-1]
        return flags

    def by_place(self) -> list[PlaceReports]:
        rows, _ = self.db.execute(
            "select place, kind, hour, note from reports order by place, hour"
        )
        grouped: dict[str, list[tuple]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(row)
        out = []
        for place, reports in grouped.items():
            counts: dict[str, int] = {}
            for _, kind, _, _ in reports:
                counts[kind] = counts.get(kind, 0) + 1
            moments = [dt.datetime.fromisoformat(r[2]) for r in reports]
            notes = [r[3] for r in reports if r[3]]
            out.append(PlaceReports(place, counts, min(moments), max(moments), notes))
        return sorted(out, key=lambda r: r.last, reverse=True)

    def clear(self, place_id: str) -> int:
        """An editor acted on a place: its reports go."""
        _, deleted = self.db.execute("delete from reports where place = ?", (place_id,))
        self.refresh()
        return deleted

    def close(self) -> None:
        self.db.close()


async def follow(reports: FieldReports, seconds: float = 60) -> None:
    """Reports made through another process (the web chat, Telegram) and editors' clearings
    reach the answers within `seconds`."""
    while True:
        try:
            reports.refresh()
        except Exception:  # a database away for a moment: the flags stay as they were
            log.exception("field reports not read again")
        await asyncio.sleep(seconds)
