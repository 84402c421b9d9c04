"""The per-language vocabularies (content/<lang>/vocabulary.yaml) and matching them.

A term is one or more words; a word ending in * matches any ending (douch* = douche,
doucher); a leading ~ makes the term a weak hint. Matching ignores case and Latin accents.
An unknown word also matches a term word:
- in French, by its sound ('lavé', 'lavez' → laver; 'androit' → endroit);
- by one typo from 5 letters, two from 7, with the same first letter (a swap of two
  letters is one typo); numbers never do, so '115' is not '1150' and 'eau' not 'bureau'.
In Arabic script, a word also matches without its clitics and endings (الحمام → حمام).
A term 'laver|nettoyer + fringues|linge' matches when a form of each part stands in the
message, in any order; it wins over the parts' own meanings ('fringues' alone is
clothes). NN stands for a number ('j ai NN ans').
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..content import load_yaml
from .dictionary import common_words, dictionary_languages
from .phonetic import french_key
from .term_files import read_terms, vocabulary_files
from .term_table import Start, first_word_index, part_index, term_index
from .terms import NUMBER, Match, fits, non_overlapping, word_variants
from .text import WORDS_REMEMBERED, fold, script_of

FUZZY_MIN_LENGTH = 5
SPLIT_MIN_LENGTH = 8  # a word this long that no language has may be words run together
PHONETIC_MIN_KEY = 3
SOUND_LANGUAGES = {"fr"}  # languages matched by sound ('lavé' → laver)
DEFAULT_LANGUAGE = "fr"  # the language of Paris's services: its words are read in any message


@dataclass
class LanguageData:
    code: str
    answer_in: str | None  # the language answered in, when the bot does not write this one
    letters: set[str]  # letters only this language uses among those sharing its script
    words: set[str]  # small words that tell the language apart (not needs)
    spellings: dict[str, list[str]]
    when: dict[tuple[str, ...], str]
    lexicon: set[str]  # every word of its terms, markers, time words and small words


class TermPhrases:
    """The phrases of the terms, for `phrase in phrases` (Vocabulary.is_term_phrase):
    looked up in the index, not kept as a set of ninety thousand phrases."""

    def __init__(self, vocabulary: "Vocabulary") -> None:
        self.vocabulary = vocabulary

    def __contains__(self, phrase: object) -> bool:
        return isinstance(phrase, str) and self.vocabulary.is_term_phrase(phrase)


class Vocabulary:
    """Every language's terms, indexed for matching anywhere in a message."""

    def __init__(self, content_dir: Path) -> None:
        self.languages: dict[str, LanguageData] = {}
        files = vocabulary_files(content_dir)
        self.table, trie, term_words = read_terms(files)
        # Every term by its first word or stem (what begins with a word: is_term_word,
        # languages_of); term_index, for matching a message, by its first two words;
        # part_index, each form of each part of a term in parts: (term's number, part, form).
        self.first_words = first_word_index(trie, self.table)
        self.term_index = term_index(trie, self.table)
        self.part_index = part_index(trie, self.table)
        for language, path in files:
            if language:
                self._add(language, path, term_words.get(language, ()))
        # the languages of each word, remembered: the same words come back in every message
        self._languages_seen: dict[str, frozenset[str | None]] = {}
        self._language_sets: dict[frozenset[str | None], frozenset[str | None]] = {}
        # What an unknown word may be corrected to, per language: its words (terms first),
        # by sound for French, by first letter for a typo.
        self.by_sound: dict[str, str] = {}
        fuzzy: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for code, data in self.languages.items():
            for word in dict.fromkeys([*term_words.get(code, ()), *sorted(data.lexicon)]):
                if word == NUMBER or word.isdigit() or not word.isalpha():
                    continue
                key = french_key.__wrapped__(word) if code in SOUND_LANGUAGES else ""
                if len(key) >= PHONETIC_MIN_KEY:
                    self.by_sound.setdefault(key, word)
                if len(word) >= FUZZY_MIN_LENGTH:
                    fuzzy[code][word[0]].append(word)
        self.fuzzy = {code: {c: tuple(w) for c, w in by.items()} for code, by in fuzzy.items()}
        self.known_words = set().union(*(d.lexicon for d in self.languages.values()))
        languages: dict[str, list[str]] = defaultdict(list)
        for code, data in self.languages.items():
            for word in data.lexicon:
                languages[word].append(code)
        # the languages of each word: 1,341 distinct tuples for 76,965 words, each kept once
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.lexicon_languages = {
            w: shared.setdefault(tuple(c), tuple(c)) for w, c in languages.items()
        }

    def _add(self, language: str, path: Path, term_words: tuple[str, ...]) -> None:
        data = load_yaml(path) or {}
        words = {fold(str(w)) for w in data.get("words") or []}
        when = {tuple(fold(k).split()): v for k, v in (data.get("when") or {}).items()}
        spellings = data.get("spellings") or {}
        self.languages[language] = LanguageData(
            code=language,
            answer_in=data.get("answer_in"),
            letters=set(str(data.get("letters") or "").lower()),
            words=words,
            spellings={fold(str(k)): fold(str(v)).split() for k, v in spellings.items()},
            when=when,
            lexicon={*term_words, *words, *(w for phrase in when for w in phrase)},
        )

    def respell(
        self, words: list[str], language: str | None, protected: frozenset[str] = frozenset()
    ) -> list[list[str]]:
        """What each word is read as: the SMS spellings of the language written ('jme' →
        je me), and the French ones where they are no word of it ('ya' is 'y a' in French
        SMS, but Spanish 'ya'); words run together split ('undepotmancaazi' → unde pot
        manca azi), but not `protected` ones (place names); a word cut in two by
        dictation joined ('la ver' → laver: the second piece then reads as nothing)."""
        own = self.languages.get(language) if language else None
        french = self.languages.get(DEFAULT_LANGUAGE)
        languages = (language, DEFAULT_LANGUAGE)
        out: list[list[str]] = []
        for word in words:
            spelled = own.spellings.get(word) if own else None
            if spelled is None and french and not (own and word in own.lexicon):
                spelled = french.spellings.get(word)
            previous = next((piece for piece in reversed(out) if piece), None)
            if not spelled and previous and len(previous) == 1:
                joined = previous[0] + word
                if self._splits_a_word(previous[0], word, joined, languages):
                    previous[0] = joined
                    out.append([])
                    continue
            split = None if spelled or word in protected else self._split(word, languages)
            out.append(list(spelled or split or [word]))
        return out

    def _splits_a_word(
        self, before: str, word: str, joined: str, languages: tuple[str | None, ...]
    ) -> bool:
        """Two pieces of one word cut by dictation ('la ver', 'dou che'): neither means
        anything in these languages, together they are a one-word term that needs letters
        of both ('потерял' + 'сознание' is two words: the stem 'потерял*' ends in the first)."""
        return (
            len(joined) >= FUZZY_MIN_LENGTH
            and joined.isalpha()
            and any(
                t.one_word and t.language in languages and t.first_length > len(before)
                for t in self._starting_with(joined)
            )
            and not self.is_one_word_term(before, languages)
            and not self.is_one_word_term(word, languages)
        )

    def is_one_word_term(self, word: str, languages: tuple[str | None, ...]) -> bool:
        """Whether the word alone means something in these languages ('ver' does not)."""
        return any(t.one_word and t.language in languages for t in self._starting_with(word))

    def _split(self, word: str, languages: tuple[str | None, ...]) -> list[str] | None:
        """A long unknown word as words of one language, of 2 letters or more, one of
        which means something (a need, a danger…): the split with fewest pieces, at most
        four. Not a typo of a word that means something in these languages ('vestiair' is
        a vestiaire, not 've sti air')."""
        if (
            len(word) < SPLIT_MIN_LENGTH
            or word in self.known_words
            or word in common_words()
            or word.isdigit()
            or self.is_term_word(word)
            or ((typo := self._fuzzy(word, languages)) and self.is_term_word(typo))
        ):
            return None
        best: dict[int, list[str]] = {0: []}
        for end in range(2, len(word) + 1):
            options = [
                best[start] + [word[start:end]]
                for start in range(max(0, end - 15), end - 1)
                if start in best and word[start:end] in self.known_words
            ]
            if options:
                best[end] = min(options, key=len)
        pieces = best.get(len(word))
        if (
            pieces
            and len(pieces) <= 4
            and any(self.is_term_word(p) for p in pieces)
            and set.intersection(*(set(self.lexicon_languages.get(p, ())) for p in pieces))
        ):
            return pieces  # all words of one language
        return None

    def correct(
        self, words: list[str], protected: frozenset[str], language: str | None = None
    ) -> tuple[list[str], list[bool]]:
        """Unknown words read as the word of the language written (or of French) they
        sound like or are a typo of ('lavé' → lave, 'douxhe' → douche, 'depui' →
        depuis); place names (`protected`) and real words of French, English and the
        language written are left alone. Returns the words and, for each, whether it was
        written as it is."""
        out, exact = [], []
        real = common_words(dictionary_languages(language))
        languages = tuple(dict.fromkeys([language, DEFAULT_LANGUAGE]))
        for word in words:
            fixed = word
            if not (
                word in self.known_words
                or word in protected
                or word in real
                or word.isdigit()
                or self.is_term_word(word)
            ):
                fixed = self._by_sound(word) or self._fuzzy(word, languages) or word
            out.append(fixed)
            exact.append(fixed == word)
        return out, exact

    def match(
        self,
        words: list[str],
        groups: frozenset[str],
        taken: list[bool] | None = None,
        exact: list[bool] | None = None,
        language: str | None = None,
        only: bool = False,
        clauses: list[int] | None = None,
    ) -> list[Match]:
        """Non-overlapping matches of the terms of `groups`, those covering more words
        first, on the words not `taken`; `exact` says which words were written as they
        are. With the `language` written, its terms win a tie, and another language's
        term never takes words that are plain words of it (Urdu 'اب', now, is not Persian
        'آب', water); with `only`, the terms of that language alone are read. A term in
        parts takes its forms in one clause when it can (`clauses`: each word's clause)."""
        free = [not t for t in taken] if taken else [True] * len(words)
        exact = exact or [True] * len(words)
        found = self._combos(words, groups, free, clauses or [0] * len(words))
        found += [
            Match(term, i, i + len(term.words), True)
            for i, word in enumerate(words)
            if free[i]
            for first in word_variants(word)
            for term in self.term_index.starting(first, words[i + 1 : i + 2])
            if term.group in groups and fits(term, words, i, free)
        ]
        if language in self.languages:
            lexicon = self.languages[language].lexicon
            found = [
                m
                for m in found
                if m.term.language in (language, None)
                or not (only or all(words[i] in lexicon for i in m.covers))
            ]
        chosen = non_overlapping(found, language)
        return sorted(
            (m if all(exact[i] for i in m.covers) else replace(m, exact=False) for m in chosen),
            key=lambda m: m.start,
        )

    def _combos(
        self, words: list[str], groups: frozenset[str], free: list[bool], clauses: list[int]
    ) -> list[Match]:
        """Terms in parts whose every part stands, free, in the message: the forms of one
        clause when there is one ('لباس نمی‌خوام … بتونم لباسامو بشورم' washes the clothes of
        the last clause), else the earliest; the longest at a place."""
        spots: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
        parts_met: dict[int, set[int]] = defaultdict(set)  # by term: its parts met, in order
        for i, word in enumerate(words):
            if not free[i]:
                continue
            for variant in word_variants(word):
                following = words[i + 1 : i + 2]
                for number, index, form in self.part_index.starting(variant, following):
                    end = i + len(form.words)
                    if form.group not in groups or not fits(form, words, i, free):
                        continue
                    places = spots[number, index]
                    places[i] = max(places.get(i, end), end)
                    parts_met[number].add(index)
        found = []
        for number, met in parts_met.items():
            if len(met) < 2:  # every term in parts has two parts or more: not decoded
                continue
            term = self.table.term(number)
            if len(met) < len(term.parts):
                continue
            found_parts = [spots[number, index] for index in range(len(term.parts))]
            chosen = _in_one_clause([sorted(places.items()) for places in found_parts], clauses)
            positions = frozenset(i for a, b in chosen for i in range(a, b))
            if len(positions) == sum(b - a for a, b in chosen):
                start = min(a for a, _ in chosen)
                found.append(Match(term, start, max(b for _, b in chosen), True, positions))
        return found

    def languages_of(self, word: str) -> frozenset[str | None]:
        """The languages that have this word: in their lexicon, or by a stem ('bagagerie'
        for French 'bagager*')."""
        found = self._languages_seen.get(word)
        if found is None:
            found = frozenset(self.lexicon_languages.get(word, ())) | {
                t.language for t in self._starting_with(word) if t.stem
            }
            if len(self._languages_seen) >= WORDS_REMEMBERED:
                self._languages_seen.clear()
            # a few hundred sets of languages for every word: each kept once
            found = self._languages_seen[word] = self._language_sets.setdefault(found, found)
        return found

    def is_term_word(self, word: str, languages: tuple[str | None, ...] | None = None) -> bool:
        """Whether a word begins a term (of these languages) as it is ('douche') or by a
        stem ('bagagerie')."""
        return any(languages is None or t.language in languages for t in self._starting_with(word))

    def _starting_with(self, word: str) -> tuple[Start, ...]:
        whole, stemmed = self.first_words.alone(word)
        return whole + stemmed

    def is_term_phrase(self, phrase: str) -> bool:
        """Whether a phrase is all the words of a term that is not a marker nor in parts
        ('gare' is a need in some language: no place is named by it alone)."""
        words = tuple(phrase.split())
        return bool(words) and any(
            t.words == words and t.group != "markers"
            for t in self.term_index.starting(words[0], list(words[1:2]))
        )

    def _by_sound(self, word: str) -> str | None:
        if script_of(word) != "latin" or len(key := french_key(word)) < PHONETIC_MIN_KEY:
            return None
        return self.by_sound.get(key)

    def _fuzzy(self, word: str, languages: tuple[str | None, ...]) -> str | None:
        """The word one typo away (two from 7 letters), same first letter, in the first
        of these languages that has one."""
        if len(word) < FUZZY_MIN_LENGTH:
            return None
        allowed = 1 if len(word) <= 6 else 2
        for language in languages:
            choices = self.fuzzy.get(language, {}).get(word[0], ())
            best = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=allowed)
            if best and not (min(len(best[0]), len(word)) <= 6 and best[1] > 1):
                return best[0]
        return None


def _in_one_clause(
    places: list[list[tuple[int, int]]], clauses: list[int]
) -> list[tuple[int, int]]:
    """One (start, end) from each list: the nearest together of those in one clause, else
    the earliest of each. Messages are short: the lists hold a few places each."""
    best, best_span = [spots[0] for spots in places], None
    for combination in product(*places):
        if len({clauses[a] for a, _ in combination}) > 1:
            continue
        span = max(b for _, b in combination) - min(a for a, _ in combination)
        if best_span is None or span < best_span:
            best, best_span = list(combination), span
    return best
