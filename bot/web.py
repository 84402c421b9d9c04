"""The web chat and its JSON API (aiohttp): the same core, a small page, nothing stored.

GET / the chat page (lang= for its language); POST / the same page with an answer (works
without JavaScript); POST /api/ask the answer as JSON (the `ask --json` object plus its
HTML); GET /guide/<arrondissement>/<category> a printable sheet; GET /healthz.
"""

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import secrets
import time
from collections import defaultdict, deque
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Handler

from .clock import paris, valid_moment
from .content import MENU
from .core import Core, Result, result_json
from .i18n import LANGUAGES, Texts
from .observations import Observations, write_every
from .place_view import card as make_card
from .settings import PARIS_TZ, Settings
from .understand import When
from .watch import watch
from .webpage import answer_html, guide_page, page

log = logging.getLogger("bot.web")
STATIC = Path(__file__).parent / "static"
MAX_BODY = 16 * 1024
MAX_TEXT = 1000
RATE_LIMIT = 30  # requests a minute per client
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
    "Cache-Control": "no-store",
}
CORE = web.AppKey("core", Core)
SETTINGS = web.AppKey("settings", Settings)
LIMITER = web.AppKey("limiter", object)
WATCHER = web.AppKey("watcher", asyncio.Task)
OBSERVATIONS = web.AppKey("observations", Observations)
WRITER = web.AppKey("writer", asyncio.Task)


class RateLimiter:
    """Requests per client in the last minute, in memory only, under a salted hash of the
    address that changes at each start (nothing about a visitor outlives the process)."""

    def __init__(self, per_minute: int = RATE_LIMIT) -> None:
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


def ask(core: Core, fields: dict) -> Result:
    """One question from the page or the API: text, lang, falc, near, at, category."""
    category = fields.get("category") or None
    if category is not None and category not in MENU:
        raise ValueError(f"unknown category {str(category)[:40]!r} (known: {', '.join(MENU)})")
    return core.ask(
        str(fields.get("text") or "")[:MAX_TEXT],
        language=language_of(fields.get("lang")),
        falc=str(fields.get("falc")).lower() in ("1", "true", "on", "yes"),
        near=parse_near(fields.get("near")),
        at=parse_at(fields.get("at")),
        categories=[category] if category else None,
    )


def client(request: web.Request) -> str:
    return request.remote or "unknown"


def texts_for(request: web.Request, fields: dict | None = None) -> Texts:
    fields = fields or {}
    language = language_of(fields.get("lang")) or language_of(request.query.get("lang"))
    if language is None:
        header = request.headers.get("Accept-Language", "")
        language = next(
            (c for c in (language_of(p.split(";")[0]) for p in header.split(",")) if c), "fr"
        )
    falc = str(fields.get("falc") or request.query.get("falc")) in ("1", "on", "true")
    return Texts(language, falc and language == "fr")


def menu_for(core: Core, texts: Texts) -> dict[str, str]:
    return {c: core.content.get(texts.language, f"menu.{c}", texts.falc) for c in MENU}


def html_response(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


async def chat_page(request: web.Request) -> web.Response:
    core = request.app[CORE]
    texts = texts_for(request)
    return html_response(page(texts, menu_for(core, texts), [], falc=texts.falc))


async def chat_post(request: web.Request) -> web.Response:
    """The form without JavaScript: the same page, with the answer in it."""
    core = request.app[CORE]
    form = dict(await request.post())
    form["near"] = {"lat": form.get("lat"), "lon": form.get("lon")}
    texts = texts_for(request, form)
    if not request.app[LIMITER].allow(client(request)):
        notice = texts._("Trop de demandes. Attendez une minute, puis réessayez.")
        return html_response(page(texts, menu_for(core, texts), [], notice=notice), status=429)
    try:
        result = ask(core, form)
    except ValueError:
        return html_response(page(texts, menu_for(core, texts), []), status=400)
    request.app[OBSERVATIONS].record("web", result)
    answer = answer_html(result.reply)
    return html_response(page(texts, menu_for(core, texts), [answer], falc=texts.falc))


async def api_ask(request: web.Request) -> web.Response:
    core = request.app[CORE]
    if not request.app[LIMITER].allow(client(request)):
        texts = texts_for(request)
        message = texts._("Trop de demandes. Attendez une minute, puis réessayez.")
        return web.json_response({"error": message}, status=429)
    try:
        fields = await request.json()
        if not isinstance(fields, dict):
            raise ValueError("expected a JSON object")
        result = ask(core, fields)
    except (ValueError, TypeError) as error:
        return web.json_response({"error": f"bad request: {error}"}, status=400)
    request.app[OBSERVATIONS].record("web", result)
    body = result_json(str(fields.get("text") or "")[:MAX_TEXT], result)
    body["html"] = answer_html(result.reply)
    body["direction"] = "rtl" if result.reply.rtl else "ltr"
    return web.json_response(body, dumps=lambda data: json.dumps(data, ensure_ascii=False))


async def guide(request: web.Request) -> web.Response:
    """/guide/18/shower: one printable page for an arrondissement and a category."""
    core = request.app[CORE]
    texts = texts_for(request)
    category = request.match_info["category"]
    try:
        arrondissement = int(request.match_info["arrondissement"])
    except ValueError:
        raise web.HTTPNotFound() from None
    if category not in MENU or not 1 <= arrondissement <= 20:
        raise web.HTTPNotFound()
    now = paris(dt.datetime.now(PARIS_TZ))
    found = core.store.find(category, now, arrondissement=arrondissement, limit=8)
    cards = [make_card(texts, f, When("now", now, now)) for f in found]
    title = (
        core.content.get(texts.language, f"categories.{category}.title", texts.falc)
        + " · "
        + texts._("Paris {arrondissement}", arrondissement=texts.ordinal(arrondissement))
    )
    numbers = [
        (n["number"], n["label"])
        for n in core.store.numbers
        if n["number"] in ("115", "15", "17", "112", "114")
    ]
    username = request.app[SETTINGS].telegram_username
    link = (
        f"https://t.me/{username}?start={category}_{arrondissement}_{texts.language}"
        if username
        else None
    )
    return html_response(guide_page(texts, title, cards, numbers, link, now.date()))


async def health(request: web.Request) -> web.Response:
    return web.Response(text="ok")


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    response.headers.update(SECURITY_HEADERS)
    return response


async def start_watching(app: web.Application) -> None:
    settings = app[SETTINGS]
    app[WRITER] = asyncio.create_task(write_every(app[OBSERVATIONS]))
    if settings.reload_seconds > 0:
        app[WATCHER] = asyncio.create_task(
            watch(app[CORE], settings.directory_dir, settings.reload_seconds)
        )


async def stop_watching(app: web.Application) -> None:
    for task in (app.get(WATCHER), app.get(WRITER)):
        if task:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    app[OBSERVATIONS].close()


def create_app(core: Core, settings: Settings) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY, middlewares=[security_headers])
    app[CORE] = core
    app[SETTINGS] = settings
    app[LIMITER] = RateLimiter()
    app[OBSERVATIONS] = Observations(settings.data_dir / "observations.db")
    app.router.add_get("/", chat_page)
    app.router.add_post("/", chat_post)
    app.router.add_post("/api/ask", api_ask)
    app.router.add_get("/guide/{arrondissement}/{category}", guide)
    app.router.add_get("/healthz", health)
    app.router.add_static("/static", STATIC)
    app.on_startup.append(start_watching)
    app.on_cleanup.append(stop_watching)
    return app


def serve(settings: Settings, core: Core, host: str | None = None, port: int | None = None) -> None:
    """Serve the web chat until interrupted; no access log (it would hold addresses)."""
    host = host or settings.host
    port = port or settings.port
    print(f"Web chat on http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    web.run_app(
        create_app(core, settings),
        host=host,
        port=port,
        access_log=None,
        print=None,
        shutdown_timeout=5,
    )
