"""Paris time without surprises: arithmetic through UTC, so that no moment lands in the
hour the clocks skip in spring or is read twice in autumn."""

import datetime as dt

from .settings import PARIS_TZ

FIRST_YEAR, LAST_YEAR = 2000, 2100  # moments outside are refused (see `valid_moment`)


def paris(moment: dt.datetime) -> dt.datetime:
    """The same instant in Paris time; a wall-clock time the clocks skip (02:30 on the
    spring change) becomes the real instant after it."""
    return moment.astimezone(dt.UTC).astimezone(PARIS_TZ)


def later(moment: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """`moment` + `delta` of elapsed time, in Paris time."""
    return (moment.astimezone(dt.UTC) + delta).astimezone(PARIS_TZ)


def wall(day: dt.date, time: dt.time) -> dt.datetime:
    """A Paris wall-clock time on a day, as a real instant."""
    return paris(dt.datetime.combine(day, time, tzinfo=PARIS_TZ))


def valid_moment(moment: dt.datetime) -> dt.datetime:
    """A moment the bot can answer about, in Paris time (naive means Paris), or ValueError
    in plain words."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PARIS_TZ)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"the moment must be between {FIRST_YEAR} and {LAST_YEAR}")
    return paris(moment)
