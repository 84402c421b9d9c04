"""The per-language vocabularies (content/<lang>/vocabulary.yaml) and matching them.

A term is one or more words; a trailing * matches any ending; a leading ~ makes it a weak
hint. A word of 5 letters or more that is no known word also matches a term with the same
first letter and one typo (two from 7 letters; a swap of two letters is one typo); numbers
never do, so '115' is not '1150', 'eau' is not 'bureau' and 'endroit' is not 'droit'.
"""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz.distance import OSA

from .text import fold, script_of

FUZZY_MIN_LENGTH = 5
WEAK = 0.5
ARABIC_PREFIXES = ("وال", "بال", "فال", "کال", "لل", "ال", "و", "ب", "ف", "ل")
ARABIC_SUFFIXES = ("های", "ها", "ات", "ی", "م", "ه", "ة", "ش", "ت")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    label: str  # a category id, 'greeting' or 'help'
    language: str
    weight: float
    prefix: bool  # the last word matches any ending


@dataclass(frozen=True)
class Match:
    term: Term
    start: int
    end: int
    exact: bool


def _term(raw: object, label: str, language: str) -> Term | None:
    text = str(raw).strip()
    weight = WEAK if text.startswith("~") else 1.0
    prefix = text.endswith("*")
    words = tuple(fold(text.strip("~*")).split())
    return Term(words, label, language, weight, prefix) if words else None


@dataclass
class LanguageData:
    words: set[str]  # small words that tell the language apart
    spellings: dict[str, list[str]]
    when: dict[tuple[str, ...], str]
    lexicon: set[str]  # every word of its terms, time words and small words


class Vocabulary:
    """Every language's terms, indexed for matching anywhere in a message."""

    def __init__(
        self,
        content_dir: Path,
        languages: list[str],
        groups: tuple[str, ...] = ("categories", "intents"),
    ) -> None:
        self.groups = groups
        self.terms: list[Term] = []
        self.languages: dict[str, LanguageData] = {}
        for language in languages:
            path = content_dir / language / "vocabulary.yaml"
            if path.exists():
                self._add(language, yaml.safe_load(path.read_text(encoding="utf-8")))
        self.by_first: dict[str, list[Term]] = defaultdict(list)
        self.prefixes: list[Term] = []
        for term in self.terms:
            if term.prefix and len(term.words) == 1:
                self.prefixes.append(term)
            else:
                self.by_first[term.words[0]].append(term)
        self.fuzzy_words: dict[str, Term] = {}
        self.fuzzy_stems: dict[str, Term] = {}
        for term in self.terms:
            word = term.words[0]
            if len(term.words) == 1 and len(word) >= FUZZY_MIN_LENGTH and not word.isdigit():
                target = self.fuzzy_stems if term.prefix else self.fuzzy_words
                target.setdefault(word, term)
        self.spellings = {
            k: v for data in self.languages.values() for k, v in data.spellings.items()
        }
        self.known_words = set().union(*(d.words for d in self.languages.values()))

    def _add(self, language: str, data: dict) -> None:
        lexicon: set[str] = set()
        for group in self.groups:
            for label, raws in (data.get(group) or {}).items():
                for raw in raws or []:
                    if term := _term(raw, label, language):
                        self.terms.append(term)
                        lexicon.update(term.words)
        words = {fold(str(w)) for w in data.get("words") or []}
        when = {tuple(fold(k).split()): v for k, v in (data.get("when") or {}).items()}
        spellings = data.get("spellings") or {}
        self.languages[language] = LanguageData(
            words=words,
            spellings={fold(k): fold(str(v)).split() for k, v in spellings.items()},
            when=when,
            lexicon=lexicon | words | {w for phrase in when for w in phrase},
        )

    def respell(self, words: list[str]) -> list[str]:
        """Rewrite SMS spellings ('jme' → 'je me')."""
        out = []
        for word in words:
            out.extend(self.spellings.get(word, [word]))
        return out

    def match(self, words: list[str], protected: frozenset[str] = frozenset()) -> list[Match]:
        """Non-overlapping term matches, longest and exact first. `protected` words (place
        names) are never read as a typo of a term."""
        candidates = []
        for i, word in enumerate(words):
            for variant in _variants(word):
                for term in self.by_first.get(variant, ()):
                    if _fits(term, words, i, variant):
                        candidates.append(Match(term, i, i + len(term.words), True))
            for term in self.prefixes:
                if word.startswith(term.words[0]):
                    candidates.append(Match(term, i, i + 1, True))
        taken = _covered(_non_overlapping(candidates), len(words))
        for i, word in enumerate(words):
            if (
                taken[i]
                or len(word) < FUZZY_MIN_LENGTH
                or word.isdigit()
                or word in self.known_words
                or word in protected
            ):
                continue
            if term := self._fuzzy(word):
                candidates.append(Match(term, i, i + 1, False))
        return sorted(_non_overlapping(candidates), key=lambda m: m.start)

    def _fuzzy(self, word: str) -> Term | None:
        """The term one typo away (two for words of 7 letters or more), same first letter."""
        best: tuple[int, Term] | None = None
        for choices, prefix in ((self.fuzzy_words, False), (self.fuzzy_stems, True)):
            for candidate, term in choices.items():
                if candidate[0] != word[0] or (prefix and len(word) < len(candidate)):
                    continue
                text = word[: len(candidate)] if prefix else word
                allowed = 1 if min(len(text), len(candidate)) <= 6 else 2
                distance = OSA.distance(text, candidate, score_cutoff=allowed)
                if distance <= allowed and (best is None or distance < best[0]):
                    best = (distance, term)
        return best[1] if best else None


def _variants(word: str) -> list[str]:
    """The word, and for Arabic script the word without its clitics and endings."""
    if script_of(word) != "arabic":
        return [word]
    stems = [word] + [
        word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2
    ]
    variants = list(stems)
    for stem in stems:
        variants += [
            stem[: -len(s)] for s in ARABIC_SUFFIXES if stem.endswith(s) and len(stem) - len(s) >= 2
        ]
    return variants


def _fits(term: Term, words: list[str], start: int, first: str) -> bool:
    rest = term.words[1:]
    if start + len(term.words) > len(words):
        return False
    for offset, expected in enumerate(rest, start=1):
        actual = words[start + offset]
        last = offset == len(rest)
        if actual != expected and not (last and term.prefix and actual.startswith(expected)):
            return False
    return True


def _non_overlapping(candidates: list[Match]) -> list[Match]:
    """Pick matches that do not overlap: longer first, then exact, then earlier."""
    chosen: list[Match] = []
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), not m.exact, m.start)):
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return chosen


def _covered(matches: list[Match], size: int) -> list[bool]:
    taken = [False] * size
    for m in matches:
        taken[m.start : m.end] = [True] * (m.end - m.start)
    return taken
