"""Checks on the texts editors write: the FALC lint, coverage per language, readability.

Used by the tests (which fail on any FALC problem or missing text) and by
`python -m bot content report`.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from .directory.reader import Problem, read_yaml
from .i18n import LANGUAGES, LOCALE_DIR

TARGET_WORDS = 12
MAX_WORDS = 15
BANNED = {
    "(": "parenthesis",
    ")": "parenthesis",
    "/": "slash",
    ";": "semicolon",
    "%": "percentage",
    "[": "bracket",
    "]": "bracket",
}
# Capital-letter abbreviations a FALC text may use: numbers people dial, or names it explains.
KNOWN_ABBREVIATIONS = {"SAMU", "SMS", "PASS", "OK", "RSA", "QJ", "ESI", "PAJ", "AME", "CAF", "FALC"}
NUMBER_WORDS = {
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cent",
    "cents",
    "mille",
}
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
PLACEHOLDER = re.compile(r"\{\w+\}")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w'’-]+", PLACEHOLDER.sub("X", sentence))


def falc_text_problems(text: str) -> list[tuple[str, str]]:
    """(rule, message) for each FALC rule the text breaks."""
    found = []
    for sentence in sentences(text):
        count = len(words(sentence))
        if count > MAX_WORDS:
            found.append(("length", f"{count} words (at most {MAX_WORDS}): {sentence[:60]!r}"))
    for char, name in BANNED.items():
        if char in PLACEHOLDER.sub("", text):
            found.append(("character", f"{name} {char!r}: say it with words"))
    for token in re.findall(r"\b[A-ZÀ-Ý]{2,}\b", text):
        if token not in KNOWN_ABBREVIATIONS:
            found.append(("abbreviation", f"{token!r} is not explained (or add it to the list)"))
    for token in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if token in NUMBER_WORDS:
            found.append(("number", f"{token!r}: write numbers with digits"))
    return found


def strings(data: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [item for k, v in data.items() for item in strings(v, (*path, k))]
    if isinstance(data, list):
        return [item for i, v in enumerate(data) for item in strings(v, (*path, i))]
    return []


def forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    """A catalog entry's text(s): one, or one per plural form."""
    return string if isinstance(string, tuple) else ((string,) if string else ())


def falc_problems(content_dir: Path, locale_dir: Path = LOCALE_DIR) -> list[Problem]:
    """Every FALC rule broken in content/falc/*.yaml and the FALC catalog, with its line."""
    problems = []
    for path in sorted((content_dir / "falc").glob("*.yaml")):
        doc = read_yaml(path)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        for loc, text in strings(doc.data):
            problems += [
                Problem(doc.path, doc.line_of(*loc), ".".join(map(str, loc)), message)
                for _, message in falc_text_problems(text)
            ]
    po = locale_dir / "falc" / "LC_MESSAGES" / "messages.po"
    if po.exists():
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if message.id:
                problems += [
                    Problem(str(po), message.lineno or 1, "msgstr", text)
                    for form in forms(message.string)
                    for _, text in falc_text_problems(form)
                ]
    return sorted(problems)


def kandel_moles(text: str) -> float:
    """Kandel & Moles (1958) reading ease for French: 207 - 1.015 words/sentence
    - 73.6 syllables/word (higher is easier; 60 and more is easy)."""
    all_sentences = sentences(text)
    all_words = [w for s in all_sentences for w in words(s)]
    if not all_words:
        return 0.0
    syllables = sum(max(1, len(re.findall(r"[aeiouyàâéèêëîïôûùü]+", w.lower()))) for w in all_words)
    return 207 - 1.015 * len(all_words) / len(all_sentences) - 73.6 * syllables / len(all_words)


@dataclass
class Coverage:
    language: str
    interface: tuple[int, int]
    interface_reviewed: bool
    categories: tuple[int, int]
    topics: tuple[int, int]
    menu: tuple[int, int]
    texts_reviewed: bool


def catalog_coverage(language: str, locale_dir: Path = LOCALE_DIR) -> tuple[int, int, bool]:
    po = locale_dir / language / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return 0, 0, False
    text = po.read_text(encoding="utf-8")
    with po.open("rb") as f:
        messages = [m for m in read_po(f) if m.id]
    done = sum(bool(forms(m.string)) and all(forms(m.string)) for m in messages)
    return done, len(messages), "Reviewed by a fluent reader: yes" in text


def _count(french: dict, data: dict, group: str, field: str | None = None) -> tuple[int, int]:
    """How many of the French texts of a group this language has."""
    wanted = french.get(group) or {}
    have = data.get(group) or {}
    return sum(1 for k in wanted if k in have and (field is None or field in have[k])), len(wanted)


def coverage(content_dir: Path, locale_dir: Path = LOCALE_DIR) -> list[Coverage]:
    import yaml

    french = yaml.safe_load((content_dir / "fr" / "answers.yaml").read_text(encoding="utf-8"))
    report = []
    for language in [*LANGUAGES, "falc"]:
        path = content_dir / language / "answers.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}

        done, total, reviewed = catalog_coverage(language, locale_dir)
        if language == "fr":  # the source language of the catalogs
            done, total, reviewed = 1, 1, True
        report.append(
            Coverage(
                language,
                (done, total),
                reviewed,
                _count(french, data, "categories", "about"),
                _count(french, data, "topics"),
                _count(french, data, "menu"),
                bool(data.get("reviewed")),
            )
        )
    return report
