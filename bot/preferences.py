"""A person's choices (language, easy-to-read French), and nothing else about them.

Rows are keyed by an HMAC of the channel's user id under a secret key, so the table cannot
be turned back into Telegram ids without the key (kept elsewhere: settings.KEY_FILE);
/oubli deletes the row.
"""

import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .shared_db import SharedDB

log = logging.getLogger(__name__)
OLD_KEY_FILE = "preferences.key"  # where versions before 2026-11-22 kept it: in data_dir


@dataclass(frozen=True)
class Preferences:
    language: str | None = None
    falc: bool = False


def load_key(key_file: Path, configured: str | None = None, data_dir: Path | None = None) -> bytes:
    """The secret key: from the environment, else a file made once with 0600 rights in
    its own folder (0700), away from the rows. A key left by an older version next to
    the rows (`data_dir`) is moved there, so the choices already made still count."""
    if configured:
        return configured.encode()
    old = data_dir / OLD_KEY_FILE if data_dir else None
    if not key_file.exists():
        key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if old is not None and old.exists():
            os.replace(old, key_file)
        else:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return key_file.read_text().strip().encode()


class PreferenceStore:
    def __init__(self, db: SharedDB, key: bytes) -> None:
        self.db, self.key = db, key
        db.create_table(
            "preferences", "person text primary key, language text, falc integer not null default 0"
        )

    def person(self, channel: str, user_id: int | str) -> str:
        message = f"{channel}:{user_id}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def get(self, person: str) -> Preferences:
        """The person's choices; the defaults when the database cannot be read (every
        message reads them: an answer in French beats no answer)."""
        try:
            rows, _ = self.db.execute(
                "select language, falc from preferences where person = ?", (person,)
            )
        except Exception:
            log.exception("preferences unreadable: answering with the defaults")
            return Preferences()
        return Preferences(rows[0][0], bool(rows[0][1])) if rows else Preferences()

    def set(self, person: str, preferences: Preferences) -> None:
        self.db.execute(
            "insert into preferences (person, language, falc) values (?, ?, ?) "
            "on conflict (person) do update set language = excluded.language, falc = excluded.falc",
            (person, preferences.language, int(preferences.falc)),
        )

    def forget(self, person: str) -> bool:
        _, deleted = self.db.execute("delete from preferences where person = ?", (person,))
        return deleted > 0

    def close(self) -> None:
        self.db.close()
