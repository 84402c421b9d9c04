"""Refresh an open-data family (toilets, fountains, Wi-Fi) from a new copy of its dataset.

The new copy is read with the same importer as the build; if any row is invalid nothing
changes. Otherwise the copy replaces the old one in directory/opendata/, sources.yaml
names it (its comments kept), and the report says which places were added, changed and
removed, the way an editor reviews a data·inclusion import.
"""

import datetime as dt
import re
import shutil
from pathlib import Path

from pydantic import ValidationError

from . import opendata
from .changes import SyncReport, differences
from .geo import Arrondissements
from .reader import Problem, display_path, read_yaml
from .schema import Place


def read_family(
    family: str, path: Path, source: dict, paris: Arrondissements
) -> tuple[dict[str, Place], list[Problem]]:
    places, problems = {}, []
    try:
        rows = opendata.IMPORTERS[family](path, source, paris)
    except (KeyError, ValueError, UnicodeDecodeError) as error:
        why = f"not a copy of the '{family}' dataset ({type(error).__name__}: {error})"
        return {}, [Problem(display_path(path), 1, "-", why)]
    for line, fields in rows:
        try:
            place = Place.model_validate(fields)
        except ValidationError as error:
            for e in error.errors():
                loc = ".".join(map(str, e["loc"]))
                problems.append(Problem(display_path(path), line, loc, e["msg"]))
            continue
        places[place.id] = place
    return places, problems


def copy_name(old_name: str, day: dt.date) -> str:
    """'paris_sanisettesparis_copy-2024-11-13.csv' → '…_copy-2026-11-23.csv'."""
    return re.sub(r"copy-\d{4}-\d\d-\d\d", f"copy-{day.isoformat()}", old_name)


def _rewrite_block(text: str, family: str, file: str, day: dt.date, source: str | None) -> str:
    """Change `file`, `verified_on` (and `source`) in the family's block of sources.yaml,
    leaving every other line, comments included, as it is."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"{family}:\n")
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"[a-z_]+:", lines[i])), len(lines)
    )
    block = "".join(lines[start + 1 : end])
    block = re.sub(r"(?m)^  file: .*$", f"  file: {file}", block)
    block = re.sub(r"(?m)^  verified_on: .*$", f"  verified_on: {day.isoformat()}", block)
    if source:
        block = re.sub(
            r"(?m)^  source:( >-\n(    .*\n)+| .*\n)", f"  source: >-\n    {source}\n", block
        )
    return "".join(lines[: start + 1]) + block + "".join(lines[end:])


def refresh(
    root: Path, family: str, new_copy: Path, day: dt.date, source: str | None = None
) -> SyncReport:
    """Compare the places of the new copy with the current one's; when every row is valid,
    put the copy in place of the old one and update sources.yaml."""
    folder = root / "opendata"
    sources_path = folder / "sources.yaml"
    doc = read_yaml(sources_path)
    report = SyncReport()
    if isinstance(doc, Problem):
        report.problems.append(doc)
        return report
    sources = doc.data
    paris = Arrondissements(folder / sources["arrondissements"]["file"])
    old_path = folder / sources[family]["file"]
    old, _ = read_family(family, old_path, sources[family], paris)
    new_source = dict(sources[family], verified_on=day, source=source or sources[family]["source"])
    new, report.problems = read_family(family, new_copy, new_source, paris)
    if report.problems:
        return report
    for place_id, place in new.items():
        if place_id not in old:
            report.added.append(place_id)
        elif changes := differences(old[place_id], place):
            report.changed.append(f"{place_id}: {', '.join(changes)}")
        else:
            report.unchanged += 1
    report.removed = [place_id for place_id in old if place_id not in new]
    name = copy_name(old_path.name, day)
    if new_copy.resolve() != (folder / name).resolve():
        shutil.copyfile(new_copy, folder / name)
    if name != old_path.name:
        old_path.unlink()
    text = sources_path.read_text(encoding="utf-8")
    sources_path.write_text(_rewrite_block(text, family, name, day, source), encoding="utf-8")
    return report
