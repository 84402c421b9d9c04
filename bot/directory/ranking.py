"""How the places found for a question are ordered: what the person asked and who they
are, open or not at the moment asked, then the distance."""

import datetime as dt
from dataclasses import dataclass

from .audience import FOR_ALL
from .opening import Opening
from .records import PlaceRecord
from .schema import FORMS


@dataclass(frozen=True)
class Found:
    place: PlaceRecord
    category: str
    distance_m: float | None
    opening: Opening
    stale: bool
    inside_area: bool | None = None  # inside the arrondissement asked (None: none asked)
    fit: int = FOR_ALL  # FOR_THEM: meant for what the person said of themselves
    reported_closed: dt.datetime | None = None  # flagged by the field (bot/reports.py)
    window: bool = False  # asked for a window ('dimanche midi'), not a moment
    opens_late: bool = False  # closed, and opens more than OPENS_SOON after the moment asked
    opens_shortly: bool = False  # closed, and opens within OPENS_SHORTLY of the moment asked
    other_form: bool = False  # gives another kind of food than asked (a parcel, not a meal)
    # A place without a point in an arrondissement near the person: the distance it ranks
    # at, the edge of walking distance (never shown).
    assumed_distance_m: float | None = None

    @property
    def doubtful(self) -> bool:
        return self.place.status == "doubtful"

    @property
    def vague(self) -> bool:
        """May have closed, and says neither where (no point) nor when (no hours): a lead
        more than an answer (the 'Bagagerie 20' of a 2019 council debate)."""
        no_hours = self.place.hours_for(self.category) is None
        return self.doubtful and self.place.lat is None and no_hours


NOT_SET_APART = ((False, False),)  # how rank begins for a place neither reported nor other
# A place closed when asked that opens within a day comes before those whose hours are
# unknown; one opening later (the Soupe Saint-Eustache on Sunday night, open again on
# Tuesday) comes after those, before those that may have closed or moved.
OPENS_SOON = dt.timedelta(hours=24)
# A place in the arrondissement asked that opens this soon stays before the open places
# across its edge (the Amiraux baths opening at 12:00, asked at 10:00 in the 18e).
OPENS_SHORTLY = dt.timedelta(hours=3)


def set_apart(found: Found) -> bool:
    """Reported closed by the field, or giving another kind than asked: after the others."""
    return found.reported_closed is not None or found.other_form


def rank(found: Found) -> tuple:
    """Places reported closed by the field after the others, and those giving another kind
    of food than asked (a grocery on referral for a hot meal). Then open first; then those
    that opened and do not say when they end, which may be serving (the Soupe de Nuit at
    19:30); then those opening soonest, within OPENS_SOON of the moment asked; then unknown
    (a day the source does not give included); then those closed throughout a window
    asked ('dimanche midi') that open after it; then closed. In each, those meant for the
    person first, then the nearest.
    Among the unknown, a place that may have closed or moved (doubtful) after those known
    to be there and those opening later than OPENS_SOON, one without an address (the ESI
    Halte Femmes) after those with one, and one closed for the question
    (unknown only later) after those that may be open. At equal distance (no point given,
    every distance unknown): places in a known arrondissement of Paris before the others
    (the CASO of Saint-Denis, no address), places whose main service is the need before
    those offering it besides (a PASS before a day centre's nurse), places for everyone
    before those for some people only, the next known opening soonest, and places taking
    people without referral first."""
    opening = found.opening
    distance = next(
        (d for d in (found.distance_m, found.assumed_distance_m) if d is not None), float("inf")
    )
    apart = (found.reported_closed is not None, found.other_form)
    referral = "referral" in found.place.access
    # the need offered besides another (a day centre's shower); for some people only (what
    # fits those who said who they are came first already: `fit`)
    extra = (
        found.place.arrondissement is None,  # outside Paris, or where in it unknown
        found.place.categories[0] != found.category,
        any(a != "everyone" for a in found.place.audience),
    )
    if opening.state == "open":
        return (apart, 0, found.fit, distance, extra, referral)
    if opening.state == "unknown" and opening.opened_at and not found.doubtful:
        return (apart, 1, found.fit, distance, extra, referral)
    if opening.state == "closed" and opening.opens_at and not opening.unknown_from:
        opens = opening.opens_at.timestamp()
        if found.window:
            return (apart, 4, found.fit, opens, distance, extra, referral)
        if found.opens_late:  # among the unknown: after those known to be there
            return (apart, 3, found.fit, 0.5, opens, distance, extra, referral)
        return (apart, 2, found.fit, opens, distance, extra, referral)
    if opening.state == "unknown" or opening.unknown_from:
        following = opening.opens_at.timestamp() if opening.opens_at else float("inf")
        closed_now = opening.state == "closed"  # closed for the question, unknown only later
        return (
            apart,
            3,
            found.fit,
            found.doubtful,
            found.place.address is None,  # nowhere to go to: after those with an address
            closed_now,
            distance,
            extra,
            following,
            referral,
        )
    return (apart, 5, found.fit, distance, extra, referral)


def may_serve(found: Found) -> bool:
    """Open for the question, or its hours unknown (and not a place that may have closed):
    a search goes on past walking distance until it has enough of these (at night, the
    nearest places closed, a soup kitchen 4 km away whose hours are unknown)."""
    state = found.opening.state
    if found.other_form:
        return False
    return state == "open" or (state == "unknown" and not found.doubtful)


def serves_soon(found: Found) -> bool:
    """May serve the question (`may_serve`), or opens shortly after the moment asked."""
    return may_serve(found) or found.opens_shortly


# Food asked without saying which kind is a meal: a parcel or a social grocery (on
# registration or referral, for people who can cook) comes after the meals. Care asked
# without saying which is general care: the dental or eye PASS after the general ones.
DEFAULT_FORMS = {"food": ("meal",), "health": ("general",)}
# A place that does not say what care it gives (a day centre's nurse) gives general care.
GIVEN_BY_DEFAULT = {"health": ("general",)}


def other_form(place: PlaceRecord, category: str, forms: tuple[str, ...]) -> bool:
    """The place answers the need, but not the kind asked (food with none said: a meal; a
    toothache: dental care, before the general PASS). A food place that does not say what
    it gives (data·inclusion's services do not tell a meal from a parcel) may be the kind
    asked: set apart, it would have every question read all the food places of an
    arrondissement (100 ms at 100,000 places); a care place that does not say gives
    general care."""
    kinds, usual = FORMS.get(category, ()), GIVEN_BY_DEFAULT.get(category, ())
    asked = [f for f in forms if f in kinds]
    # 'un docteur des yeux', 'طبيب سنان': the kind is the eyes, the teeth
    asked = [f for f in asked if f not in usual] or asked or DEFAULT_FORMS.get(category, ())
    given = [f for f in place.forms if f in kinds] or usual
    return bool(asked and given) and not set(asked) & set(given)
