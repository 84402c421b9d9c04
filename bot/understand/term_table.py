"""The vocabularies' ninety thousand terms, kept compact.

As Python objects, the terms and their three indexes took about 43 MiB of each process
(a tuple, its words and its stems per term; a list of terms per word). Here they are:
- a TermTable: each term (then each form of a term in parts) marshalled as (kind, words,
  stems, parts) into one block of bytes, where a kind, (group, label, language, weight),
  is shared by many terms; a term becomes a Term only when a message's words reach it,
  and the last TERMS_REMEMBERED are kept;
- three WordIndexes in one memory-mapped trie (marisa-trie's RecordTrie): which terms
  begin with a word, with two words, or with a stem. The numbers a key gives are sorted
  when read (the trie keeps no order): the terms of a word come in the order they were
  read, which decides between two terms that read the same words.
Both are kept in the cache (bot/cache.py), made again when a vocabulary changes. The
answers to the 6,952 evaluation messages are the same as with the objects; memory served
is 32 MiB less, and understanding a message about 0.1 ms slower at p50.
"""

import marshal
from array import array
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

import marisa_trie

from .terms import NUMBER, PLURAL_ENDINGS, PLURAL_MIN, SHARED_STEMS, Term
from .text import WORDS_REMEMBERED  # words, and pairs, whose terms an index keeps

# Terms and forms kept decoded (a message reaches a few hundred): see WORDS_REMEMBERED.
TERMS_REMEMBERED = 2048
# What the index gives for a key, three numbers: (term, form's row, part) in 'P', (term,
# 0, 0) in 'T', (language, length of the first word, flags) in 'F' (see build_index).
ITEM_FORMAT = ">IIH"
Kept = TypeVar("Kept")
Item = TypeVar("Item")
Kind = tuple[str, str, str | None, float]  # group, label, language, weight


class Start(NamedTuple):
    """What the first-word index keeps of a term: whether a word begins a term, in which
    language, needs no more (is_term_word, languages_of), so no term is decoded for it:
    a common first word ('je') begins thousands of terms."""

    language: str | None
    one_word: bool
    stem: bool  # the first word is a stem ('bagager*')
    first_length: int  # letters of the first word


class TermTable:
    """Every term of every vocabulary by its number (the order the files were read in),
    then every form of every part of the terms in parts, each its own row: a message's
    word reaches a form ('fringues'), and its term in parts (a hundred forms) is decoded
    only when all its parts stand in the message."""

    def __init__(self, kinds: list[Kind], blob: bytes, offsets: bytes, count: int) -> None:
        self.kinds = [tuple(kind) for kind in kinds]
        self.count = count  # terms; the rows after them are forms
        # the languages of the terms (None: pictograms), numbered in the first-word index
        self.languages = sorted({kind[2] for kind in self.kinds}, key=lambda c: c or "")
        self.blob = blob
        self.offsets = array("I")
        self.offsets.frombytes(offsets)
        self.term: Callable[[int], Term] = lru_cache(maxsize=TERMS_REMEMBERED)(self._decode)

    def __len__(self) -> int:
        return self.count

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


def compile_terms(terms: list[Term]) -> tuple[list[Kind], bytes, bytes, int]:
    """The terms as plain data for the cache: kinds, the block of rows (the terms, then
    the forms of their parts: see build_index), their offsets, the number of terms."""
    kinds: dict[Kind, int] = {}

    def row(term: Term) -> tuple:
        kind = kinds.setdefault((term.group, term.label, term.language, term.weight), len(kinds))
        parts = tuple(tuple(row(form) for form in part) for part in term.parts)
        return (kind, term.words, term.stems, parts)

    blob, offsets = bytearray(), array("I", [0])
    forms = [form for term in terms for part in term.parts for form in part]
    for term in [*terms, *forms]:
        blob += marshal.dumps(row(term))
        offsets.append(len(blob))
    return list(kinds), bytes(blob), offsets.tobytes(), len(terms)


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
    """Three indexes in one trie: 'F' every term by its first word or stem, as a Start
    (its language, the length of its first word, one-word and stem flags: terms starting
    alike are one entry); 'T' the terms for matching a message, by their first two words;
    'P' each form of each part of a term in parts, as (term, form's row, part), the forms'
    rows following the terms in the order compile_terms wrote them."""
    languages = {language: number for number, language in enumerate(table.languages)}
    entries: list[tuple[str, tuple[int, int, int]]] = []
    form_row = len(table)
    for number, term in enumerate(table):
        if term.parts:
            for part, forms in enumerate(term.parts):
                for form in forms:
                    entries.append((index_key("P", form, True), (number, form_row, part)))
                    form_row += 1
        else:
            flags = (len(term.words) == 1) | term.stems[0] << 1
            start = (languages[term.language], len(term.words[0]), flags)
            entries.append((index_key("F", term, False), start))
            entries.append((index_key("T", term, True), (number, 0, 0)))
    return marisa_trie.RecordTrie(ITEM_FORMAT, entries)


def save_index(trie: marisa_trie.RecordTrie, path: Path) -> None:
    trie.save(str(path))


def load_index(path: Path) -> marisa_trie.RecordTrie:
    """Mapped, not read, like the word lists (dictionary.load_trie)."""
    return marisa_trie.RecordTrie(ITEM_FORMAT).mmap(str(path))


NOTHING: tuple[tuple, tuple] = ((), ())  # what most words begin: kept once


class WordIndex(Generic[Kept, Item]):
    """The items of one index of the trie (its letter, `name`) a word begins, by itself
    (`alone`) or with the word after it (`starting`). What the trie gives for a key,
    three numbers (ITEM_FORMAT), is remembered as `kept` makes it (a term's number, a
    Start), and becomes an item as `item` makes it when a message reaches it: a term is
    kept decoded only in TermTable.term's memory, never twice."""

    def __init__(
        self,
        trie: marisa_trie.RecordTrie,
        name: str,
        kept: Callable[[tuple[int, int, int]], Kept],
        item: Callable[[Kept], Item],
    ) -> None:
        self.trie, self.name, self.kept, self.item = trie, name, kept, item
        self._seen: dict[str, tuple[tuple[Kept, ...], tuple[Kept, ...]]] = {}
        self._pairs_seen: dict[tuple[str, str], tuple[Kept, ...]] = {}

    def _found(self, key: str) -> tuple[Kept, ...]:
        found = self.trie.get(key)
        return tuple(map(self.kept, sorted(found))) if found else ()

    def starting(self, word: str, following: list[str]) -> Iterator[Item]:
        """Asked for every word of every message several times: most find nothing."""
        whole, stemmed = self._seen.get(word) or self._alone(word)
        if whole:
            yield from map(self.item, whole)
        if following:
            pair = self._pairs_seen.get((word, following[0]))
            if pair is None:
                pair = self._pair(word, following[0])
            if pair:
                yield from map(self.item, pair)
        if stemmed:
            yield from map(self.item, stemmed)

    def alone(self, word: str) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
        """The items a word begins by itself, and by a stem."""
        whole, stemmed = self._alone(word)
        return tuple(map(self.item, whole)), tuple(map(self.item, stemmed))

    def _pair(self, word: str, following: str) -> tuple[Kept, ...]:
        """What two words begin ('je suis', NN 'ans'), remembered."""
        found = self._found(f"{self.name}p{word} {following}")
        if word.isdigit():
            found += self._found(f"{self.name}p{NUMBER} {following}")
        if len(self._pairs_seen) >= WORDS_REMEMBERED:
            self._pairs_seen.clear()
        self._pairs_seen[word, following] = found
        return found

    def _alone(self, word: str) -> tuple[tuple[Kept, ...], tuple[Kept, ...]]:
        """What a word begins by itself, and by a stem; remembered, since the same words
        come back in every message."""
        found = self._seen.get(word)
        if found is None:
            whole = self._found(f"{self.name}f{NUMBER}") if word.isdigit() else ()
            # each once: an NN term and one beginning with '18' may begin alike
            whole = tuple(dict.fromkeys(whole + self._found(f"{self.name}f{word}")))
            if not whole and len(word) > PLURAL_MIN and word.endswith(PLURAL_ENDINGS):
                whole = self._found(f"{self.name}f{word[:-1]}")  # 'ordinateurs', 'showers'
            stemmed: tuple[Kept, ...] = ()
            for key in self.trie.prefixes(f"{self.name}s{word}"):  # shortest first
                stemmed += self._found(key)
            if len(self._seen) >= WORDS_REMEMBERED:
                self._seen.clear()
            found = self._seen[word] = (whole, stemmed) if whole or stemmed else NOTHING
        return found


def first_word_index(trie: marisa_trie.RecordTrie, table: TermTable) -> WordIndex[Start, Start]:
    """Index 'F': a Start for each way terms begin, one object for each (a few hundred)."""

    @cache
    def start(numbers: tuple[int, int, int]) -> Start:
        language, first_length, flags = numbers
        return Start(table.languages[language], bool(flags & 1), bool(flags & 2), first_length)

    return WordIndex(trie, "F", start, lambda kept: kept)


def term_index(trie: marisa_trie.RecordTrie, table: TermTable) -> WordIndex[int, Term]:
    """Index 'T': the terms, kept as their numbers."""
    return WordIndex(trie, "T", itemgetter(0), table.term)


def part_index(
    trie: marisa_trie.RecordTrie, table: TermTable
) -> WordIndex[tuple[int, int, int], tuple[int, int, Term]]:
    """Index 'P': (the term's number, the part, the form), the form decoded from its row."""

    def item(kept: tuple[int, int, int]) -> tuple[int, int, Term]:
        number, form_row, part = kept
        return number, part, table.term(form_row)

    return WordIndex(trie, "P", tuple, item)
