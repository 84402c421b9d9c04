"""Reports from the field: stored with no identifier, two 'closed' flag a place in every
answer until an editor acts; from Telegram and from the web, seen by `directory reports`."""

import datetime as dt
import os
import re
import sqlite3

import aiohttp
import pytest
from conftest import run_bot, running, serve, stopping
from telegram_standin import buttons

from bot.core import Core
from bot.directory.records import place_key
from bot.reports import MAX_NOTE, FieldReports, clean_note
from bot.settings import PARIS_TZ, Settings
from bot.shared_db import SharedDB

MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS_TZ)


def rows(path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("select * from reports").fetchall()


def test_a_report_keeps_the_place_the_kind_and_the_hour_only(tmp_path):
    reports = FieldReports(SharedDB.sqlite(tmp_path / "reports.db"))
    reports.add("bain-douche-x", "closed", MONDAY.replace(minute=47), who="person-1")
    assert rows(tmp_path / "reports.db") == [
        ("bain-douche-x", "closed", "2026-11-23T09:00:00+00:00", None)
    ]


def test_one_person_cannot_flag_a_place_alone(tmp_path):
    reports = FieldReports(SharedDB.sqlite(tmp_path / "reports.db"))
    assert reports.add("p", "closed", MONDAY, who="person-1")
    assert not reports.add("p", "closed", MONDAY, who="person-1")  # not counted again
    assert reports.closed_flags() == {}
    assert reports.add("p", "closed", MONDAY + dt.timedelta(hours=5), who="person-2")
    assert list(reports.closed_flags()) == ["p"]


def test_two_closed_reports_far_apart_flag_nothing(tmp_path):
    reports = FieldReports(SharedDB.sqlite(tmp_path / "reports.db"))
    reports.add("p", "closed", MONDAY, who="a")
    reports.add("p", "closed", MONDAY + dt.timedelta(hours=49), who="b")
    reports.add("p", "full", MONDAY + dt.timedelta(hours=50), who="c")
    assert reports.closed_flags() == {}
    reports.add("p", "closed", MONDAY + dt.timedelta(hours=60), who="d")
    assert reports.closed_flags() == {"p": MONDAY + dt.timedelta(hours=60)}


def test_a_note_loses_phone_numbers_mail_addresses_and_length():
    note = clean_note("fermé, appelez moi 06 12 34 56 78 ou x.y@mail.fr  " + "a" * 300)
    assert "06" not in note and "@" not in note
    assert len(note) <= MAX_NOTE
    assert clean_note("   ") is None


def test_an_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown report kind"):
        FieldReports(SharedDB.sqlite(tmp_path / "reports.db")).add("p", "dirty", MONDAY, who="a")


def test_a_flag_changes_the_answer_until_the_editor_acts(directory_db, tmp_path):
    core = Core(directory_db)
    reports = FieldReports(SharedDB.sqlite(tmp_path / "reports.db"), on_change=core.follow_reports)
    before = core.ask("douche barbès", at=MONDAY).reply.places
    first = before[0]
    reports.add(first.id, "closed", MONDAY - dt.timedelta(hours=3), who="a")
    assert core.ask("douche barbès", at=MONDAY).reply.places[0].id == first.id  # one is not enough
    reports.add(first.id, "closed", MONDAY - dt.timedelta(hours=1), who="b")
    after = core.ask("douche barbès", at=MONDAY).reply.places
    assert after[0].id != first.id
    card = core.card(first.id, None, at=MONDAY)
    assert card.view.status.startswith("⚠️ Signalé fermé le 23 nov., à vérifier · ")
    assert card.view.reported_closed is not None
    reports.clear(first.id)
    assert core.card(first.id, None, at=MONDAY).view.reported_closed is None


async def test_a_report_from_telegram_and_one_from_the_web_reach_the_editors(
    standin, directory_db, tmp_path
):
    core = Core(directory_db)  # its own core: the flags must not reach other tests
    settings = Settings(
        db_path=directory_db,
        data_dir=tmp_path,
        telegram_token=standin.token,
        telegram_api_url=standin.url,
        preferences_key="test-key",
    )
    application = await running(settings, core)
    runner, url = await serve(core, settings)
    try:
        standin.send_text("🚿 se laver")
        listing = (await standin.wait_for("sendMessage"))[0]
        card_data = next(b["callback_data"] for b in buttons(listing) if "card:" in str(b))
        key = card_data.split(":")[1]
        place = core.store.by_key(key)
        standin.clear()
        standin.press(card_data)
        card = (await standin.wait_for("sendMessage"))[0]
        report = next(b for b in buttons(card) if b.get("callback_data") == f"report:{key}")
        assert report["text"] == "⚠️ Signaler un problème"
        shown = standin.last_message(standin.user()["id"])
        standin.clear()
        standin.press(report["callback_data"], on=dict(shown))
        offered = (await standin.wait_for("editMessageReplyMarkup"))[0]
        kinds = {b["text"]: b["callback_data"] for b in buttons(offered)}
        assert set(kinds) >= {"⛔ Fermé", "🕒 Horaires faux", "🚚 A déménagé", "🈵 Plein"}
        standin.clear()
        standin.press(kinds["⛔ Fermé"], on=dict(shown))
        thanks = (await standin.wait_for("answerCallbackQuery"))[0]
        assert "Merci" in thanks["text"]
        back = (await standin.wait_for("editMessageReplyMarkup"))[0]
        assert any(b.get("callback_data") == f"report:{key}" for b in buttons(back))
        question = (await standin.wait_for("sendMessage"))[0]
        assert "Un détail à ajouter" in question["text"]
        assert question["reply_markup"]["force_reply"] is True
        asked = standin.last_message(standin.user()["id"])
        standin.clear()
        standin.send_text("rideau baissé depuis lundi, 06 12 34 56 78", reply_to=dict(asked))
        added = (await standin.wait_for("sendMessage"))[0]
        assert added["text"] == "Merci, c'est ajouté."  # a note, not a question to the bot
        standin.clear()
        standin.send_text("encore un mot", reply_to=dict(asked))  # one note per report
        again = (await standin.wait_for("sendMessage"))[0]
        assert again["text"] != "Merci, c'est ajouté."

        async with aiohttp.ClientSession() as http:
            async with http.get(f"{url}/lieu/{place.id}") as response:
                page = await response.text()
            assert 'action="/lieu/' in page and "Signaler un problème" in page
            form = {"kind": "closed", "note": "grille fermée, appelez le 06 11 22 33 44"}
            async with http.post(f"{url}/lieu/{place.id}/signaler?lang=fr", data=form) as response:
                assert response.status == 200 and response.url.query["signale"] == "1"
                assert "Merci !" in await response.text()
            async with http.post(f"{url}/lieu/{place.id}/signaler", data={"kind": "x"}) as refused:
                assert refused.status == 400
            async with http.get(f"{url}/lieu/{place.id}") as response:
                assert "Signalé fermé le" in await response.text()
        standin.clear()
        standin.send_text("🚿 se laver")
        listing = (await standin.wait_for("sendMessage"))[0]
        assert f"card:{place_key(place.id)}" not in str(buttons(listing)[:1])  # now after others
    finally:
        await runner.cleanup()
        await stopping(application)

    stored = rows(tmp_path / "reports.db")
    assert [(r[0], r[1]) for r in stored] == [(place.id, "closed")] * 2
    user_id = str(standin.user()["id"])
    for row in stored:  # no person, chat or position: the place, kind, hour and a clean note
        assert not any(user_id == str(value) for value in row)
    notes = [row[3] for row in stored if row[3]]
    # the phone numbers taken out
    assert sorted(notes) == ["grille fermée, appelez le …", "rideau baissé depuis lundi, …"]

    env = {**os.environ, "BOT_DATA_DIR": str(tmp_path)}
    listed = run_bot("directory", "reports", env=env)
    assert listed.returncode == 0, listed.stderr
    assert f"places/shower/{place.id}.yaml" in listed.stdout or place.id in listed.stdout
    assert "closed ×2" in listed.stdout and "flagged closed" in listed.stdout
    assert re.search(r"shown as 'signalé fermé", listed.stdout)
    cleared = run_bot("directory", "reports", "--clear", place.id, env=env)
    assert "2 report(s)" in cleared.stdout
    assert rows(tmp_path / "reports.db") == []
