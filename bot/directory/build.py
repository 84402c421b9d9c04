"""Write the validated directory into a SQLite database, atomically.

The database is built in a temporary file next to the target and swapped in with
os.replace only when complete: a failed build leaves the existing database untouched.
"""

import datetime as dt
import json
import os
import sqlite3
import statistics
import tempfile
from collections import Counter
from pathlib import Path

import sqlite_utils

from .check import Directory
from .records import SCHEMA_VERSION, place_key


def place_rows(directory: Directory) -> list[dict]:
    rows = []
    for place in directory.places:
        data = place.model_dump(mode="json")
        closure = data.pop("closure") or {}
        for key in (
            "categories",
            "phones",
            "audience",
            "access",
            "languages",
            "services",
            "forms",
            "pact_actions",
        ):
            data[key] = json.dumps(data[key], ensure_ascii=False)
        data["service_hours"] = json.dumps(data["service_hours"], ensure_ascii=False)
        hours = place.confirmed("hours")
        data["hours_checked"] = json.dumps([hours.how, hours.date.isoformat()]) if hours else None
        data["checks"] = json.dumps(data["checks"], ensure_ascii=False)
        data["closure_from"] = closure.get("from_")
        data["closure_to"] = closure.get("to")
        data["closure_reason"] = closure.get("reason")
        data["main_category"] = place.categories[0]
        data["origin"] = directory.origins[place.id]
        data["key"] = place_key(place.id)
        rows.append(data)
    return rows


def street_centres(directory: Directory) -> dict[int, dict[str, float]]:
    """Where an arrondissement's streets are, the median of their points (national address
    base): the point distances are given from when only an arrondissement is named. The
    polygon's centroid would do for most, but the 12e's lies in the Bois de Vincennes and the
    16e's in the Bois de Boulogne: a shower by the Gare de Lyon was '4 km' from the 12e."""
    points: dict[int, list[tuple[float, float]]] = {}
    for street in directory.streets:
        if street.arrondissement and street.lat is not None and street.lon is not None:
            points.setdefault(street.arrondissement, []).append((street.lat, street.lon))
    return {
        number: {
            "lat": statistics.median(lat for lat, _ in found),
            "lon": statistics.median(lon for _, lon in found),
        }
        for number, found in points.items()
    }


def write_database(directory: Directory, db: sqlite_utils.Database) -> None:
    db["places"].insert_all(place_rows(directory), pk="id")
    try:
        db["places"].create_index(["key"], unique=True)
    except sqlite3.IntegrityError:
        raise ValueError("two place ids share a short key: lengthen place_key") from None
    db["places"].create_index(["arrondissement"])
    db["places"].create_index(["lat", "lon"])
    db["places"].enable_fts(["name", "address", "description", "services"], tokenize="unicode61")
    db["place_categories"].insert_all(
        (
            {"place_id": p.id, "category": c, "rank": i}
            for p in directory.places
            for i, c in enumerate(p.categories)
        ),
        pk=("place_id", "category"),
        foreign_keys=[("place_id", "places", "id")],
    )
    db["place_categories"].create_index(["category"])
    db["categories"].insert_all(
        ({**c.model_dump(), "actions": json.dumps(c.actions)} for c in directory.categories),
        pk="id",
    )
    db["emergency_numbers"].insert_all(
        (
            {
                **n.model_dump(mode="json"),
                "for_": json.dumps(n.for_),
                "first_for": json.dumps(n.first_for),
                "position": i,
            }
            for i, n in enumerate(directory.numbers)
        ),
        pk="number",
    )
    db["quartiers"].insert_all(
        (
            {**q.model_dump(), "also": json.dumps(q.also, ensure_ascii=False)}
            for q in directory.quartiers
        ),
        pk="number",
    )
    db["landmarks"].insert_all(
        (
            {**x.model_dump(), "also": json.dumps(x.also, ensure_ascii=False)}
            for x in directory.landmarks
        ),
        pk="name",
    )
    db["stations"].insert_all((vars(s) for s in directory.stations), pk=("name", "line"))
    db["streets"].insert_all(
        (
            {
                "name": s.name,
                "arrondissement": s.arrondissement,
                "lat": s.lat,
                "lon": s.lon,
                "doors": s.doors,
            }
            for s in directory.streets
        ),
        pk="name",
    )
    if directory.arrondissements is not None:
        centres = street_centres(directory)
        db["arrondissements"].insert_all(
            (
                {
                    "number": int(f["properties"]["c_ar"]),
                    "name": f["properties"]["l_ar"],
                    "official_name": f["properties"]["l_aroff"],
                    **centres.get(
                        int(f["properties"]["c_ar"]),
                        {
                            "lat": f["properties"]["geom_x_y"]["lat"],
                            "lon": f["properties"]["geom_x_y"]["lon"],
                        },
                    ),
                    "geometry": json.dumps(f["geometry"]),
                }
                for f in directory.arrondissements.features
            ),
            pk="number",
        )
    db["alerts"].insert_all(
        (
            {
                "id": a.id,
                "text": a.text,
                "texts": json.dumps(a.texts, ensure_ascii=False),
                "from_day": a.from_.isoformat(),
                "to_day": a.to.isoformat(),
                "categories": json.dumps(a.categories),
                "arrondissements": json.dumps(a.arrondissements),
                "source": a.source,
                "source_date": a.source_date,
            }
            for a in directory.alerts
        ),
        pk="id",
        columns={"id": str, "text": str, "texts": str, "from_day": str, "to_day": str},
    )
    db["meta"].insert_all(
        [
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "built_at", "value": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
            {
                "key": "sources",
                "value": json.dumps(directory.sources, default=str, ensure_ascii=False),
            },
        ],
        pk="key",
    )


def build(directory: Directory, output: Path) -> None:
    """Write the database to `output`, replacing it only once the new one is complete."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    try:
        db = sqlite_utils.Database(temporary)
        with db.conn:
            write_database(directory, db)
        db.close()
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def counts(directory: Directory) -> tuple[Counter, Counter]:
    """Places per category and per arrondissement (0 = outside Paris or unknown)."""
    per_category = Counter(c for p in directory.places for c in p.categories)
    per_arrondissement = Counter(p.arrondissement or 0 for p in directory.places)
    return per_category, per_arrondissement
