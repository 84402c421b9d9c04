"""Where things are and how the bot runs, read once from the environment."""

import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from .shared_db import SharedDB

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY_DIR = ROOT / "directory"
CONTENT_DIR = ROOT / "content"
DATA_DIR = Path(os.environ.get("BOT_DATA_DIR", ROOT / "var"))
EVAL_DIR = ROOT / "eval"  # messages labelled by hand: the second reader learns from some
# Derived files worth keeping between runs (the second reader's weights); BOT_DATA_DIR may
# be a fresh folder per test or per worker, this one is shared.
CACHE_DIR = Path(os.environ.get("BOT_CACHE_DIR", ROOT / "var" / "cache"))
DEFAULT_DB = Path(os.environ.get("BOT_DB", DATA_DIR / "directory.db"))
# The key that protects the preference rows lives apart from them: a copy of var/ (a
# backup, a disk) without it cannot link a row to a Telegram account.
KEY_FILE = Path(
    os.environ.get("BOT_KEY_FILE")
    or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    / "paris-orientation-bot"
    / "preferences.key"
)
PARIS_TZ = ZoneInfo("Europe/Paris")
TELEGRAM_API = "https://api.telegram.org"
# The longest message read, as Telegram allows: a long story keeps its end, where the ask
# often is (the web field and server, the place hint's words).
MAX_TEXT = 4096


@dataclass(frozen=True)
class Settings:
    """Everything `python -m bot run` needs; nothing else reads the environment."""

    db_path: Path = DEFAULT_DB
    data_dir: Path = DATA_DIR
    telegram_token: str | None = None
    telegram_api_url: str = TELEGRAM_API
    telegram_username: str | None = None  # for deep links and QR codes on printed guides
    webhook_url: str | None = None
    webhook_secret: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    preferences_key: str | None = None
    key_file: Path = KEY_FILE  # where the key is made once, when preferences_key is not set
    directory_dir: Path = DIRECTORY_DIR
    reload_seconds: float = 60  # how often edited files are looked for; 0: never
    telegram_timeout_s: float = 5.0  # waiting for Telegram's answer to one call
    telegram_max_rate: float = 30  # calls a second to Telegram, all chats (its own cap); 0: none
    # The state the bot writes (bot/shared_db.py): SQLite files in data_dir, or PostgreSQL.
    database_url: str | None = None
    web_rate_limit: int = 30  # web chat requests a minute per client (raised in benchmarks)

    def shared_db(self, name: str) -> SharedDB:
        """Where one kind of state is kept: `name`.db in data_dir, or the shared database."""
        return SharedDB.open(self.database_url, self.data_dir / f"{name}.db")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        return cls(
            db_path=Path(env.get("BOT_DB", DEFAULT_DB)),
            data_dir=Path(env.get("BOT_DATA_DIR", DATA_DIR)),
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_api_url=(env.get("TELEGRAM_API_URL") or TELEGRAM_API).rstrip("/"),
            telegram_username=env.get("TELEGRAM_BOT_USERNAME") or None,
            webhook_url=env.get("BOT_WEBHOOK_URL") or None,
            webhook_secret=env.get("BOT_WEBHOOK_SECRET") or None,
            host=env.get("BOT_HOST", "127.0.0.1"),
            port=int(env.get("BOT_PORT", "8080")),
            preferences_key=env.get("BOT_PREFERENCES_KEY") or None,
            key_file=Path(env.get("BOT_KEY_FILE") or KEY_FILE),
            directory_dir=Path(env.get("BOT_DIRECTORY_DIR", DIRECTORY_DIR)),
            reload_seconds=float(env.get("BOT_RELOAD_SECONDS", "60")),
            telegram_timeout_s=float(env.get("TELEGRAM_TIMEOUT_S", "5")),
            telegram_max_rate=float(env.get("TELEGRAM_MAX_RATE", "30")),
            database_url=env.get("BOT_DATABASE_URL") or None,
            web_rate_limit=int(env.get("BOT_WEB_RATE_LIMIT", "30")),
        )
