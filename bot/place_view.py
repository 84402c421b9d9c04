"""One place in the person's words: the lines of a list entry (PlaceView) and of its full
card (Card). What the hours say comes from bot/status.py."""

import datetime as dt
import re
from dataclasses import dataclass

from .directory.ranking import Found
from .i18n import N_, Texts
from .status import hours_line, hours_unknown, status_text, week_hours
from .understand import When


@dataclass
class PlaceView:
    """One place, with every line already in the person's language."""

    id: str
    name: str
    category: str
    address: str | None
    arrondissement: int | None
    lat: float | None
    lon: float | None
    distance_m: int | None
    distance: str | None
    status: str
    today: str | None  # the hours of the day that matters, its day named
    hours_hint: str | None  # hours unknown: the first sentence of what the source says
    phones: list[str]
    conditions: list[str]
    warnings: list[str]  # under the address
    open: bool | None  # for the moment or window asked; None: unknown
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    always_open: bool
    closing_unknown: bool
    opened_at: dt.datetime | None  # hours unknown now: when it opened, its end not given
    next_change: dt.datetime | None  # after the moment asked
    audience: list[str]
    access: list[str]
    forms: list[str]  # the kind of its needs it gives (a meal, dental care…)
    inside_area: bool | None  # inside the arrondissement asked (None: none asked)
    dated: dt.date | None  # the date its information carries (None: undated)
    dated_words: str | None  # that date as precise as it is: '2011', 'décembre 2025'
    information_date: str  # that date in words: 'décembre 2025', '2011', 'non datées'
    stale: bool  # its information is old or undated (said once per answer, caveats.freshness)
    hours_unknown: bool  # the source does not say (a list says 'appelez avant' once)
    reported_closed: dt.datetime | None  # the field's last 'closed' report (bot/reports.py)
    wheelchair: bool | None = None  # None: the source does not say
    animals: bool | None = None
    holidays_said: bool = True  # its hours say what it does on public holidays (or are unknown)


def date_words(texts: Texts, value: str | None) -> str | None:
    """The date an information carries, as precise as it is: '2011', 'décembre 2025'."""
    if value is None or len(value) == 4:  # undated, or a year only
        return value
    year, month = (int(p) for p in value.split("-")[:2])
    return texts.month_year(dt.date(year, month, 1))


def information_date(texts: Texts, value: str | None) -> str:
    """'Informations de décembre 2025', 'Informations de 2011', 'Informations non datées'."""
    if value is None:
        return texts._("Informations non datées")
    return texts._("Informations de {month}", month=date_words(texts, value))


def distance_text(texts: Texts, metres: float) -> str:
    if metres < 1000:
        return texts._("{distance} m", distance=texts.number(int(round(metres, -1))))
    return texts._("{distance} km", distance=texts.number(round(metres / 1000, 1)))


# Who a place is for, and how to get in, in words: every value of the schema's Audience and
# Access that restricts someone (tests/test_answers.py checks none is left out).
AUDIENCE_WORDS = {
    "women": N_("Pour les femmes"),
    "men": N_("Pour les hommes"),
    "families": N_("Pour les familles"),
    "young_18_25": N_("Pour les jeunes de 18 à 25 ans"),
    "minors": N_("Pour les mineurs"),
    "adults": N_("Pour les adultes"),
    "couples": N_("Pour les couples"),
    "drug_users": N_("Pour les personnes qui consomment des drogues"),
}
ACCESS_WORDS = {
    "referral": N_("Sur orientation d'une association ou d'un service social"),
    "appointment": N_("Sur rendez-vous"),
    "membership_fee": N_("Petite adhésion payante"),
    "documents": N_("Une pièce d'identité peut être demandée"),
    "registration": N_("Sur inscription"),
    "paying": N_("Payant"),
}


def conditions(texts: Texts, found: Found) -> list[str]:
    """Who the place is for and how to get in, each restriction in words (every value of
    the schema's Audience and Access but those that restrict nothing)."""
    place, out = found.place, []
    out += [texts._(AUDIENCE_WORDS[a]) for a in place.audience if a in AUDIENCE_WORDS]
    out += [texts._(ACCESS_WORDS[a]) for a in place.access if a in ACCESS_WORDS]
    if "free" in place.access and not out:
        out.append(texts._("Gratuit"))
    return out


FIRST_SENTENCE = re.compile(r"^(.{12,}?[.!?])(?:\s|$)")
HINT_LENGTH = 80
# A first sentence that only says the hours are unknown ('Horaires actuels inconnus.')
SAYS_UNKNOWN = re.compile(
    r"^(?:horaires|jours et (?:horaires|heures)|jours|heures)(?: actuels| habituels| réguliers)? "
    r"(?:inconnue?s|non (?:confirmé|donné|trouvé|précisé|publié)e?s)[^.]*\.$",
    re.IGNORECASE,
)


def hours_hint(texts: Texts, found: Found) -> str | None:
    """Hours not in the opening-hours syntax: a list shows the first sentence of the
    source's words ('Tous les soirs, du lundi au dimanche, toute l'année.'), the card all
    of them. The note is in French: other languages get the card's French."""
    note = found.place.hours_note
    if found.opening.state != "unknown" or not note or texts.language != "fr":
        return None
    sentence = m.group(1) if (m := FIRST_SENTENCE.match(note)) else note
    if SAYS_UNKNOWN.match(sentence):  # the status line says so already; the card has the rest
        return None
    if len(sentence) > HINT_LENGTH:
        sentence = sentence[:HINT_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


def place_view(
    texts: Texts, found: Found, when: When, area: int | None = None, in_list: bool = False
) -> PlaceView:
    """`area`: the arrondissement asked for; a place outside it says so before its
    distance ('hors du 18e · 600 m'). `in_list`: one of several places, whose list says
    'appelez avant' once rather than on each status line."""
    place = found.place
    distance = None if found.distance_m is None else distance_text(texts, found.distance_m)
    if area is not None and found.inside_area is False:
        outside = texts._("hors du {arrondissement}", arrondissement=texts.ordinal(area))
        distance = f"{outside} · {distance}" if distance else outside
    address = ", ".join(filter(None, [place.address, place.postcode]))
    opening = found.opening
    return PlaceView(
        id=place.id,
        name=place.name,
        category=found.category,
        address=address or None,
        arrondissement=place.arrondissement,
        lat=place.lat,
        lon=place.lon,
        distance_m=None if found.distance_m is None else int(round(found.distance_m)),
        distance=distance,
        status=status_text(texts, found, when, call_ahead=not in_list),
        today=hours_line(texts, found, when),
        hours_hint=hours_hint(texts, found),
        phones=place.phones,
        conditions=conditions(texts, found),
        warnings=[],  # a much older date (caveats.freshness); a doubt is on the status line
        open={"open": True, "closed": False}.get(opening.state),
        opens_at=opening.opens_at,
        closes_at=opening.closes_at,
        always_open=opening.always_open,
        closing_unknown=opening.closing_unknown,
        opened_at=opening.opened_at,
        next_change=opening.next_change,
        audience=[a for a in place.audience if a != "everyone"],
        access=list(place.access),
        forms=list(place.forms),
        inside_area=found.inside_area,
        dated=place.dated,
        dated_words=date_words(texts, place.information_date),
        information_date=information_date(texts, place.information_date),
        stale=found.stale,
        hours_unknown=hours_unknown(found),
        reported_closed=found.reported_closed,
        wheelchair=place.wheelchair,
        animals=place.animals,
        holidays_said=(hours := place.hours_for(found.category)) is None or "PH" in str(hours),
    )


@dataclass
class Card:
    """One place in full: the list line plus the week's hours, who confirmed them, notes."""

    view: PlaceView
    week: list[str]
    description: str | None
    hours_note: str | None
    hours_confirmed: str | None  # 'Horaires confirmés par téléphone en mars 2026'


CONFIRMED = {
    "page": N_("Horaires confirmés sur le site du lieu en {month}"),
    "phone": N_("Horaires confirmés par téléphone en {month}"),
    "visit": N_("Horaires confirmés sur place en {month}"),
    "email": N_("Horaires confirmés par e-mail en {month}"),
}


def card(texts: Texts, found: Found, when: When) -> Card:
    place = found.place
    confirmed = None
    if place.hours_checked and place.hours_for(found.category) is not None:
        how, day = place.hours_checked
        confirmed = texts._(CONFIRMED[how], month=texts.month_year(day))
    return Card(
        view=place_view(texts, found, when),
        week=week_hours(texts, found, when.start),
        description=place.description if texts.language == "fr" else None,
        hours_note=place.hours_note if texts.language == "fr" else None,
        hours_confirmed=confirmed,
    )
