"""`python -m bot directory check`: every kind of broken file gets one clear line."""

import re

import pytest
from conftest import run_bot

from bot.directory.schema import Place
from bot.settings import DIRECTORY_DIR

# fixture file -> (line, field, words the message must contain)
CASES = {
    "yaml_syntax_error": (4, "-", "YAML syntax error"),
    "wrong_type_lat": (4, "lat", "valid number"),
    "unknown_category": (5, "categories.1", "unknown category 'douches'"),
    "unparsable_opening_hours": (4, "opening_hours", "not OpenStreetMap opening_hours"),
    "missing_source": (1, "source", "required field is missing"),
    "unknown_field": (4, "horaires", "unknown field"),
    "outside_paris": (4, "lat", "outside Paris"),
    "future_verified_on": (5, "verified_on", "in the future"),
    "bad_phone": (6, "phones.1", "'+33 1 2' is not a French number"),
    "file_name_differs_from_id": (1, "id", "should be named another-id.yaml"),
    "closure_ends_before_start": (4, "closure", "'to' is before 'from'"),
    "wrong_arrondissement": (4, "arrondissement", "coordinates are in the 11e"),
    "not_a_mapping": (1, "-", "expected a mapping"),
}
LINE = re.compile(r"^(?P<path>\S+\.yaml):(?P<line>\d+): (?P<field>\S+): (?P<message>.+)$")


def test_the_shipped_directory_passes():
    result = run_bot("directory", "check", DIRECTORY_DIR)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: ")


def test_a_valid_fixture_passes(make_directory):
    result = run_bot("directory", "check", make_directory("valid_place"))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_problem_names_file_line_and_field(make_directory, case):
    line, field, words = CASES[case]
    root = make_directory("valid_place", case)
    result = run_bot("directory", "check", root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = result.stdout.splitlines()
    assert len(problems) == 1, problems
    match = LINE.match(problems[0])
    assert match, problems[0]
    assert match["path"].endswith(f"places/{case.replace('_', '-')}.yaml")
    assert (int(match["line"]), match["field"]) == (line, field)
    assert words in match["message"]


def test_a_duplicate_id_names_the_other_file(make_directory):
    result = run_bot("directory", "check", make_directory("valid_place", "duplicate_id"))
    assert result.returncode == 1
    assert "duplicate id, also in" in result.stdout


def test_a_missing_directory_is_reported_not_crashed(tmp_path):
    result = run_bot("directory", "check", tmp_path / "nowhere")
    assert result.returncode == 1
    assert "categories.yaml:1: -: file is missing" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "source_date, expected",
    [
        ("2025-12-04 (mairie du 18e) ; Armée du Salut page undated", "2025-12-04"),
        ("2018-02-16 (dataset record_timestamp; 2024-04-22 is the copy) ; 2011", "2018-02-16"),
        ("2019-11", "2019-11"),
        ("c. 2011 (undated repost)", "2011"),
        ("undated (operator page)", None),
        (None, "2026-10-01"),  # an open dataset: the date of its copy
    ],
)
def test_the_information_date_is_the_first_date_its_source_says(source_date, expected):
    place = Place(
        id="p",
        name="Un lieu",
        categories=["shower"],
        source="fixture",
        source_date=source_date,
        verified_on="2026-10-01",
    )
    assert place.information_date == expected
