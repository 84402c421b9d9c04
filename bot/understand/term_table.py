"""The vocabularies' ninety thousand terms, kept compact.

As Python objects, the terms and their three indexes took about 43 MiB of each process
(a tuple, its words and its stems per term; a list of terms per word). Here they are:
- a TermTable: each term marshalled as (kind, words, stems, parts) into one block of
  bytes, where a kind, (group, label, language, weight), is shared by many terms; a term
  becomes a Term only when a message's words reach it, and the last ones are remembered;
- a TermIndex: which terms begin with a word, with two words, or with a stem, as a
  memory-mapped trie (marisa-trie's RecordTrie) from a key to term numbers, sorted when
  read (the trie keeps no order): the terms of a word come in the order they were read,
  which decides between two terms that read the same words.
Both are kept in the cache (bot/cache.py), made again when a vocabulary changes.
"""

import marshal
from array import array
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

import marisa_trie

from .terms import NUMBER, PLURAL_ENDINGS, PLURAL_MIN, SHARED_STEMS, Term

TERMS_REMEMBERED = 16_384  # terms kept decoded (a message reaches a few hundred)
WORDS_REMEMBERED = 50_000  # words whose terms an index keeps (then it starts again)
# What the index gives for a key: (term number, part, form), the part and form of a term
# in parts (else 0).
ITEM_FORMAT = ">IHH"
Item = TypeVar("Item")
Kind = tuple[str, str, str | None, float]  # group, label, language, weight


class TermTable:
    """Every term of every vocabulary by its number (the order the files were read in)."""

    def __init__(self, kinds: list[Kind], blob: bytes, offsets: bytes) -> None:
        self.kinds = [tuple(kind) for kind in kinds]
        self.blob = blob
        self.offsets = array("I")
        self.offsets.frombytes(offsets)
        self.term: Callable[[int], Term] = lru_cache(maxsize=TERMS_REMEMBERED)(self._decode)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __iter__(self) -> Iterator[Term]:
        """Every term, decoded one by one and not remembered (for building and checks)."""
        return map(self._decode, range(len(self)))

    def labels(self, group: str) -> set[str]:
        return {label for kind_group, label, _, _ in self.kinds if kind_group == group}

    def _decode(self, number: int) -> Term:
        start, end = self.offsets[number], self.offsets[number + 1]
        return self._term(marshal.loads(memoryview(self.blob)[start:end]))

    def _term(self, row: tuple) -> Term:
        kind, words, stems, parts = row
        group, label, language, weight = self.kinds[kind]
        return Term(
            words,
            SHARED_STEMS.setdefault(stems, stems),
            group,
            label,
            language,
            weight,
            tuple(tuple(self._term(form) for form in part) for part in parts),
        )


def compile_terms(terms: list[Term]) -> tuple[list[Kind], bytes, bytes]:
    """The terms as plain data for the cache: kinds, the block of terms, their offsets."""
    kinds: dict[Kind, int] = {}

    def row(term: Term) -> tuple:
        kind = kinds.setdefault((term.group, term.label, term.language, term.weight), len(kinds))
        parts = tuple(tuple(row(form) for form in part) for part in term.parts)
        return (kind, term.words, term.stems, parts)

    blob, offsets = bytearray(), array("I", [0])
    for term in terms:
        blob += marshal.dumps(row(term))
        offsets.append(len(blob))
    return list(kinds), bytes(blob), offsets.tobytes()


def index_key(index: str, term: Term, by_pairs: bool) -> str:
    """Where a term stands in an index: by its first two words when both are plain ('p'),
    else by its stem ('s') or its first word ('f')."""
    words, stems = term.words, term.stems
    if stems[0]:
        return f"{index}s{words[0]}"
    if by_pairs and len(words) > 1 and not stems[1] and words[1] != NUMBER:
        return f"{index}p{words[0]} {words[1]}"  # ('je', 'suis'), (NN, 'ans')
    return f"{index}f{words[0]}"


def build_index(table: TermTable) -> marisa_trie.RecordTrie:
    """Three indexes in one trie: 'F' every term by its first word or stem (what begins
    with a word); 'T' the terms for matching a message, by their first two words; 'P'
    each form of each part of a term in parts."""
    entries: list[tuple[str, tuple[int]]] = []
    for number, term in enumerate(table):
        if term.parts:
            for part, forms in enumerate(term.parts):
                for form_number, form in enumerate(forms):
                    entries.append((index_key("P", form, True), (number, part, form_number)))
        else:
            entries.append((index_key("F", term, False), (number, 0, 0)))
            entries.append((index_key("T", term, True), (number, 0, 0)))
    return marisa_trie.RecordTrie(ITEM_FORMAT, entries)


def save_index(trie: marisa_trie.RecordTrie, path: Path) -> None:
    trie.save(str(path))


def load_index(path: Path) -> marisa_trie.RecordTrie:
    """Mapped, not read, like the word lists (dictionary.load_trie)."""
    return marisa_trie.RecordTrie(ITEM_FORMAT).mmap(str(path))


class WordIndex(Generic[Item]):
    """The items of one index of the trie (its letter, `name`) a word begins, by itself
    (`alone`) or with the word after it (`starting`); `item` makes an item of what the
    trie gives, (term number, part, form)."""

    def __init__(
        self, trie: marisa_trie.RecordTrie, name: str, item: Callable[[int, int, int], Item]
    ) -> None:
        self.trie, self.name, self.item = trie, name, item
        # a word is looked up by the stems' lengths only
        self.stem_lengths = tuple(sorted({len(key) - 2 for key in trie.keys(name + "s")}))
        self._seen: dict[str, tuple[tuple[Item, ...], tuple[Item, ...]]] = {}
        self._pairs_seen: dict[tuple[str, str], tuple[Item, ...]] = {}

    def _items(self, key: str) -> tuple[Item, ...]:
        found = self.trie.get(self.name + key)
        return tuple(self.item(*numbers) for numbers in sorted(found)) if found else ()

    def starting(self, word: str, following: list[str]) -> Iterator[Item]:
        whole, stemmed = self.alone(word)
        yield from whole
        if following:
            pair = self._pairs_seen.get((word, following[0]))
            yield from self._pair(word, following[0]) if pair is None else pair
        yield from stemmed

    def _pair(self, word: str, following: str) -> tuple[Item, ...]:
        """The items two words begin ('je suis', NN 'ans'), remembered."""
        items = self._items(f"p{word} {following}")
        if word.isdigit():
            items += self._items(f"p{NUMBER} {following}")
        if len(self._pairs_seen) >= WORDS_REMEMBERED:
            self._pairs_seen.clear()
        self._pairs_seen[word, following] = items
        return items

    def alone(self, word: str) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
        """The items a word begins by itself, and by a stem; remembered, since the same
        words come back in every message."""
        found = self._seen.get(word)
        if found is None:
            whole = self._items(f"f{NUMBER}") if word.isdigit() else ()
            whole += self._items(f"f{word}")
            if not whole and len(word) > PLURAL_MIN and word.endswith(PLURAL_ENDINGS):
                whole = self._items(f"f{word[:-1]}")  # 'ordinateurs', 'showers'
            stemmed: tuple[Item, ...] = ()
            for length in self.stem_lengths:
                if length > len(word):
                    break
                stemmed += self._items(f"s{word[:length]}")
            if len(self._seen) >= WORDS_REMEMBERED:
                self._seen.clear()
            found = self._seen[word] = (whole, stemmed)
        return found


def part_item(table: TermTable) -> Callable[[int, int, int], tuple[int, Term, int, Term]]:
    """An item of the part index: (the term's number, the term, the part, the form)."""

    def item(number: int, part: int, form: int) -> tuple[int, Term, int, Term]:
        term = table.term(number)
        return number, term, part, term.parts[part][form]

    return item


def term_item(table: TermTable) -> Callable[[int, int, int], Term]:
    """An item of the other indexes: the term."""
    return lambda number, _part, _form: table.term(number)
