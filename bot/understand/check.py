"""Checks on the vocabularies editors write (content/<lang>/vocabulary.yaml,
content/pictograms.yaml, content/place_names.yaml, content/agreement.yaml): every problem
with its file and line.

A misspelt section is silently ignored by the bot, and in YAML ' #' starts a comment, so
'- j ai # ans' quietly becomes 'j ai': these checks say so instead.
"""

from pathlib import Path

from ..directory.reader import Problem, YamlDocument, read_yaml
from ..directory.schema import FORMS as PLACE_FORMS
from ..i18n import LANGUAGES
from .evidence import DANGER_KINDS, MARKER_KINDS
from .when import SPECS

SECTIONS = {
    "letters",
    "answer_in",
    "categories",
    "dangers",
    "intents",
    "markers",
    "words",
    "spellings",
    "when",
    "topics",
    "profile",
    "forms",
}
INTENTS = ("greeting", "help", "thanks")
# What a person may say of themselves that changes which places fit them.
PROFILES = ("woman", "man", "couple", "minor", "family", "animal", "wheelchair", "professional")


def vocabulary_problems(content_dir: Path) -> list[Problem]:
    needs = _needs(content_dir)
    topics = set(_read(content_dir / "fr" / "answers.yaml").get("topics") or {})
    allowed = {
        "categories": needs,
        "dangers": set(DANGER_KINDS),
        "intents": set(INTENTS),
        "markers": set(MARKER_KINDS),
        "topics": topics,
        "profile": set(PROFILES),
        "forms": {f for forms in PLACE_FORMS.values() for f in forms},
    }
    problems: list[Problem] = []
    for path in sorted(content_dir.glob("*/vocabulary.yaml")) + [content_dir / "pictograms.yaml"]:
        if path.exists():
            problems += _file_problems(path, allowed)
    if (content_dir / "agreement.yaml").exists():
        problems += _agreement_problems(content_dir / "agreement.yaml")
    return sorted(problems)


AGREEMENT_KEYS = {"after", "skip", "woman", "man", "unless", "not"}


def _agreement_problems(path: Path) -> list[Problem]:
    """Each language a list of rules, each rule words to follow and endings that tell."""
    doc = read_yaml(path)
    if isinstance(doc, Problem):
        return [doc]
    problems = []
    for language, rules in (doc.data or {}).items():
        if not isinstance(rules, list):
            problems.append(doc.problem((language,), "expected a list of rules"))
            continue
        for index, rule in enumerate(rules):
            where = (language, index)
            if not isinstance(rule, dict) or not rule.get("after"):
                problems.append(doc.problem(where, "a rule needs 'after' (the words before)"))
                continue
            problems += [
                doc.problem(
                    (*where, key), f"unknown key (known: {', '.join(sorted(AGREEMENT_KEYS))})"
                )
                for key in rule
                if key not in AGREEMENT_KEYS
            ]
    return problems


def _file_problems(path: Path, allowed: dict[str, set[str]]) -> list[Problem]:
    doc = read_yaml(path)
    if isinstance(doc, Problem):
        return [doc]
    if not isinstance(doc.data, dict):
        return [doc.problem((), "expected sections (categories, dangers, markers…)")]
    problems = [
        doc.problem((key,), f"unknown section (known: {', '.join(sorted(SECTIONS))})")
        for key in doc.data
        if key not in SECTIONS
    ]
    for section, labels in allowed.items():
        problems += _terms_problems(doc, section, labels)
    problems += _markers_in_two_kinds(doc)
    answer_in = doc.data.get("answer_in")
    if answer_in is not None and answer_in not in LANGUAGES:
        problems.append(doc.problem(("answer_in",), f"{answer_in!r} is not a language answered in"))
    for phrase, spec in (doc.data.get("when") or {}).items():
        if spec not in SPECS:
            problems.append(doc.problem(("when", phrase), f"{spec!r} is not one of {SPECS}"))
    return problems


def _terms_problems(doc: YamlDocument, section: str, labels: set[str]) -> list[Problem]:
    problems = []
    for label, terms in (doc.data.get(section) or {}).items():
        if str(label) not in labels:
            known = ", ".join(sorted(labels))
            problems.append(doc.problem((section, label), f"unknown {section} {label!r} ({known})"))
        for index, term in enumerate(terms or []):
            if not isinstance(term, str | int) or not str(term).strip(" ~*+|"):
                problems.append(
                    doc.problem(
                        (section, label, index),
                        "empty term (in YAML ' #' starts a comment: write NN for a number)",
                    )
                )
            elif "|" in str(term) and "+" not in str(term):
                problems.append(
                    doc.problem(
                        (section, label, index),
                        "'a|b' only works in a term in parts ('a|b + c'): "
                        "write each form on its own line",
                    )
                )
    return problems


# Kinds that say whether a danger told is over: a phrase is read as one of them only.
TOLD_WHEN = ("past", "long_ago", "ongoing")


def _markers_in_two_kinds(doc: YamlDocument) -> list[Problem]:
    """A phrase under two kinds that say when is read as the first only: 'hace años' in
    both `past` and `long_ago` would quietly be past ('request' and 'request_after' are
    meant to share theirs: one is read before the need, the other after)."""
    problems, seen = [], {}
    for kind, terms in (doc.data.get("markers") or {}).items():
        if kind not in TOLD_WHEN:
            continue
        for index, term in enumerate(terms or []):
            first = seen.setdefault(str(term), kind)
            if first != kind:
                message = f"{term!r} is also a {first} marker: it is read as one kind only"
                problems.append(doc.problem(("markers", kind, index), message))
    return problems


def _needs(content_dir: Path) -> set[str]:
    categories = _read(content_dir / "fr" / "answers.yaml").get("categories") or {}
    return set(categories) - {"emergency"}


def _read(path: Path) -> dict:
    doc = read_yaml(path)
    return doc.data if isinstance(doc, YamlDocument) and isinstance(doc.data, dict) else {}
