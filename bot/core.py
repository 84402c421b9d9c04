"""The core: understand a message, look up the directory, compose the reply. No channel here."""

import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path

from .answer import Reply, compose, plain_text
from .clock import paris
from .content import Content
from .directory.store import DirectoryStore
from .i18n import LANGUAGES, Texts
from .place_view import Card, card
from .settings import CACHE_DIR, CONTENT_DIR, DEFAULT_DB, EVAL_DIR, PARIS_TZ
from .understand import Query, Understander, When, Where
from .understand.dictionary import MIN_COUNTS, common_words, dictionary_languages
from .understand.second_reader import SecondReader
from .understand.text import TRANSLITERATION_SAMPLES, latin

# Three places fit one phone screen (about 900 characters in French); 'Suivants' gives more.
PAGE_SIZE = 3
YOUNG_ADULT_AGE = 20
FILTERS = ("woman", "family", "young", "animal")  # what a page may ask for itself


def _out_of_collections() -> None:
    """Keep what was read at start out of Python's cycle collector: half a million objects
    that live as long as the core, which a full collection would walk while a message waits
    (pauses of 100 ms measured in bench/bench_core.py). Garbage is collected first, so none
    is kept for good."""
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class Asked:
    """What a question asked, to read the next message by when it only changes the time
    or the place ('et demain ?', 'et dans le 18e ?'). A channel keeps it in memory, for a
    few minutes, never written anywhere."""

    categories: tuple[str, ...]
    where: Where | None
    profile: tuple[str, ...]

    def as_dict(self) -> dict:
        """As the web page sends it back with its next question (bot/webinput.py)."""
        return {
            "categories": list(self.categories),
            "where": self.where.as_dict() if self.where else None,
            "profile": list(self.profile),
        }


@dataclass
class Result:
    query: Query
    reply: Reply
    said_profile: tuple[str, ...] = ()  # what the words said of the person, not the page's filters

    def asked(self) -> Asked | None:
        """The needs asked, for a follow-up; None after a danger or no need. A shared
        position is not kept ('Je ne garde pas […] votre position'): a place named is."""
        query = self.query
        if query.intent != "need" or query.emergency or not query.categories:
            return None
        where = query.where if query.where and query.where.kind != "coordinates" else None
        return Asked(tuple(query.categories), where, self.said_profile)


def follows(query: Query) -> bool:
    """A message that says only a time or a place, and no need or danger: it asks the
    same again ('et demain ?', 'et vers Barbès ?'). A need no word named (the second
    reader's guess: 'demain matin ?' read as breakfast) gives way to it."""
    guessed = query.intent == "need" and not query.matched_terms and not query.place_ids
    return query.follow_up and (query.intent == "unknown" or guessed) and not query.dangers


class Core:
    """Reads the database and the content once; `ask` does no file or network I/O."""

    def __init__(self, db_path: Path = DEFAULT_DB, content_dir: Path = CONTENT_DIR) -> None:
        self.db_path, self.content_dir = db_path, content_dir
        self.store = DirectoryStore.open(db_path)
        self.content = Content(content_dir)
        self.understander = Understander(
            content_dir,
            list(LANGUAGES),
            self.store.stations,
            self.store.arrondissements,
            self.store.quartiers,
            self.store.named_places(),
            self.store.landmarks,
            self.store.streets,
            SecondReader.load(EVAL_DIR, CACHE_DIR),
        )
        self._warm_up()
        _out_of_collections()

    def adopt(self, fresh: "Core") -> None:
        """Serve from a freshly loaded core (see bot/watch.py). Call it from the event
        loop's thread, so no message is answered half with the old data, half with the new."""
        fresh.store.reported_closed = self.store.reported_closed
        self.store, self.content, self.understander = fresh.store, fresh.content, fresh.understander
        gc.unfreeze()  # the old core's objects may be collected now, then the rest frozen again
        _out_of_collections()

    def follow_reports(self, closed: dict[str, dt.datetime]) -> None:
        """The places the field reported closed (bot/reports.py), for the answers to come."""
        self.store.reported_closed = closed

    def _warm_up(self) -> None:
        """Load now what libraries load lazily (Babel locale data, catalogs, the word
        lists, anyascii's tables), so that answering a message reads no file."""
        moment = dt.datetime(2026, 1, 1, 12, 0, tzinfo=PARIS_TZ)
        for language in LANGUAGES:
            for falc in (False, True):
                texts = Texts(language, falc)
                texts._("Fermé")
                texts.time(moment), texts.weekday(moment), texts.month_year(moment.date())
                texts.number(1.5)
        for code in MIN_COUNTS:
            common_words(dictionary_languages(code))
        for sample in TRANSLITERATION_SAMPLES:  # anyascii reads a table per block of letters
            latin(sample)

    def ask(
        self,
        text: str,
        *,
        language: str | None = None,
        language_hint: str | None = None,
        falc: bool = False,
        near: tuple[float, float] | None = None,
        at: dt.datetime | None = None,
        categories: list[str] | None = None,
        arrondissement: int | None = None,
        limit: int = PAGE_SIZE,
        offset: int = 0,
        when: When | None = None,
        profile: list[str] | None = None,
        open_only: bool = False,
        previous: Asked | None = None,
    ) -> Result:
        """`language` is the person's choice (it wins); `language_hint` the channel's guess;
        `categories` a need already chosen (a menu button) that replaces the one understood;
        `arrondissement` a place already chosen (a printed deep link); `when` the window a
        list was for ('Suivants' after 'demain matin'); `profile` and `open_only` filters
        chosen on a page (woman, family, young, animal; only places open); `previous` what
        the last question asked, for a follow-up that says only a time or a place."""
        query = self.understander.understand(
            text,
            language_hint=language or language_hint,
            near=near,
            at=at,
            falc=falc,
            arrondissement_of=self.store.arrondissement_of,
        )
        if language in LANGUAGES:
            query.language = language
        query.falc = falc and query.language == "fr"
        if previous is not None and follows(query):
            query.intent, query.categories = "need", list(previous.categories)
            # the place of the question goes on, not a position the page sends each time
            shared = query.where is None or query.where.kind == "coordinates"
            if shared and previous.where and not query.where_unresolved:
                query.where = previous.where
            query.profile += [p for p in previous.profile if p not in query.profile]
        said_profile = tuple(query.profile)
        if categories:
            query.intent, query.categories, query.place_ids = "need", list(categories), []
        if when is not None:
            query.when = when
        if arrondissement and query.where is None:
            query.where = self.understander.gazetteer.arrondissement(arrondissement)
        for label in profile or []:
            if label == "young":  # the page's "18-25" filter: places for young adults first
                query.age = query.age or YOUNG_ADULT_AGE
            elif label not in query.profile:
                query.profile.append(label)
        query.open_only = open_only
        if query.place_ids and not query.categories:
            query.categories = [self.store.by_id(query.place_ids[0]).categories[0]]
        return Result(query, compose(query, self.store, self.content, limit, offset), said_profile)

    def page(self, result: Result, limit: int, offset: int = 0) -> Result:
        """The same question with another number of places (a list cut to fit a screen):
        nothing is understood again."""
        reply = compose(result.query, self.store, self.content, limit, offset)
        return Result(result.query, reply, result.said_profile)

    def card(
        self,
        place_id: str,
        category: str | None,
        *,
        language: str = "fr",
        falc: bool = False,
        near: tuple[float, float] | None = None,
        at: dt.datetime | None = None,
        when: When | None = None,
    ) -> Card | None:
        """One place in full (by id or short key), or None when unknown (an old button);
        its status for `when` (the window the list was for), else for the moment `at`."""
        place = self.store.get(place_id) or self.store.by_key(place_id)
        if place is None:
            return None
        category = category if category in place.categories else place.categories[0]
        if when is None:
            moment = paris(at or dt.datetime.now(PARIS_TZ))
            when = When("now", moment, moment)
        lat, lon = near or (None, None)
        found = self.store.found(place, category, when.start, lat, lon, when.end)
        return card(Texts(language, falc and language == "fr"), found, when)


def result_json(text: str, result: Result) -> dict:
    """The answer to one message as `python -m bot ask --json` and the web API give it."""
    query, reply = result.query, result.reply
    return {
        "text": text,
        "language": query.language,
        "intent": query.intent,
        "categories": query.categories,
        "dangers": query.dangers,
        "written": query.written,
        "where": query.where.as_dict() if query.where else None,
        "when": {**query.when.as_dict(), "at": query.when.start.isoformat()},
        "falc": query.falc,
        "places": [
            {
                "id": p.id,
                "name": p.name,
                "category": p.category,
                "address": p.address,
                "arrondissement": p.arrondissement,
                "distance_m": p.distance_m,
                "open": p.open,
                "opens_at": iso(p.opens_at),
                "closes_at": iso(p.closes_at),
                "always_open": p.always_open,
                "closing_unknown": p.closing_unknown,
                "audience": p.audience,
                "access": p.access,
                "forms": p.forms,
                "inside_area": p.inside_area,
                "open_now": p.open,
                "next_change": iso(p.next_change),
                "reported_closed": iso(p.reported_closed),
            }
            for p in reply.places
        ],
        "nothing_open": reply.nothing_open,
        "where_unresolved": query.where_unresolved,
        "profile": query.profile,
        "asked": asked.as_dict() if (asked := result.asked()) else None,
        "forms": query.forms,
        "numbers": [n.number for n in reply.numbers],
        "alerts": reply.alerts,
        "answer": plain_text(reply),
    }


def iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None
