"""Normalise text for matching: case, Latin accents, apostrophes, Arabic-script variants."""

import re
import unicodedata

LATIN_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": " ", "'": " ", "`": " "})
# Arabic-script letters written several ways: matching treats them as one.
ARABIC_VARIANTS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ـ": None,
    }
)
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
WORD = re.compile(r"\w+")
SCRIPTS = (
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("cyrillic", re.compile("[\u0400-\u04ff]")),
    ("georgian", re.compile("[\u10a0-\u10ff]")),
    ("ethiopic", re.compile("[\u1200-\u139f]")),
    ("latin", re.compile("[a-zA-Z\u00c0-\u024f]")),
)


def fold(text: str) -> str:
    """Lowercase, drop accents on Latin letters only (й stays й), unify Arabic-script
    variants, turn apostrophes and punctuation into spaces, squeeze spaces."""
    text = text.lower().translate(LATIN_LIGATURES)
    out = []
    for char in unicodedata.normalize("NFKD", text):
        category = unicodedata.category(char)
        if category == "Mn" and out and out[-1].isascii():
            continue  # an accent on a Latin letter
        if category in ("Cf", "Cc", "Co", "Cs"):
            char = " "
        out.append(char)
    text = unicodedata.normalize("NFC", "".join(out))
    text = ARABIC_MARKS.sub("", text).translate(ARABIC_VARIANTS)
    return " ".join(WORD.findall(text.replace("_", " ")))


def tokens(text: str) -> list[str]:
    return fold(text).split()


def script_counts(text: str) -> dict[str, int]:
    """How many letters of each script the text has."""
    return {name: len(pattern.findall(text)) for name, pattern in SCRIPTS}


def script_of(word: str) -> str:
    for name, pattern in SCRIPTS:
        if pattern.search(word):
            return name
    return "other"
