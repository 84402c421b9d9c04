"""How well the bot understands messages: `python -m bot evaluate eval/holdout`.

Each line of an evaluation file is a message and what a person would expect of it
(eval/README.md): the need (`categories`), the answer language (`lang`), the place
(`arrondissements`), what it says of the person (`profile`, from round 17 on), the kind
of care asked (`care`: the first place listed for health gives it), the time the place
must be open (`when`, from round 21 on, for a message sent at `asked`), and for a
life-or-safety message the numbers any of which is right (`numbers`). Figures are printed
per language written and per kind of message.
"""

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .core import Core, result_json
from .i18n import LANGUAGES
from .settings import PARIS_TZ
from .understand.when import PARTS

INTENTS = {"greeting", "help", "unknown"}
FALLBACK_LANGUAGES = {"fr", "en"}  # what a language the bot does not write is answered in
WITHOUT_COUPLE = "r17_"  # the files whose writers had no 'couple' to give
METRICS = ("need", "language", "place", "profile", "care", "when", "danger", "false_alarm")


@dataclass
class Tally:
    hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, metric: str, ok: bool) -> None:
        self.totals[metric] += 1
        self.hits[metric] += ok

    def rate(self, metric: str) -> float | None:
        total = self.totals[metric]
        return self.hits[metric] / total if total else None


def read_rows(paths: Iterable[Path]) -> list[dict]:
    """Every line of the given .jsonl files (a folder stands for the files in it)."""
    rows = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            for line in file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rows.append({**json.loads(line), "file": file.name})
    return rows


def need_ok(row: dict, answer: dict) -> bool:
    expected = set(row["categories"])
    if answer["intent"] == "thanks":  # the writers had no label for it: a message of no need
        return bool(expected & {"greeting", "unknown"})
    if answer["intent"] in expected & INTENTS:
        return True
    categories = answer["categories"]
    return answer["intent"] == "need" and bool(categories) and categories[0] in expected


def language_ok(row: dict, answer: dict) -> bool | None:
    """None when the row says nothing of the language (emoji, a number)."""
    if row.get("lang"):
        return answer["language"] == row["lang"]
    written = row.get("written")
    if written and written not in LANGUAGES:
        return answer["language"] in FALLBACK_LANGUAGES
    return None


def place_ok(row: dict, answer: dict) -> bool | None:
    """An empty list is a place outside Paris: right when no Paris place was taken."""
    expected = row.get("arrondissements")
    if expected is None:
        return None
    where = answer["where"] or {}
    if not expected:
        return where.get("arrondissement") is None
    return where.get("arrondissement") in set(expected)


def profile_ok(row: dict, answer: dict) -> bool | None:
    """What the message says of the person (`profile`, rows of round 17 on): the same
    labels, none missing, none added ('couple' aside in round 17, whose writers were not
    given it). None when the row does not say."""
    expected = row.get("profile")
    if expected is None:
        return None
    said = set(answer["profile"])
    if row.get("file", "").startswith(WITHOUT_COUPLE):
        said.discard("couple")
    return said == set(expected)


def care_ok(row: dict, answer: dict) -> bool | None:
    """The kind of care asked (`care`: dental, eyes, addiction, mental, women, general):
    the first place listed for health gives it. None when the row does not say."""
    expected = row.get("care")
    if expected is None:
        return None
    first = next((p for p in answer["places"] if p["category"] == "health"), None)
    return first is not None and expected in (first["forms"] or ["general"])


def asked_at(row: dict, default: dt.datetime | None) -> dt.datetime | None:
    """The moment the row's message is sent: its `asked` (Paris wall time), else `default`."""
    asked = row.get("asked")
    return dt.datetime.fromisoformat(asked).replace(tzinfo=PARIS_TZ) if asked else default


def when_ok(row: dict, answer: dict) -> bool | None:
    """The time the place must be open (`when`, rows of round 21 on): null is now; else the
    day the window starts ("YYYY-MM-DD", "weekend", or null: the day asked or the next),
    the part of the day and the clock time, each as the writer gave it; when the writer gave
    both ('à midi': noon and 12:00), either is right. None when the row does not say."""
    if "when" not in row:
        return None
    expected, got = row["when"], answer["when"]
    if expected is None:
        return got["spec"] == "now"
    if got["spec"] == "now":
        return False
    words = got["spec"].split("_")
    start = dt.datetime.fromisoformat(got["start"]).date()
    asked = dt.datetime.fromisoformat(got["asked"]).date()
    day = expected.get("day")
    if day == "weekend":
        day_right = "weekend" in words
    elif day:
        day_right = "weekend" not in words and start.isoformat() == day
    else:
        day_right = "weekend" not in words and (start - asked).days in (0, 1)
    part = next((w for w in words if w in PARTS), None)
    clock = next((w for w in words if ":" in w), None)
    if expected.get("clock") and clock == expected["clock"]:  # a clock time is the moment
        return day_right
    if expected.get("clock") and not expected.get("part"):
        return False
    return day_right and clock is None and part == expected.get("part")


def checks(row: dict, answer: dict) -> dict[str, bool]:
    out = {"need": need_ok(row, answer)}
    for metric, ok in (
        ("language", language_ok(row, answer)),
        ("place", place_ok(row, answer)),
        ("profile", profile_ok(row, answer)),
        ("care", care_ok(row, answer)),
        ("when", when_ok(row, answer)),
    ):
        if ok is not None:
            out[metric] = ok
    numbers = row.get("numbers")
    if numbers:
        out["danger"] = bool(set(numbers) & set(answer["numbers"]))
    elif row.get("kind") == "scary_ordinary":
        out["false_alarm"] = "emergency" in answer["categories"][:1]
    return out


def evaluate(core: Core, rows: list[dict], at: object = None) -> list[tuple[dict, dict, dict]]:
    """(row, answer, checks) for every row."""
    out = []
    for row in rows:
        answer = result_json(row["text"], core.ask(row["text"], at=asked_at(row, at)))
        out.append((row, answer, checks(row, answer)))
    return out


def tallies(results: list[tuple[dict, dict, dict]], key: str) -> dict[str, Tally]:
    grouped: dict[str, Tally] = defaultdict(Tally)
    for row, _, result in results:
        for group in (str(row.get(key) or "-"), "ALL"):
            for metric, ok in result.items():
                grouped[group].add(metric, ok)
    return grouped


def table(title: str, grouped: dict[str, Tally]) -> list[str]:
    def cell(tally: Tally, metric: str) -> str:
        rate = tally.rate(metric)
        return f"{rate:6.3f} {tally.totals[metric]:>4}" if rate is not None else " " * 11

    lines = [f"{title:14}" + "".join(f"{m:>12}" for m in METRICS)]
    for group in sorted(grouped, key=lambda g: (g == "ALL", g)):
        lines.append(f"{group:14}" + "".join(f" {cell(grouped[group], m)}" for m in METRICS))
    return lines


def report(results: list[tuple[dict, dict, dict]]) -> list[str]:
    """Tables per language written and per kind: rate and count for each metric.
    danger: the right number among those answered; false_alarm: lower is better."""
    return [
        *table("written", tallies(results, "written")),
        "",
        *table("kind", tallies(results, "kind")),
    ]


def misses(results: list[tuple[dict, dict, dict]]) -> list[str]:
    lines = []
    for row, answer, result in results:
        for metric, ok in result.items():
            if ok == (metric == "false_alarm"):
                got = {
                    "need": (answer["intent"], answer["categories"][:2]),
                    "language": answer["language"],
                    "place": (answer["where"] or {}).get("arrondissement"),
                    "profile": answer["profile"],
                    "care": [p["forms"] for p in answer["places"][:1]],
                    "when": answer["when"]["spec"],
                    "danger": answer["numbers"],
                    "false_alarm": answer["categories"][:1],
                }[metric]
                lines.append(f"miss {metric:11} {row['text']!r}: got {got} [{row.get('kind')}]")
    return lines
