"""The evaluation's own checks (bot/evaluation.py), run on the real bot: a metric that
cannot fail would make a round's figures meaningless."""

import datetime as dt

from bot.core import result_json
from bot.evaluation import checks, evaluate, tallies
from bot.settings import PARIS_TZ

TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)


def row(text, **fields):
    return {"text": text, "categories": ["health"], "lang": "fr", **fields}


def test_the_care_asked_is_right_only_when_the_first_place_gives_it(core):
    answer = result_json("j'ai mal aux dents", core.ask("j'ai mal aux dents", at=TUESDAY_10H))
    assert checks(row("j'ai mal aux dents", care="dental"), answer)["care"] is True
    assert checks(row("j'ai mal aux dents", care="eyes"), answer)["care"] is False
    assert "care" not in checks(row("j'ai mal aux dents"), answer)  # a row that does not say


def test_the_profile_is_right_only_with_the_same_labels(core):
    text = "je suis une femme, où dormir"
    answer = result_json(text, core.ask(text, at=TUESDAY_10H))
    assert checks(row(text, profile=["woman"]), answer)["profile"] is True
    assert checks(row(text, profile=[]), answer)["profile"] is False
    assert checks(row(text, profile=["woman", "family"]), answer)["profile"] is False
    # a couple is compared, but in round 17, whose writers had no 'couple' to give
    text = "ma copine et moi on dort dehors"
    answer = result_json(text, core.ask(text, at=TUESDAY_10H))
    assert checks(row(text, profile=["couple"]), answer)["profile"] is True
    assert checks(row(text, profile=[]), answer)["profile"] is False
    assert checks({**row(text, profile=[]), "file": "r17_a.jsonl"}, answer)["profile"] is True


def test_a_round_is_tallied_per_metric(core):
    rows = [row("j'ai mal aux dents", care="dental"), row("lunettes cassées", care="dental")]
    results = evaluate(core, rows, at=TUESDAY_10H)
    care = tallies(results, "kind")["ALL"]
    assert (care.hits["care"], care.totals["care"]) == (1, 2)


def test_the_time_asked_is_right_only_with_the_same_day_part_and_clock(core):
    def when(text, expected, asked=None):
        moment = dt.datetime.fromisoformat(asked).replace(tzinfo=PARIS_TZ) if asked else None
        answer = result_json(text, core.ask(text, at=moment or TUESDAY_10H))
        return checks(row(text, when=expected, **({"asked": asked} if asked else {})), answer)[
            "when"
        ]

    tomorrow_morning = {"day": "2026-11-25", "part": "morning", "clock": None}
    assert when("douche demain matin", tomorrow_morning) is True
    assert when("douche demain matin", {**tomorrow_morning, "part": "evening"}) is False
    assert when("douche demain matin", {**tomorrow_morning, "day": "2026-11-26"}) is False
    assert when("douche demain matin", None) is False
    assert when("douche", None) is True
    assert when("douche", tomorrow_morning) is False
    assert when("manger ce soir", {"day": None, "part": "evening", "clock": None}) is True
    assert when("douche à 14h", {"day": None, "part": None, "clock": "14:00"}) is True
    assert when("douche à 14h", {"day": None, "part": None, "clock": "15:00"}) is False
    assert when("manger ce week-end", {"day": "weekend", "part": None, "clock": None}) is True
    assert when("manger dimanche", {"day": "weekend", "part": None, "clock": None}) is False
    # sent on another moment: at 01:30, 'demain matin' is the morning about to come
    late = {"day": "2026-11-25", "part": "morning", "clock": None}
    assert when("douche demain matin", late, asked="2026-11-25T01:30") is True
    assert "when" not in checks(row("douche"), result_json("douche", core.ask("douche")))
    # a part of the day and a clock time given both: either is right
    assert when("douche à 14h", {"day": None, "part": "afternoon", "clock": "14:00"}) is True
    assert when("manger à midi", {"day": None, "part": "noon", "clock": "12:00"}) is True
    assert when("manger à midi", {"day": None, "part": None, "clock": "12:00"}) is False
    assert when("manger demain", {"day": "2026-11-25", "part": None, "clock": None}) is True
