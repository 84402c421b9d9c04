"""Shared fixtures: real directory files, real SQLite databases, real processes and servers."""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from postgres_server import PostgresServer

from bot.core import Core
from bot.settings import DIRECTORY_DIR, Settings
from bot.telegram import build_application
from bot.web import create_app

FIXTURES = Path(__file__).parent / "fixtures"
ARRONDISSEMENTS = "paris_arrondissements_copy-2025-03-21.geojson"


def run_bot(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m bot ...` as a person would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the whole run (tests/postgres_server.py), in a folder of its
    own under /tmp (pytest's is closed to the `postgres` user)."""
    folder = Path(tempfile.mkdtemp(prefix="bot-postgres-"))
    server = PostgresServer(folder).start()
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def make_directory(tmp_path: Path):
    """A small directory: the real categories and numbers, the arrondissement layer, the
    named fixture place files (tests/fixtures/places/<name>.yaml) and notices
    (tests/fixtures/alerts/<name>.yaml)."""

    def make(*names: str, alerts: tuple[str, ...] = ()) -> Path:
        root = tmp_path / "directory"
        (root / "places").mkdir(parents=True)
        (root / "opendata").mkdir()
        for name in ("categories.yaml", "emergency_numbers.yaml"):
            shutil.copy(DIRECTORY_DIR / name, root / name)
        shutil.copy(DIRECTORY_DIR / "opendata" / ARRONDISSEMENTS, root / "opendata")
        (root / "opendata" / "sources.yaml").write_text(
            f"arrondissements:\n  file: {ARRONDISSEMENTS}\n", encoding="utf-8"
        )
        for name in names:
            target = root / "places" / (name.replace("_", "-") + ".yaml")
            shutil.copy(FIXTURES / "places" / f"{name}.yaml", target)
        for name in alerts:
            (root / "alerts").mkdir(exist_ok=True)
            shutil.copy(FIXTURES / "alerts" / f"{name}.yaml", root / "alerts")
        return root

    return make


@pytest.fixture(scope="session")
def directory_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped directory, built into a fresh SQLite file by the real command."""
    output = tmp_path_factory.mktemp("db") / "directory.db"
    result = run_bot("directory", "build", DIRECTORY_DIR, "--output", output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def core(directory_db: Path):
    """The real core on the shipped directory, loaded once."""
    from bot.core import Core

    return Core(directory_db)


@pytest.fixture
def run_build(tmp_path: Path):
    """Build a directory into a fresh database with the real command; returns its path."""

    def build(root: Path) -> Path:
        output = tmp_path / f"{root.name}.db"
        result = run_bot("directory", "build", root, "--output", output)
        assert result.returncode == 0, result.stdout + result.stderr
        return output

    return build


@pytest.fixture
async def standin():
    """A local stand-in for the Telegram Bot API (tests/telegram_standin.py)."""
    from telegram_standin import TelegramStandIn

    server = TelegramStandIn()
    await server.start()
    yield server
    await server.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_bot(directory_db: Path, data_dir: Path, **env: str) -> asyncio.subprocess.Process:
    """`python -m bot run` as a process, with no Telegram token unless one is given."""
    environment = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    environment.update(
        BOT_DB=str(directory_db),
        BOT_DATA_DIR=str(data_dir),
        BOT_KEY_FILE=str(data_dir.parent / "keys" / "preferences.key"),  # not in ~/.config
        PYTHONUNBUFFERED="1",
        **env,
    )
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop_bot(process: asyncio.subprocess.Process) -> bytes:
    """SIGTERM, as a service manager stops it; returns what it logged."""
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), 20)
    return stderr


async def wait_until_up(url: str, timeout: float = 15) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as http:
        for _ in range(int(timeout * 10)):
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"{url} never answered")


# --- the Telegram bot, as python-telegram-bot runs it, against the stand-in ----------


async def running(settings: Settings, core: Core):
    application = build_application(settings, core)
    await application.initialize()
    await application.start()
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    return application


async def stopping(application) -> None:
    await application.updater.stop()
    await application.stop()
    await application.shutdown()
    application.bot_data["preferences"].close()


@pytest.fixture
def settings(standin, directory_db, tmp_path) -> Settings:
    return Settings(
        db_path=directory_db,
        data_dir=tmp_path,
        telegram_token=standin.token,
        telegram_api_url=standin.url,
        preferences_key="test-key",
    )


@pytest.fixture
async def bot(settings, core):
    application = await running(settings, core)
    yield application
    await stopping(application)


async def serve(core: Core, settings: Settings):
    """The web chat on a free loopback port: (runner, its URL)."""
    runner = web.AppRunner(create_app(core, settings), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}"


@pytest.fixture
async def server(core, tmp_path):
    """The web chat with the real directory, and an HTTP client: (client, URL)."""
    runner, url = await serve(
        core, Settings(data_dir=tmp_path, telegram_username="orientation_bot")
    )
    async with aiohttp.ClientSession() as http:
        yield http, url
    await runner.cleanup()
