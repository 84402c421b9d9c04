"""The vocabularies' terms kept compact (bot/understand/term_table.py): every term reads
back as its file made it, the index finds what a scan of every term finds, in the order
the terms were read, and a damaged index in the cache is built again."""

import marisa_trie
import pytest

from bot.cache import remembered
from bot.settings import CONTENT_DIR
from bot.understand.term_files import file_terms, vocabulary_files
from bot.understand.term_table import (
    Start,
    TermTable,
    build_index,
    compile_terms,
    load_index,
    save_index,
    term_index,
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
    made = [
        term
        for language, path in vocabulary_files(CONTENT_DIR)
        for term in file_terms(language, path, path.read_bytes())
    ]
    assert len(made) > 80_000
    assert terms == made
    assert [vocabulary.table.term(n) for n in (0, 1234, len(made) - 1)] == [
        made[0],
        made[1234],
        made[-1],
    ]


def scan(terms: list, word: str) -> tuple[list[Start], list[Start]]:
    """What first_words.alone gives for a word, found by reading every term: the terms it
    begins by itself (a number begins the NN terms; a plural, its singular's when it
    begins none), and those it begins by a stem, each as a Start."""
    plain = [t for t in terms if not t.parts and not t.stems[0]]
    whole = [t for t in plain if t.words[0] == word or (word.isdigit() and t.words[0] == NUMBER)]
    if not whole and len(word) > 4 and word.endswith(("s", "x")):
        whole = [t for t in plain if t.words[0] == word[:-1]]
    stems = [t for t in terms if not t.parts and t.stems[0] and word.startswith(t.words[0])]
    return [start_of(t) for t in whole], [start_of(t) for t in stems]


def start_of(term) -> Start:
    return Start(term.language, len(term.words) == 1, term.stems[0], len(term.words[0]))


def test_the_index_finds_what_reading_every_term_finds(vocabulary, terms):
    words = ["douche", "douches", "bagagerie", "manger", "je", "12", "حمام", "душ", "zorglub"]
    words += [t.words[0] for t in terms[::997] if not t.parts]
    empty = []
    for word in words:
        whole, stemmed = vocabulary.first_words.alone(word)
        expected_whole, expected_stemmed = scan(terms, word)
        # a Start stands for every term that starts alike: the same ones, each once
        assert sorted(whole) == sorted(set(expected_whole)), word
        assert sorted(set(stemmed)) == sorted(set(expected_stemmed)), word
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
                    assert (number, part, form) in found, (number, form)
                    assert form == term.parts[part][form_number]
        else:
            assert term in vocabulary.term_index.starting(term.words[0], words), term
            assert start_of(term) in vocabulary.first_words.starting(term.words[0], []), term


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
    index = term_index(again, table)
    assert len(calls) == 2
    assert list(index.starting("bain", ["douche"])) == [terms[1]]
    assert list(index.starting("douche", [])) == [terms[0]]
