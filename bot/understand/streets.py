"""Streets named in a message: 'je suis rue du Faubourg-Saint-Denis', 'bd de la Chapelle',
'av de flandre'. A street is looked for only after a word that says one follows (rue, bd,
avenue, quai…), so that 'je suis à la rue' names none; names come from the national
address base (directory/opendata, BAN), with one typo or a missing 'de la' allowed."""

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .text import fold

# The words that begin a street's name, as people write them, and the BAN's own word.
TYPES = {
    "rue": "rue",
    "r": "rue",
    "boulevard": "boulevard",
    "bd": "boulevard",
    "bld": "boulevard",
    "blvd": "boulevard",
    "boul": "boulevard",
    "bvd": "boulevard",
    "avenue": "avenue",
    "av": "avenue",
    "ave": "avenue",
    "place": "place",
    "pl": "place",
    "quai": "quai",
    "passage": "passage",
    "impasse": "impasse",
    "villa": "villa",
    "cite": "cite",
    "square": "square",
    "allee": "allee",
    "cour": "cour",
    "cours": "cours",
    "galerie": "galerie",
    "esplanade": "esplanade",
    "parvis": "parvis",
    "port": "port",
    "pont": "pont",
    "route": "route",
    "chemin": "chemin",
    "carrefour": "carrefour",
    "promenade": "promenade",
}
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "en"}
# A street word after these is the street as a way of life or a job: 'à la rue', 'équipe
# de rue', 'en rue'; a street is then named only by its whole name.
GENERIC_BEFORE = {"la", "de", "en"}
# A street word followed by these is a place in general: 'sur le quai à Gare de Lyon'.
NOT_A_NAME = {"a", "en"}
SAME = {"st": "saint", "ste": "sainte", "fbg": "faubourg", "fg": "faubourg", "gal": "general"}
MAX_NAME_WORDS = 6
MAX_STREET_WORDS = 20  # street words looked after in one message: 'rue rue rue…' costs little
MIN_FUZZY_LENGTH = 8  # a name this long may carry a typo ('desgrandes' for 'desgrange')
FUZZY_CUTOFF = 90
MAX_DOOR = 65535  # a street number, as packed ('H')
DOOR = struct.Struct("<HffB")  # number, lat, lon, arrondissement: 11 bytes a door
NEAR_DOOR = 10  # a number missing from the base is placed at one this close on its side
DOOR_NUMBER = re.compile(r"(\d{1,4})(?:bis|ter|b|t)?")
REPEATS = {"bis", "ter", "b", "t"}


class Door(NamedTuple):
    """A street number's point, from the national address base."""

    number: int
    lat: float
    lon: float
    arrondissement: int


def pack_doors(doors: list[Door]) -> bytes:
    """A street's numbers as bytes: a long street costs a few kilobytes, not a few
    thousand Python objects, until a message names one of its numbers."""
    return b"".join(DOOR.pack(*door) for door in doors)


@dataclass(frozen=True)
class Street:
    name: str
    lat: float
    lon: float
    arrondissement: int
    doors: bytes = b""

    def door(self, number: int) -> Door | None:
        """Where this number stands: its own point, else the nearest number on the same
        side of the street (even or odd) within NEAR_DOOR; None when the street has no
        number near it ('au 900 rue de Meaux')."""
        near = [
            Door(n, round(lat, 6), round(lon, 6), arrondissement)
            for n, lat, lon, arrondissement in DOOR.iter_unpack(self.doors)
            if n % 2 == number % 2 and abs(n - number) <= NEAR_DOOR
        ]
        return min(near, key=lambda d: abs(d.number - number), default=None)


def name_key(words: list[str]) -> tuple[str, ...]:
    """The words that tell a street from another: 'du Faubourg-Saint-Denis' →
    ('faubourg', 'saint', 'denis')."""
    return tuple(SAME.get(w, w) for w in words if w not in SMALL_WORDS)


class Streets:
    def __init__(self, rows: list[dict]) -> None:
        self.by_key: dict[tuple[str, tuple[str, ...]], Street] = {}
        self.keys_of_type: dict[str, list[str]] = {}
        for row in rows:
            words = fold(row["name"]).split()
            if len(words) < 2 or TYPES.get(words[0]) != words[0]:
                continue
            key = name_key(words[1:])
            if not key:
                continue
            street = Street(
                row["name"], row["lat"], row["lon"], row["arrondissement"], row.get("doors") or b""
            )
            self.by_key.setdefault((words[0], key), street)
        for kind, key in self.by_key:
            self.keys_of_type.setdefault(kind, []).append(" ".join(key))

    def find(self, words: list[str], reserved: list[bool]) -> tuple[Street, int, int] | None:
        """The first street named in the words and where it stands (after a street word,
        from the longest name down). 'à la rue' is being homeless: after 'la' (or 'de',
        'en'), the name must be written whole ('à la rue de la Santé', not 'à la rue,
        santé'; 'équipe de rue. Départ de feu' names no Rue du Départ)."""
        street_words = [i for i, word in enumerate(words) if TYPES.get(word) in self.keys_of_type]
        for i in street_words[:MAX_STREET_WORDS]:
            kind = TYPES[words[i]]
            if words[i + 1 : i + 2] and words[i + 1] in NOT_A_NAME:
                continue
            positions = [
                j
                for j in range(i + 1, min(i + 1 + MAX_NAME_WORDS * 2, len(words)))
                if words[j] not in SMALL_WORDS
            ]
            stop = next((k for k, j in enumerate(positions) if reserved[j]), len(positions))
            positions = positions[:stop][:MAX_NAME_WORDS]
            key = tuple(SAME.get(words[j], words[j]) for j in positions)
            for n, street in self._candidates(kind, key):
                end = positions[n - 1] + 1
                whole = fold(street.name).split()[1:] == words[i + 1 : end]
                if whole or i == 0 or words[i - 1] not in GENERIC_BEFORE:
                    return street, i, end
        return None

    @staticmethod
    def door_number(words: list[str], at: int) -> int | None:
        """The number written before the street word at `at`: 'au 12 rue…', '12bis rue…',
        '12 bis rue…'."""
        before = words[max(0, at - 2) : at]
        if len(before) == 2 and before[1] in REPEATS:
            before = before[:1]
        if before and (match := DOOR_NUMBER.fullmatch(before[-1])):
            return int(match.group(1)) or None
        return None

    def _candidates(self, kind: str, key: tuple[str, ...]) -> Iterator[tuple[int, Street]]:
        """(words used, street): exact names from the longest down, then one with a typo."""
        for n in range(len(key), 0, -1):
            if found := self.by_key.get((kind, key[:n])):
                yield n, found
        choices = self.keys_of_type[kind]
        for n in range(len(key), 0, -1):
            phrase = " ".join(key[:n])
            if len(phrase) < MIN_FUZZY_LENGTH:
                break
            found = process.extractOne(
                phrase, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if found:
                yield n, self.by_key[(kind, tuple(found[0].split()))]
                return
