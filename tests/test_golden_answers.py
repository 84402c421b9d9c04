"""Whole answers compared with reviewed copies: same message, same place, same time.

After a deliberate change of wording or data, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_answers.py` and read the diff.
"""

import datetime as dt
import os
from pathlib import Path

import pytest

from bot.answer import plain_text
from bot.handlers.common import reply_html
from bot.settings import PARIS_TZ
from bot.webpage import answer_html

GOLDEN = Path(__file__).parent / "golden"
TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
SUNDAY_21H = dt.datetime(2026, 11, 22, 21, 0, tzinfo=PARIS_TZ)
MONDAY_9H = dt.datetime(2026, 11, 23, 9, 0, tzinfo=PARIS_TZ)
CASES = {
    "shower_republique_fr": ("douche vers république", {}),
    "shower_republique_falc": ("douche vers république", {"falc": True}),
    "shower_republique_en": ("shower near republique", {}),
    "shower_republique_ar": ("استحمام قرب République", {}),
    "shower_republique_uk": ("душ République", {}),
    "luggage_20_fa": ("چمدان 20e", {}),
    "emergency_fr": ("je suis en danger", {}),
    "shelter_es": ("dormir esta noche", {}),
    "greeting_falc": ("bonjour", {"falc": True}),
    "suicide_fr": ("je veux en finir avec la vie", {}),
    "child_alone_en": ("a child is all alone at gare du nord", {}),
    "not_understood_fr": ("???", {}),
    "not_understood_ar": ("ماذا؟", {}),
    # What the hours say, at fixed moments (issue 10): nothing open at night, a window,
    # always open, a day the source does not give, who the person is, where.
    "nothing_open_food_barbes_fr": ("manger barbès", {"at": SUNDAY_21H}),
    "nothing_open_food_barbes_falc": ("manger barbès", {"at": SUNDAY_21H, "falc": True}),
    "nothing_open_food_barbes_ar": ("أكل باربيس", {"at": SUNDAY_21H}),
    "luggage_20_tomorrow_morning_fr": ("bagagerie 20e demain matin", {"at": SUNDAY_21H}),
    "toilets_chatelet_night_fr": ("toilettes châtelet", {"at": SUNDAY_21H}),
    "day_centre_monday_unknown_fr": ("accueil de jour gare du nord", {"at": MONDAY_9H}),
    "shelter_woman_fr": ("je suis une femme, où dormir vers république", {}),
    "shelter_minor_fr": ("j'ai 16 ans je dors dehors à la gare de l'est", {}),
    "shower_18_list_fr": ("liste des bains douches du 18e", {}),
    "shower_unknown_place_fr": ("douche près de trifouillis", {}),
    "shelter_outside_paris_fr": ("où dormir à saint-denis", {}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_answer(core, name):
    text, options = CASES[name]
    options = {"at": TUESDAY_10H, **options}
    answer = plain_text(core.ask(text, **options).reply) + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(answer, encoding="utf-8")
    assert answer == path.read_text(encoding="utf-8")


def test_right_to_left_answers_keep_latin_names_whole(core):
    answer = plain_text(core.ask("استحمام قرب République", at=TUESDAY_10H).reply)
    assert all(line.startswith("\u200f") for line in answer.splitlines() if line)
    assert "\u2068République\u2069" in answer


# The same answer in each channel's own form (issue 10: one contract for every channel):
# Telegram HTML and the web chat's HTML, for a point of each kind and one right-to-left.
CHANNELS = {"telegram.html": reply_html, "web.html": answer_html}
IN_EVERY_CHANNEL = [
    "nothing_open_food_barbes_fr",
    "nothing_open_food_barbes_falc",
    "shower_republique_ar",
    "luggage_20_tomorrow_morning_fr",
    "toilets_chatelet_night_fr",
    "day_centre_monday_unknown_fr",
    "shelter_woman_fr",
    "shelter_minor_fr",
    "shower_18_list_fr",
    "shower_unknown_place_fr",
]


@pytest.mark.parametrize("channel", sorted(CHANNELS))
@pytest.mark.parametrize("name", IN_EVERY_CHANNEL)
def test_golden_answer_in_each_channel(core, name, channel):
    text, options = CASES[name]
    options = {"at": TUESDAY_10H, **options}
    answer = CHANNELS[channel](core.ask(text, **options).reply) + "\n"
    path = GOLDEN / f"{name}.{channel}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(answer, encoding="utf-8")
    assert answer == path.read_text(encoding="utf-8")
