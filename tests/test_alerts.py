"""Temporary closures and editors' notices, honoured at the moment asked, in every language."""

import datetime as dt
import json

from conftest import run_bot

from bot.core import Core
from bot.settings import PARIS_TZ

NOTICE = "Grand froid : un gymnase du 18e ouvre la nuit"


def ask(db, *args: str) -> dict:
    result = run_bot("ask", "--json", "--db", db, *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_notice_shows_in_its_days_area_and_needs_only(make_directory, run_build):
    db = run_build(make_directory("valid_place", alerts=("grand-froid-18e",)))
    inside = ask(db, "--at", "2026-11-27T21:00", "où dormir dans le 18e")
    assert inside["alerts"] == ["grand-froid-18e"]
    assert inside["answer"].index(NOTICE) < inside["answer"].index("Dormir")  # before places
    for args in [
        ("--at", "2026-12-01T21:00", "où dormir dans le 18e"),  # the day after it ends
        ("--at", "2026-11-27T21:00", "où dormir dans le 11e"),  # another arrondissement
        ("--at", "2026-11-27T21:00", "où manger dans le 18e"),  # another need
        ("--at", "2026-11-27T21:00", "où dormir"),  # no place said: it is for the 18e only
    ]:
        assert ask(db, *args)["alerts"] == [], args
    # a window that meets its first day: 'demain soir' asked the day before it starts
    assert ask(db, "--at", "2026-11-23T12:00", "dormir 18e demain soir")["alerts"] == [
        "grand-froid-18e"
    ]


def test_a_notice_in_the_person_s_language_else_in_french_said_so(make_directory, run_build):
    db = run_build(make_directory("valid_place", alerts=("grand-froid-18e",)))
    english = ask(db, "--at", "2026-11-27T21:00", "where can I sleep in the 18th")
    assert "📢 Extreme cold: a gym in the 18th" in english["answer"]
    falc = ask(db, "--at", "2026-11-27T21:00", "--falc", "dormir dans le 18e")
    assert "📢 Il fait très froid." in falc["answer"]
    spanish = ask(db, "--at", "2026-11-27T21:00", "donde dormir en el 18")
    assert spanish["language"] == "es"
    assert "📢 Aviso en francés: " + NOTICE in spanish["answer"]


def test_a_closure_for_dates_says_until_when_and_why(make_directory, run_build):
    db = run_build(make_directory("temporary_closure"))
    during = ask(db, "--at", "2026-12-05T10:00", "douche république")
    assert during["places"][0]["open"] is False
    assert "⛔ Fermé temporairement jusqu'au 15 déc. (travaux)" in during["answer"]
    after = ask(db, "--at", "2026-12-16T10:00", "douche république")
    assert after["places"][0]["open"] is True
    moment = dt.datetime(2026, 12, 5, 10, 0, tzinfo=PARIS_TZ)
    card = Core(db).card("temporary-closure", None, language="en", at=moment)
    assert card.view.status == "⛔ Temporarily closed until Dec 15"  # the reason is French


def test_a_broken_notice_names_its_file_line_and_field(make_directory):
    root = make_directory("valid_place", alerts=("broken-alert",))
    result = run_bot("directory", "check", root)
    assert result.returncode == 1
    assert "alerts/broken-alert.yaml" in result.stdout
    assert "'to' is before 'from'" in result.stdout
