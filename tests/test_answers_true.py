"""What an answer says about opening hours is true: every need, at five points of Paris,
at twelve moments and windows (a Sunday night, both clock-change nights, 14 July, 24
December evening, …), checked against the hours evaluated here independently, straight
from each place's opening_hours expression."""

import datetime as dt
import json
import re

import pytest
import sqlite_utils
from opening_hours import OpeningHours, State

from bot.answer import plain_text
from bot.content import MENU
from bot.core import result_json
from bot.i18n import Texts
from bot.place_view import hours_hint
from bot.settings import PARIS_TZ
from bot.status import status_text
from bot.understand import When

NEEDS = [*MENU, "laundry"]  # every button, and laundry (a need without one)
POINTS = {
    "Barbès": (48.8839, 2.3494),
    "République": (48.8674, 2.3636),
    "Châtelet": (48.8584, 2.3470),
    "Porte de Bagnolet": (48.8644, 2.4085),
    "Porte de Versailles": (48.8323, 2.2877),
}
MOMENTS = [  # (words added to the message, the moment asked)
    ("", dt.datetime(2026, 11, 22, 23, 30)),  # a Sunday night
    ("", dt.datetime(2026, 11, 23, 8, 0)),  # a Monday morning
    ("", dt.datetime(2026, 7, 14, 10, 0)),  # a public holiday
    ("ce soir", dt.datetime(2026, 12, 24, 17, 0)),  # Christmas Eve, the evening
    ("", dt.datetime(2027, 3, 28, 2, 30)),  # the hour the clocks skip
    ("cette nuit", dt.datetime(2026, 10, 24, 23, 0)),  # the night the clocks go back
    ("", dt.datetime(2026, 3, 22, 2, 30)),  # a week before the change: 7 days ahead lands in it
    ("", dt.datetime(2026, 11, 24, 12, 15)),  # a weekday noon
    ("demain matin", dt.datetime(2026, 11, 22, 21, 0)),  # Sunday evening, for Monday morning
    ("ce week-end", dt.datetime(2026, 11, 25, 15, 0)),
    ("à 14h", dt.datetime(2026, 11, 28, 9, 0)),
    ("", dt.datetime(2027, 1, 1, 10, 0)),  # New Year's Day
]


def expected(
    place, written: tuple, category: str, start: dt.datetime, end: dt.datetime
) -> bool | None:
    """open (True), closed throughout (False), or unknown (None), read here without the
    bot's own code: the expression, the closure dates and the status."""
    closure_to = place.closure_to or dt.date.max
    if place.closure_from and place.closure_from <= start.date() and end.date() <= closure_to:
        return False
    expression, services = written
    if category in services:
        expression = services[category]
    if expression is None or place.status != "active":
        return None
    hours = OpeningHours(expression, timezone=PARIS_TZ, country="FR")
    if start == end:
        state = hours.state(start)[0]
        return {State.OPEN: True, State.CLOSED: False}.get(state)
    states = {s for a, b, s, _ in hours.intervals(start, end) if b > start and a < end}
    if State.OPEN in states:
        return True
    return None if State.UNKNOWN in states else False


def paris(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso).astimezone(PARIS_TZ)


@pytest.fixture(scope="module")
def written_hours(core) -> dict[str, tuple[str | None, dict]]:
    """Each place's hours as the database holds them: the expressions, not parsed."""
    db = sqlite_utils.Database(core.db_path)
    try:
        return {
            row["id"]: (row["opening_hours"], json.loads(row["service_hours"]))
            for row in db["places"].rows
        }
    finally:
        db.close()


@pytest.mark.parametrize("words, moment", MOMENTS, ids=[m.isoformat() for _, m in MOMENTS])
def test_what_is_said_open_or_closed_is_true(core, written_hours, words, moment):
    checked = said_open = said_closed = said_unknown = 0
    for need in NEEDS:
        for lat, lon in POINTS.values():
            result = core.ask(
                words,
                categories=[need],
                near=(lat, lon),
                at=moment.replace(tzinfo=PARIS_TZ),
                limit=5,  # more than a page: more places checked
            )
            data = result_json(words, result)
            when = data["when"]
            start = paris(when["start"])
            end = paris(when["end"])
            for place in data["places"]:
                record = core.store.by_id(place["id"])
                truth = expected(record, written_hours[place["id"]], place["category"], start, end)
                where = f"{need} {place['id']} {when}"
                assert place["open"] == truth, where
                said_open += truth is True
                said_closed += truth is False
                said_unknown += truth is None
                checked += 1
                if place["always_open"]:
                    assert place["closes_at"] is None, where
            listed = [p for p in data["places"] if p["category"] == data["categories"][-1]]
            if need != "emergency" and listed:
                assert data["nothing_open"] == (not any(p["open"] for p in listed)), need
    assert checked > 200 and said_open and (said_closed or said_unknown)


def test_a_time_printed_is_the_real_next_change(core, written_hours):
    """'ferme à', 'ouvre à': the state changes at that time and not before."""
    moment = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
    for need in ("shower", "food", "day_centre", "luggage", "toilets", "health"):
        data = result_json("", core.ask("", categories=[need], near=POINTS["Barbès"], at=moment))
        for place in data["places"]:
            record = core.store.by_id(place["id"])
            hours = written_hours[place["id"]], place["category"]
            for key, before, after in (("closes_at", True, False), ("opens_at", False, True)):
                if place[key] is None or key == "opens_at" and place["open"]:
                    continue
                change = paris(place[key])
                just_before = change - dt.timedelta(minutes=1)
                assert expected(record, *hours, just_before, just_before) is before
                assert expected(record, *hours, change, change) is after
                assert expected(record, *hours, moment, just_before) in (before, None)


CALL_AHEAD = {"fr": "appelez avant", "en": "call before you go", "ar": "اتصل قبل الذهاب"}


@pytest.mark.parametrize("language", sorted(CALL_AHEAD))
def test_a_list_says_call_ahead_once(core, language):
    """Unknown hours or old information: 'appelez avant' once per list, under the places,
    never on each place's line; a list where every hour is known and fresh does not say it."""
    phrase = CALL_AHEAD[language]
    moment = dt.datetime(2026, 5, 4, 10, 0, tzinfo=PARIS_TZ)  # some open data was fresh
    said = unsaid = 0
    for need in NEEDS:
        for point in POINTS.values():
            reply = core.ask("", categories=[need], near=point, at=moment, language=language).reply
            text = plain_text(reply)
            uncertain = any(p.hours_unknown or p.stale for p in reply.places)
            assert text.count(phrase) == (1 if uncertain else 0), f"{need} {point}\n{text}"
            assert not any(phrase in p.status for p in reply.places), need
            said += uncertain
            unsaid += reply.places != [] and not uncertain
    assert said and unsaid  # both kinds of list were seen


def test_a_card_says_call_ahead_itself(core):
    """A card stands alone: its unknown hours say 'appelez avant' on the status line."""
    moment = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS_TZ)
    reply = core.ask("", categories=["day_centre"], near=POINTS["Barbès"], at=moment).reply
    unknown = [p for p in reply.places if p.hours_unknown]
    assert unknown
    card = core.card(unknown[0].id, "day_centre", at=moment)
    assert "appelez avant" in card.view.status


INFORMATION = re.compile(r"^Informations d(?:e |')")  # 'de 2013', "d'octobre 2019"
FOOTER_DATE = re.compile(r"Informations d(?:e |')(.+) ou plus anciennes")


def test_the_date_under_a_list_is_one_its_places_carry(core):
    """'Informations de 2013 ou plus anciennes': a year alone stays a year (never 'janvier
    2013'), and the date is that of the newest of the old places listed."""
    moment = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS_TZ)
    years_only = 0
    for need in NEEDS:
        for point in POINTS.values():
            reply = core.ask("", categories=[need], near=point, at=moment).reply
            if not (m := FOOTER_DATE.search(" ".join(reply.footer))):
                continue
            said = m.group(1)
            own = {INFORMATION.sub("", p.information_date) for p in reply.places}
            assert said in own, (need, said, own)
            years_only += said.isdigit()
    assert years_only


ONLY_UNKNOWN = re.compile(r"\b(?:inconnu|non (?:trouvé|donné|précisé|confirmé|publié))", re.I)


def test_a_list_never_says_twice_that_hours_are_unknown(core):
    """Under '❓ Horaires inconnus', a list shows the first sentence of the source's words
    only when it tells something: never a short sentence that says the hours are unknown
    again ('Horaires habituels non trouvés.'). Every place of the directory is tried."""
    texts = Texts("fr")
    moment = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS_TZ)
    restated = []
    for place in core.store.all_places():
        for category in place.categories:
            hint = hours_hint(texts, core.store.found(place, category, moment, None, None))
            if hint and len(hint.split()) <= 6 and ONLY_UNKNOWN.search(hint):
                restated.append((place.id, hint))
    assert not restated


def test_closed_now_is_never_shown_as_uncertain(core):
    """'❓ Fermé ; mercredi : horaires inconnus' read as a contradiction: a place closed at
    the moment asked, whose hours are unknown only later, has the clock of a closed place,
    and the time its unknown hours begin when it is not midnight (the Foyer de Grenelle's
    Wednesday meal at 19:30, end not given)."""
    sunday_21h = dt.datetime(2026, 11, 29, 21, 0, tzinfo=PARIS_TZ)
    seen = 0
    for need in NEEDS:
        for lat, lon in POINTS.values():
            result = core.ask("", categories=[need], near=(lat, lon), at=sunday_21h, limit=5)
            for place in result.reply.places:
                assert not (place.status.startswith("❓") and "Fermé" in place.status), place
                seen += place.status.startswith("🕑 Fermé ;")
    assert seen
    foyer = core.store.by_id("foyer-de-grenelle-repas-du-mercredi-soir")
    found = core.store.found(foyer, "food", sunday_21h, None, None)
    status = status_text(Texts("fr"), found, When("now", sunday_21h, sunday_21h, sunday_21h))
    assert status == "🕑 Fermé ; mercredi dès 19:30 : horaires inconnus, appelez avant"


def test_a_meal_whose_end_is_not_given_says_when_it_began(core):
    """Repas Partagés' Tuesday lunch, 'à 12h', end not given: at 12:30 its hours are
    unknown since 12:00, said so; on a Monday evening it is closed for 'ce soir' (it was
    listed with '❓ Horaires inconnus' when the file had no hours)."""
    tuesday = dt.datetime(2026, 11, 24, 12, 30, tzinfo=PARIS_TZ)
    lunch = core.store.by_id("repas-partages-mardi-saint-michel")
    found = core.store.found(lunch, "food", tuesday, None, None)
    status = status_text(Texts("fr"), found, When("now", tuesday, tuesday, tuesday))
    assert status == "❓ Aujourd'hui dès 12:00 : horaires inconnus, appelez avant"
    evening = dt.datetime(2026, 11, 23, 18, 0, tzinfo=PARIS_TZ)  # a Monday, 'ce soir'
    until = evening.replace(hour=23)
    assert core.store.found(lunch, "food", evening, None, None, until).opening.state == "closed"


def test_a_meal_that_opened_and_may_still_serve_comes_first_and_is_no_tomorrow(core):
    """The Soupe de Nuit opens at 17:45 and its end is not published: at 19:30 it may be
    serving. It comes before a place closed until another day, and the line above the
    list does not send the person to 'the first to open, tomorrow at 17:45'."""
    sunday = dt.datetime(2026, 11, 29, 19, 30, tzinfo=PARIS_TZ)
    reply = core.ask("je cherche à manger", at=sunday).reply
    first = reply.sections[0].places[0]
    assert first.id == "soupe-de-nuit-armee-du-salut-rue-des-poissonniers"
    assert first.opened_at == sunday.replace(hour=17, minute=45)
    assert "premier à ouvrir" not in " ".join(reply.intro)


def test_a_lunch_whose_end_is_not_given_is_never_offered_for_the_evening(core):
    thursday = dt.datetime(2026, 12, 3, 18, 30, tzinfo=PARIS_TZ)
    reply = core.ask("soupe ce soir chatelet", at=thursday).reply
    assert not [p.id for p in reply.places if p.id.startswith("repas-partages")]


def test_none_open_is_never_said_as_nothing_open(core):
    """The few places listed are not all: 'Aucun lieu sûr d'être ouvert', never 'Rien
    d'ouvert', even when every place listed is known to be closed."""
    night = dt.datetime(2026, 11, 30, 3, 0, tzinfo=PARIS_TZ)
    reply = core.ask("douche", at=night).reply
    assert all(p.open is False for p in reply.sections[0].places)
    assert reply.intro[0].startswith("🌙 Aucun lieu sûr d'être ouvert maintenant")


def test_a_window_to_midnight_is_said_as_one_day(core):
    """'aujourd'hui' asked at 13:30 was headed 'lundi 13:30 – lundi 00:00', as if ending
    before it began."""
    at = dt.datetime(2026, 11, 30, 13, 30, tzinfo=PARIS_TZ)
    text = plain_text(core.ask("douche aujourd'hui", at=at).reply)
    assert "lundi 13:30–00:00" in text and "lundi 00:00" not in text


def test_a_place_that_may_have_moved_still_says_the_hours_its_source_gives(core):
    """The Accueil Malte's bagagerie (doubtful: undated pages) gives Tuesday 7:00–9:00 and
    19:00–21:00; its status said 'horaires inconnus' at 8:00 and at 10:00."""
    at = dt.datetime(2026, 12, 1, 8, 0, tzinfo=PARIS_TZ)
    text = plain_text(core.ask("bagagerie 18e", at=at).reply)
    status = next(line for line in text.split("\n") if "Peut-être fermé ou déplacé" in line)
    assert "d'après la source : ouvert, ferme à 09:00" in status
    at = dt.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS_TZ)
    text = plain_text(core.ask("bagagerie 18e", at=at).reply)
    status = next(line for line in text.split("\n") if "Peut-être fermé ou déplacé" in line)
    assert "d'après la source : fermé, ouvre à 19:00" in status


def test_with_two_needs_nothing_open_is_said_in_its_own_need(core):
    """'douche et manger vers gare du nord' at 11:00: no meal is open, the baths are. The
    line 'Aucun lieu sûr d'être ouvert' stood above both, as if nothing were open."""
    at = dt.datetime(2026, 11, 30, 11, 0, tzinfo=PARIS_TZ)
    reply = core.ask("douche et manger vers gare du nord", at=at).reply
    sections = {s.category: s for s in reply.sections}
    assert set(sections) == {"food", "shower"}
    assert not any("Aucun lieu" in line for line in reply.intro)
    assert "Aucun lieu sûr d'être ouvert" in (sections["food"].note or "")
    assert sections["shower"].note is None and any(p.open for p in sections["shower"].places)


def test_a_day_asked_by_its_date_is_headed_with_its_date(core):
    """'douche le 25 décembre' was headed 'vendredi', as if it were this week's."""
    at = dt.datetime(2026, 12, 20, 10, 0, tzinfo=PARIS_TZ)
    text = plain_text(core.ask("douche le 25 decembre", at=at).reply)
    assert "Douches · tout Paris · vendredi 25 décembre 2026" in text
    text = plain_text(core.ask("douche vendredi", at=at).reply)
    assert "Douches · tout Paris · vendredi\n" in text  # this week's: its name says it


def test_georgian_is_never_written_in_title_capitals(core):
    """'Დღეს' (Mtavruli, U+1C93) began a Georgian status line: Georgian has no capitals in
    ordinary writing, and older phones show a blank box."""
    at = dt.datetime(2026, 11, 30, 19, 0, tzinfo=PARIS_TZ)
    text = plain_text(core.ask("სად შემიძლია ვჭამო", at=at).reply)
    assert "დღეს" in text
    assert not any("\u1c90" <= c <= "\u1cbf" for c in text)


def test_an_opening_s_note_is_said_in_the_person_s_language_or_in_french(core):
    """The Soupe de Nuit's women-only quarter of an hour was dropped from every answer not
    in French, then said in French: a man who reads no French came at 18:00. Its words are
    the audience's own line, which every catalog says."""
    from bot.status import hours_comment

    at = dt.datetime(2026, 11, 30, 18, 5, tzinfo=PARIS_TZ)
    text = plain_text(core.ask("Где можно поесть бесплатно сегодня вечером", at=at).reply)
    assert "18:00–18:15: Для женщин" in text
    text = plain_text(core.ask("manger ce soir", at=at).reply)
    assert " · 18:00–18:15 : Pour les femmes" in text and "en français" not in text
    # words no catalog knows: in French, said so, rather than lost
    said = hours_comment(Texts("ru"), "18:00–18:15 : entrée par la cour")
    assert said == "по-французски: 18:00–18:15 : entrée par la cour"


def test_an_access_the_person_needs_is_said_yes_or_unknown_never_silent(core):
    """'en fauteuil', 'avec mon chien': a place that says yes says it on its own lines;
    places that do not say are one line below; nothing is said to whom did not ask."""
    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
    unknown = "Accès en fauteuil non renseigné pour certains lieux"
    asked = result_json("x", core.ask("je suis en fauteuil roulant, douche république", at=at))
    assert unknown in asked["answer"]
    english = core.ask("wheelchair, shower near republique", at=at, language_hint="en")
    assert "Wheelchair access not stated" in plain_text(english.reply)
    assert unknown not in result_json("x", core.ask("douche république", at=at))["answer"]
    dog = result_json("x", core.ask("accueil de jour avec mon chien vers gare de lyon", at=at))
    lines = dog["answer"].split("\n")
    garden = next(i for i, line in enumerate(lines) if "Maison dans le jardin" in line)
    assert "Animaux acceptés" in "\n".join(lines[garden : garden + 4])


def test_on_a_public_holiday_places_that_do_not_say_it_are_called_before(core):
    """On 25 December the usual hours of the Soupe de Nuit or a day centre may not hold:
    the list says once to call, in the person's language; the day after, it does not."""
    line = "Jour férié : certains lieux changent leurs horaires, appelez avant."
    christmas = dt.datetime(2026, 12, 25, 19, 0, tzinfo=PARIS_TZ)
    assert line in plain_text(core.ask("où manger 18e", at=christmas).reply)
    english = plain_text(core.ask("where to eat", at=christmas, language_hint="en").reply)
    assert "Public holiday: some places change their hours" in english
    after = dt.datetime(2026, 12, 26, 19, 0, tzinfo=PARIS_TZ)
    assert line not in plain_text(core.ask("où manger 18e", at=after).reply)
    # asked on a weekday for Christmas evening: the window's day is the holiday
    asked = dt.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS_TZ)
    assert line in plain_text(core.ask("manger le 25 décembre au soir", at=asked).reply)
