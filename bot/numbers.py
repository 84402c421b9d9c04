"""The phone numbers an answer gives: which, in what order, under which label, and the
lines that would only say them again."""

import re
from dataclasses import dataclass

from .content import Content
from .understand import Query

GENERIC_DANGERS = {"call", "danger"}  # a danger of no particular kind: every number
NUMBER = re.compile(r"(?<![\d/-])\d{2,4}(?![\d/-])")  # '3919', not '24' of '24/7' nor '18-25'


@dataclass
class NumberView:
    number: str
    label: str
    sms: bool


def numbers_for(
    store_numbers: list[dict], content: Content, query: Query, situations: list[str]
) -> list[NumberView]:
    """The numbers for these situations, in their order: for each, those it comes first
    for ('first_for'), then the others it is for, in the file's order."""
    chosen: list[dict] = []
    for situation in situations:
        chosen += [n for n in store_numbers if situation in n["first_for"]]
        chosen += [n for n in store_numbers if situation in n["for"]]
    unique: dict[str, dict] = {}
    for number in chosen:
        unique.setdefault(number["number"], number)
    return [
        NumberView(
            n["number"], number_label(content, query.language, query.falc, n), bool(n["sms"])
        )
        for n in unique.values()
    ]


# Kinds of danger where a life is at stake this minute: their line and numbers come first
# ('on m'a frappé, je saigne beaucoup': the 15, then the 17).
LIFE_FIRST = ("fire", "medical")


def danger_situations(query: Query) -> list[str]:
    """The situations whose numbers an emergency answer gives: the kinds of danger read, a
    life at stake first, or any danger when only a danger with no kind was ('au secours',
    'je suis en danger')."""
    kinds = [d for d in query.dangers if d not in GENERIC_DANGERS]
    kinds.sort(key=lambda kind: LIFE_FIRST.index(kind) if kind in LIFE_FIRST else len(LIFE_FIRST))
    return kinds or ["emergency"]


def number_label(content: Content, language: str, falc: bool, number: dict) -> str:
    """A number's label in the person's language, else the directory's French."""
    key = f"numbers.{number['number']}"
    easy = falc and language == "fr"
    if language == "fr" and not easy or not content.has("falc" if easy else language, key):
        return number["label"]
    return content.get(language, key, falc)


def merge_numbers(first: list[NumberView], then: list[NumberView]) -> list[NumberView]:
    seen = {n.number for n in first}
    return first + [n for n in then if n.number not in seen]


def unsaid_numbers(text: str, known: set[str], given: set[str]) -> str:
    """The lines of a text, less those that only repeat numbers an emergency answer gives
    already: a line naming known numbers ('Violences : appelez le 3919 … En danger : 17'),
    all of them among the numbers given, is left out. Other lines stay ('le 115 oriente
    vers les places pour femmes' when the 115 is not given)."""
    kept = []
    for line in text.split("\n"):
        named = set(NUMBER.findall(line)) & known
        if not named or not named <= given:
            kept.append(line)
    return "\n".join(kept)
