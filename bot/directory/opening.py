"""Whether a place is open for a question: at a moment, or at some time in a window.

Three states, never more certain than the source: `open` (open at the moment, or at some
time in the window), `closed` (closed throughout, as the hours say), `unknown` (the hours
do not say, for some of that time, and it is open at none of it). A day the source does
not give is unknown, never closed. Times said are real changes found within LOOK_AHEAD;
a place open throughout it is `always_open`. A source may give when a service opens and
not when it closes ("the room opens at 17:45"): the end is then `closing_unknown`, never a
time.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from opening_hours import OpeningHours, State

from ..clock import later

if TYPE_CHECKING:
    from .records import PlaceRecord

LOOK_AHEAD = dt.timedelta(days=7)
OPENED_LOOK_BACK = dt.timedelta(hours=12)  # how far back an opening with no end is looked for
MINUTE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Opening:
    """What the hours say of a place for the time asked.

    open: `opens_at` is the first moment it is open in the window when that is after its
    start, `closes_at` the end of that opening (None when beyond LOOK_AHEAD: always open;
    None with `closing_unknown` when the hours become unknown there).
    closed: `opens_at` the next opening within LOOK_AHEAD; `unknown_from` when the hours
    become unknown before that (a day the source does not give).
    unknown: `opens_at` the next opening the hours do give, if any (the Soupe de Nuit,
    whose end is not published, opens again tomorrow at 17:45); `opened_at` when the
    opening the moment falls in began, if the hours say it opened and not when it ends
    (the Soupe de Nuit at 19:30: opened at 17:45, may still be serving)."""

    state: Literal["open", "closed", "unknown"]
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    unknown_from: dt.datetime | None = None
    always_open: bool = False
    closing_unknown: bool = False
    comment: str | None = None
    temporarily_closed: bool = False
    opened_at: dt.datetime | None = None

    @property
    def next_change(self) -> dt.datetime | None:
        """The next change after the moment asked (what a moment's status line says)."""
        if self.state == "open":
            return self.closes_at
        return self.unknown_from or self.opens_at


def opening_in(
    place: "PlaceRecord", category: str, start: dt.datetime, end: dt.datetime
) -> Opening:
    """The opening of a place's service from `start` to `end` (`start` == `end`: a moment).
    Unknown hours and doubtful places are never open."""
    if _closed_throughout(place, start.date(), end.date()):
        return Opening("closed", comment=place.closure_reason, temporarily_closed=True)
    hours = place.hours_for(category)
    if hours is None or place.status != "active":
        return Opening("unknown")
    return hours_in(hours, start, end)


def hours_in(hours: OpeningHours, start: dt.datetime, end: dt.datetime) -> Opening:
    horizon = later(max(start, end), LOOK_AHEAD)
    spans = merged(hours.intervals(start, horizon))
    # A moment is in the first span; a window meets every span that overlaps it.
    inside = spans[:1] if start == end else [s for s in spans if s[0] < end and s[1] > start]
    opened = next((s for s in inside if s[2] == State.OPEN), None)
    comment = next((s[3] for s in inside if s[3]), None)
    if opened is not None:
        opens_at = opened[0] if opened[0] > start else None
        if ends_unknown(spans, opened):
            return Opening("open", opens_at, closing_unknown=True, comment=comment)
        closes_at = opened[1] if opened[1] < horizon else None
        return Opening("open", opens_at, closes_at, always_open=closes_at is None, comment=comment)
    after = [s for s in spans if s[0] >= end or s[1] > end]
    opens_at = next((max(s[0], end) for s in after if s[2] == State.OPEN), None)
    if any(s[2] == State.UNKNOWN for s in inside):  # and its next known opening, if any
        return Opening("unknown", opens_at, comment=comment, opened_at=opened_at(hours, start))
    unknown_from = next((max(s[0], end) for s in after if s[2] == State.UNKNOWN), None)
    if unknown_from and opens_at and unknown_from > opens_at:
        unknown_from = None
    return Opening("closed", opens_at, unknown_from=unknown_from, comment=comment)


def opened_at(hours: OpeningHours, moment: dt.datetime) -> dt.datetime | None:
    """When an opening whose end the hours do not give began, if the moment falls after
    it ('Mo-Su 17:45-18:15, Mo-Su 18:15-24:00 unknown' at 19:30: 17:45)."""
    spans = merged(hours.intervals(later(moment, -OPENED_LOOK_BACK), later(moment, MINUTE)))
    for span, following in zip(spans, spans[1:], strict=False):
        if (
            span[2] == State.OPEN
            and following[2] == State.UNKNOWN
            and span[1] == following[0] <= moment < following[1]
        ):
            return span[0]
    return None


def merged(spans: Iterable[tuple]) -> list[tuple]:
    """Spans as the library gives them, with open spans that follow each other made one
    ('17:45-18:00, 18:00-18:15 "réservé aux femmes"' is one opening, from 17:45, and its
    end is where the hours stop being open), keeping the first comment said."""
    out: list[tuple] = []
    for span in spans:
        if out and span[2] == State.OPEN and out[-1][2] == State.OPEN and out[-1][1] == span[0]:
            a, _, state, comment = out[-1]
            out[-1] = (a, span[1], state, comment or span[3])
        else:
            out.append(tuple(span))
    return out


def ends_unknown(spans: list, span: tuple) -> bool:
    """The hours become unknown where this opening ends: its end is not a closing time."""
    following = next((s for s in spans if s[0] == span[1]), None)
    return following is not None and following[2] == State.UNKNOWN


def _closed_throughout(place: "PlaceRecord", first: dt.date, last: dt.date) -> bool:
    """A temporary closure covers every day asked about."""
    return bool(
        place.closure_from
        and place.closure_from <= first
        and (place.closure_to is None or last <= place.closure_to)
    )
