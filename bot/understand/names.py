"""Place names: a maraude worker writes 'ESI Agora' or 'antigel' and gets that place."""

from collections import defaultdict
from collections.abc import Callable, Container

from rapidfuzz.distance import OSA

from .text import fold

MIN_LENGTH = 4


class PlaceNames:
    """The distinctive words of each place's name (not 'bagagerie', 'douche', 'de'…).
    A place is named by a word no dictionary has ('Agora', 'Antigel'), or by every
    distinctive word of its name ('Onze Mille Potes'): 'service' alone names no place."""

    def __init__(
        self, names: dict[str, str], generic: Callable[[str], bool], common: Container[str]
    ) -> None:
        self.generic = generic
        self.common = common
        self.ids_by_word: dict[str, set[str]] = defaultdict(set)
        self.words_of: dict[str, set[str]] = {}
        for place_id, name in names.items():
            self.words_of[place_id] = set(self.distinctive(fold(name).split()))
            for word in self.words_of[place_id]:
                self.ids_by_word[word].add(place_id)

    def distinctive(self, words: list[str]) -> list[str]:
        return [
            w for w in words if len(w) >= MIN_LENGTH and not w.isdigit() and not self.generic(w)
        ]

    def find(self, words: list[str]) -> list[str]:
        """Ids of the places whose name holds every distinctive word of the message."""
        wanted = self.distinctive(words)
        if not wanted:
            return []
        found: set[str] | None = None
        for word in wanted:
            ids = set(self.ids_by_word.get(word, ()))
            if len(word) >= 6:
                for known, more in self.ids_by_word.items():
                    if known[0] == word[0] and OSA.distance(word, known, score_cutoff=1) <= 1:
                        ids |= more
            found = ids if found is None else found & ids
            if not found:
                return []
        if all(w in self.common for w in wanted):
            found = {i for i in found or () if self.words_of[i] <= set(wanted)}
        return sorted(found or ())
