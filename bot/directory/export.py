"""The directory in open formats, for partners: CSV, Open Referral HSDS 3.0 and the
data·inclusion schema (the French national dataset of inclusion services).

Each record keeps its source and dates; nothing is added that the place files do not say.
The tests validate both JSON exports against the standards' own JSON Schemas
(tests/schemas/). Mapping choices follow data·inclusion's own import of comparable data
(categories with no 'thématique' — showers, laundry, luggage, toilets, water — get none).
"""

import csv
import datetime as dt
import io
import uuid

from .records import earliest_day
from .schema import Place

PRODUCER = "paris-orientation-bot"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/paris-orientation-bot/places")
PARIS_INSEE = "75056"  # data·inclusion writes Paris's arrondissements as the city
CSV_FIELDS = (
    "id",
    "name",
    "categories",
    "address",
    "postcode",
    "arrondissement",
    "lat",
    "lon",
    "phones",
    "opening_hours",
    "hours_note",
    "audience",
    "access",
    "status",
    "source",
    "source_date",
    "information_date",
    "verified_on",
)
THEMATIQUES = {
    "clothes": ["equipement-et-alimentation--habillement"],
    "food": ["equipement-et-alimentation--alimentation"],
    "shelter": ["logement-hebergement--rechercher-une-solution-dhebergement-temporaire"],
    "day_centre": ["remobilisation--lien-social"],
    "health": ["sante--acces-aux-soins"],
    "rights": [
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    ],
    "mail_address": [
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
    ],
    "digital": [
        "numerique--acceder-a-une-connexion-internet",
        "numerique--acceder-a-des-services-en-ligne",
    ],
}
SUPPORT = {"health", "rights", "mail_address"}  # 'accompagnement'; the rest 'aide-materielle'
PUBLICS = {
    "women": "femmes",
    "families": "familles",
    "couples": "familles",
    "young_18_25": "jeunes",
    "minors": "jeunes",
    "drug_users": "personnes-en-situation-durgence",
}
AUDIENCE_WORDS = {
    "adults": "Personnes majeures",
    "men": "Hommes",
    "young_18_25": "18 à 25 ans",
    "minors": "Mineurs",
    "couples": "Couples",
    "drug_users": "Personnes qui consomment des drogues",
}
CONDITIONS = {
    "referral": "Sur orientation d'un travailleur social",
    "appointment": "Sur rendez-vous",
    "documents": "Justificatifs demandés",
    "registration": "Sur inscription",
    "membership_fee": "Adhésion payante",
}
HSDS_STATUS = {"active": "active", "doubtful": "inactive", "closed": "defunct"}


def to_csv(places: list[Place]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for place in places:
        row = place.model_dump(mode="json")
        for key in ("categories", "phones", "audience", "access"):
            row[key] = ";".join(row[key])
        writer.writerow(row)
    return out.getvalue()


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _description(place: Place) -> str:
    return " ".join(filter(None, [place.description, place.hours_note])) or place.name


def to_hsds(places: list[Place]) -> list[dict]:
    """One HSDS service per place, with its location, address, phones and hours (the
    OpenStreetMap expression as the schedule's description: iCal rules cannot say
    'PH off')."""
    services = []
    for place in places:
        location: dict = {
            "id": _uuid(place.id, "location"),
            "location_type": "physical",
            "name": place.name,
            "external_identifier": place.id,
            "latitude": place.lat,
            "longitude": place.lon,
        }
        if place.address and place.postcode:
            location["addresses"] = [
                {
                    "id": _uuid(place.id, "address"),
                    "address_1": place.address,
                    "city": "Paris",
                    "state_province": "Île-de-France",
                    "postal_code": place.postcode,
                    "country": "FR",
                    "address_type": "physical",
                }
            ]
        closure = place.closure
        service = {
            "id": _uuid(place.id),
            "name": place.name,
            "description": _description(place),
            "status": "temporarily closed" if closure else HSDS_STATUS[place.status],
            "eligibility_description": ", ".join(place.audience),
            "fees_description": "Gratuit" if "free" in place.access else None,
            "application_process": "; ".join(CONDITIONS[a] for a in place.access if a in CONDITIONS)
            or None,
            "assured_date": place.verified_on.isoformat(),
            "alert": closure.reason if closure else None,
            "phones": [
                {"id": _uuid(place.id, "phone", str(i)), "number": number}
                for i, number in enumerate(place.phones)
            ],
            "schedules": [
                {
                    "id": _uuid(place.id, "schedule"),
                    "description": place.opening_hours,
                    "notes": place.hours_note,
                }
            ]
            if place.opening_hours
            else [],
            "service_at_locations": [
                {"id": _uuid(place.id, "service_at_location"), "location": location}
            ],
            "attributes": [
                {
                    "id": _uuid(place.id, "category", category),
                    "taxonomy_term": {
                        "id": _uuid("category", category),
                        "name": category,
                        "description": f"paris-orientation-bot category '{category}'",
                    },
                }
                for category in place.categories
            ],
        }
        services.append(_without_nulls(service))
    return services


def _without_nulls(value: object) -> object:
    """HSDS leaves unknown fields out (null is not a string or a number there)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def to_data_inclusion(places: list[Place], today: dt.date) -> dict[str, list[dict]]:
    """data·inclusion's two tables: a structure per place, a service per category."""
    structures, services = [], []
    for place in places:
        # the date the information carries (not the day it was copied), within 2000–today
        dated = earliest_day(place.information_date) or place.verified_on
        date_maj = min(max(dated, dt.date(2000, 1, 1)), today).isoformat()
        common = {
            "source": PRODUCER,
            "adresse": place.address,
            "code_postal": place.postcode,
            "commune": "Paris" if place.postcode else None,
            "code_insee": PARIS_INSEE if place.postcode else None,
            "latitude": place.lat,
            "longitude": place.lon,
            "telephone": place.phones[0] if place.phones else None,
            "horaires_accueil": place.opening_hours,
            "date_maj": date_maj,
            "lien_source": place.source if place.source.startswith("http") else None,
        }
        structure_id = f"{PRODUCER}--{place.id}"
        structures.append(
            {
                **common,
                "id": structure_id,
                "nom": place.name[:150],
                "description": place.description,
            }
        )
        publics = sorted({PUBLICS[a] for a in place.audience if a in PUBLICS})
        for category in place.categories:
            services.append(
                {
                    **common,
                    "id": f"{structure_id}--{category}",
                    "structure_id": structure_id,
                    "nom": place.name[:150],
                    "description": _description(place).ljust(5, "."),
                    "thematiques": THEMATIQUES.get(category),
                    "type": "accompagnement" if category in SUPPORT else "aide-materielle",
                    "publics": publics or ["tous-publics"],
                    "publics_precisions": ", ".join(
                        AUDIENCE_WORDS[a] for a in place.audience if a in AUDIENCE_WORDS
                    )
                    or None,
                    "frais": "payant"
                    if {"paying", "membership_fee"} & set(place.access)
                    else ("gratuit" if "free" in place.access else None),
                    "conditions_acces": "; ".join(
                        CONDITIONS[a] for a in place.access if a in CONDITIONS
                    )
                    or None,
                    "modes_accueil": ["en-presentiel"],
                }
            )
    return {"structures": structures, "services": services}
