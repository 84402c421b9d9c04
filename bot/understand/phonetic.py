"""A sound key for French as it is typed by ear: 'lavé', 'laver', 'lavez' and 'lavai' share
one key, so do 'androit' and 'endroit', 'chau' and 'chaud', 'batri' and 'batterie'.

No maintained library gives a French phonetic key (the Soundex, Metaphone and NYSIIS of
jellyfish and pyphonetics are for English; French Phonex implementations are unmaintained
snippets), so these few rules are ours. They run on folded text (no accents, lowercase).
"""

import re
from functools import lru_cache

from .text import WORDS_REMEMBERED

RULES = [
    (re.compile(p), r)
    for p, r in (
        (r"[^a-z]", ""),
        (r"ph", "f"),
        (r"s?ch", "x"),
        (r"h", ""),  # mute h
        (r"qu|q|ck|k", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"g(?=[eiy])", "j"),
        (r"gu(?=[eiy])", "g"),
        (r"eaux?$|aux?$", "o"),
        (r"eau|au", "o"),
        (r"(?:er|ez|et|ai|ais|ait|aient|ee|ees|es)$", "e"),
        (r"ai|ei", "e"),
        (r"y", "i"),
        (r"w", "v"),
        (r"[ae]n(?=[^aeiouy]|$)|[ae]m(?=[bp])", "A"),
        (r"(?:[ae]i|[iy])n(?=[^aeiouy]|$)|un(?=[^aeiouy]|$)", "I"),
        (r"o[nm](?=[^aeiouy]|$)", "O"),
        (r"tion", "sion"),
        (r"(.)\1+", r"\1"),
        (r"(?<=.)[stdxpz]$", ""),  # silent final consonants
        (r"(?<=.)e$", ""),  # mute final e
        (r"(?<=[^aeiou])ie$|(?<=[^aeiou])ies$", "i"),
        (r"(?<=[b-df-hj-np-tv-zx])e(?=[b-df-hj-np-tv-zx])", ""),  # mute e: batterie ~ batri
    )
]


@lru_cache(maxsize=WORDS_REMEMBERED)
def french_key(word: str) -> str:
    """The sound key of a folded French word; empty for words without letters."""
    key = word
    for pattern, replacement in RULES:
        key = pattern.sub(replacement, key)
    return key
