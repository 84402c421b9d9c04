"""Addresses of the places checked against the national address base (BAN): a street the
BAN does not know ('rue Henri-Desgrandes') or a number it does not have ('12 rue
Daubenton') is a warning for editors, with the closest name. Not a problem: the BAN may
lag behind, and a place is still better listed than not."""

import re

from rapidfuzz import fuzz, process

from ..understand.streets import TYPES
from ..understand.text import fold
from .opendata import Street

# '18, rue de Meaux', '108 bis rue des Poissonniers', '9-11 rue…' (a range: the first)
ADDRESS = re.compile(
    r"^\s*(\d+)(?:\s*-\s*\d+)?\s*(bis|ter|quater|b|t)?\b\s*,?\s*(.+?)\s*(?:,.*)?$", re.I
)
REPEATS = {"b": "bis", "t": "ter"}
CLOSEST_CUTOFF = 80


class AddressBook:
    def __init__(self, streets: list[Street]) -> None:
        self.streets = {fold(s.name): s for s in streets}
        self.names = list(self.streets)

    def warning(self, address: str | None) -> str | None:
        """Why the address does not match the BAN, or None (also for an address that is
        not 'number street', e.g. 'Mairie du 5e, salle de bridge')."""
        if not address or not self.streets:
            return None
        match = ADDRESS.match(address)
        if not match:
            return None
        number, repeat, street = match.groups()
        street = re.sub(r"\s*\(.*$", "", street)  # '(entrée réservée aux femmes)'
        name = fold(street)
        if not name or TYPES.get(name.split()[0]) is None:
            return None
        found = self.streets.get(name) or self.streets.get(fold(street.split(" - ")[0]))
        if found is None:
            closest = process.extractOne(
                name, self.names, scorer=fuzz.ratio, score_cutoff=CLOSEST_CUTOFF
            )
            hint = f"; closest: {self.streets[closest[0]].name!r}" if closest else ""
            return f"{street!r} is not a street of the national address base (BAN){hint}"
        repeat = REPEATS.get((repeat or "").lower(), (repeat or "").lower())
        if f"{number}{repeat}" not in found.numbers and number not in found.numbers:
            return f"the national address base (BAN) has no number {number} in {found.name!r}"
        return None
