"""An editor fixes a file; minutes later the bot answers with it.

While the bot runs, the directory and content folders are looked at every few seconds;
when a file changed, the directory is checked and built again (atomically) and the core
reloaded. A broken file is logged with its file, line and field, and the bot keeps
serving the last good directory.
"""

import asyncio
import logging
from pathlib import Path

from .core import Core
from .directory.build import build
from .directory.check import read_directory

log = logging.getLogger("bot.watch")


def fingerprint(*folders: Path) -> tuple[int, int, int]:
    """Number of files, newest change and total size: any edit changes it."""
    files = [p.stat() for folder in folders for p in folder.rglob("*") if p.is_file()]
    return len(files), max((s.st_mtime_ns for s in files), default=0), sum(s.st_size for s in files)


def rebuild(core: Core, directory_dir: Path) -> Core | None:
    """Check and build the directory, then load a fresh core; None if a file is broken."""
    directory = read_directory(directory_dir)
    if directory.problems:
        log.warning(
            "directory not reloaded: %d problem(s); still serving the last good one",
            len(directory.problems),
        )
        for problem in directory.problems[:20]:
            log.warning("%s", problem)
        return None
    build(directory, core.db_path)
    return Core(core.db_path, core.content_dir)


async def watch(core: Core, directory_dir: Path, interval: float) -> None:
    """Reload the core whenever the directory or the content changes. Runs until cancelled."""
    folders = (directory_dir, core.content_dir)
    seen = fingerprint(*folders)
    while True:
        await asyncio.sleep(interval)
        current = await asyncio.to_thread(fingerprint, *folders)
        if current == seen:
            continue
        seen = current
        try:
            fresh = await asyncio.to_thread(rebuild, core, directory_dir)
        except Exception:  # a bad content file, a full disk: keep serving, say why
            log.exception("reload failed; still serving the last good directory")
            continue
        if fresh is not None:
            core.adopt(fresh)
            log.info("directory reloaded: %d places", len(core.store))
