"""What a web request says: the person's language (chosen or not), a position, a moment;
and how often a client asks (in memory, under a salted hash of its address)."""

import datetime as dt
import hashlib
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Collection

from aiohttp import web

from .answer import MAX_CATEGORIES
from .clock import valid_moment
from .core import Asked
from .directory.geo import far_from_paris
from .i18n import LANGUAGES, Texts
from .understand import Where
from .understand.check import PROFILES


class RateLimiter:
    """Requests per client in the last minute, in memory only, under a salted hash of the
    address that changes at each start (nothing about a visitor outlives the process)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.salt = secrets.token_bytes(16)
        self.hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, address: str) -> bool:
        key = hashlib.sha256(self.salt + address.encode()).hexdigest()[:16]
        now = time.monotonic()
        hits = self.hits[key]
        while hits and now - hits[0] > 60:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        if len(self.hits) > 10_000:  # forget idle clients
            for stale in [k for k, v in self.hits.items() if not v or now - v[-1] > 60]:
                del self.hits[stale]
        return True


def language_of(value: object) -> str | None:
    code = str(value or "").split("-")[0].lower()
    return code if code in LANGUAGES else None


def switched_on(value: object) -> bool:
    """A form's or JSON's yes: true, "1", "on", "yes"."""
    return str(value).lower() in ("1", "true", "on", "yes")


def choice_of(value: object) -> Texts | None:
    """A language the person chose: a code, or 'falc' for easy-to-read French."""
    if str(value or "").lower() == "falc":
        return Texts("fr", True)
    language = language_of(value)
    return Texts(language) if language else None


def parse_at(value: object) -> dt.datetime | None:
    """An ISO moment, Paris time unless it says otherwise; ValueError in plain words."""
    return valid_moment(dt.datetime.fromisoformat(str(value))) if value else None


def parse_near(value: object) -> tuple[float, float] | None:
    if (
        isinstance(value, dict)
        and value.get("lat") not in (None, "")
        and value.get("lon") not in (None, "")
    ):
        lat, lon = float(value["lat"]), float(value["lon"])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
        raise ValueError("lat/lon out of range")
    return None


WHERE_KINDS = ("station", "street", "arrondissement")  # a shared position is never kept
MAX_LABEL = 80


def parse_previous(value: object, categories: Collection[str]) -> Asked | None:
    """What the last answer asked (its `asked`), sent back by the page with the next
    question for a follow-up ('et demain ?'): the page keeps it, the server nothing."""
    if value in (None, ""):
        return None
    if not isinstance(value, dict):
        raise ValueError("previous is the 'asked' of the last answer")
    needs = value.get("categories")
    known = set(categories) - {"emergency"}  # a danger is never carried on
    if not isinstance(needs, list) or not needs or not set(needs) <= known:
        raise ValueError("previous.categories are needs the bot knows")
    needs = list(dict.fromkeys(needs))[:MAX_CATEGORIES]
    profile = value.get("profile") or []
    if not isinstance(profile, list) or not set(profile) <= set(PROFILES):
        raise ValueError(f"previous.profile is a list of: {', '.join(PROFILES)}")
    where, place = value.get("where"), None
    if where is not None:
        if not isinstance(where, dict) or where.get("kind") not in WHERE_KINDS:
            raise ValueError(f"previous.where.kind is one of: {', '.join(WHERE_KINDS)}")
        point = parse_near(where)
        number = where.get("arrondissement")
        in_paris = point is not None and not far_from_paris(*point)
        whole = type(number) is int and 1 <= number <= 20
        if not in_paris or not (whole or number is None and where["kind"] != "arrondissement"):
            raise ValueError("previous.where has lat, lon in Paris and an arrondissement 1-20")
        label = str(where.get("label") or "")[:MAX_LABEL]
        place = Where(label, *point, number, where["kind"])
    return Asked(tuple(needs), place, tuple(profile))


def client(request: web.Request) -> str:
    return request.remote or "unknown"


def texts_for(request: web.Request, fields: dict | None = None) -> tuple[Texts, bool]:
    """The page's language, and whether the person chose it (then it wins over the one
    their words show): a choice in the form or the address, else the page's own language,
    else the browser's."""
    fields = fields or {}
    chosen = choice_of(fields.get("lang")) or choice_of(request.query.get("lang"))
    if chosen:
        return chosen, True
    language = language_of(fields.get("page_lang"))
    if language is None:
        header = request.headers.get("Accept-Language", "")
        language = next(
            (c for c in (language_of(p.split(";")[0]) for p in header.split(",")) if c), "fr"
        )
    return Texts(language, switched_on(fields.get("falc")) and language == "fr"), False
