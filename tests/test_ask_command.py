"""`python -m bot ask`: the contract other checks rely on."""

import json

import pytest
from conftest import run_bot

from bot.core import PAGE_SIZE

AT = "2026-11-24T10:00"  # a Tuesday


def ask(directory_db, *args):
    result = run_bot("ask", "--db", directory_db, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_json_has_every_field(directory_db):
    out = json.loads(ask(directory_db, "--json", "--at", AT, "douche vers république"))
    assert out["text"] == "douche vers république"
    assert (out["language"], out["intent"], out["categories"]) == ("fr", "need", ["shower"])
    assert set(out["where"]) == {"label", "lat", "lon", "arrondissement", "kind"}
    assert out["where"]["kind"] == "station"
    assert len(out["places"]) == PAGE_SIZE
    first = out["places"][0]
    assert set(first) >= {
        "id",
        "name",
        "category",
        "address",
        "arrondissement",
        "distance_m",
        "open_now",
        "next_change",
    }
    assert first["open_now"] is True and first["next_change"].startswith("2026-11-24T")
    assert first["name"] in out["answer"]


def test_plain_prints_the_answer(directory_db):
    out = ask(directory_db, "--at", AT, "bagagerie 20e")
    assert "\n🧳 Bagageries et casiers · Paris 20e\n" in out
    assert "\n1. Au Bagage du Canal · hors du 20e · 2,6 km\n" in out  # open, next door
    # then those opening next, the Cœur du Cinq (5e, no point) before the Antigel 8.5 km away
    assert "\n2. La Bagagerie Cœur du Cinq (LBCC) · hors du 20e\n" in out
    assert "Informations de juin 2020 ou plus anciennes" in out  # the oldest date they carry


def test_batch_answers_each_line_in_order(directory_db, tmp_path):
    batch = tmp_path / "messages.jsonl"
    batch.write_text(
        '{"text": "jai faim"}\nbonjour\n\n{"text": "ducha gratis"}\n', encoding="utf-8"
    )
    lines = ask(directory_db, "--batch", batch).splitlines()
    answers = [json.loads(line) for line in lines]
    assert [a["text"] for a in answers] == ["jai faim", "bonjour", "ducha gratis"]
    assert [a["language"] for a in answers] == ["fr", "fr", "es"]


def test_near_lang_falc_and_at(directory_db):
    out = json.loads(
        ask(
            directory_db,
            "--json",
            "--near",
            "48.8839,2.3494",
            "--lang",
            "fr",
            "--falc",
            "--at",
            AT,
            "douche",
        )
    )
    assert out["where"]["kind"] == "coordinates" and out["where"]["arrondissement"] == 18
    assert out["falc"] is True
    assert all(p["distance_m"] < 3000 for p in out["places"])


def test_a_missing_database_is_a_clear_message(tmp_path):
    result = run_bot("ask", "--db", tmp_path / "none.db", "douche")
    assert result.returncode == 2
    assert "python -m bot directory build" in result.stderr


@pytest.mark.parametrize("content", [b"not a database", b""])
def test_a_corrupt_database_is_a_clear_message_not_a_traceback(tmp_path, content):
    (tmp_path / "bad.db").write_bytes(content)
    result = run_bot("ask", "--db", tmp_path / "bad.db", "douche")
    assert result.returncode == 2
    assert "rebuild it" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_point_is_a_usage_error(directory_db):
    result = run_bot("ask", "--db", directory_db, "--near", "north", "douche")
    assert result.returncode == 2 and "LAT,LON" in result.stderr


def test_the_answer_contract_fields(directory_db):
    out = json.loads(ask(directory_db, "--json", "--at", AT, "bagagerie 20e demain matin"))
    assert out["when"]["spec"] == "tomorrow_morning"
    assert out["when"]["start"] == "2026-11-25T07:00:00+01:00"
    assert out["when"]["end"] == "2026-11-25T12:00:00+01:00"
    assert {"nothing_open", "where_unresolved", "profile", "numbers"} <= set(out)
    for place in out["places"]:
        assert {"open", "opens_at", "closes_at", "always_open", "audience", "access"} <= set(place)
        assert place["inside_area"] is (place["arrondissement"] == 20)
    inside = [p["inside_area"] for p in out["places"]]
    assert inside == sorted(inside, reverse=True)  # those in the 20e first


@pytest.mark.parametrize(
    "args",
    [
        ["--at", "9999-12-31T23:00"],
        ["--at", "not a date"],
        ["--near", "nan,2.35"],
        ["--near", "48.8,inf"],
        ["--category", "spa"],
    ],
)
def test_bad_values_get_one_line_and_exit_2(directory_db, args):
    result = run_bot("ask", "--db", directory_db, *args, "douche")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "error" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_hour_the_clocks_skip_is_answered(directory_db):
    out = json.loads(ask(directory_db, "--json", "--at", "2027-03-28T02:30", "douche"))
    assert out["when"]["start"] == "2027-03-28T03:30:00+02:00"
