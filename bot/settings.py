"""Where things are, read once from the environment."""

import os
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY_DIR = ROOT / "directory"
CONTENT_DIR = ROOT / "content"
DEFAULT_DB = Path(os.environ.get("BOT_DB", ROOT / "var" / "directory.db"))
PARIS_TZ = ZoneInfo("Europe/Paris")
