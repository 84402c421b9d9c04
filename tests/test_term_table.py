"""The vocabularies' terms kept compact (bot/understand/term_table.py): every term reads
back as its file made it, the index finds what a scan of every term finds, in the order
the terms were read, and a damaged index in the cache is built again."""

import marisa_trie
import pytest

from bot.cache import remembered
from bot.settings import CONTENT_DIR
from bot.understand.term_table import (
    TermTable,
    WordIndex,
    build_index,
    compile_terms,
    load_index,
    save_index,
    term_item,
)
from bot.understand.terms import NUMBER, make_term
from bot.understand.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def vocabulary(core) -> Vocabulary:
    return core.understander.vocabulary


@pytest.fixture(scope="module")
def terms(vocabulary) -> list:
    return list(vocabulary.table)


def test_every_term_reads_back_as_its_file_made_it(vocabulary, terms):
    files = [(p.parent.name, p) for p in sorted(CONTENT_DIR.glob("*/vocabulary.yaml"))]
    files.append((None, CONTENT_DIR / "pictograms.yaml"))
    made = [
        term
        for language, path in files
        for term in vocabulary._file_terms(language, path, path.read_bytes())
    ]
    assert len(made) > 80_000
    assert terms == made
    assert [vocabulary.table.term(n) for n in (0, 1234, len(made) - 1)] == [
        made[0],
        made[1234],
        made[-1],
    ]


def scan(terms: list, word: str) -> list[int]:
    """The numbers of the terms a word begins, by itself or by a stem, found by reading
    every term: what first_words.alone gives, without its index (numbers first, then the
    word, or its singular; then the stems, shortest first)."""
    plain = [(n, t.words[0]) for n, t in enumerate(terms) if not t.parts and not t.stems[0]]
    whole = [n for n, first in plain if word.isdigit() and first == NUMBER]
    whole += [n for n, first in plain if first == word]
    if not whole and len(word) > 4 and word.endswith(("s", "x")):
        whole = [n for n, first in plain if first == word[:-1]]
    stems = [(len(t.words[0]), n) for n, t in enumerate(terms) if not t.parts and t.stems[0]]
    stemmed = [n for _, n in sorted(stems) if word.startswith(terms[n].words[0])]
    return whole + stemmed


def test_the_index_finds_what_reading_every_term_finds(vocabulary, terms):
    index = WordIndex(vocabulary.first_words.trie, "F", lambda number, _p, _f: number)
    words = ["douche", "douches", "bagagerie", "manger", "je", "12", "حمام", "душ", "zorglub"]
    words += [t.words[0] for t in terms[::997] if not t.parts]
    empty = []
    for word in words:
        whole, stemmed = index.alone(word)
        assert list(whole) + list(stemmed) == scan(terms, word), word
        if not whole + stemmed:
            empty.append(word)
    assert empty == ["zorglub"]


def test_every_term_is_found_where_a_message_would_meet_it(vocabulary, terms):
    for number, term in enumerate(terms):
        words = list(term.words[1:2])
        if term.parts:
            for part, forms in enumerate(term.parts):
                for form_number, form in enumerate(forms):
                    found = vocabulary.part_index.starting(form.words[0], list(form.words[1:2]))
                    assert (number, term, part, form) in found, (number, form)
                    assert form == term.parts[part][form_number]
        else:
            assert term in vocabulary.term_index.starting(term.words[0], words), term
            assert term in vocabulary.first_words.starting(term.words[0], []), term


def test_a_phrase_is_a_term_phrase_exactly_when_a_term_has_those_words(vocabulary, terms):
    phrases = {" ".join(t.words) for t in terms if t.group != "markers" and not t.parts}
    markers_only = {" ".join(t.words) for t in terms if t.group == "markers"} - phrases
    assert all(vocabulary.is_term_phrase(p) for p in list(phrases)[::50])
    assert not any(vocabulary.is_term_phrase(p) for p in markers_only)
    for phrase in ["gare du nord", "barbes", "chateau rouge", "porte de la chapelle", ""]:
        assert vocabulary.is_term_phrase(phrase) == (phrase in phrases), phrase


def test_a_damaged_index_is_built_again(tmp_path):
    terms = [make_term(w, "categories", "shower", "fr") for w in ("douche", "bain douche")]
    table = TermTable(*compile_terms(terms))
    calls = []

    def build() -> marisa_trie.RecordTrie:
        calls.append(1)
        return build_index(table)

    options = {"suffix": ".marisa", "save": save_index, "load": load_index}
    remembered(tmp_path, "term-index", "k" * 16, build, **options)
    [kept] = tmp_path.glob("*.marisa")
    kept.write_bytes(kept.read_bytes()[:20])
    again = remembered(tmp_path, "term-index", "k" * 16, build, **options)
    index = WordIndex(again, "T", term_item(table))
    assert len(calls) == 2
    assert list(index.starting("bain", ["douche"])) == [terms[1]]
    assert list(index.starting("douche", [])) == [terms[0]]
