"""Answer texts that editors write: content/<lang>/answers.yaml, content/falc/answers.yaml.

A text missing in a language falls back to French (FALC falls back to French too), never
to a missing key.
"""

from pathlib import Path
from typing import Any

import yaml

from .cache import key_of, remembered
from .settings import CACHE_DIR

FALLBACK = "fr"
# The needs that get a button (Telegram menu, web chat), in the order shown; each language's
# answers.yaml has a `menu` label for each.
MENU = (
    "shower",
    "luggage",
    "food",
    "shelter",
    "day_centre",
    "health",
    "rights",
    "mail_address",
    "digital",
    "toilets",
    "water",
    "clothes",
    "emergency",
)


# libyaml's loader when PyYAML was built with it (its wheels are): ten times quicker on the
# vocabularies, which start-up reads.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """The data of a YAML file that editors write (content/); kept in the cache (bot/cache.py)
    until the file changes: the vocabularies take a quarter of a second to parse."""
    data = path.read_bytes()  # read once: the key and the value are of the same text
    return remembered(
        CACHE_DIR,
        f"yaml-{path.parent.name}-{path.stem}",
        key_of(yaml.__version__, LOADER.__name__, data),
        lambda: parse_yaml(data),
    )


def parse_yaml(data: bytes) -> Any:
    return yaml.load(data.decode("utf-8"), Loader=LOADER)


class Content:
    def __init__(self, content_dir: Path) -> None:
        self.texts: dict[str, dict] = {}
        for path in sorted(content_dir.glob("*/answers.yaml")):
            self.texts[path.parent.name] = load_yaml(path) or {}

    def get(self, language: str, key: str, falc: bool = False) -> str:
        """The text at a dotted key ('categories.shower.title') in the best language."""
        chain = ["falc"] if falc and language == "fr" else [language]
        for name in [*chain, FALLBACK]:
            value = self._lookup(self.texts.get(name, {}), key)
            if isinstance(value, str):
                return value.strip()
        raise KeyError(f"no text {key!r} in content/{FALLBACK}/answers.yaml")

    def has(self, name: str, key: str) -> bool:
        return isinstance(self._lookup(self.texts.get(name, {}), key), str)

    @staticmethod
    def _lookup(data: dict, key: str) -> object:
        for part in key.split("."):
            if not isinstance(data, dict):
                return None
            data = data.get(part)
        return data
