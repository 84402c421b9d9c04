"""Whole answers compared with reviewed copies: same message, same place, same time.

After a deliberate change of wording or data, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_answers.py` and read the diff.
"""

import datetime as dt
import os
from pathlib import Path

import pytest

from bot.answer import plain_text
from bot.settings import PARIS_TZ

GOLDEN = Path(__file__).parent / "golden"
TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
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
    "not_understood_ar": ("شكرا؟", {}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_answer(core, name):
    text, options = CASES[name]
    answer = plain_text(core.ask(text, at=TUESDAY_10H, **options).reply) + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(answer, encoding="utf-8")
    assert answer == path.read_text(encoding="utf-8")


def test_right_to_left_answers_keep_latin_names_whole(core):
    answer = plain_text(core.ask("استحمام قرب République", at=TUESDAY_10H).reply)
    assert all(line.startswith("\u200f") for line in answer.splitlines() if line)
    assert "\u2068République\u2069" in answer
