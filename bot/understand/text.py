"""Normalise text for matching: case, Latin accents, apostrophes, Arabic-script variants,
clauses, pictograms; and the script each word is written in."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

LATIN_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": " ", "'": " ", "`": " "})
# Arabic-script letters written several ways (Arabic, Persian, Urdu keyboards): matching
# treats them as one.
ARABIC_VARIANTS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ي": "ی",
        "ى": "ی",
        "ې": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ہ": "ه",
        "ە": "ه",
        "ـ": None,
        "\u200c": None,  # the zero-width non-joiner of Persian (می‌خواهم = میخواهم)
    }
)
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
# Pictograms are words of their own ('🚿' means shower in every language).
PICTOGRAMS = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
# Chinese and Japanese are written without spaces: each character is a word of its own,
# and a term of several characters is a phrase of as many words ('洗澡' = '洗 澡').
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Indic vowel signs are marks, not letters, for \w: they stay inside their word.
WORD = re.compile(rf"[{CJK}]|(?:(?![{CJK}])[\w\u0900-\u0dff])+|[{PICTOGRAMS}]")
# A clause ends at punctuation or a line break: '. , ; : ! ? ، ؟ । ። ፣ ， 。 ？' …
CLAUSE_BREAK = re.compile(
    r"[.,;:!?\n\u060c\u061b\u061f\u06d4\u0964\u1362-\u1366…\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f]+"
)
SENTENCE_END = re.compile(r"[.!?\n\u061f\u06d4\u0964\u1362\u3002\uff01\uff1f…]")
SCRIPTS = (
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("cyrillic", re.compile("[\u0400-\u04ff]")),
    ("georgian", re.compile("[\u10a0-\u10ff]")),
    ("ethiopic", re.compile("[\u1200-\u139f]")),
    ("bengali", re.compile("[\u0980-\u09ff]")),
    ("tamil", re.compile("[\u0b80-\u0bff]")),
    ("devanagari", re.compile("[\u0900-\u097f]")),
    ("gurmukhi", re.compile("[\u0a00-\u0a7f]")),
    ("cjk", re.compile(f"[{CJK}]")),
    ("greek", re.compile("[\u0370-\u03ff\u1f00-\u1fff]")),
    ("hebrew", re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")),
    ("hangul", re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("armenian", re.compile("[\u0530-\u058f]")),
    ("latin", re.compile("[a-zA-Z\u00c0-\u024f]")),
)


# Markup pasted or typed around words ('<b>douche</b>', '<br>'): never a word of the message.
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
# A phone number ('+33 6 12 34 56 78', '06.12.34.56.78'): its groups are no age, no
# arrondissement and no postcode.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{2,3}[\s.-]?\(?0?\)?[\s.-]?\d|0\d)(?:[\s.-]?\d{2}){4}(?!\w)"
)


def plain(text: str) -> str:
    """The message without markup tags or phone numbers, each left as a space."""
    return PHONE.sub(" ", MARKUP.sub(" ", text))


def fold(text: str) -> str:
    """Lowercase, drop accents on Latin letters only (й stays й), unify Arabic-script
    variants, write every digit as a Latin one ('۷۵۰۱۸', '٧٥٠١٨' are 75018), turn
    apostrophes and punctuation into spaces, squeeze spaces."""
    text = text.lower().translate(LATIN_LIGATURES)
    if text.isascii():  # most words: nothing to take off or unify
        return " ".join(WORD.findall(text.replace("_", " ")))
    out = []
    for char in unicodedata.normalize("NFKD", text):
        category = unicodedata.category(char)
        if category == "Mn" and out and out[-1].isascii():
            continue  # an accent on a Latin letter
        if category in ("Cf", "Cc", "Co", "Cs") and char != "\u200c":
            char = " "
        elif category == "Nd" and not char.isascii():
            char = str(unicodedata.decimal(char))
        out.append(char)
    text = unicodedata.normalize("NFC", "".join(out))
    text = ARABIC_MARKS.sub("", text).translate(ARABIC_VARIANTS)
    return " ".join(WORD.findall(text.replace("_", " ")))


GLUED_NUMBER = re.compile(r"^(\d{2,})([^\W\d_]{2,})$")
# An Arabic-script prefix glued to a number: 'فالـ١٨' (in the 18), 'ب75019'.
GLUED_PREFIX = re.compile(r"^([\u0600-\u06ff]{1,4})(\d+)$")
# '-5' after a space: a temperature, read as 'moins 5' (the vocabularies' temperature
# markers then keep its number from being an arrondissement); '06-12' and '2026-11' stay.
MINUS_NUMBER = re.compile(r"(^|\s)[-−](?=\d)")


def tokens(text: str) -> list[str]:
    """The folded words; a number glued to a word is two words ('15ans' → 15 ans), but not
    an ordinal ('18e', '19eme': the place hint reads those)."""
    out = []
    for word in fold(MINUS_NUMBER.sub(r"\1moins ", text)).split():
        if prefixed := GLUED_PREFIX.match(word):
            out += [prefixed[1], prefixed[2]]
            continue
        glued = GLUED_NUMBER.match(word)
        if glued and not re.fullmatch(r"e|er|eme|em|ieme|ere|th|st|nd|rd|arr\w*", glued[2]):
            out += [glued[1], glued[2]]
        else:
            out.append(word)
    return out


@dataclass(frozen=True)
class Words:
    """The folded words of a message and the clause each belongs to."""

    words: list[str]
    clauses: list[int]
    questions: frozenset[int]  # clauses that end with a question mark
    ends: frozenset[int] = frozenset()  # clauses that end a sentence ('.', '!', '?', a line)


def split_words(text: str) -> Words:
    words: list[str] = []
    clauses: list[int] = []
    questions, ends = set(), set()
    parts = CLAUSE_BREAK.split(text)
    breaks = CLAUSE_BREAK.findall(text)
    for index, part in enumerate(parts):
        folded = tokens(part)
        words += folded
        clauses += [index] * len(folded)
        if index < len(breaks) and any(q in breaks[index] for q in "?؟？"):
            questions.add(index)
        if index < len(breaks) and SENTENCE_END.search(breaks[index]):
            ends.add(index)
    return Words(words, clauses, frozenset(questions), frozenset(ends))


def script_counts(text: str) -> dict[str, int]:
    """How many letters of each script the text has."""
    return {name: len(pattern.findall(text)) for name, pattern in SCRIPTS}


# What a word-level function, or an index of terms, remembers: the words of messages,
# which come back; never the vocabularies' ninety thousand, read once at start-up through
# `.__wrapped__`. With the terms kept decoded (term_table) and the places kept read
# (store), 8,192 cost 16 MiB more than 2,048 after the 6,952 evaluation messages at
# 102,261 places (158 against 142 MiB), for a core p99 unchanged (1.61 ms) and the
# understanding's p99 over those messages in turn 2.28 against 2.44 ms (docs/benchmarks.md).
WORDS_REMEMBERED = 2048


@lru_cache(maxsize=WORDS_REMEMBERED)
def script_of(word: str) -> str:
    for name, pattern in SCRIPTS:
        if pattern.search(word):
            return name
    return "other"


# One letter of each block of 256 code points transliterated (Cyrillic, Georgian, Ethiopic):
# reading them at start-up loads anyascii's tables, so that answering reads no file.
TRANSLITERATION_SAMPLES = [
    chr(block * 256 + 0x80) for block in (0x04, 0x05, 0x10, 0x12, 0x13, 0x1C, 0x2D, 0xA6)
]


@lru_cache(maxsize=WORDS_REMEMBERED)
def latin(text: str) -> str:
    """The text in Latin letters (Бельвиль → belvil, ጋር ዱ ኖርድ → gar du nord), folded."""
    return fold(anyascii(text).replace("'", ""))
