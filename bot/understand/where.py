"""The place hint: an arrondissement in any form ('19e', 'XIXe', 'dix-neuvième', 'в 19
окрузі', 'الدائرة 19'), a station, quartier or landmark name in any script and with typos,
or a shared point.

Names in other scripts come from content/place_names.yaml; a name written in Cyrillic,
Georgian or Ethiopic letters is also read through its transliteration (Бельвиль →
belvil), and any name by its French sound (belvil sounds as Belleville).
"""

import json
import re
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

import numpy
from rapidfuzz import fuzz, process

from ..content import load_yaml
from ..settings import MAX_TEXT
from .arrondissements import ORDINALS, arrondissement_number
from .phonetic import french_key
from .query import Where
from .streets import Streets
from .terms import Match, word_variants
from .text import fold, latin, script_of

# Parts of station names too common to stand for the station on their own.
GENERIC_PARTS = {
    "paris",
    "gare",
    "porte",
    "place",
    "avenue",
    "pont",
    "quai",
    "rue",
    "square",
    "stade",
    "cite",
    "hopital",
    "eglise",
    "musee",
    "saint",
    "sainte",
}
STATION_CUTOFF = 88
MIN_FUZZY_LENGTH = 6
MIN_SOUND_LENGTH = 5  # a sound key this long at least stands for a place
MAX_WORDS = MAX_TEXT // 2  # every word of the longest message read ('a a a …')
TRANSLITERATED = {"cyrillic", "georgian", "ethiopic"}
MAX_ENDING = 4  # letters of a case ending or postposition ('-თან', '-ом')


def sound(phrase: str) -> str:
    return " ".join(french_key(w) for w in phrase.split())


@dataclass(frozen=True)
class Landmark:
    label: str
    lat: float
    lon: float
    arrondissement: int | None


def station_aliases(name: str) -> list[str]:
    """'Barbès-Rochechouart' → ['barbes rochechouart', 'barbes', 'rochechouart']."""
    full = fold(name)
    aliases = [full]
    parts = [fold(p) for p in re.split(r"\s+[-–]\s+|–", name) if p.strip()]
    if len(parts) == 1:
        hyphen = [fold(p) for p in name.split("-")]
        if len(hyphen) > 1 and all(
            len(p) >= 4 and p not in {"saint", "sainte", "notre"} for p in hyphen
        ):
            parts = hyphen
    if len(parts) > 1:
        aliases += [p for p in parts if len(p) >= 4 and p not in GENERIC_PARTS]
    return aliases


class Gazetteer:
    """Station names and arrondissement centres, read once from the directory database."""

    def __init__(
        self,
        stations: list[dict],
        arrondissements: list[dict],
        quartiers: list[dict],
        reserved_words: Container[str],
        content_dir: Path | None = None,
        landmarks: list[dict] | None = None,
        real_words: Container[str] = frozenset(),
        streets: list[dict] | None = None,
    ) -> None:
        self.real = real_words
        self.streets = Streets(streets or [])
        self.centres = {a["number"]: a for a in arrondissements}
        grouped: dict[str, list[dict]] = defaultdict(list)
        for station in stations:
            grouped[station["name"].strip("\u200b ")].append(station)
        self.landmarks: dict[str, Landmark] = {}
        for name, rows in grouped.items():
            lat = sum(r["lat"] for r in rows) / len(rows)
            lon = sum(r["lon"] for r in rows) / len(rows)
            arrondissements = [r["arrondissement"] for r in rows]
            landmark = Landmark(
                name, lat, lon, max(set(arrondissements), key=arrondissements.count)
            )
            for alias in station_aliases(name):
                if alias not in reserved_words:
                    # keep the first (shortest) full name for an alias shared by two stations
                    current = self.landmarks.get(alias)
                    if current is None or len(name) < len(current.label):
                        self.landmarks[alias] = landmark
        for quartier in quartiers:
            if not quartier["generic"]:
                self._add_quartier(quartier, reserved_words)
        for centre in self.centres.values():
            self._add_arrondissement_name(centre, reserved_words)
        for landmark in landmarks or []:
            self._add_landmark(landmark, reserved_words)
        if content_dir and (content_dir / "place_names.yaml").exists():
            names = load_yaml(content_dir / "place_names.yaml")
            self._add_other_names(names or {})
        outside = content_dir / "outside_paris.yaml" if content_dir else None
        self.outside = {
            fold(n) for n in (load_yaml(outside) if outside and outside.exists() else [])
        }
        self.aliases = list(self.landmarks)
        self.sounds: dict[str, Landmark] = {}
        for alias in sorted(self.landmarks, key=len):
            key = sound(alias)
            if len(key.replace(" ", "")) >= MIN_SOUND_LENGTH and script_of(alias) == "latin":
                self.sounds.setdefault(key, self.landmarks[alias])
        # words of place names: never read as a typo of a need ('ville' is not 'viole')
        self.words = frozenset(w for alias in self.landmarks for w in alias.split()) | {
            w for ordinal in ORDINALS for w in ordinal.split()
        }
        self.fuzzy_aliases = [a for a in self.aliases if len(a) >= MIN_FUZZY_LENGTH]
        # first words of the names and of their sounds: a phrase not starting with one is
        # not looked up
        self.starts = frozenset(a.split()[0] for a in self.aliases if a) | {
            p.split()[0] for p in self.outside if p
        }
        self.sound_starts = frozenset(k.split()[0] for k in self.sounds if k)

    def _add_quartier(self, quartier: dict, reserved_words: Container[str]) -> None:
        """A quartier keeps the point of a station of the same name, but its own
        arrondissement ('La Chapelle' the quartier is in the 18e, the station in the 10e)."""
        number = quartier["arrondissement"]
        for alias in [fold(quartier["name"]), *map(fold, json.loads(quartier["also"] or "[]"))]:
            if alias in reserved_words:
                continue
            station = self.landmarks.get(alias)
            lat, lon = (
                (station.lat, station.lon)
                if station
                else (self.centres[number]["lat"], self.centres[number]["lon"])
            )
            self.landmarks[alias] = Landmark(quartier["name"], lat, lon, number)

    def _add_arrondissement_name(self, row: dict, reserved_words: Container[str]) -> None:
        """'Buttes-Montmartre', 'Élysée', 'Gobelins'…: the official names of the
        arrondissements (same dataset as the polygons) stand for their centre."""
        number = row["number"]
        for alias in station_aliases(row["official_name"]):
            if alias not in reserved_words and alias not in self.landmarks and alias != "buttes":
                self.landmarks[alias] = Landmark(
                    row["official_name"], row["lat"], row["lon"], number
                )

    def _add_landmark(self, row: dict, reserved_words: Container[str]) -> None:
        """A landmark (Tour Eiffel, Sacré-Cœur, an hospital) stands for its station's point."""
        station = self.landmarks.get(fold(row["station"]))
        if station is None:
            return
        for alias in [fold(row["name"]), *map(fold, json.loads(row["also"] or "[]"))]:
            if alias not in reserved_words:
                self.landmarks[alias] = Landmark(
                    row["name"], station.lat, station.lon, row["arrondissement"]
                )

    def _add_other_names(self, names: dict[str, list[str]]) -> None:
        """Other ways of writing a name already known ('Барбес', 'باربيس' → Barbès)."""
        for name, others in names.items():
            known = self.landmarks.get(fold(name))
            if known is None:
                continue
            for other in others or []:
                self.landmarks.setdefault(fold(str(other)), known)

    def arrondissement(self, number: int, label: str | None = None) -> Where | None:
        centre = self.centres.get(number)
        if centre is None:
            return None
        label = label or (f"Paris {number}e" if number > 1 else "Paris 1er")
        return Where(label, centre["lat"], centre["lon"], number, "arrondissement")

    def find(
        self, text: str, words: list[str], reserved: list[bool], markers: list[Match]
    ) -> Where | None:
        """An arrondissement named in the words, else a street ('rue de Meaux'), else the
        best station or landmark name."""
        words, reserved = words[:MAX_WORDS], reserved[:MAX_WORDS]
        number = arrondissement_number(text, words, reserved, markers)
        if number is not None:
            return self.arrondissement(number)
        if found := self.streets.find(words, reserved):
            street, at = found[0], found[1]
            number = self.streets.door_number(words, at)
            if number is not None and (door := street.door(number)):
                label = f"{number} {street.name}"
                return Where(label, door.lat, door.lon, door.arrondissement, "street")
            return Where(street.name, street.lat, street.lon, street.arrondissement, "street")
        landmark = self._station(words, reserved)
        if landmark:
            return Where(
                landmark.label, landmark.lat, landmark.lon, landmark.arrondissement, "station"
            )
        return None

    def _declined(
        self, words: list[str], readable: list[str], spans: list[tuple[int, int]]
    ) -> Landmark | None:
        """A name in another script with an ending or a clitic of its language on its last
        word: Бельвіля (Belleville, genitive), ბარბესთან (near Barbès), გარ დიუ ნორთან
        (near the Gare du Nord), فباربيس (in Barbès)."""
        for i, j in spans:
            last = words[j - 1]
            script = script_of(last)
            if script == "latin":
                continue
            if j - i == 1 and script == "arabic":
                for variant in word_variants(last)[1:]:
                    if variant in self.landmarks:
                        return self.landmarks[variant]
            head = " ".join(readable[i : j - 1])
            for cut in range(1, MAX_ENDING + 1):
                stem = readable[j - 1][:-cut]
                if len(stem) < 2 or len(stem) + len(head) < MIN_SOUND_LENGTH:
                    continue
                if found := self.sounds.get(sound(f"{head} {stem}".strip())):
                    return found
        return None

    def named_spans(self, words: list[str]) -> list[tuple[int, int]]:
        """Where a street or a place name of two words or more stands as written ('rue de
        Meaux', 'hotel de ville', 'chateau d eau'): those words name a place, not a need."""
        spans: list[tuple[int, int]] = []
        if street := self.streets.find(words[:MAX_WORDS], [False] * len(words[:MAX_WORDS])):
            spans.append(street[1:])
        for n in (5, 4, 3, 2):
            for i in range(len(words[:MAX_WORDS]) - n + 1):
                if " ".join(words[i : i + n]) in self.landmarks and not any(
                    a < i + n and i < b for a, b in spans
                ):
                    spans.append((i, i + n))
        return spans

    def outside_named(self, words: list[str]) -> str | None:
        """A town outside Paris named in the words ('Saint-Denis'), as written in the list."""
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                if (phrase := " ".join(words[i : i + n])) in self.outside:
                    return phrase
        return None

    def _station(self, words: list[str], reserved: list[bool]) -> Landmark | None:
        spans = [
            (i, j)
            for n in (5, 4, 3, 2, 1)
            for i in range(len(words) - n + 1)
            for j in [i + n]
            if not all(reserved[i:j])
        ]
        starts = self.starts
        towns: list[tuple[int, int]] = []
        for i, j in spans:
            if words[i] not in starts or any(a <= i and j <= b for a, b in towns):
                continue
            if (phrase := " ".join(words[i:j])) in self.landmarks:
                return self.landmarks[phrase]
            if phrase in self.outside:
                towns.append((i, j))
        # A town outside Paris ('Saint-Denis', 'Lyon') is no place here: only a longer name
        # that holds it, misspelt, is a place in Paris ('gara de lyon' is Gare de Lyon), and
        # the rest of the message may name one ('passé par Calais, je dors à Stalingrad').
        spans = [
            (a, b)
            for a, b in spans
            if all(b <= i or j <= a or (a <= i and j <= b and b - a > j - i) for i, j in towns)
        ]
        spans = [(i, j) for i, j in spans if not any(reserved[i:j])]
        readable = [latin(w) if script_of(w) in TRANSLITERATED else w for w in words]
        for i, j in spans:
            if (
                readable[i] in starts
                and any(readable[k] != words[k] for k in range(i, j))
                and (phrase := " ".join(readable[i:j])) in self.landmarks
            ):
                return self.landmarks[phrase]
        keys = [sound(w) for w in readable]
        for i, j in spans:
            if keys[i] in self.sound_starts and (found := self.sounds.get(" ".join(keys[i:j]))):
                return found
        if found := self._declined(words, readable, spans):
            return found
        # a typo of a name has a word that is no real word ('chatlet', 'la chapel'), as
        # written: 'дьо' is none, though its transliteration 'do' is English
        phrases = [
            phrase
            for i, j in spans
            if j - i <= 4 and not all(w in self.real for w in words[i:j])
            for phrase in [" ".join(readable[i:j])]
            if len(phrase) >= MIN_FUZZY_LENGTH
        ]
        if not phrases or not self.fuzzy_aliases:
            return None
        # one call for every phrase: the aliases are read once, not once per phrase
        scores = process.cdist(
            phrases,
            self.fuzzy_aliases,
            scorer=fuzz.ratio,
            score_cutoff=STATION_CUTOFF,
            dtype=numpy.uint8,
        )
        phrase_index, alias_index = numpy.unravel_index(int(scores.argmax()), scores.shape)
        if scores[phrase_index, alias_index] == 0:
            return None
        return self.landmarks[self.fuzzy_aliases[alias_index]]
