"""Any input gets an answer, never an exception: empty, huge, emoji, control characters."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer import plain_text
from bot.settings import PARIS_TZ

AT = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
WORDS = [
    "douche",
    "manger",
    "115",
    "18e",
    "barbes",
    "حمام",
    "душ",
    "ducha",
    "ce soir",
    "🙂",
    "\x00",
    "\u202e",
    "dimanche",
    "<b>",
    "&amp;",
    "wifi",
    "danger",
    "ډوډۍ",
]


def answers(core, text, **kwargs):
    result = core.ask(text, at=AT, **kwargs)
    answer = plain_text(result.reply)
    assert answer.strip(), text
    assert result.query.intent in {"need", "greeting", "help", "thanks", "unknown"}
    return result


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\t",
        "a" * 10_000,
        "douche " * 1500,
        "🙂" * 300,
        "\x00\x01\x02\x1b[31m",
        "douche حمام душ ducha 18e",
        "\u202edouche\u202c",
        "75018" * 50,
        "-" * 500,
        "𝔡𝔬𝔲𝔠𝔥𝔢",
    ],
)
def test_strange_messages(core, text):
    answers(core, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text(core, text):
    answers(core, text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
    st.sampled_from([None, "fr", "en", "ar", "uk", "xx"]),
    st.booleans(),
    st.one_of(st.none(), st.tuples(st.floats(48.80, 48.92), st.floats(2.22, 2.47))),
)
def test_any_mix_of_words_and_options(core, text, language, falc, near):
    answers(core, text, language=language, falc=falc, near=near)
