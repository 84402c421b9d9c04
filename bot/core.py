"""The core: understand a message, look up the directory, compose the reply. No channel here."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .answer import Reply, compose
from .content import Content
from .directory.store import DirectoryStore
from .i18n import LANGUAGES
from .settings import CONTENT_DIR, DEFAULT_DB
from .understand import Query, Understander


@dataclass
class Result:
    query: Query
    reply: Reply


class Core:
    """Reads the database and the content once; `ask` does no file or network I/O."""

    def __init__(self, db_path: Path = DEFAULT_DB, content_dir: Path = CONTENT_DIR) -> None:
        self.store = DirectoryStore.open(db_path)
        self.content = Content(content_dir)
        self.understander = Understander(
            content_dir,
            list(LANGUAGES),
            self.store.stations,
            self.store.arrondissements,
            self.store.quartiers,
        )

    def ask(
        self,
        text: str,
        *,
        language: str | None = None,
        language_hint: str | None = None,
        falc: bool = False,
        near: tuple[float, float] | None = None,
        at: dt.datetime | None = None,
    ) -> Result:
        """`language` is the person's choice (it wins); `language_hint` the channel's guess."""
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
        return Result(query, compose(query, self.store, self.content))
