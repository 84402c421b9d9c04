"""`directory import`: a data·inclusion export becomes reviewable place files (fixture in
the published shape, and a round trip of the real directory through our own export); a new
copy of an open-data family replaces the old one with a report of what changed."""

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, run_bot
from test_directory_export import errors, validator

from bot.directory.check import read_directory
from bot.directory.data_inclusion import to_places
from bot.directory.export import THEMATIQUES, to_data_inclusion
from bot.settings import DIRECTORY_DIR

EXPORT = FIXTURES / "data-inclusion"


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_fixture_has_the_shape_data_inclusion_publishes():
    for schema, name in (("structure.json", "structures"), ("service.json", "services")):
        records = json.loads((EXPORT / f"{name}.json").read_text(encoding="utf-8"))
        assert errors(validator("data-inclusion", schema), records) == []


def test_an_export_becomes_reviewable_files_and_a_reimport_reports_changes(
    make_directory, tmp_path
):
    root = make_directory()
    into = tmp_path / "incoming"
    files = (EXPORT / "structures.json", EXPORT / "services.json")

    def run(*paths: Path, extra: tuple[str, ...] = ()) -> str:
        result = run_bot(
            "directory", "import", *paths, "--format", "data-inclusion", "--dir", root,
            "--into", into, *extra,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    out = run(*files)
    assert "left out (Soliguide's terms forbid reusing its database): 2" in out
    assert "left out (only at a distance (no place to go to)): 1" in out
    assert "left out (no need this bot serves): 1" in out
    assert "left out (service without its structure): 1" in out
    assert "2 added, 0 changed, 0 removed, 0 unchanged" in out
    written = {read(path)["open_data_id"]: path for path in into.glob("*.yaml")}
    assert set(written) == {
        "data-inclusion:dora--exemple-1",
        "data-inclusion:mediation-numerique--exemple-3",
    }
    paris = read(written["data-inclusion:dora--exemple-1"])
    assert paris["categories"] == ["food", "shower"]
    assert paris["opening_hours"] == "Mo-Fr 09:00-12:00"
    assert paris["service_hours"] == {"shower": "Tu 14:00-16:00"}
    assert paris["phones"] == ["01 23 45 67 89"]
    assert paris["audience"] == ["women"] and paris["access"] == ["free", "registration"]
    assert paris["arrondissement"] == 18 and paris["source_date"] == "date_maj 2026-05-02"
    assert "structure dora--exemple-1 (source « dora »)" in paris["source"]
    assert "https://dora.inclusion.beta.gouv.fr/structures/exemple" in paris["source"]
    assert "pas une source" in paris["notes"]
    away = read(written["data-inclusion:mediation-numerique--exemple-3"])
    assert away["outside_paris"] is True and away["opening_hours"] is None
    assert away["phones"] == [] and away["access"] == ["paying"]
    assert "horaires illisibles : « lundi 9h-12h »" in away["notes"]
    assert "téléphone illisible" in away["notes"]

    # a file an editor moves into places/ is a valid place file
    shutil.copy(written["data-inclusion:dora--exemple-1"], root / "places")
    assert run_bot("directory", "check", root).returncode == 0
    (root / "places" / written["data-inclusion:dora--exemple-1"].name).unlink()

    assert "0 added, 0 changed, 0 removed, 2 unchanged" in run(*files)

    structures = json.loads(files[0].read_text(encoding="utf-8"))
    structures[0]["horaires_accueil"] = "Mo-Fr 09:00-13:00"
    changed = tmp_path / "structures.json"
    changed.write_text(json.dumps(structures[:2]), encoding="utf-8")
    out = run(changed, files[1])
    assert f"changed  {written['data-inclusion:dora--exemple-1'].name}: opening_hours" in out
    assert f"removed  {written['data-inclusion:mediation-numerique--exemple-3'].name}" in out
    assert not written["data-inclusion:mediation-numerique--exemple-3"].exists()
    assert read(written["data-inclusion:dora--exemple-1"])["opening_hours"] == "Mo-Fr 09:00-13:00"

    # once in the live directory, a change is reported, never written over the editor's file
    live = root / "places" / written["data-inclusion:dora--exemple-1"].name
    shutil.move(written["data-inclusion:dora--exemple-1"], live)
    out = run(*files, extra=("--departement", "75"))
    assert f"to apply by hand  {live}: opening_hours" in out
    assert read(live)["opening_hours"] == "Mo-Fr 09:00-13:00"
    assert list(into.glob("*.yaml")) == []  # the 93 record is outside the département asked


def test_the_real_directory_comes_back_through_data_inclusion():
    directory = read_directory(DIRECTORY_DIR)
    exported = to_data_inclusion(directory.places, dt.date(2026, 11, 23))
    imported = to_places(
        exported["structures"], exported["services"], dt.date(2026, 11, 23),
        paris=directory.arrondissements,
    )  # fmt: skip
    back = {p.open_data_id.split("--", 1)[1]: p for p in imported.places}
    assert len(back) > 900
    for place in directory.places:
        if place.id not in back:
            assert not any(c in THEMATIQUES for c in place.categories), place.id
            continue
        again = back[place.id]
        for name in ("name", "address", "postcode", "lat", "lon", "opening_hours", "description"):
            assert getattr(again, name) == getattr(place, name), (place.id, name)
        assert again.phones == place.phones[:1], place.id
        if place.postcode or place.lat is not None:
            assert again.arrondissement == place.arrondissement, place.id
        kept = {c for c in place.categories if c in THEMATIQUES} - {"mail_address"}
        assert kept <= set(again.categories), place.id
        for said in ("women", "families", "drug_users", "young_18_25", "minors", "men"):
            assert (said in again.audience) == (said in place.audience), (place.id, said)
        assert ("free" in again.access) == ("free" in place.access), place.id


@pytest.fixture
def opendata_copy(tmp_path) -> Path:
    root = tmp_path / "directory"
    shutil.copytree(DIRECTORY_DIR / "opendata", root / "opendata")
    return root


def toilet_rows(root: Path) -> tuple[list[str], list[dict]]:
    sources = read(root / "opendata" / "sources.yaml")
    with (root / "opendata" / sources["toilets"]["file"]).open(encoding="utf-8-sig") as f:
        reader = csv.DictReader(f, delimiter=";")
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, fields: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_new_open_data_copy_replaces_the_old_with_a_report(opendata_copy, tmp_path):
    root = opendata_copy
    old_name = read(root / "opendata" / "sources.yaml")["toilets"]["file"]
    fields, rows = toilet_rows(root)
    rows[1]["HORAIRE"] = "6 h - 22 h" if rows[1]["HORAIRE"] != "6 h - 22 h" else "24 h / 24"
    new_row = dict(rows[2], ADRESSE="1 PLACE DU TEST", geo_point_2d="48.85, 2.35")
    new = write_rows(tmp_path / "new.csv", fields, rows[1:] + [new_row])
    result = run_bot(
        "directory", "import", new, "--format", "toilets", "--dir", root, "--date", "2026-11-20"
    )
    assert result.returncode == 0, result.stderr
    assert "1 added, 1 changed, 1 removed" in result.stdout
    assert "opening_hours" in result.stdout
    sources_text = (root / "opendata" / "sources.yaml").read_text(encoding="utf-8")
    assert "# Licence: Open Database License" in sources_text  # comments kept
    sources = yaml.safe_load(sources_text)
    assert sources["toilets"]["file"] == "paris_sanisettesparis_copy-2026-11-20.csv"
    assert sources["toilets"]["verified_on"] == dt.date(2026, 11, 20)
    assert sources["water"] == read(DIRECTORY_DIR / "opendata" / "sources.yaml")["water"]
    assert not (root / "opendata" / old_name).exists()
    assert (root / "opendata" / sources["toilets"]["file"]).exists()


def test_a_bad_open_data_copy_changes_nothing(opendata_copy, tmp_path):
    root = opendata_copy
    before = (root / "opendata" / "sources.yaml").read_text(encoding="utf-8")
    fields, rows = toilet_rows(root)
    rows[3]["ARRONDISSEMENT"] = "7500"
    bad = write_rows(tmp_path / "bad.csv", fields, rows)
    result = run_bot("directory", "import", bad, "--format", "toilets", "--dir", root)
    assert result.returncode == 1
    assert "bad.csv:5: postcode" in result.stdout
    assert "nothing changed" in result.stderr
    assert (root / "opendata" / "sources.yaml").read_text(encoding="utf-8") == before
    other = write_rows(tmp_path / "other.csv", ["a", "b"], [{"a": "1", "b": "2"}])
    result = run_bot("directory", "import", other, "--format", "toilets", "--dir", root)
    assert result.returncode == 1 and "not a copy of the 'toilets' dataset" in result.stdout
