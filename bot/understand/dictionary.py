"""Real words of the languages pyspellchecker ships word lists for, so that a word that
exists is never 'corrected' into a need ('droite' is not 'droit', 'почти' is not
'почты', 'palabra' is not 'palatka').

The lists are pyspellchecker's word frequencies (from subtitles, in its wheel: nothing is
downloaded); for the long lists only words seen often enough are kept, folded as messages
are (text.fold), in a trie per language (marisa-trie: a compact, memory-mapped set of
words).
"""

import gzip
import json
import unicodedata
from collections.abc import Container
from functools import cache
from importlib import resources
from pathlib import Path

import marisa_trie

from ..cache import key_of, remembered
from ..settings import CACHE_DIR
from .text import ARABIC_VARIANTS

# Language → the least count a word needs (the Russian and Persian lists are short).
MIN_COUNTS = {"fr": 200, "en": 200, "es": 200, "pt": 200, "ar": 200, "ru": 0, "fa": 0}


def _folded(word: str) -> str:
    """text.fold for one word, quicker: accents off Latin letters, Arabic variants one."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    if all(c.isascii() or unicodedata.category(c) == "Mn" for c in decomposed):
        return "".join(c for c in decomposed if c.isascii())
    return unicodedata.normalize("NFC", word).translate(ARABIC_VARIANTS)


ALWAYS = ("fr", "en")  # the languages of Paris's services, in every message


def dictionary_languages(language: str | None) -> tuple[str, ...]:
    """French and English, and the language written when there is a list for it."""
    return ALWAYS + ((language,) if language in MIN_COUNTS and language not in ALWAYS else ())


class Words:
    """Several sets of words read as one, for `word in words`: each language's list is kept
    once, not copied into a union for each combination of languages (those copies cost
    about 25 MiB)."""

    def __init__(self, *sets: Container[str]) -> None:
        self.sets = sets

    def __contains__(self, word: object) -> bool:
        for words in self.sets:  # noqa: SIM110 (a loop, not any(…): asked a million times a minute)
            if word in words:
                return True
        return False

    def __or__(self, other: Container[str]) -> "Words":
        return Words(*self.sets, other)


@cache
def common_words(languages: tuple[str, ...] = tuple(MIN_COUNTS)) -> Words:
    return Words(*(language_words(language) for language in languages))


@cache
def language_words(language: str) -> marisa_trie.Trie:
    """The words of one language's list (MIN_COUNTS names those there are), as a trie kept
    in the cache (bot/cache.py) and mapped from it: reading and folding the lists takes half
    a second, and 186,000 words in Python sets took 27 MiB where the tries take 2 MiB."""
    path = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
    least = MIN_COUNTS[language]

    def read() -> marisa_trie.Trie:
        with gzip.open(path.open("rb"), "rt", encoding="utf-8") as file:
            counts = json.load(file)
        return marisa_trie.Trie(_folded(w) for w, n in counts.items() if n >= least and w.isalpha())

    code = Path(__file__).parent
    key = key_of(path.read_bytes(), str(least), code / "dictionary.py", code / "text.py")
    return remembered(
        CACHE_DIR,
        f"words-{language}",
        key,
        read,
        suffix=".marisa",
        save=save_trie,
        load=load_trie,
    )


def save_trie(trie: marisa_trie.Trie, path: Path) -> None:
    trie.save(str(path))


def load_trie(path: Path) -> marisa_trie.Trie:
    """Mapped, not read: the pages are shared with the system's file cache (and with the
    other workers on the machine). A damaged file raises RuntimeError: built again."""
    return marisa_trie.Trie().mmap(str(path))
