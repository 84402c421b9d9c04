"""`directory export`: the real directory in CSV, HSDS 3.0 and data·inclusion, each JSON
record valid against the standard's own JSON Schema (tests/schemas/, with their sources)."""

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import run_bot
from jsonschema import Draft202012Validator

from bot.settings import DIRECTORY_DIR

SCHEMAS = Path(__file__).parent / "schemas"


def validator(*path: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS.joinpath(*path)).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    out = {}
    for form in ("csv", "hsds", "data-inclusion"):
        out[form] = folder / f"directory.{form}"
        result = run_bot(
            "directory", "export", DIRECTORY_DIR, "--format", form, "--output", out[form]
        )
        assert result.returncode == 0, result.stderr
    return out


def errors(check: Draft202012Validator, records: list[dict]) -> list[str]:
    return [
        f"{record.get('id')}: {error.json_path}: {error.message}"
        for record in records
        for error in check.iter_errors(record)
    ]


def test_every_hsds_service_is_valid_hsds_3(exported):
    services = json.loads(exported["hsds"].read_text(encoding="utf-8"))
    assert len(services) > 2000
    assert errors(validator("hsds", "service_with_definitions.json"), services)[:5] == []
    meaux = next(
        s
        for s in services
        if s["service_at_locations"][0]["location"]["external_identifier"] == "bain-douche-meaux"
    )
    assert meaux["schedules"][0]["description"]  # the OpenStreetMap hours, as written
    assert meaux["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "75019"


def test_every_data_inclusion_record_is_valid(exported):
    data = json.loads(exported["data-inclusion"].read_text(encoding="utf-8"))
    assert errors(validator("data-inclusion", "structure.json"), data["structures"])[:5] == []
    assert errors(validator("data-inclusion", "service.json"), data["services"])[:5] == []
    ids = {s["id"] for s in data["structures"]}
    assert all(s["structure_id"] in ids for s in data["services"])
    food = [s for s in data["services"] if s["id"].endswith("--food")]
    assert food and all(
        s["thematiques"] == ["equipement-et-alimentation--alimentation"] for s in food
    )
    # 'tous-publics' stands alone (data·inclusion's rule, not in its JSON Schema)
    assert all(
        s["publics"] == ["tous-publics"] or "tous-publics" not in s["publics"]
        for s in data["services"]
    )


def test_the_csv_has_a_row_per_place_with_its_source(exported):
    rows = list(csv.DictReader(io.StringIO(exported["csv"].read_text(encoding="utf-8"))))
    assert len(rows) > 2000
    assert all(row["source"] and row["verified_on"] for row in rows)


def test_a_broken_directory_exports_nothing(make_directory, tmp_path):
    root = make_directory("valid_place", "bad_phone")
    output = tmp_path / "out.json"
    result = run_bot("directory", "export", root, "--format", "hsds", "--output", output)
    assert result.returncode == 1 and "bad-phone.yaml" in result.stderr
    assert not output.exists()
