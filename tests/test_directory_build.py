"""`python -m bot directory build`: a real SQLite file, written atomically."""

import json
import os
import re
import shutil

import pytest
import sqlite_utils
from conftest import FIXTURES, run_bot

from bot.directory import build as build_module
from bot.directory.check import read_directory
from bot.settings import DIRECTORY_DIR


def test_build_prints_counts_and_writes_the_tables(make_directory, tmp_path):
    output = tmp_path / "out" / "directory.db"
    result = run_bot("directory", "build", make_directory("valid_place"), "--output", output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "per category:" in result.stdout and "shower 1" in result.stdout
    assert "11: 1" in result.stdout
    db = sqlite_utils.Database(output)
    place = db["places"].get("valid-place")
    assert place["opening_hours"] == "Mo-Sa 07:30-13:00; Su 08:00-12:30"
    assert place["verified_on"] == "2025-09-15"
    assert list(db["place_categories"].rows) == [
        {"place_id": "valid-place", "category": "shower", "rank": 0}
    ]
    assert db["categories"].count == 14
    assert {row["number"] for row in db["emergency_numbers"].rows} >= {"15", "17", "112", "115"}


def test_a_failed_build_leaves_the_database_byte_for_byte(make_directory, tmp_path):
    output = tmp_path / "directory.db"
    root = make_directory("valid_place")
    assert run_bot("directory", "build", root, "--output", output).returncode == 0
    before = output.read_bytes()
    shutil.copy(
        FIXTURES / "places" / "unknown_category.yaml", root / "places" / "unknown-category.yaml"
    )
    result = run_bot("directory", "build", root, "--output", output)
    assert result.returncode == 1
    assert "unknown category" in result.stdout
    assert "left unchanged" in result.stderr
    assert output.read_bytes() == before


def test_a_crash_while_writing_leaves_the_database_and_no_temporary_file(
    make_directory, tmp_path, monkeypatch
):
    output = tmp_path / "directory.db"
    directory = read_directory(make_directory("valid_place"))
    build_module.build(directory, output)
    before = output.read_bytes()

    def fail_halfway(directory, db):
        db["places"].insert({"id": "half-written"})
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_database", fail_halfway)
    with pytest.raises(OSError):
        build_module.build(directory, output)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directory", "directory.db"]


def test_every_shipped_place_has_its_source_and_date(directory_db):
    db = sqlite_utils.Database(directory_db)
    rows = list(db["places"].rows)
    assert all(row["source"] and row["verified_on"] for row in rows)


def test_the_import_holds_every_open_data_row(directory_db):
    db = sqlite_utils.Database(directory_db)

    def count(category):
        return db.execute(
            "select count(*) from place_categories where category = ?", [category]
        ).fetchone()[0]

    # rows in the raw copies: 609 toilets, 1322 fountains, 277 Wi-Fi sites
    assert count("toilets") == 609
    assert count("water") == 1322
    assert db.execute("select count(*) from places where id like 'wifi-%'").fetchone()[0] == 277
    # the 17 municipal baths of the open data, each with its open-data id
    baths = db.execute("select count(*) from places where open_data_id like 'BD%'").fetchone()[0]
    assert baths == 17
    assert db["stations"].count > 300
    assert db["arrondissements"].count == 20


def test_a_place_file_round_trips_into_the_database(directory_db):
    directory = read_directory(DIRECTORY_DIR)
    by_id = {p.id: p for p in directory.places}
    db = sqlite_utils.Database(directory_db)
    for row in db.query("select * from places where origin like '%places/%'"):
        place = by_id[row["id"]]
        assert row["name"] == place.name
        assert row["opening_hours"] == place.opening_hours
        assert json.loads(row["categories"]) == place.categories
        assert row["lat"] == place.lat and row["lon"] == place.lon


def test_an_open_data_row_round_trips(directory_db):
    """The first sanisette of the raw copy: 76 RUE BRANCION, 75015, 6 h - 22 h, PMR Oui."""
    db = sqlite_utils.Database(directory_db)
    row = next(db.query("select * from places where address = '76 Rue Brancion'"))
    assert row["opening_hours"] == "06:00-22:00"
    assert row["arrondissement"] == 15
    assert row["wheelchair"] == 1
    assert "sanisettesparis" in row["source"]
    assert row["verified_on"] == "2024-11-13"


def test_due_lists_the_facts_to_check_by_their_last_check(make_directory, tmp_path):
    root = make_directory("valid_place", "checked_place")
    env = {**os.environ, "BOT_DATA_DIR": str(tmp_path)}
    result = run_bot("directory", "due", root, "--months", "1", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "11e"
    checked = lines[lines.index(next(x for x in lines if "checked-place.yaml" in x)) + 1]
    assert "hours, phone (phone, 2026-03-12)" in checked  # the newest check of the hours
    assert "address, audience, access (source, 2019-05-01)" in checked
    assert "☎ 01 43 57 83 68" in result.stdout
    assert "2 place file(s) with facts to check" in result.stdout
    since_2019 = run_bot("directory", "due", root, "--months", "100", env=env)
    assert "0 place file(s)" in since_2019.stdout
    elsewhere = run_bot("directory", "due", root, "--arrondissement", "18", env=env)
    assert "0 place file(s)" in elsewhere.stdout


def test_a_card_says_how_and_when_its_hours_were_confirmed(make_directory, run_build):
    from bot.core import Core

    core = Core(run_build(make_directory("valid_place", "checked_place")))
    card = core.card("checked-place", None)
    assert card.hours_confirmed == "Horaires confirmés par téléphone en mars 2026"
    assert core.card("checked-place", None, language="en").hours_confirmed.endswith("March 2026")
    assert core.card("valid-place", None).hours_confirmed is None


def test_fountains_are_named_and_placed_for_people_not_by_the_city_s_furniture(directory_db):
    """'Fontaine à boire (Particulier)', '(GHM Bois)', '(Mât source)' and '42F' were the
    dataset's words: a reader took 'Particulier' for private, '42F' for nothing."""
    from bot.directory.opendata import fountain_number
    from bot.directory.store import DirectoryStore

    store = DirectoryStore.open(directory_db)
    fountains = [p for p in store.all_places() if p.id.startswith("water-")]
    assert len(fountains) > 1000
    names = {p.name for p in fountains}
    assert "Fontaine Wallace" in names and not any("(" in n and "eau" not in n for n in names)
    assert not any(re.search(r"\b\d+F\b", p.address or "") for p in fountains)
    assert any((p.address or "").startswith("face au ") for p in fountains)
    cases = {"37F": "face au 37", "F92": "face au 92", "Face 11": "face au 11"}
    cases |= {"101 Face": "face au 101", "1S": "près du 1", "12": "12", "": ""}
    for value, said in cases.items():
        assert fountain_number(value) == said
