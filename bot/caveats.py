"""What an answer says once below its list, not on every place: how old the information
is, hours unknown, an access the person needs that some places do not say, a public
holiday whose hours some places do not give."""

import datetime as dt

from .directory.records import parsed_hours
from .i18n import N_, Texts
from .place_view import PlaceView
from .understand import When

MUCH_OLDER_DAYS = 2 * 365


def freshness(texts: Texts, places: list[PlaceView]) -> list[str]:
    """Once per answer, not on every place: how old the information is, and 'appelez
    avant' when some of it is old or some hours are unknown. A place much older than the
    others also says its date on its own lines."""
    stale = [p for p in places if p.stale]
    dated = [p for p in stale if p.dated is not None]
    if not stale:
        if any(p.hours_unknown for p in places):
            unknown = texts._("Horaires inconnus pour certains lieux : appelez avant d'y aller.")
            return ["⚠️ " + unknown]
        return []
    if not dated:
        return ["⚠️ " + texts._("Informations non datées : appelez avant d'y aller si vous pouvez.")]
    newest = max(dated, key=lambda p: p.dated)
    for place in stale:
        if place.dated is None or (newest.dated - place.dated).days > MUCH_OLDER_DAYS:
            place.warnings.append(place.information_date)
    return [
        "⚠️ "
        + texts._(
            "Informations de {month} ou plus anciennes : appelez avant d'y aller si vous pouvez.",
            month=newest.dated_words,
        )
    ]


# A need of the person → the place's field, its yes, and the line for places that do not say.
ACCESS_SAID = {
    "wheelchair": (
        "wheelchair",
        N_("Accessible en fauteuil roulant"),
        N_("Accès en fauteuil non renseigné pour certains lieux : appelez avant d'y aller."),
    ),
    "animal": (
        "animals",
        N_("Animaux acceptés"),
        N_("Accueil des animaux non renseigné pour certains lieux : appelez avant d'y aller."),
    ),
}


def access_needed(texts: Texts, profile: list[str], places: list[PlaceView]) -> list[str]:
    """The access a person needs ('en fauteuil', 'avec mon chien'): each place's yes on its
    own lines, 'non renseigné' once for those that do not say (one that says no is not
    listed: directory/audience.py)."""
    lines = []
    for need in profile:
        if need not in ACCESS_SAID:
            continue
        field, yes, unknown = ACCESS_SAID[need]
        for place in places:
            if getattr(place, field) is True:
                place.conditions.append(texts._(yes))
        if any(getattr(place, field) is None for place in places):
            lines.append("⚠️ " + texts._(unknown))
    return lines


PUBLIC_HOLIDAYS = parsed_hours("PH")  # France's, as the opening hours read them


def holiday(texts: Texts, when: When, places: list[PlaceView]) -> list[str]:
    """On a public holiday (25 December, 1 January, 14 July…), when some place listed gives
    its usual hours and says nothing of holidays: once, 'appelez avant'."""
    last = max(when.start, when.end - dt.timedelta(minutes=1))
    days = {when.start.date(), last.date()}
    noon = [dt.datetime.combine(d, dt.time(12), tzinfo=when.start.tzinfo) for d in days]
    if not any(PUBLIC_HOLIDAYS.is_open(moment) for moment in noon):
        return []
    if all(p.holidays_said for p in places):
        return []
    return ["⚠️ " + texts._("Jour férié : certains lieux changent leurs horaires, appelez avant.")]
