"""Terms and matching them: a term is one or more words ('bain douche'), a word ending
in * matches any ending, NN stands for a number, a term in parts ('laver|nettoyer +
fringues') has forms for each part; a Match says where a term stands in a message."""

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from .text import WORDS_REMEMBERED, fold, script_of

WEAK = 0.5  # the weight of a term written '~word': a hint
NUMBER = "nn"  # the number placeholder NN, folded
PLURAL_ENDINGS, PLURAL_MIN = ("s", "x"), 4  # a plural finds its singular: ordinateurs, jeux
ARABIC_PREFIXES = ("وال", "بال", "فال", "کال", "لل", "ال", "و", "ب", "ف", "ل")
SECOND_ENDING_MIN = 3  # letters left after a second ending is taken off
ARABIC_SUFFIXES = ("های", "ها", "ات", "ی", "م", "ه", "ة", "ش", "ت", "ان", "مو", "ني", "نی")


class Term(NamedTuple):
    """A named tuple (not a dataclass): ninety thousand are made at each start, and a
    tuple is made quickest."""

    words: tuple[str, ...]
    stems: tuple[bool, ...]  # which words match any ending
    group: str  # one of GROUPS
    label: str  # a need, a danger, 'greeting', a marker kind, a topic
    language: str | None  # None: any language (pictograms)
    weight: float
    parts: tuple[tuple["Term", ...], ...] = ()  # a term 'a|b + c': its parts' forms


@dataclass(frozen=True)
class Match:
    term: Term
    start: int
    end: int
    exact: bool
    positions: frozenset[int] = frozenset()  # the words of a term in parts ('a + b')

    @property
    def covers(self) -> frozenset[int]:
        return self.positions or frozenset(range(self.start, self.end))


@cache
def fold_word(word: str) -> tuple[str, ...]:
    """A word of a term, folded: the same words come back in thousands of terms. Only
    vocabulary words pass here (term_files clears it once they are read), never a message."""
    return tuple(fold(word).split())


def make_term(raw: object, group: str, label: str, language: str | None) -> Term | None:
    text = str(raw).strip()
    weight = WEAK if text.startswith("~") else 1.0
    text = text.lstrip("~")
    if "+" in text:
        parts = tuple(
            tuple(t for form in part.split("|") if (t := make_term(form, group, label, language)))
            for part in text.split("+")
        )
        if len(parts) < 2 or not all(parts):
            return None
        forms = [form for part in parts for form in part]
        words = tuple(w for f in forms for w in f.words)
        stems = tuple(s for f in forms for s in f.stems)
        return Term(words, stems, group, label, language, weight, parts)
    words, stems = [], []
    for part in text.split():
        if not part.strip("*"):
            continue
        folded = fold_word(part.rstrip("*"))
        words += folded
        stems += [False] * (len(folded) - 1) + [part.endswith("*")] if folded else []
    return Term(tuple(words), tuple(stems), group, label, language, weight) if words else None


def term_row(term: Term) -> tuple:
    """The term as plain tuples, for the cache (bot/cache.py keeps plain data only)."""
    return (*term[:-1], tuple(tuple(term_row(form) for form in part) for part in term.parts))


# Which words of a term match any ending: 848 distinct tuples among 91,572 terms, one kept
# for each (about 5 MiB less than a tuple per term).
SHARED_STEMS: dict[tuple[bool, ...], tuple[bool, ...]] = {}


def term_from_row(row: tuple) -> Term:
    words, stems, *rest = row
    stems = SHARED_STEMS.setdefault(stems, stems)
    if not row[-1]:
        return Term(words, stems, *rest)
    parts = tuple(tuple(term_from_row(form) for form in part) for part in row[-1])
    return Term(words, stems, *rest[:-1], parts)


@lru_cache(maxsize=WORDS_REMEMBERED)
def word_variants(word: str) -> tuple[str, ...]:
    """The word, and for Arabic script the word without its clitics and up to two endings
    (ساک‌هامو, 'my bags': ساک + ها + مو)."""
    if script_of(word) != "arabic":
        return (word,)
    stems = [word] + [
        word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2
    ]
    variants = list(stems)
    for stem in stems:
        once = [
            stem[: -len(s)] for s in ARABIC_SUFFIXES if stem.endswith(s) and len(stem) - len(s) >= 2
        ]
        variants += once
        variants += [
            cut[: -len(s)]
            for cut in once
            for s in ARABIC_SUFFIXES
            if cut.endswith(s) and len(cut) - len(s) >= SECOND_ENDING_MIN
        ]
    return tuple(dict.fromkeys(variants))


def word_fits(actual: str, expected: str, stem: bool) -> bool:
    if expected == NUMBER:
        return actual.isdigit()
    return actual == expected or (stem and actual.startswith(expected))


def fits(term: Term, words: list[str], start: int, free: list[bool]) -> bool:
    end = start + len(term.words)
    if end > len(words) or not all(free[start:end]):
        return False
    return all(
        word_fits(words[start + offset], term.words[offset], term.stems[offset])
        for offset in range(1, len(term.words))
    )


def non_overlapping(candidates: list[Match], language: str | None = None) -> list[Match]:
    """Pick matches that do not overlap: those covering more words first ('mon mari + me
    frappe' before 'me frappe'), a term in one piece before a term in parts ('me laver'
    is washing oneself, whatever clothes follow), then one of the language written, then
    earlier."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(
        candidates,
        key=lambda m: (-len(m.covers), bool(m.positions), m.term.language != language, m.start),
    ):
        if not m.covers & taken:
            chosen.append(m)
            taken |= m.covers
    return chosen
