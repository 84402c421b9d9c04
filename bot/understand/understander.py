"""The pipeline: words and clauses → time → needs, dangers, intents → markers → place →
language → evidence weighed → Query."""

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..clock import paris
from ..directory.geo import far_from_paris
from ..directory.schema import FORMS as PLACE_FORMS
from ..settings import PARIS_TZ
from . import evidence, when
from .agreement import GENDERS, Agreement
from .arrondissements import no_such_arrondissement
from .dictionary import MIN_COUNTS, common_words, language_words
from .language import LanguageGuesser
from .names import PlaceNames
from .query import Query, Where
from .second_reader import SURE, SecondReader
from .terms import Match
from .text import Words, fold, plain, split_words
from .vocabulary import TermPhrases, Vocabulary
from .where import Gazetteer

MEANINGS = frozenset({"categories", "dangers", "intents"})
MARKERS = frozenset({"markers"})
TOPICS = frozenset({"topics"})
PROFILE = frozenset({"profile"})
FORMS = frozenset({"forms"})
CALM = "calm"  # a marker kind: the danger is laughed off or said not serious
AGE = "age"  # a marker kind: the person's age ('j'ai 16 ans')
ROLE = "professional"  # a profile label: the writer is a social worker, a volunteer…
VIOLENT = frozenset({"violence", "partner_violence", "sexual_violence"})  # by someone
MINOR_BELOW = 18
DEFAULT, ENGLISH = "fr", "en"
NAME_LANGUAGES = (DEFAULT, ENGLISH)  # place names are looked for in these messages only


class Understander:
    """Reads its vocabularies and gazetteer once; `understand` does no I/O."""

    def __init__(
        self,
        content_dir: Path,
        answered: list[str],
        stations: list[dict],
        arrondissements: list[dict],
        quartiers: list[dict],
        place_names: dict[str, str] | None = None,
        landmarks: list[dict] | None = None,
        streets: list[dict] | None = None,
        second_reader: SecondReader | None = None,
    ) -> None:
        self.answered = set(answered)
        self.second_reader = second_reader
        self.vocabulary = Vocabulary(content_dir)
        self.agreement = Agreement(
            content_dir, lambda code: language_words(code) if code in MIN_COUNTS else None
        )
        self.needs = self.vocabulary.table.labels("categories")
        self.languages = LanguageGuesser(self.vocabulary)
        # Words of every language the bot reads: never a place name by themselves.
        self._common = common_words() | self.vocabulary.known_words
        self.gazetteer = Gazetteer(
            stations,
            arrondissements,
            quartiers,
            TermPhrases(self.vocabulary),
            content_dir,
            landmarks or [],
            self._common,
            streets,
        )
        # Words too common to name a place: the words of French and English, the languages
        # maraude teams write in (their terms, small words, dictionaries).
        generic = set().union(
            *(
                self.vocabulary.languages[c].lexicon
                for c in NAME_LANGUAGES
                if c in self.vocabulary.languages
            )
        )
        self.place_names = PlaceNames(
            place_names or {},
            lambda word: word in generic or self.vocabulary.is_term_word(word, NAME_LANGUAGES),
            common_words(NAME_LANGUAGES),
        )

    def understand(
        self,
        text: str,
        *,
        language_hint: str | None = None,
        near: tuple[float, float] | None = None,
        at: dt.datetime | None = None,
        falc: bool = False,
        arrondissement_of: Callable[[float, float], int | None] | None = None,
    ) -> Query:
        now = paris(at or dt.datetime.now(PARIS_TZ))
        text = plain(text)
        # The language is guessed from the words as written, to read SMS spellings, time
        # words and typos as that language does ('manto' is Spanish, a typo in French);
        # then again once they are read.
        as_written = split_words(text)
        guess = self.languages.detect(text, as_written.words, as_written.words, language_hint)
        split = self._respelled(as_written, guess)
        words = split.words
        time_phrases = when.find_phrases(words, self._time_phrases(guess))
        time_words = _mask(len(words), [(start, end) for _, start, end in time_phrases])
        place_words = _mask(len(words), self.gazetteer.named_spans(words))
        taken = _either(time_words, place_words)
        read, exact = self.vocabulary.correct(words, self.gazetteer.words, guess)
        written = self.languages.detect(text, words, read, language_hint)
        who = self.vocabulary.match(read, PROFILE, taken, None, written)
        # The writer's own role ('je suis travailleuse sociale', 'soy educador') says who
        # asks, not what: its words are no need.
        role = _mask(len(words), [(m.start, m.end) for m in who if m.term.label == ROLE])
        matches = self.vocabulary.match(
            read,
            MEANINGS,
            _either(place_words, role),
            exact,
            written,
            clauses=split.clauses,
        )
        meaning_words = _mask(len(words), [(i, i + 1) for m in matches for i in m.covers])
        markers = self.vocabulary.match(
            read,
            MARKERS,
            _either(taken, meaning_words),
            None,
            written,
            only=True,
        )
        # Markers that may share words with a need: an age ('I am 16 where to sleep': its
        # 'where' is the need's) and a harmless phrase built on a danger's own word.
        overlapping = self.vocabulary.match(read, MARKERS, taken, None, written, only=True)
        markers += [m for m in overlapping if m.term.label == AGE and m not in markers]
        # A story's marker may hold a time word ('hier soir', 'la nuit dernière', 'last
        # night'): it tells the past, and its time word is no time asked (bot/understand/when.py).
        told = (
            self.vocabulary.match(read, MARKERS, place_words, None, written, only=True)
            if any(time_words)
            else []
        )
        markers += [
            m
            for m in told
            if m.term.label in when.TOLD
            and any(time_words[m.start : m.end])  # holds a time word
            and not all(time_words[m.start : m.end])  # and more: 'in 2' of 'in 2 hours' is not
            and m not in markers
        ]
        # 'un couteau à pain', 'ce sac va me tuer le dos' take their word from the danger,
        # and that danger only: a threat or a wound said beside it stays ('il m'a menacé
        # avec un couteau à pain').
        if any(m.term.group == "dangers" for m in matches):
            harmless = [m.covers for m in overlapping if m.term.label == CALM]
            matches = [
                m
                for m in matches
                if m.term.group != "dangers" or not any(m.covers & words for words in harmless)
            ]
        # A time word that is also a need ('cette nuit', 'الليلة') is the need only when no
        # other need is named: 'douche cette nuit' asks a shower, 'un truc pour cette nuit'
        # a bed.
        timed = [m for m in matches if m.term.group == "categories" and _within(m, time_words)]
        if len(timed) < sum(m.term.group == "categories" for m in matches):
            matches = [m for m in matches if m not in timed]
        temperatures = [(m.start, m.end) for m in markers if m.term.label == "temperature"]
        reserved = _either(_either(time_words, meaning_words), _mask(len(words), temperatures))
        where = self.gazetteer.find(text, words, reserved, markers)
        unresolved = None
        if where is None:
            unresolved = (
                self.gazetteer.outside_named(words)
                or no_such_arrondissement(words, reserved)
                or self._unresolved(words, reserved, markers)
            )
        place_name = set(split_words(where.label).words) if where else set()
        follow_up = _goes_on(words, time_words, place_words, markers, place_name)
        far = False
        if where is None and near is not None:
            lat, lon = near
            number = arrondissement_of(lat, lon) if arrondissement_of else None
            # Toulouse: places 586 km away are no answer; the suburbs' distances are
            far = number is None and far_from_paris(lat, lon)
            where = None if far else Where("position", lat, lon, number, "coordinates")
        language = self.languages.answer_in(written, self.answered)
        said = [m for m in who if m.term.label != ROLE]
        profile = [m.term.label for m in said]
        reading = evidence.read(split, matches, markers, family="family" in profile)
        # 'un homme m'a frappée' speaks of the attacker, not of the person: a bare 'homme',
        # 'femme' (a '~' hint) says who writes only when no one is told to hurt them, now
        # or just before ('a man attacked me last night').
        if VIOLENT & {*reading.dangers, *reading.recent}:
            profile = [m.term.label for m in said if m.term.weight == 1]
        # 'mon copain m'a tapée': she flees him, they are no couple to shelter together.
        if "partner_violence" in reading.dangers:
            profile = [p for p in profile if p != "couple"]
        # 'je suis partie', 'il m'a frappée': the writer's gender by agreement, unless they
        # write as a professional ('je suis infirmière'); it outweighs a hint of the other.
        if not any(role) and (agreed := self.agreement.genders(words, written)):
            hinted = {m.term.label for m in said if m.term.weight < 1}
            profile = [p for p in profile if p not in GENDERS or p in agreed or p not in hinted]
            profile += agreed
        wordy = any(c.isalpha() for c in text)  # no words, nothing to read again ('1150')
        if self.second_reader and wordy and not reading.dangers:  # a danger comes with a need
            all_read = all(a or b for a, b in zip(meaning_words, taken, strict=True))
            reading = self._read_again(text, reading, all_read)
        named = []
        if language in NAME_LANGUAGES and not reading.dangers:
            named = self._named_places(words, matches, where)
        topics = [m.term.label for m in self.vocabulary.match(read, TOPICS, taken, None, written)]
        # what kind of a need asked: a meal, a parcel, dental care…
        kinds = {f for c in reading.categories for f in PLACE_FORMS.get(c, ())}
        forms = [
            m.term.label
            for m in self.vocabulary.match(read, FORMS, taken, None, written)
            if m.term.label in kinds
        ]
        # An age said by a parent is their child's: the person is not a minor.
        if reading.age is not None and reading.age < MINOR_BELOW and "family" not in profile:
            profile.append("minor")
        intent = "need" if reading.categories or named else "unknown"
        need_words = [m for m in matches if m.term.group == "categories"]
        if intent == "unknown" and reading.intents:
            intent = "help" if "help" in reading.intents else reading.intents[0]
        return Query(
            language=language,
            intent=intent,
            categories=reading.categories,
            when=when.resolve(when.asked(time_phrases, split, markers, need_words), now),
            where=where,
            falc=falc,
            matched_terms=[" ".join(m.term.words) for m in matches],
            place_ids=named,
            topics=list(dict.fromkeys(topics)),
            forms=list(dict.fromkeys(forms)),
            dangers=reading.dangers,
            written=written,
            age=reading.age,
            profile=list(dict.fromkeys(profile)),
            where_unresolved=unresolved,
            outside_paris=unresolved is not None and fold(unresolved) in self.gazetteer.outside,
            far_position=far,
            follow_up=follow_up,
        )

    def _read_again(self, text: str, reading: evidence.Reading, all_read: bool) -> evidence.Reading:
        """What the second reader adds when the rules found no danger: a danger, unless
        the rules read one and judged it over (in the past, negated, laughed off); a need
        or the help when they found no need, unless they read every word as a greeting or
        a question about the bot ('Buenas noches' is no bed asked). Never a change to what
        they found."""
        danger, best = self.second_reader.read(text)
        if not reading.dismissed and danger.probability > SURE:
            return replace(
                reading, categories=["emergency", *reading.categories], dangers=[danger.danger]
            )
        if reading.categories or best.probability <= SURE or (all_read and reading.intents):
            return reading
        if best.label in self.needs:
            return replace(reading, categories=[best.label])
        if best.label == "help" and not reading.intents:  # a question about the bot itself
            return replace(reading, intents=["help"])
        return reading

    def _unresolved(
        self, words: list[str], reserved: list[bool], markers: list[Match]
    ) -> str | None:
        """The words after a place word ('près de', 'قرب', 'near') that are neither a need,
        a time, nor a common word: a place the person named and the bot did not find."""
        known = self._common
        for marker in (m for m in markers if m.term.label == "place"):
            taken = []
            for i in range(marker.end, min(marker.end + 3, len(words))):
                if reserved[i] or words[i] in known or words[i].isdigit():
                    break
                taken.append(words[i])
            if taken:
                return " ".join(taken)
        return None

    def _time_phrases(self, language: str) -> dict[tuple[str, ...], str]:
        """The time words of the language written, French and English ('daba' is 'now'
        in Darija, not in a Somali message)."""
        out: dict[tuple[str, ...], str] = {}
        for code in (ENGLISH, DEFAULT, language):
            if code in self.vocabulary.languages:
                out.update(self.vocabulary.languages[code].when)
        return out

    def _respelled(self, split: Words, language: str) -> Words:
        """SMS spellings rewritten ('jme' → 'je me'), each word keeping its clause."""
        words, clauses = [], []
        read = self.vocabulary.respell(split.words, language, self.gazetteer.words)
        for new, clause in zip(read, split.clauses, strict=True):
            words += new
            clauses += [clause] * len(new)
        return Words(words, clauses, split.questions, split.ends)

    def _named_places(
        self, words: list[str], matches: list[Match], where: Where | None
    ) -> list[str]:
        """Places named in the words that no need or place hint explains."""
        used = set(fold(where.label).split()) if where else set()
        for m in matches:
            used.update(words[i] for i in m.covers)
        return self.place_names.find([w for w in words if w not in used])


FOLLOWING = frozenset({"follow", "break"})  # marker kinds that carry a question on ('et')
LINKING = FOLLOWING | {"place", "arrondissement"}  # and those that lead to a place ('vers')


def _goes_on(
    words: list[str],
    time_words: list[bool],
    place_words: list[bool],
    markers: list[Match],
    named: set[str],
) -> bool:
    """Only a time or a place, with linking words ('et demain matin ?', 'et dans le 20e ?',
    'je suis à Barbès'): the message may go on with the last question. One word of
    anything else ('demain je me tue', 'see you tomorrow') and it is read on its own. With
    no place named, every other word carries on ('à demain' is a farewell). `named`: the
    words of the place found's own name."""

    def mask(kinds: frozenset[str]) -> list[bool]:
        return _mask(len(words), [(m.start, m.end) for m in markers if m.term.label in kinds])

    following, linking = mask(FOLLOWING), mask(LINKING)
    if not (named or any(time_words)):
        return False
    for i, word in enumerate(words):
        if time_words[i] or place_words[i] or following[i] or word in named:
            continue
        small = len(word) <= 2 or any(c.isdigit() for c in word)  # 'le', 'l', '20e'
        if not (named and (linking[i] or small)):
            return False
    return True


def _within(m: Match, mask: list[bool]) -> bool:
    return all(mask[i] for i in m.covers)


def _either(first: list[bool], second: list[bool]) -> list[bool]:
    """True for the words either mask holds."""
    return [a or b for a, b in zip(first, second, strict=True)]


def _mask(size: int, spans: list[tuple[int, int]]) -> list[bool]:
    """True for the words inside any of the spans."""
    mask = [False] * size
    for start, end in spans:
        mask[start:end] = [True] * (end - start)
    return mask
