"""`python -m bot directory check`: every kind of broken file gets one clear line."""

import gzip
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
    assert result.stdout.splitlines()[-1].startswith("ok: ")  # warnings may come before


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


BAN_HEADER = "id;numero;rep;nom_voie;code_postal;lat;lon"
BAN_ROWS = [
    "75112_a_00001;1;;Rue Henri Desgrange;75012;48.8394;2.3812",
    "75112_a_00003;3;;Rue Henri Desgrange;75012;48.8395;2.3813",
    "75105_b_00010;10;;Rue Daubenton;75005;48.8410;2.3502",
    "75105_b_00012;12;bis;Rue Daubenton;75005;48.8411;2.3503",
]


@pytest.mark.parametrize(
    "address, warned",
    [
        ("3, rue Henri Desgrange", None),
        ("12 bis rue Daubenton (2e étage)", None),
        (
            "3 rue Henri-Desgrandes",
            "not a street of the national address base (BAN); closest: 'Rue Henri Desgrange'",
        ),
        ("12 rue Daubenton", "has no number 12 in 'Rue Daubenton'"),
        ("Mairie du 5e, ancienne salle de bridge", None),  # not 'number street': not checked
        ("12 rue Daubenton\naddress_not_in_ban: 'the BAN has 10 and 14'", None),  # explained
        (
            "10 rue Daubenton\naddress_not_in_ban: 'the BAN has 10 and 14'",
            "the national address base (BAN) has this address: remove address_not_in_ban",
        ),
    ],
)
def test_an_address_the_address_base_does_not_know_is_a_warning(make_directory, address, warned):
    address, _, explained = address.partition("\n")
    root = make_directory("valid_place")
    with gzip.open(root / "opendata" / "ban.csv.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join([BAN_HEADER, *BAN_ROWS]) + "\n")
    with (root / "opendata" / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write("streets:\n  file: ban.csv.gz\n")
    place = root / "places" / "valid-place.yaml"
    text = place.read_text(encoding="utf-8")
    written = f"address: {address!r}" + (f"\n{explained}" if explained else "")
    place.write_text(re.sub(r"(?m)^address: .*$", written, text), encoding="utf-8")
    result = run_bot("directory", "check", root)
    assert result.returncode == 0, result.stdout  # a warning refuses nothing
    warnings = [line for line in result.stdout.splitlines() if line.endswith("(warning)")]
    if warned is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warned in warnings[0]
        match = LINE.match(warnings[0].removesuffix(" (warning)"))
        field = "address_not_in_ban" if explained else "address"
        assert match and match["field"] == field and match["path"].endswith("valid-place.yaml")


def test_every_hours_example_in_the_editors_guide_is_valid():
    from bot.directory.check import hours_problem

    guide = (DIRECTORY_DIR.parent / "docs" / "editors.md").read_text(encoding="utf-8")
    examples = re.findall(r"^   \| [^|]+ \| `([^`]+)`", guide, flags=re.MULTILINE)
    assert len(examples) >= 10
    assert examples[0] == "opening_hours"  # the header
    assert [e for e in examples[1:] if hours_problem(e)] == []


def test_an_open_end_is_refused_not_read_as_open_until_midnight():
    """'We 19:30+' parses, and would be answered 'ferme à 00:00': a time no source gave."""
    from bot.directory.check import hours_problem

    assert "open end" in hours_problem("We 19:30+")
    assert "open end" in hours_problem("Mo-Fr 08:00-12:00,19:30+; Sa off")
    assert hours_problem("Mo-Fr 08:00-12:00; Sa 10:00-12:00") is None


@pytest.mark.parametrize(
    "categories, forms, said",
    [
        ("[food]", "", "say what it gives: [meal], [parcel] or [grocery] (warning)"),
        ("[food]", "forms: [parcel]", None),
        ("[shower]", "forms: [meal]", "is a kind of food"),
        ("[food]", "forms: [soup]", "forms.0"),
        ("[health]", "forms: [dental]", None),
        ("[health]", "forms: [meal]", "is a kind of food"),
    ],
)
def test_a_food_place_says_what_it_gives(make_directory, categories, forms, said):
    """A meal, a parcel or a social grocery: a hungry person is sent to meals first, so a
    food place that does not say which is named (and one saying it without food refused)."""
    root = make_directory("valid_place")
    place = root / "places" / "valid-place.yaml"
    text = place.read_text(encoding="utf-8").replace("[shower]", categories)
    place.write_text(text + forms + "\n", encoding="utf-8")
    result = run_bot("directory", "check", root)
    lines = [line for line in result.stdout.splitlines() if "valid-place.yaml" in line]
    if said is None:
        assert result.returncode == 0 and lines == [], result.stdout
    else:
        assert len(lines) == 1 and said in lines[0], result.stdout
        assert result.returncode == (0 if said.endswith("(warning)") else 1)
