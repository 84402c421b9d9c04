"""Derived data kept between starts, under a key of what it was made from.

Reading the understanding's sources takes seconds at each start (the YAML of fifty
vocabularies, the word lists of seven languages, the second reader's training), yet what
they give changes only when the sources or the code that reads them change. So it is kept
in CACHE_DIR under a key of both, as Python keeps compiled modules in __pycache__ (and in
the same format, marshal, for plain data): a changed source is a new key and is read again,
and the older key's file is removed. Two starts may build at once: each writes its own
file, then renames it. A cache that cannot be read is built again; one that cannot be
written (a read-only checkout) only costs time. The folder is the bot's own (0700), and a
file another user could have written is ignored: what the cache holds decides what the
bot says, and marshal is not safe against crafted data.
"""

import contextlib
import hashlib
import logging
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
Value = TypeVar("Value")


def key_of(*sources: bytes | str | Path) -> str:
    """A key that changes with each source: a file's bytes (a Path), or text and bytes
    (a version, a setting). The Python version is always part of it."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sources:
        data = source.read_bytes() if isinstance(source, Path) else source
        digest.update(data.encode() if isinstance(data, str) else data)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def save_marshal(value: Any, path: Path) -> None:
    path.write_bytes(marshal.dumps(value))


def load_marshal(path: Path) -> Any:
    return marshal.loads(path.read_bytes())


def remembered(
    cache_dir: Path,
    name: str,
    key: str,
    build: Callable[[], Value],
    *,
    suffix: str = ".marshal",
    save: Callable[[Any, Path], None] = save_marshal,
    load: Callable[[Path], Any] = load_marshal,
) -> Value:
    """What `build` gives for this key: from `cache_dir/name-key.suffix` when it is there,
    else built and kept there (the files of other keys for this name are removed)."""
    path = cache_dir / f"{name}-{key}{suffix}"
    try:
        if _trusted(path):
            return load(path)
    except FileNotFoundError:
        pass
    except Exception as error:  # damaged (a cut file, a bad archive): build it again
        log.warning("cache %s unreadable (%s): built again", path, error)
    value = build()
    partial = cache_dir / f"partial-{name}-{key}-{os.getpid()}{suffix}"
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        save(value, partial)
        partial.replace(path)
        for stale in cache_dir.glob(f"{name}-{'?' * len(key)}{suffix}"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except ValueError as error:  # marshal keeps plain data only (no dates): not kept
        log.debug("%s not cached: %s", name, error)
    except OSError as error:  # a read-only checkout: kept in memory only
        log.warning("%s not cached in %s: %s", name, cache_dir, error)
    finally:
        with contextlib.suppress(OSError):  # renamed into place, or left half-written
            partial.unlink(missing_ok=True)
    return value


def _trusted(path: Path) -> bool:
    """A file this user wrote and no one else may change: what is read from the cache
    decides what the bot says (its texts, its numbers), and marshal trusts its input."""
    status = path.stat()
    if status.st_uid != os.getuid() or status.st_mode & 0o022:
        log.warning("cache %s not written by this user alone: ignored, built again", path)
        return False
    return True
