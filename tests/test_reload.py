"""An editor fixes an opening time; the running bot answers with it, and a broken file
leaves it serving the last good directory."""

import asyncio
import gc

import aiohttp
from test_web import serve

from bot.core import Core
from bot.settings import Settings

AT = "2026-11-24T10:00"  # a Tuesday


async def ask(http, url: str) -> dict:
    async with http.post(url + "/api/ask", json={"text": "douche 11e", "at": AT}) as response:
        assert response.status == 200
        return (await response.json())["places"][0]


async def until(condition, timeout: float = 10) -> None:
    for _ in range(int(timeout / 0.1)):
        if await condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the running bot never changed")


async def test_an_edit_is_served_and_a_broken_file_is_not(
    make_directory, run_build, tmp_path, caplog
):
    root = make_directory("valid_place")
    db = run_build(root)
    settings = Settings(db_path=db, data_dir=tmp_path, directory_dir=root, reload_seconds=0.1)
    runner, url = await serve(Core(db), settings)
    place_file = root / "places" / "valid-place.yaml"
    try:
        async with aiohttp.ClientSession() as http:
            assert (await ask(http, url))["open_now"] is True  # Mo-Sa 07:30-13:00
            place_file.write_text(
                place_file.read_text().replace("Mo-Sa 07:30-13:00", "Mo-Sa 12:00-18:00"),
                encoding="utf-8",
            )

            async def closed_now() -> bool:
                return (await ask(http, url))["open_now"] is False

            await until(closed_now)
            good = db.read_bytes()
            place_file.write_text(
                place_file.read_text() + "categories: [douches]\n", encoding="utf-8"
            )
            await until(lambda: _logged(caplog, "directory not reloaded"))
            assert (await ask(http, url))["next_change"].endswith("12:00:00+01:00")
            assert db.read_bytes() == good
    finally:
        await runner.cleanup()


async def _logged(caplog, words: str) -> bool:
    return any(words in record.getMessage() for record in caplog.records)


def test_a_reload_keeps_nothing_of_the_old_core(directory_db):
    """The objects read at start are kept out of the cycle collector (bot/core.py); after a
    reload, those of the old core must not stay there for good."""
    first = Core(directory_db)
    frozen = gc.get_freeze_count()
    first.adopt(Core(directory_db))
    assert gc.get_freeze_count() < frozen * 1.1
