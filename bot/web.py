"""The web chat and its JSON API (aiohttp): the same core, a small page, nothing stored
about the person.

GET / the chat page (lang= for its language, lang=falc for easy-to-read French); POST / the
same page with an answer (works without JavaScript); POST /api/ask the answer as JSON (the
`ask --json` object plus its HTML); POST /api/where the arrondissement of a position;
GET /lieu/<id> one place; POST /lieu/<id>/signaler a report from the field, stored without
identifier (bot/reports.py); GET /guide an index of GET /guide/<arrondissement>/<category>,
printable sheets; GET /healthz. Every response carries the security headers; errors are a
page in the person's language, or JSON under /api/.
"""

import asyncio
import contextlib
import datetime as dt
import json
import logging
from http import HTTPStatus

from aiohttp import web
from aiohttp.typedefs import Handler

from .clock import paris
from .content import MENU
from .core import FILTERS, Core, Result, result_json
from .i18n import Texts
from .numbers import number_label
from .observations import Observations, write_every
from .place_view import card as make_card
from .reports import KINDS, FieldReports, follow
from .settings import MAX_TEXT, PARIS_TZ, Settings
from .understand import When
from .watch import watch
from .webassets import ASSETS
from .webguide import guide_index, guide_page, not_found_page, place_page
from .webinput import (
    RateLimiter,
    choice_of,
    client,
    language_of,
    parse_at,
    parse_near,
    parse_previous,
    switched_on,
    texts_for,
)
from .webpage import answer_html, labels, language_code, page

log = logging.getLogger("bot.web")
MAX_BODY = 16 * 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SERVER_NAME = "paris-orientation-bot"  # never the library's name and version
TEXT_TYPES = ("text/", "application/json", "image/svg+xml", "application/javascript")
# The numbers a printed sheet or a place's page lists.
USEFUL_NUMBERS = ("115", "15", "17", "112", "114")
CORE = web.AppKey("core", Core)
SETTINGS = web.AppKey("settings", Settings)
LIMITER = web.AppKey("limiter", object)
WATCHER = web.AppKey("watcher", asyncio.Task)
OBSERVATIONS = web.AppKey("observations", Observations)
WRITER = web.AppKey("writer", asyncio.Task)
REPORTS = web.AppKey("reports", FieldReports)
FOLLOWER = web.AppKey("follower", asyncio.Task)


def ask(core: Core, fields: dict) -> Result:
    """One question from the page or the API: text, lang (the person's choice), page_lang
    (the page's language: a hint only), falc, near, at, category, filters."""
    category = fields.get("category") or None
    if category is not None and category not in MENU:
        raise ValueError(f"unknown category {str(category)[:40]!r} (known: {', '.join(MENU)})")
    chosen = choice_of(fields.get("lang"))
    falc = switched_on(fields.get("falc"))
    filters = fields.get("filters") or []
    if not isinstance(filters, list) or not set(filters) <= {"open", *FILTERS}:
        raise ValueError(f"filters are a list of: open, {', '.join(FILTERS)}")
    return core.ask(
        str(fields.get("text") or "")[:MAX_TEXT],
        language=chosen.language if chosen else None,
        language_hint=language_of(fields.get("page_lang")),
        falc=falc or bool(chosen and chosen.falc),
        near=parse_near(fields.get("near")),
        at=parse_at(fields.get("at")),
        categories=[category] if category else None,
        profile=[f for f in filters if f != "open"],
        open_only="open" in filters,
        previous=parse_previous(fields.get("previous"), core.store.categories),
    )


def menu_for(core: Core, texts: Texts) -> dict[str, str]:
    return {c: core.content.get(texts.language, f"menu.{c}", texts.falc) for c in MENU}


def asked_words(core: Core, fields: dict, texts: Texts) -> str:
    """What to echo above the answer: the words typed, or the need's button."""
    text = str(fields.get("text") or "")[:MAX_TEXT].strip()
    category = fields.get("category")
    return text or (menu_for(core, texts).get(category, "") if category else "")


def html_response(text: str, status: int = 200) -> web.Response:
    response = web.Response(text=text, status=status, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


async def chat_page(request: web.Request) -> web.Response:
    core = request.app[CORE]
    texts, chosen = texts_for(request)
    return html_response(page(texts, menu_for(core, texts), [], chosen=chosen))


async def chat_post(request: web.Request) -> web.Response:
    """The form without JavaScript: the same page, with the answer in it, in the answer's
    language (unless the person chose one)."""
    core = request.app[CORE]
    posted = await request.post()
    form = {**posted, "filters": posted.getall("filter", [])}
    form["near"] = {"lat": form.get("lat"), "lon": form.get("lon")}
    texts, chosen = texts_for(request, form)
    if not request.app[LIMITER].allow(client(request)):
        notice = texts._("Trop de demandes. Attendez une minute, puis réessayez.")
        body = page(texts, menu_for(core, texts), [], chosen=chosen, notice=notice)
        return html_response(body, status=429)
    try:
        result = ask(core, form)
    except ValueError:
        return html_response(page(texts, menu_for(core, texts), [], chosen=chosen), status=400)
    request.app[OBSERVATIONS].record("web", result)
    reply = result.reply
    texts = texts if chosen else Texts(reply.language, reply.falc)
    answer = answer_html(reply, asked_words(core, form, texts), core.store.outlines)
    body = page(texts, menu_for(core, texts), [answer], chosen=chosen, filters=form["filters"])
    return html_response(body)


def json_error(message: str, status: int) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def api_ask(request: web.Request) -> web.Response:
    core = request.app[CORE]
    if not request.app[LIMITER].allow(client(request)):
        texts, _ = texts_for(request)
        message = texts._("Trop de demandes. Attendez une minute, puis réessayez.")
        return json_error(message, 429)
    try:
        fields = await request.json()
        if not isinstance(fields, dict):
            raise ValueError("expected a JSON object")
        result = ask(core, fields)
    except (ValueError, TypeError) as error:
        return json_error(f"bad request: {error}", 400)
    request.app[OBSERVATIONS].record("web", result)
    reply = result.reply
    texts = Texts(reply.language, reply.falc)
    body = result_json(str(fields.get("text") or "")[:MAX_TEXT], result)
    body["html"] = answer_html(reply, asked_words(core, fields, texts), core.store.outlines)
    body["direction"] = "rtl" if reply.rtl else "ltr"
    page_texts, _ = texts_for(request, fields)
    if (page_texts.language, page_texts.falc) != (texts.language, texts.falc):
        body["labels"] = labels(texts, menu_for(core, texts))  # the page follows the person
    return web.json_response(body, dumps=lambda data: json.dumps(data, ensure_ascii=False))


async def api_where(request: web.Request) -> web.Response:
    """The words for a position the page found: 'Paris 18e', or outside Paris."""
    try:
        fields = await request.json()
        point = parse_near(fields if isinstance(fields, dict) else None)
        if point is None:
            raise ValueError("lat and lon are needed")
    except (ValueError, TypeError) as error:
        return json_error(f"bad request: {error}", 400)
    texts = choice_of(fields.get("lang")) or Texts("fr")
    number = request.app[CORE].store.arrondissement_of(*point)
    if number is None:
        return web.json_response({"arrondissement": None, "label": texts._("hors de Paris")})
    label = texts._("Paris {arrondissement}", arrondissement=texts.ordinal(number))
    return web.json_response({"arrondissement": number, "label": label})


def useful_numbers(core: Core, texts: Texts) -> list[tuple[str, str]]:
    return [
        (n["number"], number_label(core.content, texts.language, texts.falc, n))
        for n in core.store.numbers
        if n["number"] in USEFUL_NUMBERS
    ]


async def place(request: web.Request) -> web.Response:
    """/lieu/<id>: one place in full, to look at or to share."""
    core = request.app[CORE]
    texts, _ = texts_for(request)
    card = core.card(request.match_info["id"], None, language=texts.language, falc=texts.falc)
    if card is None:
        raise web.HTTPNotFound()
    share = str(request.url.with_query({"lang": language_code(texts)}))
    reported = request.query.get("signale") == "1"
    numbers = useful_numbers(core, texts)
    return html_response(place_page(texts, card, core.store.outlines, share, numbers, reported))


async def report(request: web.Request) -> web.Response:
    """POST /lieu/<id>/signaler: one report from the field, then the place's page thanks
    (post, redirect, get: a reload sends nothing twice)."""
    core = request.app[CORE]
    place_id = request.match_info["id"]
    if core.store.get(place_id) is None:
        raise web.HTTPNotFound()
    posted = await request.post()
    texts, _ = texts_for(request, posted)
    if not request.app[LIMITER].allow(client(request)):
        raise web.HTTPTooManyRequests()
    kind = str(posted.get("kind") or "")
    if kind not in KINDS:
        raise web.HTTPBadRequest()
    note = str(posted.get("note") or "")
    request.app[REPORTS].add(place_id, kind, dt.datetime.now(PARIS_TZ), client(request), note)
    query = {"lang": language_code(texts), "signale": "1"}
    raise web.HTTPSeeOther(request.app.router["place"].url_for(id=place_id).with_query(query))


async def guides(request: web.Request) -> web.Response:
    core = request.app[CORE]
    texts, _ = texts_for(request)
    titles = {
        c: core.content.get(texts.language, f"categories.{c}.title", texts.falc) for c in MENU
    }
    return html_response(guide_index(texts, titles))


async def guide(request: web.Request) -> web.Response:
    """/guide/18/shower: one printable page for an arrondissement and a category."""
    core = request.app[CORE]
    texts, _ = texts_for(request)
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
    username = request.app[SETTINGS].telegram_username
    link = (
        f"https://t.me/{username}?start={category}_{arrondissement}_{texts.language}"
        if username
        else None
    )
    body = guide_page(texts, title, cards, useful_numbers(core, texts), link, now.date())
    return html_response(body)


async def static_file(request: web.Request) -> web.Response:
    return ASSETS.response(request.path)


async def favicon(request: web.Request) -> web.Response:
    return ASSETS.response(ASSETS.url("icon.svg"))


async def health(request: web.Request) -> web.Response:
    return web.Response(text="ok")


@web.middleware
async def errors_and_compression(request: web.Request, handler: Handler) -> web.StreamResponse:
    """An error is a page in the person's language, or JSON under /api/, never a trace;
    text is compressed when the browser accepts it."""
    try:
        response = await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        response = error_response(request, error.status)
    except Exception as error:  # the person gets a page, the log the error's type only
        log.error("web request failed: %s", type(error).__name__)
        response = error_response(request, 500)
    if (
        isinstance(response, web.Response)
        and (response.content_type or "").startswith(TEXT_TYPES)
        and "gzip" in request.headers.get("Accept-Encoding", "")
        and len(response.body or b"") > 512
    ):
        response.enable_compression(web.ContentCoding.gzip)
    return response


def error_response(request: web.Request, status: int) -> web.Response:
    if request.path.startswith("/api/"):
        return json_error(HTTPStatus(status).phrase.lower(), status)
    texts, _ = texts_for(request)
    return html_response(not_found_page(texts, status), status=status)


async def finish_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Every response, errors included: the security headers, no version in Server."""
    response.headers.update(SECURITY_HEADERS)
    response.headers["Server"] = SERVER_NAME
    response.headers.setdefault("Cache-Control", "no-store")


async def start_watching(app: web.Application) -> None:
    settings = app[SETTINGS]
    app[WRITER] = asyncio.create_task(write_every(app[OBSERVATIONS]))
    app[FOLLOWER] = asyncio.create_task(follow(app[REPORTS], settings.reload_seconds or 60))
    if settings.reload_seconds > 0:
        app[WATCHER] = asyncio.create_task(
            watch(app[CORE], settings.directory_dir, settings.reload_seconds)
        )


async def stop_watching(app: web.Application) -> None:
    for task in (app.get(WATCHER), app.get(WRITER), app.get(FOLLOWER)):
        if task:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    app[OBSERVATIONS].close()
    app[REPORTS].close()


def create_app(core: Core, settings: Settings) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY, middlewares=[errors_and_compression])
    app[CORE] = core
    app[SETTINGS] = settings
    app[LIMITER] = RateLimiter(settings.web_rate_limit)
    app[OBSERVATIONS] = Observations(settings.shared_db("observations"))
    app[REPORTS] = FieldReports(settings.shared_db("reports"), on_change=core.follow_reports)
    app.router.add_get("/", chat_page)
    app.router.add_post("/", chat_post)
    app.router.add_post("/api/ask", api_ask)
    app.router.add_post("/api/where", api_where)
    app.router.add_get("/lieu/{id}", place, name="place")
    app.router.add_post("/lieu/{id}/signaler", report)
    app.router.add_get("/guide", guides)
    app.router.add_get("/guide/{arrondissement}/{category}", guide)
    app.router.add_get("/healthz", health)
    app.router.add_get("/static/{name}", static_file)
    app.router.add_get("/favicon.ico", favicon)
    app.on_response_prepare.append(finish_headers)
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
