"""The state the bot writes, in SQLite (one process) or in a real PostgreSQL server shared
by several workers (BOT_DATABASE_URL, bot/shared_db.py): the same behaviour on both."""

import asyncio
import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import pytest
from conftest import serve

from bot.core import Core
from bot.observations import MIN_CELL, Observations, write_every
from bot.preferences import Preferences, PreferenceStore
from bot.reports import FieldReports
from bot.settings import PARIS_TZ, Settings
from bot.shared_db import SharedDB
from bot.telegram import build_application

MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS_TZ)


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path) -> Settings:
    url = request.getfixturevalue("postgres").new_database() if request.param != "sqlite" else None
    return Settings(data_dir=tmp_path, database_url=url)


def test_preferences_are_kept_changed_and_forgotten(settings):
    store = PreferenceStore(settings.shared_db("preferences"), b"key")
    person = store.person("telegram", 7)
    assert store.get(person) == Preferences()
    store.set(person, Preferences("ar", False))
    store.set(person, Preferences("fr", True))
    assert store.get(person) == Preferences("fr", True)
    assert store.forget(person) and not store.forget(person)
    assert store.get(person) == Preferences()
    store.close()


def test_reports_flag_a_place_and_take_a_note_by_their_key(settings):
    reports = FieldReports(settings.shared_db("reports"))
    first = reports.add("bain-x", "closed", MONDAY, who="a")
    second = reports.add("bain-x", "closed", MONDAY + dt.timedelta(hours=2), who="b")
    assert first != second
    assert reports.add_note(second, "rideau baissé") and not reports.add_note(second, "encore")
    assert reports.closed_flags() == {"bain-x": MONDAY.astimezone(dt.UTC) + dt.timedelta(hours=2)}
    [place] = reports.by_place()
    assert place.counts == {"closed": 2} and place.notes == ["rideau baissé"]
    assert reports.clear("bain-x") == 2 and reports.closed_flags() == {}
    reports.close()


def test_counts_add_up_and_small_cells_are_left_out(settings):
    key = ("2026-W48", "web", "food", 18, "nothing_found")
    small = ("2026-W48", "web", "shower", 18, "open_place_found")
    for _ in range(2):  # two workers, or two writes of one
        Observations(settings.shared_db("observations")).write({key: 3, small: 1})
    shown, hidden = Observations(settings.shared_db("observations")).report()
    assert shown == [("2026-W48", "food", "nothing_found", 6)] and hidden == 1
    assert MIN_CELL > 2


def test_workers_starting_together_create_the_tables_once(postgres, tmp_path):
    """Eight workers open a new database at the same moment: none fails."""
    url = postgres.new_database()
    ready = threading.Barrier(8)

    def start() -> None:
        db = SharedDB.open(url, tmp_path / "unused.db")
        ready.wait()
        FieldReports(db)
        Observations(db)
        db.close()

    with ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(start) for _ in range(8)]:
            future.result()


def test_a_restarted_server_is_reconnected(postgres, tmp_path):
    """PostgreSQL restarts (an upgrade, a failover): the next statement reconnects."""
    store = PreferenceStore(SharedDB.open(postgres.new_database(), tmp_path / "x.db"), b"k")
    person = store.person("telegram", 7)
    store.set(person, Preferences("uk", False))
    postgres.restart()
    assert store.get(person) == Preferences("uk", False)
    store.set(person, Preferences("ru", True))
    assert store.get(person) == Preferences("ru", True)


def test_unreadable_preferences_give_the_defaults(tmp_path, caplog):
    """Every message reads the person's choices: a database that fails must not stop the
    answer."""
    store = PreferenceStore(SharedDB.sqlite(tmp_path / "preferences.db"), b"k")
    person = store.person("telegram", 7)
    store.set(person, Preferences("ar", False))
    store.db.connection.close()
    assert store.get(person) == Preferences()
    assert "preferences unreadable" in caplog.text


async def test_counts_not_written_wait_for_the_next_time(tmp_path, monkeypatch):
    observations = Observations(SharedDB.sqlite(tmp_path / "observations.db"))
    observations.pending[("2026-W48", "web", "food", 18, "nothing_found")] = 3
    observations.db.connection.close()  # the database is away
    task = asyncio.create_task(write_every(observations, seconds=0.01))
    await asyncio.sleep(0.1)
    task.cancel()
    assert sum(observations.pending.values()) == 3  # kept, not lost


def test_telegram_with_a_shared_database_needs_a_shared_key(tmp_path):
    """Each worker would make a key of its own: /oubli on one would leave the rows the
    others wrote."""
    settings = Settings(
        data_dir=tmp_path, telegram_token="1:x", database_url="postgresql://bot@localhost/x"
    )
    with pytest.raises(ValueError, match="BOT_PREFERENCES_KEY"):
        build_application(settings, None)


def test_a_url_that_is_no_postgresql_is_refused(tmp_path):
    with pytest.raises(ValueError, match="postgresql://"):
        SharedDB.open("mysql://x", tmp_path / "x.db")


async def test_two_workers_share_reports_and_counts(postgres, directory_db, tmp_path):
    """Two web workers, each with its own core and data folder, one PostgreSQL database: a
    place reported closed once on each is flagged on both, and the City's counts add both."""
    url = postgres.new_database()
    workers = []
    for name in ("a", "b"):
        settings = Settings(
            db_path=directory_db,
            data_dir=tmp_path / name,
            database_url=url,
            reload_seconds=0.1,  # the reports follower looks every 0.1 s
        )
        workers.append(await serve(Core(directory_db), settings))
    (runner_a, a), (runner_b, b) = workers
    try:
        async with aiohttp.ClientSession() as http:
            async with http.post(a + "/api/ask", json={"text": "douche 18e"}) as response:
                place = (await response.json())["places"][0]["id"]
            for worker in (a, b):  # one person each: each worker remembers its own
                form = {"kind": "closed"}
                async with http.post(f"{worker}/lieu/{place}/signaler", data=form) as response:
                    assert response.status == 200
            for worker in (a, b):  # a's follower reads b's report within 0.1 s
                for _ in range(50):
                    async with http.get(f"{worker}/lieu/{place}") as response:
                        if "Signalé fermé le" in await response.text():
                            break
                    await asyncio.sleep(0.1)
                else:
                    raise AssertionError(f"{worker} never saw the place flagged")
            async with http.post(b + "/api/ask", json={"text": "douche 18e"}) as response:
                assert response.status == 200
    finally:
        for runner, _ in workers:
            await runner.cleanup()  # each writes its counts
    rows, _ = SharedDB.open(url, tmp_path / "unused.db").execute(
        "select channel, category, sum(count) from needs group by channel, category"
    )
    assert rows == [("web", "shower", 2)]
    assert not (tmp_path / "a" / "reports.db").exists()  # nothing in SQLite
