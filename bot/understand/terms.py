"""Terms and matching them: a term is one or more words ('bain douche'), a word ending
in * matches any ending, NN stands for a number, a term in parts ('laver|nettoyer +
fringues') has forms for each part; a Match says where a term stands in a message."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Generic, NamedTuple, TypeVar

from .text import WORDS_REMEMBERED, fold, script_of

WEAK = 0.5  # the weight of a term written '~word': a hint
NUMBER = "nn"  # the number placeholder NN, folded
MAX_REMEMBERED = 50_000  # words whose items a WordIndex keeps (then it starts again)
PLURAL_ENDINGS, PLURAL_MIN = ("s", "x"), 4  # a plural finds its singular: ordinateurs, jeux
ARABIC_PREFIXES = ("وال", "بال", "فال", "کال", "لل", "ال", "و", "ب", "ف", "ل")
ARABIC_SUFFIXES = ("های", "ها", "ات", "ی", "م", "ه", "ة", "ش", "ت", "ان", "مو", "ني", "نی")
Item = TypeVar("Item")


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
    vocabulary words pass here (Vocabulary clears it once loaded), never a message."""
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


class WordIndex(Generic[Item]):
    """Items (terms, or the forms of a term in parts) by how their words begin: by their
    first two words when both are plain (`by_pairs`), else by their first word or its stem.
    Looking a word up with the word after it finds only the items that may fit there."""

    def __init__(self, by_pairs: bool = True) -> None:
        self.by_pairs = by_pairs
        self.pairs: dict[tuple[str, str], list[Item]] = defaultdict(list)
        self.firsts: dict[str, list[Item]] = defaultdict(list)
        self.stems: dict[str, list[Item]] = defaultdict(list)
        self.stem_lengths: tuple[int, ...] = ()  # a word is looked up by these prefixes only
        self._seen: dict[str, tuple[tuple[Item, ...], tuple[Item, ...]]] = {}

    def add(self, term: Term, item: Item) -> None:
        words, stems = term.words, term.stems
        if stems[0]:
            self.stems[words[0]].append(item)
            if len(words[0]) not in self.stem_lengths:
                self.stem_lengths = tuple(sorted({*self.stem_lengths, len(words[0])}))
        elif self.by_pairs and len(words) > 1 and not stems[1] and words[1] != NUMBER:
            self.pairs[words[0], words[1]].append(item)  # ('je', 'suis'), (NN, 'ans')
        else:
            self.firsts[words[0]].append(item)
        self._seen.clear()

    def freeze(self) -> None:
        """Each list of items as a tuple, once all are added (none can be added after): a
        tuple keeps no spare room, and ninety thousand terms are indexed."""
        self.pairs = {key: tuple(items) for key, items in self.pairs.items()}  # type: ignore[misc]
        self.firsts = {key: tuple(items) for key, items in self.firsts.items()}  # type: ignore[misc]
        self.stems = {key: tuple(items) for key, items in self.stems.items()}  # type: ignore[misc]

    def starting(self, word: str, following: list[str]) -> Iterator[Item]:
        whole, stemmed = self.alone(word)
        yield from whole
        if following:
            yield from self.pairs.get((word, following[0]), ())
            if word.isdigit():
                yield from self.pairs.get((NUMBER, following[0]), ())
        yield from stemmed

    def alone(self, word: str) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
        """The items a word begins by itself, and by a stem; remembered, since the same
        words come back in every message."""
        found = self._seen.get(word)
        if found is None:
            whole = tuple(self.firsts.get(NUMBER, ())) if word.isdigit() else ()
            whole += tuple(self.firsts.get(word, ()))
            if not whole and len(word) > PLURAL_MIN and word.endswith(PLURAL_ENDINGS):
                whole = tuple(self.firsts.get(word[:-1], ()))  # 'ordinateurs', 'showers'
            stemmed: tuple[Item, ...] = ()
            for length in self.stem_lengths:
                if length > len(word):
                    break
                stemmed += tuple(self.stems.get(word[:length], ()))
            if len(self._seen) >= MAX_REMEMBERED:
                self._seen.clear()
            found = self._seen[word] = (whole, stemmed)
        return found


@lru_cache(maxsize=WORDS_REMEMBERED)
def word_variants(word: str) -> tuple[str, ...]:
    """The word, and for Arabic script the word without its clitics and endings."""
    if script_of(word) != "arabic":
        return (word,)
    stems = [word] + [
        word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2
    ]
    variants = list(stems)
    for stem in stems:
        variants += [
            stem[: -len(s)] for s in ARABIC_SUFFIXES if stem.endswith(s) and len(stem) - len(s) >= 2
        ]
    return variants


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
