"""The writer's gender shown by agreement: 'je suis partie', 'il m'a frappée', 'estoy
sola', 'я ушла', 'انا محتاجة'. A woman who writes so, and never 'je suis une femme', is
still sent to the places for women, and not to a night halte for men.

The rules are content (content/agreement.yaml, where their form is explained): the words
after which the writer speaks of themselves, and the endings that tell. An ending checked
against a word list ('partie' is a woman's because 'parti' is a word, 'malade' says
nothing) uses the lists of bot/understand/dictionary.py; a language without one has
endings enough alone.
"""

from collections.abc import Callable, Container
from dataclasses import dataclass
from pathlib import Path

from ..content import load_yaml
from .text import fold

MAX_SKIPPED = 2  # words of 'skip' between the subject and the word that agrees
GENDERS = ("woman", "man")


@dataclass(frozen=True)
class Ending:
    """'e>' (ending 'e', the word without it is a word), 'a>o', '>ة', or 'ла' (alone)."""

    ending: str
    instead: str | None  # None: the ending is enough

    @classmethod
    def parse(cls, spec: str) -> "Ending":
        ending, sep, instead = str(spec).partition(">")
        return cls(fold(ending), fold(instead) if sep else None)

    def fits(self, word: str, words: Container[str] | None) -> bool:
        """The word ends so (and, for a checked ending, its other form is a word)."""
        if not word.endswith(self.ending) or len(word) <= len(self.ending) + 1:
            return False
        if self.instead is None:
            return True
        stem = word[: len(word) - len(self.ending)] if self.ending else word
        return words is not None and stem + self.instead in words


@dataclass(frozen=True)
class Rule:
    after: tuple[tuple[str, ...], ...]
    skip: frozenset[tuple[str, ...]]
    endings: dict[str, tuple[Ending, ...]]  # gender → the endings that show it
    unless: tuple[Ending, ...]
    never: frozenset[str]

    @classmethod
    def read(cls, raw: dict) -> "Rule":
        def phrases(key: str) -> list[tuple[str, ...]]:
            return [tuple(fold(str(p)).split()) for p in raw.get(key) or []]

        return cls(
            after=tuple(sorted(phrases("after"), key=len, reverse=True)),
            skip=frozenset(phrases("skip")),
            endings={g: tuple(Ending.parse(e) for e in raw.get(g) or []) for g in GENDERS},
            unless=tuple(Ending.parse(e) for e in raw.get("unless") or []),
            never=frozenset(fold(str(w)) for w in raw.get("not") or []),
        )

    def genders(self, words: list[str], lexicon: Container[str] | None) -> set[str]:
        found = set()
        for i in range(len(words)):
            subject = next((p for p in self.after if tuple(words[i : i + len(p)]) == p), None)
            if subject is None:
                continue
            j = self._past_skipped(words, i + len(subject))
            if j >= len(words) or words[j] in self.never:
                continue
            word = words[j]
            if any(e.fits(word, lexicon) for e in self.unless):
                continue
            found |= {
                g
                for g, endings in self.endings.items()
                if any(e.fits(word, lexicon) for e in endings)
            }
        return found

    def _past_skipped(self, words: list[str], j: int) -> int:
        for _ in range(MAX_SKIPPED):
            skipped = next((len(p) for p in self.skip if tuple(words[j : j + len(p)]) == p), 0)
            if not skipped:
                break
            j += skipped
        return j


class Agreement:
    """The rules of each language, read once; `genders` does no I/O."""

    def __init__(
        self, content_dir: Path, lexicon_of: Callable[[str], Container[str] | None]
    ) -> None:
        path = content_dir / "agreement.yaml"
        raw = load_yaml(path) if path.exists() else {}
        self.rules = {lang: [Rule.read(r) for r in rules] for lang, rules in (raw or {}).items()}
        self.lexicons = {lang: lexicon_of(lang) for lang in self.rules}

    def genders(self, words: list[str], language: str | None) -> list[str]:
        """'woman', 'man', both (two people said so) or none, in the written language."""
        found: set[str] = set()
        for rule in self.rules.get(language or "", []):
            found |= rule.genders(words, self.lexicons[language or ""])
        return [g for g in GENDERS if g in found]
