"""The pipeline: normalise → time → terms → place → language → intent and categories."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from ..settings import PARIS_TZ
from . import language, when
from .names import PlaceNames
from .query import Query, Where
from .text import fold, tokens
from .vocabulary import Match, Vocabulary
from .where import Gazetteer

INTENTS = ("greeting", "help")
NAME_LANGUAGES = ("fr", "en")  # place names are looked for in these messages only


class Understander:
    """Reads its vocabularies and gazetteer once; `understand` does no I/O."""

    def __init__(
        self,
        content_dir: Path,
        languages: list[str],
        stations: list[dict],
        arrondissements: list[dict],
        quartiers: list[dict],
        place_names: dict[str, str] | None = None,
    ) -> None:
        self.vocabulary = Vocabulary(content_dir, languages)
        self.topic_vocabulary = Vocabulary(content_dir, languages, groups=("topics",))
        reserved = {" ".join(t.words) for t in self.vocabulary.terms}
        self.gazetteer = Gazetteer(stations, arrondissements, quartiers, reserved)
        # Words too common to name a place: every term of every language, and the small
        # words of French and English, the languages maraude teams write in.
        generic = {w for term in self.vocabulary.terms for w in term.words}
        for code in NAME_LANGUAGES:
            if code in self.vocabulary.languages:
                generic |= self.vocabulary.languages[code].words
        self.place_names = PlaceNames(place_names or {}, generic)
        self.time_phrases = {}
        for data in self.vocabulary.languages.values():
            self.time_phrases.update(data.when)

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
        now = (at or dt.datetime.now(PARIS_TZ)).astimezone(PARIS_TZ)
        words = self.vocabulary.respell(tokens(text))
        time_hint = when.find_spec(words, self.time_phrases)
        masked = list(words)
        if time_hint:
            masked[time_hint[1] : time_hint[2]] = [""] * (time_hint[2] - time_hint[1])
        matches = self.vocabulary.match(masked, self.gazetteer.words)
        covered = [not w for w in masked]
        for m in matches:
            covered[m.start : m.end] = [True] * (m.end - m.start)
        where = self.gazetteer.find(words, covered)
        if where is None and near is not None:
            lat, lon = near
            number = arrondissement_of(lat, lon) if arrondissement_of else None
            where = Where("position", lat, lon, number, "coordinates")
        language_code = language.detect(text, words, matches, self.vocabulary, language_hint)
        named = []
        if language_code in NAME_LANGUAGES:
            named = self._named_places(words, matches, where)
        categories = rank_categories(matches)
        topics = list(dict.fromkeys(m.term.label for m in self.topic_vocabulary.match(masked)))
        labels = {m.term.label for m in matches}
        intent = (
            "need" if categories or named else next((i for i in INTENTS if i in labels), "unknown")
        )
        return Query(
            language=language_code,
            intent=intent,
            categories=categories,
            when=when.resolve(time_hint[0] if time_hint else "now", now),
            where=where,
            falc=falc,
            matched_terms=[" ".join(m.term.words) for m in matches],
            place_ids=named,
            topics=topics,
        )

    def _named_places(
        self, words: list[str], matches: list[Match], where: Where | None
    ) -> list[str]:
        """Places named in the words that no need or place hint explains."""
        used = set(fold(where.label).split()) if where else set()
        for m in matches:
            used.update(words[m.start : m.end])
        return self.place_names.find([w for w in words if w not in used])


def rank_categories(matches: list[Match]) -> list[str]:
    """Need categories, main first: emergency always first, then by weight, then position."""
    score: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for m in matches:
        if m.term.label in INTENTS:
            continue
        score[m.term.label] += m.term.weight * (1 if m.exact else 0.8)
        first.setdefault(m.term.label, m.start)
    return sorted(score, key=lambda c: (c != "emergency", -score[c], first[c]))
