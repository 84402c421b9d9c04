"""Read data·inclusion's published export (structures + services) into place records.

data·inclusion (the State's national dataset of inclusion services, Licence Ouverte 2.0)
gathers other directories: what it says is a lead for an editor to check with the
organisation, never a source to publish as is. So the records become place files in a
folder the bot does not serve (`directory/incoming/data-inclusion/`), each saying where it
comes from and what has no equivalent here; `sync` reports what was added, changed and
removed since the last import. Records from Soliguide are left out: its terms forbid
reusing its database. The mapping is the reverse of export.py's.
"""

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii
from pydantic import ValidationError

from .changes import SyncReport, differences, place_yaml
from .check import hours_problem
from .export import AUDIENCE_WORDS, CONDITIONS, PUBLICS, THEMATIQUES
from .geo import Arrondissements
from .opendata import postcode_arrondissement
from .reader import Problem, read_yaml
from .schema import Place

FORBIDDEN_SOURCES = {"soliguide": "Soliguide's terms forbid reusing its database"}
LICENCE = "data·inclusion, Licence Ouverte 2.0 (Etalab)"
CHECK_FIRST = (
    "à vérifier auprès de la structure avant de le publier (une copie d'annuaire est une "
    "piste, pas une source)."
)
# A thematique names one need here; several thematiques may name the same one.
CATEGORY_OF_THEMATIQUE = {t: c for c, ts in THEMATIQUES.items() if c != "mail_address" for t in ts}
CATEGORY_OF_THEMATIQUE[
    "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination"
] = "rights"
# Needs data·inclusion has no thematique for (it leaves them null): read in the service name.
CATEGORY_WORDS = {
    "douche": "shower",
    "laverie": "laundry",
    "lave-linge": "laundry",
    "bagagerie": "luggage",
    "consigne": "luggage",
    "domiciliation": "mail_address",
    "toilettes": "toilets",
    "sanitaires": "toilets",
    "accueil de jour": "day_centre",
    "fontaine a boire": "water",
}
AUDIENCE_OF_PUBLIC = {"femmes": "women", "familles": "families", "jeunes": "young_18_25"}
AUDIENCE_OF_WORDS = {words: audience for audience, words in AUDIENCE_WORDS.items()}
ACCESS_OF_CONDITION = {words: access for access, words in CONDITIONS.items()}
# publics that say nothing more than "people in need" here
NO_RESTRICTION = {"tous-publics", PUBLICS["drug_users"]}


@dataclass
class Imported:
    """The place records read from an export, and the records left out with why."""

    places: list[Place] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # reason -> record ids

    def skip(self, reason: str, record_id: str) -> None:
        self.skipped.setdefault(reason, []).append(record_id)


def read_export(paths: list[Path]) -> tuple[list[dict], list[dict]]:
    """Structures and services from one file {"structures": [...], "services": [...]}
    (what `directory export --format data-inclusion` writes) or from the two lists
    data·inclusion publishes (structures.json, services.json), in any order."""
    structures: list[dict] = []
    services: list[dict] = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            structures += data.get("structures", [])
            services += data.get("services", [])
        elif data and "structure_id" in data[0]:
            services += data
        else:
            structures += data
    return structures, services


def _words(text: str | None) -> str:
    return anyascii(text or "").lower()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _words(text)).strip("-")[:50].strip("-")


def place_id(key: str, name: str) -> str:
    """A readable id that stays the same from one import to the next."""
    return f"di-{_slug(name) or 'structure'}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


def _phone(number: str | None) -> str | None:
    """'+33 1 43 54 47 40', '0143544740' → '01 43 54 47 40'; None when not a French number."""
    digits = re.sub(r"\D", "", number or "")
    if digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return digits if 3 <= len(digits) <= 4 else None


def _categories(service: dict) -> list[str]:
    found = [CATEGORY_OF_THEMATIQUE.get(t) for t in service.get("thematiques") or []]
    name = _words(service.get("nom"))
    found += [category for word, category in CATEGORY_WORDS.items() if word in name]
    return list(dict.fromkeys(c for c in found if c))


def _audience(services: list[dict], doubts: list[str]) -> list[str]:
    audience: list[str] = []
    for service in services:
        precisions = (service.get("publics_precisions") or "").split(", ")
        said = [AUDIENCE_OF_WORDS[p] for p in precisions if p in AUDIENCE_OF_WORDS]
        for public in service.get("publics") or []:
            if public in AUDIENCE_OF_PUBLIC and not (public == "jeunes" and said):
                said.append(AUDIENCE_OF_PUBLIC[public])
            elif public not in NO_RESTRICTION and public not in AUDIENCE_OF_PUBLIC:
                doubts.append(f"public « {public} » sans équivalent ici")
        audience += said
    return list(dict.fromkeys(audience)) or ["everyone"]


def _access(services: list[dict]) -> list[str]:
    access: list[str] = []
    for service in services:
        conditions = (service.get("conditions_acces") or "").split("; ")
        access += [ACCESS_OF_CONDITION[c] for c in conditions if c in ACCESS_OF_CONDITION]
        frais = service.get("frais")
        if frais == "gratuit":
            access.append("free")
        elif frais == "payant" and "membership_fee" not in access:
            access.append("paying")
    return list(dict.fromkeys(access))


def _hours(services: list[dict], structure: dict, doubts: list[str]) -> dict[str, str | None]:
    """Each category's hours (a service's own, else the structure's); unreadable ones are
    kept as a doubt, never guessed."""
    by_category: dict[str, str | None] = {}
    for service in services:
        hours = service.get("horaires_accueil") or structure.get("horaires_accueil")
        if hours and hours_problem(hours):
            doubts.append(f"horaires illisibles : « {hours} »")
            hours = None
        for category in _categories(service):
            by_category.setdefault(category, hours)
    return by_category


def to_places(
    structures: list[dict],
    services: list[dict],
    today: dt.date,
    departement: str | None = None,
    paris: Arrondissements | None = None,
) -> Imported:
    """One place per structure with the services this bot serves (a need it knows, met in
    person), in the département asked if any."""
    out = Imported()
    by_structure: dict[str, list[dict]] = {}
    for service in services:
        if service.get("source") in FORBIDDEN_SOURCES:
            out.skip(FORBIDDEN_SOURCES[service["source"]], service["id"])
        elif "en-presentiel" not in (service.get("modes_accueil") or ["en-presentiel"]):
            out.skip("only at a distance (no place to go to)", service["id"])
        elif not _categories(service):
            out.skip("no need this bot serves", service["id"])
        else:
            by_structure.setdefault(service["structure_id"], []).append(service)
    for structure in structures:
        kept = by_structure.pop(structure["id"], [])
        if structure.get("source") in FORBIDDEN_SOURCES:
            out.skip(FORBIDDEN_SOURCES[structure["source"]], structure["id"])
            continue
        postcode = structure.get("code_postal") or next(
            (s["code_postal"] for s in kept if s.get("code_postal")), None
        )
        if departement and not (postcode or "").startswith(departement):
            continue
        if kept:
            _add(out, structure, kept, postcode, today, paris)
    for structure_id in by_structure:
        out.skip("service without its structure", structure_id)
    return out


def _add(
    out: Imported,
    structure: dict,
    services: list[dict],
    postcode: str | None,
    today: dt.date,
    paris: Arrondissements | None,
) -> None:
    doubts: list[str] = []
    hours = _hours(services, structure, doubts)
    categories = list(hours)
    shared = max(hours.values(), key=list(hours.values()).count)
    phone = structure.get("telephone") or next(
        (s["telephone"] for s in services if s.get("telephone")), None
    )
    if phone and not _phone(phone):
        doubts.append(f"téléphone illisible : « {phone} »")
    lat, lon = structure.get("latitude"), structure.get("longitude")
    located = paris.at(lat, lon) if paris and lat is not None and lon is not None else None
    arrondissement = located or postcode_arrondissement(postcode or "")
    outside = (paris is not None and lat is not None and not located) or (
        postcode is not None and arrondissement is None
    )
    origin = structure.get("source") or "?"
    link = structure.get("lien_source")
    fields = dict(
        id=place_id(structure["id"], structure["nom"]),
        name=structure["nom"],
        categories=categories,
        address=structure.get("adresse"),
        postcode=postcode,
        arrondissement=arrondissement,
        lat=lat,
        lon=lon,
        coordinates_source="source" if lat is not None else None,
        outside_paris=outside,
        phones=[_phone(phone)] if _phone(phone) else [],
        opening_hours=shared,
        service_hours={c: h for c, h in hours.items() if h != shared},
        audience=_audience(services, doubts),
        access=_access(services),
        description=structure.get("description"),
        source=f"{LICENCE}: structure {structure['id']} (source « {origin} »)"
        + (f", {link}" if link else ""),
        source_date=f"date_maj {structure['date_maj']}" if structure.get("date_maj") else None,
        verified_on=today,
        open_data_id=f"data-inclusion:{structure['id']}",
        notes=" ".join(
            [f"Importé de data·inclusion le {today.isoformat()} : {CHECK_FIRST}"]
            + [f"À vérifier : {doubt}." for doubt in dict.fromkeys(doubts)]
        ),
    )
    try:
        out.places.append(Place.model_validate(fields))
    except ValidationError as error:
        for e in error.errors():
            out.skip(f"{'.'.join(map(str, e['loc']))}: {e['msg']}", structure["id"])


def _read_places(paths: list[Path], report: SyncReport) -> dict[str, tuple[Path, Place]]:
    """Place files by their data·inclusion id; a broken file is reported and left alone."""
    out = {}
    for path in paths:
        doc = read_yaml(path)
        if isinstance(doc, Problem):
            report.problems.append(doc)
            continue
        try:
            place = Place.model_validate(doc.data)
        except ValidationError as error:
            report.problems.append(doc.problem((), str(error.errors()[0]["msg"])))
            continue
        if (place.open_data_id or "").startswith("data-inclusion:"):
            out[place.open_data_id] = (path, place)
    return out


def sync(
    places: list[Place], folder: Path, live_root: Path, departement: str | None = None
) -> SyncReport:
    """Write the places to `folder`, one file each: new ones added, ones whose facts
    changed rewritten, files whose record is gone deleted (in the département imported,
    when one is given). A place already moved into the live directory (`live_root`,
    matched by its data·inclusion id) is never written over: its differences are
    reported for the editor to apply."""
    report = SyncReport()
    folder.mkdir(parents=True, exist_ok=True)
    incoming = _read_places(sorted(folder.glob("*.yaml")), report)
    live = _read_places(sorted(live_root.rglob("*.yaml")), report)
    for place in places:
        key = place.open_data_id
        if key in live:
            path, old = live[key]
            if changes := differences(old, place):
                report.live.append(f"{path}: {', '.join(changes)}")
            continue
        target = folder / f"{place.id}.yaml"
        if key in incoming:
            path, old = incoming.pop(key)
            changes = differences(old, place)
            if not changes:
                report.unchanged += 1
                continue
            path.unlink()
            report.changed.append(f"{target.name}: {', '.join(changes)}")
        else:
            report.added.append(target.name)
        target.write_text(place_yaml(place), encoding="utf-8")

    def gone(place: Place) -> bool:
        in_area = departement is None or (place.postcode or "").startswith(departement)
        return in_area and place.open_data_id not in seen

    seen = {p.open_data_id for p in places}
    for path, old in incoming.values():
        if gone(old):
            path.unlink()
            report.removed.append(path.name)
    report.removed += [f"{path} (live: not deleted)" for path, old in live.values() if gone(old)]
    return report
