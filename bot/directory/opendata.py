"""Import the large open datasets (toilets, fountains, Wi-Fi, stations) from their raw copies.

Reproducible: the raw files in directory/opendata/ are copies of the open data as
published; this module maps each row to the fields of a Place (with the row's line, for
problem messages), or to a Station, and nothing else. Validation happens in check.py.
"""

import csv
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..understand.streets import MAX_DOOR, Door, pack_doors
from .geo import Arrondissements

ODBL_NOTE = "Données ouvertes, licence ODbL 1.0."
WIFI_HOURS_NOTE = "Wi-Fi gratuit. Horaires du lieu qui l'accueille (parc, bibliothèque…)."


@dataclass(frozen=True)
class Station:
    name: str
    mode: str
    line: str
    lat: float
    lon: float
    arrondissement: int | None


@dataclass(frozen=True)
class Street:
    """A street of Paris as the national address base (BAN) names it: its point is the
    mean of its addresses in the arrondissement that has most of them."""

    name: str
    arrondissement: int
    lat: float
    lon: float
    numbers: frozenset[str]  # '12', '12bis': to check an address, not stored
    doors: bytes = b""  # its numbers' points, packed by understand.streets.pack_doors


def _csv_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows with the line they start on (for problem messages)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f, delimiter=";")
        rows = []
        line = reader.line_num + 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
        return rows


def _point(geo_point: str) -> tuple[float, float] | tuple[None, None]:
    if not geo_point.strip():
        return None, None
    lat, lon = (float(x) for x in geo_point.split(","))
    return lat, lon


def _short_hash(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:10]


def postcode_arrondissement(postcode: str) -> int | None:
    if re.fullmatch(r"750\d\d", postcode or ""):
        number = int(postcode[3:])
        return number if 1 <= number <= 20 else None
    return 16 if postcode == "75116" else None


TOILET_HOURS = {
    "24 h / 24": "24/7",
    "6 h - 22 h": "06:00-22:00",
    "6 h - 1 h": "06:00-01:00",
    "19 h - 7 h": "19:00-07:00",
    "10h/18h": "10:00-18:00",
    "10h à 22h": "10:00-22:00",
}


def toilets(path: Path, source: dict, paris: Arrondissements) -> list[tuple[int, dict]]:
    places = []
    for line, row in _csv_rows(path):
        lat, lon = _point(row["geo_point_2d"])
        hours = row["HORAIRE"].strip()
        located = lat is not None and paris.at(lat, lon)
        arrondissement = located or postcode_arrondissement(row["ARRONDISSEMENT"])
        places.append(
            (
                line,
                dict(
                    id=f"toilets-{_short_hash(lat, lon, row['ADRESSE'])}",
                    name=f"Toilettes publiques ({row['TYPE'].strip().lower()})",
                    categories=["toilets"],
                    address=" ".join(row["ADRESSE"].split()).title() or None,
                    postcode=row["ARRONDISSEMENT"] or None,
                    arrondissement=arrondissement,
                    lat=lat,
                    lon=lon,
                    coordinates_source="source" if lat is not None else None,
                    outside_paris=lat is not None and not located,
                    opening_hours=TOILET_HOURS.get(hours),
                    hours_note=None
                    if hours in TOILET_HOURS
                    else "Horaires sur la fiche de l'équipement.",
                    access=["free"],
                    wheelchair={"Oui": True, "Non": False}.get(row["ACCES_PMR"]),
                    source=source["source"],
                    verified_on=source["verified_on"],
                    notes=ODBL_NOTE,
                ),
            )
        )
    return places


# What a fountain is called for the person looking for water: the dataset's models ('GHM
# Bois', 'Particulier', 'Mât source') are the City's furniture names, not theirs.
FOUNTAIN_NAMES = {
    "FONTNE_WALLACE": "Fontaine Wallace",
    "FTNE_PETILLANTE": "Fontaine pétillante (eau plate et gazeuse)",
}
FACING = re.compile(r"^(?:F\s*(\d+)|(\d+)\s*F|Face\s+(\d+)|(\d+)\s+Face)$", re.IGNORECASE)


def fountain_number(value: str) -> str:
    """'37F', 'F92', 'Face 11' → 'face au 37' (the dataset's way to say across from a
    number); another letter stays unexplained: 'près du 1' for '1S'."""
    value = value.strip()
    if not value or value.isdigit():
        return value
    if m := FACING.match(value):
        return f"face au {next(g for g in m.groups() if g)}"
    digits = "".join(c for c in value if c.isdigit())
    return f"près du {digits}" if digits else ""


def water(path: Path, source: dict, paris: Arrondissements) -> list[tuple[int, dict]]:
    places = []
    for line, row in enumerate(json.loads(path.read_text(encoding="utf-8")), start=1):
        lat, lon = row["geo_point_2d"]["lat"], row["geo_point_2d"]["lon"]
        number = fountain_number(row["no_voirie_pair"] or row["no_voirie_impair"] or "")
        street = (row["voie"] or "").title()
        arrondissement = paris.at(lat, lon)
        out_of_order = row["dispo"] != "OUI"
        places.append(
            (
                line,
                dict(
                    id=f"water-{row['gid']}",
                    name=FOUNTAIN_NAMES.get(row["type_objet"], "Fontaine à boire"),
                    categories=["water"],
                    address=f"{number} {street}".strip() or None,
                    arrondissement=arrondissement,
                    lat=lat,
                    lon=lon,
                    coordinates_source="source",
                    outside_paris=arrondissement is None,
                    hours_note="Certaines fontaines sont fermées l'hiver.",
                    access=["free"],
                    status="closed" if out_of_order else "active",
                    source=source["source"],
                    verified_on=source["verified_on"],
                    open_data_id=row["gid"],
                    notes=" ".join(
                        filter(
                            None,
                            [
                                ODBL_NOTE,
                                row.get("commune"),
                                out_of_order and f"indisponible: {row.get('motif_ind')}",
                            ],
                        )
                    ),
                ),
            )
        )
    return places


def wifi(path: Path, source: dict, paris: Arrondissements) -> list[tuple[int, dict]]:
    places = []
    for line, row in _csv_rows(path):
        lat, lon = _point(row["geo_point_2d"])
        arrondissement = paris.at(lat, lon)
        operational = row["Etat du site"] == "Opérationnel"
        places.append(
            (
                line,
                dict(
                    id=f"wifi-{(row['Code Site'] or _short_hash(lat, lon)).lower()}",
                    name=f"Paris Wi-Fi : {row['Nom du site'].title()}",
                    categories=["digital"],
                    address=row["Adresse"].title() or None,
                    postcode=row["Code postal"] or None,
                    arrondissement=arrondissement,
                    lat=lat,
                    lon=lon,
                    coordinates_source="source",
                    outside_paris=arrondissement is None,
                    hours_note=WIFI_HOURS_NOTE,
                    access=["free"],
                    status="active" if operational else "closed",
                    pact_actions=[53],
                    source=source["source"],
                    verified_on=source["verified_on"],
                    open_data_id=row["Code Site"],
                    notes=f"{ODBL_NOTE} État du site : {row['Etat du site']}.",
                ),
            )
        )
    return places


def stations(path: Path, paris: Arrondissements) -> list[Station]:
    """Metro, RER, tram and train stops inside Paris, one per name and line."""
    out = {}
    for _, row in _csv_rows(path):
        lat, lon = _point(row["Geo Point"])
        arrondissement = paris.at(lat, lon)
        if arrondissement is None:
            continue
        station = Station(
            row["nom_long"].strip(), row["mode"], row["res_com"], lat, lon, arrondissement
        )
        out[(station.name, station.line)] = station
    return list(out.values())


def streets(path: Path) -> list[Street]:
    """Every street (voie) of the BAN export for Paris, with the point of each number."""
    points: dict[str, dict[int, list[tuple[float, float]]]] = {}
    numbers: dict[str, set[str]] = {}
    doors: dict[str, dict[int, Door]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            arrondissement = postcode_arrondissement(row["code_postal"])
            name = row["nom_voie"].strip()
            if arrondissement is None or not name or not row["lat"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            by_arrondissement = points.setdefault(name, {})
            by_arrondissement.setdefault(arrondissement, []).append((lat, lon))
            numbers.setdefault(name, set()).add(f"{row['numero']}{row['rep']}".lower())
            if row["numero"].isdigit() and 0 < int(row["numero"]) <= MAX_DOOR:
                # '12' itself, else its first 'bis' or 'ter'
                known = doors.setdefault(name, {})
                if not row["rep"] or int(row["numero"]) not in known:
                    known[int(row["numero"])] = Door(int(row["numero"]), lat, lon, arrondissement)
    out = []
    for name, by_arrondissement in points.items():
        arrondissement, where = max(by_arrondissement.items(), key=lambda kv: len(kv[1]))
        lat = sum(p[0] for p in where) / len(where)
        lon = sum(p[1] for p in where) / len(where)
        packed = pack_doors(sorted(doors.get(name, {}).values()))
        out.append(Street(name, arrondissement, lat, lon, frozenset(numbers[name]), packed))
    return out


IMPORTERS = {"toilets": toilets, "water": water, "wifi": wifi}
