"""The time hint: 'ce soir', 'demain matin', 'dimanche' → a moment in Paris time."""

import datetime as dt

from .query import When

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# The hour a vague moment stands for.
HOURS = {
    "tonight": 20,
    "this_morning": 9,
    "this_afternoon": 14,
    "tomorrow": 10,
    "tomorrow_morning": 9,
    "tomorrow_evening": 19,
    "weekday": 10,
}


SPECS = ("now", *sorted(HOURS.keys() - {"weekday"}), *WEEKDAYS)  # what a time phrase may mean


def find_spec(words: list[str], phrases: dict[tuple[str, ...], str]) -> tuple[str, int, int] | None:
    """The first time phrase in the words (longest first): (spec, start, end)."""
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            spec = phrases.get(tuple(words[i : i + size]))
            if spec:
                return spec, i, i + size
    return None


def resolve(spec: str, now: dt.datetime) -> When:
    """The moment a spec means, from `now` (aware, Europe/Paris)."""
    today = now.replace(second=0, microsecond=0)
    if spec in WEEKDAYS:
        days = (WEEKDAYS.index(spec) - now.weekday()) % 7
        if days == 0:
            return When(spec, today)
        day = today + dt.timedelta(days=days)
        return When(spec, day.replace(hour=HOURS["weekday"], minute=0))
    if spec.startswith("tomorrow"):
        day = today + dt.timedelta(days=1)
        return When(spec, day.replace(hour=HOURS[spec], minute=0))
    if spec in HOURS:
        moment = today.replace(hour=HOURS[spec], minute=0)
        return When(spec, max(moment, today))
    return When("now", today)
