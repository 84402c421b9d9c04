"""Read every directory file, validate it, and collect each problem with its file and line."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from opening_hours import OpeningHours, ParserError
from pydantic import ValidationError

from ..settings import PARIS_TZ
from . import opendata
from .addresses import AddressBook
from .geo import Arrondissements
from .reader import Problem, YamlDocument, display_path, read_yaml, validate
from .schema import FORMS, Alert, Category, EmergencyNumber, Landmark, Place, Quartier

# A declared arrondissement may differ from the polygon's for an address on a border street.
BORDER_TOLERANCE_M = 150


@dataclass
class Directory:
    """Everything the directory files say, validated, with the problems found."""

    root: Path
    places: list[Place] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)  # place id -> file it came from
    categories: list[Category] = field(default_factory=list)
    numbers: list[EmergencyNumber] = field(default_factory=list)
    quartiers: list[Quartier] = field(default_factory=list)
    landmarks: list[Landmark] = field(default_factory=list)
    stations: list[opendata.Station] = field(default_factory=list)
    streets: list[opendata.Street] = field(default_factory=list)
    arrondissements: Arrondissements | None = None
    sources: dict = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # to look at; nothing is refused


OPEN_END = re.compile(r"\d\d:\d\d\+")


def hours_problem(expression: str) -> str | None:
    """Why an OSM opening_hours expression does not parse, or None when it does. An open
    end ('19:30+') is refused: the library reads it as open until midnight, a closing time
    no source gave."""
    if found := OPEN_END.search(expression):
        return (
            f"{found.group()!r} (an open end) would be read as open until midnight: give the "
            "closing time, or leave opening_hours null and write the opening time in hours_note"
        )
    try:
        OpeningHours(expression, timezone=PARIS_TZ, country="FR")
    except ParserError as error:
        where = re.search(r"--> \d+:(\d+)", str(error))
        at = f" at character {where.group(1)}" if where else ""
        return (
            f"{expression!r} is not OpenStreetMap opening_hours{at} "
            "(e.g. 'Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00')"
        )
    return None


def read_directory(root: Path) -> Directory:
    directory = Directory(root=root)
    _read_list(directory, root / "categories.yaml", Category, directory.categories)
    _read_list(directory, root / "emergency_numbers.yaml", EmergencyNumber, directory.numbers)
    if (root / "quartiers.yaml").exists():
        _read_list(directory, root / "quartiers.yaml", Quartier, directory.quartiers)
    if (root / "landmarks.yaml").exists():
        _read_list(directory, root / "landmarks.yaml", Landmark, directory.landmarks)
    _read_opendata(directory, root / "opendata")
    _check_landmark_stations(directory, root / "landmarks.yaml")
    addresses = AddressBook(directory.streets)
    for path in sorted((root / "places").rglob("*.yaml")):
        _read_place_file(directory, path, addresses)
    for path in sorted((root / "alerts").glob("*.yaml")):
        _read_alert_file(directory, path)
    directory.problems.sort()
    directory.warnings.sort()
    return directory


def _check_landmark_stations(directory: Directory, path: Path) -> None:
    """A landmark stands for a station's point: that station must be in the station data."""
    if not directory.landmarks or not directory.stations:
        return
    doc = read_yaml(path)
    names = {s.name.strip("\u200b ") for s in directory.stations}
    for index, landmark in enumerate(directory.landmarks):
        if landmark.station not in names and isinstance(doc, YamlDocument):
            directory.problems.append(
                doc.problem((index, "station"), f"no station named {landmark.station!r}")
            )


def _read_list(directory: Directory, path: Path, model: type, out: list) -> None:
    if not path.exists():
        directory.problems.append(Problem(display_path(path), 1, "-", "file is missing"))
        return
    doc = read_yaml(path)
    if isinstance(doc, Problem):
        directory.problems.append(doc)
        return
    if not isinstance(doc.data, list):
        directory.problems.append(doc.problem((), "expected a list"))
        return
    for index, item in enumerate(doc.data):
        result = validate(doc, item, model, (index,))
        if isinstance(result, list):
            directory.problems.extend(result)
        else:
            out.append(result)


def _read_opendata(directory: Directory, folder: Path) -> None:
    sources_path = folder / "sources.yaml"
    if not sources_path.exists():
        return
    doc = read_yaml(sources_path)
    if isinstance(doc, Problem):
        directory.problems.append(doc)
        return
    directory.sources = sources = doc.data
    if "arrondissements" in sources:
        directory.arrondissements = Arrondissements(folder / sources["arrondissements"]["file"])
    if "stations" in sources and directory.arrondissements:
        path = folder / sources["stations"]["file"]
        directory.stations = opendata.stations(path, directory.arrondissements)
    if "streets" in sources:
        directory.streets = opendata.streets(folder / sources["streets"]["file"])
    for name, importer in opendata.IMPORTERS.items():
        if name not in sources or directory.arrondissements is None:
            continue
        path = folder / sources[name]["file"]
        for line, fields in importer(path, sources[name], directory.arrondissements):
            try:
                place = Place.model_validate(fields)
            except ValidationError as error:
                for e in error.errors():
                    loc = ".".join(map(str, e["loc"]))
                    directory.problems.append(Problem(display_path(path), line, loc, e["msg"]))
                continue
            _add_place(directory, place, display_path(path), None)


def _read_file(directory: Directory, path: Path, model: type) -> tuple[YamlDocument, object]:
    """One file of one record named by its id: (document, record), or (None, None) when
    it cannot be read; the problems are added to the directory's (a file misnamed is
    one, and its record still goes on, so that a duplicate id is named too)."""
    doc = read_yaml(path)
    if isinstance(doc, Problem):
        directory.problems.append(doc)
        return None, None
    result = validate(doc, doc.data, model)
    if isinstance(result, list):
        directory.problems.extend(result)
        return None, None
    if path.stem != result.id:
        directory.problems.append(
            doc.problem(("id",), f"the file should be named {result.id}.yaml")
        )
    return doc, result


def _read_place_file(directory: Directory, path: Path, addresses: AddressBook) -> None:
    doc, result = _read_file(directory, path, Place)
    if result is None:
        return
    _add_place(directory, result, doc.path, doc)
    if "food" in result.categories and not set(result.forms) & set(FORMS["food"]):
        directory.warnings.append(
            doc.problem(("forms",), "say what it gives: [meal], [parcel] or [grocery]")
        )
    why = addresses.warning(result.address)
    if why and not result.address_not_in_ban:
        directory.warnings.append(doc.problem(("address",), why))
    elif result.address_not_in_ban and not why:
        directory.warnings.append(
            doc.problem(
                ("address_not_in_ban",),
                "the national address base (BAN) has this address: remove address_not_in_ban",
            )
        )


def _read_alert_file(directory: Directory, path: Path) -> None:
    """directory/alerts/<id>.yaml: one notice (see directory/alerts/README.md)."""
    doc, result = _read_file(directory, path, Alert)
    if result is None:
        return
    known = sorted(c.id for c in directory.categories)
    problems = [
        doc.problem(
            ("categories", i), f"unknown category {c!r} (known: {', '.join(sorted(known))})"
        )
        for i, c in enumerate(result.categories)
        if c not in known
    ]
    directory.problems.extend(problems)
    if not problems:
        directory.alerts.append(result)


def _add_place(directory: Directory, place: Place, origin: str, doc: YamlDocument | None) -> None:
    def problem(loc: tuple[str | int, ...], message: str) -> Problem:
        if doc is None:
            return Problem(origin, 1, ".".join(map(str, loc)), f"{place.id}: {message}")
        return doc.problem(loc, message)

    found = []
    if place.id in directory.origins:
        found.append(problem(("id",), f"duplicate id, also in {directory.origins[place.id]}"))
    known = {c.id for c in directory.categories}
    for index, category in enumerate(place.categories):
        if category not in known:
            found.append(
                problem(
                    ("categories", index),
                    f"unknown category {category!r} (known: {', '.join(sorted(known))})",
                )
            )
    if place.opening_hours is not None and (why := hours_problem(place.opening_hours)):
        found.append(problem(("opening_hours",), why))
    for category, hours in place.service_hours.items():
        if category not in place.categories:
            found.append(problem(("service_hours", category), "not one of the place's categories"))
        elif hours is not None and (why := hours_problem(hours)):
            found.append(problem(("service_hours", category), why))
    found.extend(_location_problems(directory, place, problem))
    directory.problems.extend(found)
    if not found:
        directory.places.append(place)
        directory.origins[place.id] = origin


def _location_problems(
    directory: Directory, place: Place, problem: Callable[[tuple, str], Problem]
) -> list[Problem]:
    paris = directory.arrondissements
    if paris is None or place.lat is None or place.lon is None:
        return []
    inside = paris.at(place.lat, place.lon)
    if inside is None and not place.outside_paris:
        return [
            problem(
                ("lat",),
                f"({place.lat}, {place.lon}) is outside Paris; "
                "check the coordinates or set outside_paris: true",
            )
        ]
    if (
        inside is not None
        and place.arrondissement is not None
        and inside != place.arrondissement
        and paris.distance_to(place.arrondissement, place.lat, place.lon) > BORDER_TOLERANCE_M
    ):
        return [
            problem(
                ("arrondissement",),
                f"is {place.arrondissement} but the coordinates are in the {inside}e",
            )
        ]
    return []
