"""The City's counts of needs: per week, category, arrondissement and outcome; nothing else."""

import os
import sqlite3
import subprocess
import sys

import aiohttp
from test_web import serve

from bot.settings import Settings


async def test_needs_are_counted_without_any_person_or_text(core, tmp_path):
    runner, url = await serve(core, Settings(data_dir=tmp_path, reload_seconds=0))
    try:
        async with aiohttp.ClientSession() as http:
            for text in (
                "douche secrète 18e",
                "douche 18e",
                "bonjour",
                "toilettes",
                "mon ami ne respire plus, 18e",
            ):
                async with http.post(
                    url + "/api/ask", json={"text": text, "at": "2026-11-24T10:00"}
                ) as r:
                    assert r.status == 200
    finally:
        await runner.cleanup()  # writes the counts
    db = sqlite3.connect(tmp_path / "observations.db")
    rows = db.execute("select * from needs order by category").fetchall()
    assert rows[0][:4] == ("2026-W48", "web", "emergency", 0)  # never per arrondissement
    assert rows[1:] == [
        ("2026-W48", "web", "shower", 18, "open_place_found", 2),
        ("2026-W48", "web", "toilets", 0, "no_place_hint", 1),
    ]
    dump = "\n".join(db.iterdump())
    assert "secrète" not in dump and "bonjour" not in dump


def test_the_report_command(tmp_path):
    db = sqlite3.connect(tmp_path / "observations.db")
    db.execute(
        "create table needs (week text, channel text, category text, arrondissement "
        "integer, outcome text, count integer not null, primary key (week, channel, "
        "category, arrondissement, outcome))"
    )
    db.execute("insert into needs values ('2026-W48', 'telegram', 'food', 19, 'nothing_found', 3)")
    db.execute("insert into needs values ('2026-W48', 'web', 'food', 18, 'nothing_found', 4)")
    db.execute("insert into needs values ('2026-W48', 'web', 'shower', 18, 'no_place_hint', 2)")
    db.commit()
    out = subprocess.run(
        [sys.executable, "-m", "bot", "observations"],
        capture_output=True,
        text=True,
        env={**os.environ, "BOT_DATA_DIR": str(tmp_path)},
    ).stdout
    assert "2026-W48  food           nothing_found      7" in out  # 3 + 4, all channels
    assert "shower" not in out and "1 rows under 5 left out" in out
