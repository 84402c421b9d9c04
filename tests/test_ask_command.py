"""`python -m bot ask`: the contract other checks rely on."""

import json

from conftest import run_bot

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
    assert len(out["places"]) == 5
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
    assert out.startswith("🧳 Bagageries et casiers · Paris 20e")
    assert "PAJ - Permanence Accueil Jeunes" in out


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


def test_a_bad_point_is_a_usage_error(directory_db):
    result = run_bot("ask", "--db", directory_db, "--near", "north", "douche")
    assert result.returncode == 2 and "LAT,LON" in result.stderr
