"""`directory browse`: the built database served by the real Datasette, read-only, with its
sources and licence, and no arbitrary SQL."""

import asyncio
import signal
import sys

import aiohttp
from conftest import free_port, wait_until_up

from bot.settings import DIRECTORY_DIR


async def test_partners_browse_the_directory_read_only(directory_db, tmp_path):
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "directory", "browse", "--db", str(directory_db),
        "--dir", str(DIRECTORY_DIR), "--port", str(port),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    name = directory_db.stem
    try:
        await wait_until_up(f"{base}/-/versions.json", timeout=30)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/") as response:
                home = await response.text()
            assert "Open Database License (ODbL) 1.0" in home
            assert "Base Adresse" in home
            async with http.get(f"{base}/-/databases.json") as response:
                (database,) = await response.json()
            assert database["is_mutable"] is False  # immutable mode
            url = f"{base}/{name}/places.json?_shape=array&_size=5&id=bain-douche-meaux"
            async with http.get(url) as response:
                assert response.status == 200
                (meaux,) = await response.json()
            assert meaux["postcode"] == "75019" and meaux["source"]
            for query in ("?sql=select+count(*)+from+places", "/places.json?_where=1%3D1"):
                async with http.get(f"{base}/{name}{query}") as response:
                    assert response.status == 403, query  # no arbitrary SQL
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 20)
