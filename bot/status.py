"""What a place's hours say for the question, in the person's words: one status line, the
hours of the day that matters, the week. Never more certain than the source (see
bot/directory/opening.py): a day it does not give is 'horaires inconnus', never 'fermé';
a time is printed only when it is the real next change, with its day when not today."""

import datetime as dt
from dataclasses import replace

from opening_hours import State

from .clock import later, wall
from .directory.opening import ends_unknown, merged, opening_in
from .directory.ranking import Found
from .i18n import N_, Texts
from .understand import When


def day_word(texts: Texts, moment: dt.datetime, reference: dt.datetime) -> str:
    """'aujourd'hui', 'demain', or the weekday's name."""
    days = (moment.date() - reference.date()).days
    if days == 0:
        return texts._("aujourd'hui")
    if days == 1:
        return texts._("demain")
    return texts.weekday(moment)


def status_text(texts: Texts, found: Found, when: When, call_ahead: bool = True) -> str:
    """One line: what the hours say for the question, after what the field reported.
    `call_ahead`: unknown hours end with 'appelez avant' (a card); a list says it once,
    under its places (caveats.freshness)."""
    text = _hours_status(texts, found, when, call_ahead)
    opening = found.opening
    if opening.state == "open" and opening.comment:
        text += f" · {hours_comment(texts, opening.comment)}"
    if found.reported_closed is None:
        return text
    day = found.reported_closed.astimezone(when.now.tzinfo).date()
    return (
        "⚠️ "
        + texts._("Signalé fermé le {date}, à vérifier", date=texts.short_date(day))
        + (" · " + text)
    )


def hours_comment(texts: Texts, comment: str) -> str:
    """The editor's words on an opening ('18:00–18:15 : Pour les femmes'). In another
    language, the words after the times as the catalogs say them when they know them (a
    restriction must be understood: 'Pour les femmes' is the audience's own line), else
    the whole comment in French, said so rather than lost."""
    if texts.language == "fr":
        return comment
    times, _, words = comment.rpartition(" : ")
    if (said := texts._(words)) != words:
        return f"{texts.isolate(times)}: {said}" if times else said
    return texts._("en français : {text}", text=texts.isolate(comment))


def closure_text(texts: Texts, found: Found) -> str:
    """'Fermé temporairement jusqu'au 3 mars (travaux)': the editor's reason in French only."""
    place = found.place
    if place.closure_to is None:
        text = texts._("Fermé temporairement")
    else:
        until = texts.short_date(place.closure_to)
        text = texts._("Fermé temporairement jusqu'au {date}", date=until)
    if place.closure_reason and texts.language == "fr":
        text += f" ({place.closure_reason})"
    return "⛔ " + text


def hours_unknown(found: Found) -> bool:
    """The source does not say whether it is open for the question, now or when it opens."""
    opening = found.opening
    return opening.state == "unknown" or (
        opening.state == "closed" and opening.unknown_from is not None
    )


def _hours_status(texts: Texts, found: Found, when: When, call_ahead: bool) -> str:
    opening, now = found.opening, when.now
    if opening.temporarily_closed:
        return closure_text(texts, found)
    if opening.state == "open":
        if opening.always_open:
            return "✅ " + texts._("Ouvert 24h/24")
        if opening.opens_at is not None or when.start > now:  # later, in the window
            first = opening.opens_at or when.start
            values = {"day": day_word(texts, first, now), "time": texts.time(first)}
            if opening.closing_unknown:
                message = (
                    N_("Ouvre {day} à {time}, heure de fermeture inconnue")
                    if opening.opens_at
                    else N_("Ouvert {day} à {time}, heure de fermeture inconnue")
                )
                return "✅ " + texts._(message, **values)
            message = (
                N_("Ouvre {day} à {time}, ferme à {close}")
                if opening.opens_at
                else N_("Ouvert {day} à {time}, ferme à {close}")
            )
            return "✅ " + texts._(message, close=texts.time(opening.closes_at), **values)
        if opening.closing_unknown:
            return "✅ " + texts._("Ouvert, heure de fermeture inconnue")
        return "✅ " + _when_text(
            texts,
            N_("Ouvert, ferme à {time}"),
            N_("Ouvert, ferme {day} à {time}"),
            opening.closes_at,
            now,
        )
    if opening.state == "closed" and opening.unknown_from is not None:
        # closed now, certainly: the clock, not the '❓' of a place that may be open
        day = _from(texts, day_word(texts, opening.unknown_from, now), opening.unknown_from)
        message = N_("Fermé ; {day} : horaires inconnus")
        return _unknown(texts, message, call_ahead, icon="🕑", day=day)
    if opening.state == "closed" and opening.opens_at is not None:
        return "🕑 " + _when_text(
            texts,
            N_("Fermé, ouvre à {time}"),
            N_("Fermé, ouvre {day} à {time}"),
            opening.opens_at,
            now,
        )
    if opening.state == "closed":
        return "⛔ " + texts._("Fermé les 7 prochains jours")
    if found.doubtful:  # one status line: the doubt first, it matters more than the hours
        # then what its source's hours say, as the source's (Accueil Malte's bagagerie)
        said = _as_its_source_says(texts, found, when)
        if said is None:
            message = N_("Peut-être fermé ou déplacé ; horaires inconnus")
            return _unknown(texts, message, call_ahead)
        message = N_("Peut-être fermé ou déplacé ; d'après la source : {status}")
        return _unknown(texts, message, call_ahead, status=said)
    if found.place.hours_for(found.category) is None:
        return _unknown(texts, N_("Horaires inconnus"), call_ahead)
    day = day_word(texts, when.start, now)
    day = texts.capital(day)
    if opening.opened_at:  # it opened; when it closes is not said
        return "❓ " + texts._(
            "{day} : ouvert dès {time}, heure de fermeture inconnue",
            day=day,
            time=texts.time(opening.opened_at),
        )
    day = _from(texts, day, unknown_since(found, when.start))
    return _unknown(texts, N_("{day} : horaires inconnus"), call_ahead, day=day)


def unknown_since(found: Found, moment: dt.datetime) -> dt.datetime | None:
    """When the hours became unknown that day, at the latest its midnight; None when they
    are not unknown at the moment."""
    hours = found.place.hours_for(found.category)
    if hours is None:
        return None
    midnight = wall(moment.date(), dt.time(0))
    for a, b, state, _ in hours.intervals(midnight, later(moment, dt.timedelta(minutes=1))):
        if a <= moment < b and state == State.UNKNOWN:
            return max(a, midnight)  # begun the day before: its day only
    return None


def _from(texts: Texts, day: str, start: dt.datetime | None) -> str:
    """'mercredi dès 19:30' when unknown hours begin at a time of the day (a meal whose
    start is given and not its end), else the day alone (a day the source does not give)."""
    if start is None or start.time() == dt.time(0):
        return day
    return texts._("{day} dès {time}", day=day, time=texts.time(start))


# A place alone (a card) says to call first on its status line; a list says it once.
CALL_AHEAD = {
    N_("Horaires inconnus"): N_("Horaires inconnus, appelez avant"),
    N_("Peut-être fermé ou déplacé ; horaires inconnus"): N_(
        "Peut-être fermé ou déplacé ; horaires inconnus, appelez avant"
    ),
    N_("{day} : horaires inconnus"): N_("{day} : horaires inconnus, appelez avant"),
    N_("Peut-être fermé ou déplacé ; d'après la source : {status}"): N_(
        "Peut-être fermé ou déplacé ; d'après la source : {status}, appelez avant"
    ),
    N_("Fermé ; {day} : horaires inconnus"): N_("Fermé ; {day} : horaires inconnus, appelez avant"),
}


def _as_its_source_says(texts: Texts, found: Found, when: When) -> str | None:
    """The status a place that may have closed or moved would have were it surely there
    ('Ouvert, ferme à 09:00'), without its icon; None when its hours say nothing then."""
    place = replace(found.place, status="active")
    opening = opening_in(place, found.category, when.start, when.end)
    if opening.state == "unknown" and not opening.opened_at or opening.temporarily_closed:
        return None
    said = _hours_status(texts, replace(found, place=place, opening=opening), when, False)
    said = said.split(" ", 1)[1]  # without its icon: the line has the doubt's
    return said[:1].lower() + said[1:]


def _unknown(texts: Texts, message: str, call_ahead: bool, icon: str = "❓", **values: str) -> str:
    return f"{icon} " + texts._(CALL_AHEAD[message] if call_ahead else message, **values)


def _when_text(
    texts: Texts, same_day: str, other_day: str, moment: dt.datetime, start: dt.datetime
) -> str:
    if moment.date() == start.date():
        return texts._(same_day, time=texts.time(moment))
    return texts._(other_day, day=day_word(texts, moment, start), time=texts.time(moment))


def opening_spans(
    found: Found, day: dt.date
) -> list[tuple[dt.datetime, dt.datetime | None]] | None:
    """The openings that start on a day, with their real ends (a night ends the next
    morning; None when the source does not give it); None when the source does not say
    for some of that day."""
    hours = found.place.hours_for(found.category)
    if hours is None or found.doubtful:
        return None
    start = wall(day, dt.time(0))
    end = wall(day + dt.timedelta(days=1), dt.time(0))
    spans, unknown = [], False
    read = merged(
        hours.intervals(later(start, -dt.timedelta(minutes=1)), later(end, dt.timedelta(days=1)))
    )
    for span in read:
        a, b, state, _ = span
        if a >= end:
            break
        if state == State.UNKNOWN and b > start:
            unknown = True
        if state == State.OPEN and a >= start:
            spans.append((a, None if ends_unknown(read, span) else b))
    return None if unknown and not spans else spans


def day_hours(texts: Texts, found: Found, day: dt.date) -> str:
    """'07:30–13:00, 14:00–17:00', 'fermé' or 'horaires inconnus' for one day."""
    spans = opening_spans(found, day)
    if spans is None:
        return texts._("horaires inconnus")
    if not spans:
        return texts._("fermé")
    return ", ".join(
        f"{texts.time(a)}–{texts.time(b)}" if b else texts._("dès {time}", time=texts.time(a))
        for a, b in spans
    )


def hours_line(texts: Texts, found: Found, when: When) -> str | None:
    """The hours of the day that matters, its day named: the day it opens for the
    question, or the day it opens next. None when the status line says it all."""
    opening = found.opening
    if opening.temporarily_closed or opening.always_open or opening.state == "unknown":
        return None
    moment = opening.opens_at if opening.state == "closed" else opening.opens_at or when.start
    if moment is None or opening.unknown_from is not None:
        return None
    spans = opening_spans(found, moment.date())
    if opening.state == "open" and spans is not None and len(spans) <= 1:
        return None  # 'Ouvert, ferme à 18:00' said it
    return texts._(
        "{day} : {hours}",
        day=day_word(texts, moment, when.now),
        hours=day_hours(texts, found, moment.date()),
    )


def week_hours(texts: Texts, found: Found, at: dt.datetime) -> list[str]:
    """'lundi : 07:30–13:00' for the 7 days from `at`; empty when the hours are unknown."""
    if found.place.hours_for(found.category) is None or found.doubtful:
        return []
    days = [at.date() + dt.timedelta(days=n) for n in range(7)]
    return [
        texts._("{day} : {hours}", day=texts.weekday(day), hours=day_hours(texts, found, day))
        for day in days
    ]
