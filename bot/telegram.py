"""The Telegram channel's wiring: the application, long polling, or a webhook on aiohttp.

Follows python-telegram-bot's custom-webhook pattern: with a webhook the application has no
updater; an aiohttp handler checks Telegram's secret header and puts each update on the
application's queue.
"""

import asyncio
import contextlib
import logging
import secrets
import signal
from functools import partial
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder

from .core import Core
from .delivery import DeliveringRateLimiter, OneChatAtATime
from .handlers import register
from .handlers.start import command_list
from .i18n import LANGUAGES
from .observations import Observations, write_every
from .preferences import PreferenceStore, load_key
from .reports import FieldReports, follow
from .settings import Settings
from .watch import watch

log = logging.getLogger("bot.telegram")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1_000_000
COMMANDS_RETRY_S = 60  # the command menus, when Telegram refused them at start-up


def build_application(settings: Settings, core: Core, *, webhook: bool = False) -> Application:
    """The python-telegram-bot application with every handler, the core and preferences."""
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .rate_limiter(DeliveringRateLimiter(overall_max_rate=settings.telegram_max_rate))
        .read_timeout(settings.telegram_timeout_s)
        .write_timeout(settings.telegram_timeout_s)
        .concurrent_updates(OneChatAtATime())
        .post_init(partial(on_start, settings))
        .post_stop(on_stop)
    )
    if webhook:
        builder = builder.updater(None)
    application = builder.build()
    if settings.database_url and not settings.preferences_key:
        # Each worker would make its own key: /oubli on one would leave the others' rows.
        raise ValueError(
            "BOT_DATABASE_URL is set: set BOT_PREFERENCES_KEY too, the same on every worker"
        )
    key = load_key(settings.key_file, settings.preferences_key, settings.data_dir)
    application.bot_data["core"] = core
    application.bot_data["preferences"] = PreferenceStore(settings.shared_db("preferences"), key)
    application.bot_data["observations"] = Observations(settings.shared_db("observations"))
    application.bot_data["reports"] = FieldReports(
        settings.shared_db("reports"), on_change=core.follow_reports
    )
    register(application)
    return application


async def on_start(settings: Settings, application: Application) -> None:
    """Once connected: the command lists (in the background: a Bot API error must not stop
    the bot from answering), and the watch on the directory files."""
    application.bot_data["commands"] = asyncio.create_task(set_commands_until_done(application))
    application.bot_data["writer"] = asyncio.create_task(
        write_every(application.bot_data["observations"])
    )
    application.bot_data["reports_follower"] = asyncio.create_task(
        follow(application.bot_data["reports"], settings.reload_seconds or 60)
    )
    if settings.reload_seconds > 0:
        core = application.bot_data["core"]
        application.bot_data["watcher"] = asyncio.create_task(
            watch(core, settings.directory_dir, settings.reload_seconds)
        )


async def on_stop(application: Application) -> None:
    """Stop watching the files and write the last counts (PTB would wait for a task of
    its own forever)."""
    for name in ("commands", "watcher", "writer", "reports_follower"):
        task = application.bot_data.pop(name, None)
        if task:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    application.bot_data["observations"].close()
    application.bot_data["reports"].close()


async def set_commands_until_done(application: Application) -> None:
    while True:
        try:
            await set_commands(application)
            return
        except TelegramError as error:
            log.warning("command menus not set (%s), again in %s s", error, COMMANDS_RETRY_S)
            await asyncio.sleep(COMMANDS_RETRY_S)


async def set_commands(application: Application) -> None:
    """The command list in each supported language (French also as the default)."""
    for language in LANGUAGES:
        await application.bot.set_my_commands(command_list(language), language_code=language)
    await application.bot.set_my_commands(command_list("fr"))


def run_polling(settings: Settings, core: Core) -> None:
    application = build_application(settings, core)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    application.bot_data["preferences"].close()


def webhook_app(application: Application, secret: str, path: str) -> web.Application:
    """The aiohttp server: POST <path> with Telegram's secret header, GET /healthz."""

    async def receive(request: web.Request) -> web.Response:
        if not secrets.compare_digest(request.headers.get(SECRET_HEADER, ""), secret):
            return web.Response(status=403, text="forbidden")
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400, text="not JSON")
        await application.update_queue.put(Update.de_json(data, application.bot))
        return web.Response(text="ok")

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    app.router.add_post(path, receive)
    app.router.add_get("/healthz", health)
    return app


async def serve_webhook(settings: Settings, core: Core) -> None:
    """Run until SIGINT/SIGTERM, then stop cleanly."""
    application = build_application(settings, core, webhook=True)
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    path = urlparse(settings.webhook_url).path or "/telegram"
    # no access-log line per update: when and how often someone wrote is theirs
    runner = web.AppRunner(webhook_app(application, secret, path), access_log=None)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with application:
        await application.bot.set_webhook(
            settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
        )
        await on_start(settings, application)
        await application.start()
        await runner.setup()
        await web.TCPSite(runner, settings.host, settings.port).start()
        log.info("webhook server on %s:%s%s", settings.host, settings.port, path)
        await stop.wait()
        await runner.cleanup()
        await on_stop(application)
        await application.stop()
    application.bot_data["preferences"].close()
