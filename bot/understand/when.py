"""The time asked about: 'ce soir', 'demain matin', 'dimanche', 'à 14h', 'le 25' → a window
of Paris time.

A message may say a day ('demain', 'dimanche', 'ce week-end', 'le 25 décembre') and a part
of the day ('matin', 'soir') or a clock time ('14h'), in any order; each vocabulary maps its
phrases to one of SPECS. The window is when a place must be open, at some moment, to count
as open for the question. Arithmetic goes through UTC so that no moment lands in the hour
the clocks skip in spring.
"""

import datetime as dt
import re

from ..clock import paris, wall
from .evidence import Context
from .query import When
from .terms import Match
from .text import Words

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [f"month_{n}" for n in range(1, 13)]
# Parts of the day: (start, end) as hours; the night ends the next morning.
PARTS = {
    "morning": (dt.time(7), dt.time(12)),
    "noon": (dt.time(11, 30), dt.time(14)),
    "afternoon": (dt.time(14), dt.time(18)),
    "evening": (dt.time(18), dt.time(23)),
    "night": (dt.time(22), dt.time(7)),
}
DAYS = ["today", "tomorrow", "after_tomorrow", "weekend", *WEEKDAYS]
# Before this, a person awake still lives the day before: at 00:30, 'demain matin' is the
# coming morning and 'ce soir' the night going on.
DAY_BREAKS = dt.time(5)
# Phrases that say a day and a part at once ('ce soir', 'demain matin').
COMBINED = {
    "tonight": ("today", "evening"),
    "this_morning": ("today", "morning"),
    "this_afternoon": ("today", "afternoon"),
    "this_night": ("today", "night"),
    "tomorrow_morning": ("tomorrow", "morning"),
    "tomorrow_afternoon": ("tomorrow", "afternoon"),
    "tomorrow_evening": ("tomorrow", "evening"),
    "tomorrow_night": ("tomorrow", "night"),
}
SPECS = ("now", *DAYS, *PARTS, *COMBINED, *MONTHS)  # what a vocabulary phrase may mean
CLOCK = re.compile(r"^(\d{1,2})(?:h(\d{2})?|(am|pm))$")
NUMBER = re.compile(r"^\d{1,2}$")
FIRST = ("1er", "1re", "premier", "1st")  # the first of a month, written out
MIDNIGHT = ("minuit", "midnight")  # a clock time, 00:00 ('midi' is the part of the day)
IN = ("dans", "in")  # 'dans 2 heures', 'in 2 hours': a moment from now
HOURS = ("h", "heure", "heures", "hour", "hours", "hr", "hrs")
ONE = ("une", "un", "an", "one")  # 'dans une heure', 'in an hour'


def find_phrases(
    words: list[str], phrases: dict[tuple[str, ...], str]
) -> list[tuple[str, int, int]]:
    """The time phrases in the words, longest first, not overlapping: (spec, start, end)."""
    found: list[tuple[str, int, int]] = []
    taken = [False] * len(words)
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            spec = phrases.get(tuple(words[i : i + size]))
            if spec and not any(taken[i : i + size]):
                found.append((spec, i, i + size))
                taken[i : i + size] = [True] * size
    found += _clock_and_date(words, taken, phrases)
    return sorted(found, key=lambda f: f[1])


def _clock_and_date(
    words: list[str], taken: list[bool], phrases: dict[tuple[str, ...], str]
) -> list[tuple[str, int, int]]:
    """'14h', '9h30', '2pm', '14 h 30' → 'clock_HH:MM'; 'le 25' (21–31, or with a month) →
    'date_25' ('le 18' alone is the 18th arrondissement)."""
    found = []
    for i, word in enumerate(words):
        if taken[i]:
            continue
        if word in MIDNIGHT:
            found.append(("clock_00:00", i, i + 1))
            continue
        ahead = words[i + 1 : i + 3]
        after = words[i + 3 : i + 4]  # 'dans 2 heures du matin' is 2 a.m.
        if (
            word in IN
            and len(ahead) == 2
            and ahead[1] in HOURS
            and after != ["du"]
            and not any(taken[i : i + 3])
        ):
            hours = 1 if ahead[0] in ONE else int(ahead[0]) if NUMBER.match(ahead[0]) else 0
            if 0 < hours <= 12:
                found.append((f"in_{hours}h", i, i + 3))
                continue
        match = CLOCK.match(word)
        end = i + 1
        if match is None and NUMBER.match(word) and words[i + 1 : i + 2] == ["h"]:
            match, end = CLOCK.match(word + "h"), i + 2
            if words[end : end + 1] and re.fullmatch(r"\d{2}", words[end]):
                match, end = CLOCK.match(f"{word}h{words[end]}"), end + 1
        if match and match[3] == "am" and i > 0 and NUMBER.match(words[i - 1]):
            continue  # '15 3am' is Arabic in Latin letters: 15 years (عام), not 3 a.m.
        if match:
            hour, minute = int(match[1]), int(match[2] or 0)
            if match[3] == "pm" and hour < 12:
                hour += 12
            if hour < 24 and minute < 60:
                found.append((f"clock_{hour:02d}:{minute:02d}", i, end))
            continue
        month = phrases.get((words[i + 1],)) if i + 1 < len(words) else None
        if word in FIRST and month in MONTHS and i > 0 and words[i - 1] in ("le", "the", "el", "o"):
            word = "1"  # 'le 1er janvier' is a date, not the 1st arrondissement
        if (
            NUMBER.match(word)
            and i > 0
            and words[i - 1] in ("le", "the", "el", "o")
            and 1 <= int(word) <= 31
            and (month in MONTHS or int(word) > 20)
        ):
            found.append(
                (
                    f"date_{int(word)}" + (f"_{month}" if month in MONTHS else ""),
                    i - 1,
                    i + 2 if month in MONTHS else i + 1,
                )
            )
    return found


TOLD = ("past", "long_ago")  # markers of a story: a time said in it is not the ask


def asked(
    found: list[tuple[str, int, int]], words: Words, markers: list[Match], needs: list[Match]
) -> list[tuple[str, int, int]]:
    """The time phrases that say when a place must be open: not those told in the past
    ('je suis arrivé dimanche', 'hier soir', 'depuis ce matin'); and when some stand in a
    clause that names the need, those ('ce matin on nous a dégagés, on dort où ce soir')."""
    if not found:
        return found
    context = Context(words, markers, needs)
    told = {seg for kind in TOLD for seg in context.with_kind[kind]}
    told -= context.with_kind["ongoing"]  # 'depuis hier': goes on now
    since = {m.end for m in markers if m.term.label == "background"}  # 'depuis ce matin'
    kept = [f for f in found if context.segment[f[1]] not in told and f[1] not in since]
    beside = {words.clauses[i] for m in needs for i in m.covers}
    return [f for f in kept if words.clauses[f[1]] in beside] or kept


def resolve(found: list[tuple[str, int, int]], now: dt.datetime) -> When:
    """The window the phrases found mean, from `now` (aware, Paris time)."""
    now = paris(now.replace(second=0, microsecond=0))
    day, part, clock, date = None, None, None, None
    for spec, _, _ in found:
        if spec in COMBINED:
            day, part = day or COMBINED[spec][0], part or COMBINED[spec][1]
        elif spec in DAYS and day is None:
            day = spec
        elif spec in PARTS and part is None:
            part = spec
        elif spec.startswith("clock_") and clock is None:
            clock = dt.time.fromisoformat(spec.removeprefix("clock_"))
        elif spec.startswith("in_") and clock is None:  # 'dans 2 heures': that moment
            clock = (now + dt.timedelta(hours=int(spec[3:-1]))).time()
        elif spec.startswith("date_") and date is None:
            date = _date(spec, now.date())
    if date is not None:
        day = None
    if not (day or part or clock or date):
        return When("now", now, now, now)
    late = now.time() < DAY_BREAKS and date is None
    if late and day == "today" and part == "evening":  # 'ce soir' at 00:30: this night
        part = "night"
    spec = "_".join(
        filter(None, [date.isoformat() if date else day, part, clock and clock.strftime("%H:%M")])
    )
    if day == "weekend":
        return _weekend(spec, now)
    first = date or _day(day or "today", now.date(), late)
    if clock is not None:
        moment = wall(first, clock)
        if day is None and date is None and moment < now:
            moment = wall(first + dt.timedelta(days=1), clock)
        elif day in WEEKDAYS and moment < now:  # 'lundi 8h' asked on Monday at 15:00
            moment = wall(first + dt.timedelta(days=7), clock)
        return When(spec, moment, moment, now)
    if part is None:
        start, end = wall(first, dt.time(0)), wall(first + dt.timedelta(days=1), dt.time(0))
        return When(spec, max(start, now), end, now)
    begin, finish = PARTS[part]
    if part == "night" and first == now.date() and now.time() < finish and day in (None, "today"):
        return When(spec, now, wall(first, finish), now)  # 'cette nuit' asked at 02:00
    overnight = dt.timedelta(days=1 if finish <= begin else 0)
    if day in WEEKDAYS and wall(first + overnight, finish) <= now:
        first += dt.timedelta(days=7)  # 'lundi matin' asked on Monday at 15:00: next week's
    start = wall(first, begin)
    end = wall(first + overnight, finish)
    if end <= now and day is None and date is None:  # 'le soir' asked at midnight: tomorrow's
        return resolve(
            [(f"tomorrow_{part}", 0, 0)]
            if f"tomorrow_{part}" in COMBINED
            else [("tomorrow", 0, 0), (part, 0, 0)],
            now,
        )
    if end <= now and day == "today" and date is None:  # 'ce matin' at 13:30: it is past
        return When("now", now, now, now)
    return When(spec, max(start, now) if end > now else start, end, now)


def _day(day: str, today: dt.date, late: bool = False) -> dt.date:
    """`late`: asked before DAY_BREAKS, when tomorrow is the day that has just begun."""
    if day == "tomorrow":
        return today + dt.timedelta(days=0 if late else 1)
    if day == "after_tomorrow":
        return today + dt.timedelta(days=1 if late else 2)
    if day in WEEKDAYS:
        return today + dt.timedelta(days=(WEEKDAYS.index(day) - today.weekday()) % 7)
    return today


def _date(spec: str, today: dt.date) -> dt.date | None:
    """'date_25' → the next 25th (today's month, or the next); 'date_25_month_12' → the
    next 25 December. None when no such day exists."""
    parts = spec.split("_")
    number = int(parts[1])
    month = int(parts[3]) if len(parts) > 3 else None
    for offset in range(0, 13):
        year, index = divmod(today.month - 1 + offset, 12)
        candidate_month = index + 1
        if month is not None and candidate_month != month:
            continue
        try:
            candidate = dt.date(today.year + year, candidate_month, number)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _weekend(spec: str, now: dt.datetime) -> When:
    saturday = now.date() + dt.timedelta(days=(5 - now.weekday()) % 7)
    if now.weekday() == 6:
        saturday = now.date() - dt.timedelta(days=1)
    start, end = wall(saturday, dt.time(0)), wall(saturday + dt.timedelta(days=2), dt.time(0))
    return When(spec, max(start, now), end, now)
