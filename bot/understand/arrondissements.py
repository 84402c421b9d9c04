"""An arrondissement in any form: '19e', '75019', 'XIXe', 'dix-neuvième', 'dans le dix-huit',
'十三区', or a number after a marker of the vocabularies ('в 19 окрузі', 'الدائرة 19')."""

import re

from .terms import Match

ORDINALS = {
    "premier": 1,
    "premiere": 1,
    "deuxieme": 2,
    "second": 2,
    "troisieme": 3,
    "quatrieme": 4,
    "cinquieme": 5,
    "sixieme": 6,
    "septieme": 7,
    "huitieme": 8,
    "neuvieme": 9,
    "dixieme": 10,
    "onzieme": 11,
    "douzieme": 12,
    "treizieme": 13,
    "quatorzieme": 14,
    "quinzieme": 15,
    "seizieme": 16,
    "dix septieme": 17,
    "dix huitieme": 18,
    "dix neuvieme": 19,
    "vingtieme": 20,
}
# 'dans le dix-huit': a number written out after 'dans le' (never 'un': 'dans le un peu')
CARDINALS = {
    word: number
    for number, word in enumerate(
        [
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "neuf",
            "dix",
            "onze",
            "douze",
            "treize",
            "quatorze",
            "quinze",
            "seize",
            "dix+sept",
            "dix+huit",
            "dix+neuf",
            "vingt",
        ],
        start=2,
    )
}
CARDINAL_PATTERN = re.compile(
    r"\b(?:dans|ds|sur) le ("
    + "|".join(w.replace("+", " ") for w in sorted(CARDINALS, key=len, reverse=True))
    + r")\b(?! ?(?:h|heures?|minutes?|min)\b)"
)
# 'la première fois', 'au deuxième étage', 'just a second': an ordinal of something else
NOT_AN_ARRONDISSEMENT = (
    r"fois|etage|jours?|semaines?|nuits?|mois|annees?|ans?|rendez vous|rdv|classe|main|plan|"
    r"degre|chose|heure|temps|page|ligne|enfant|fils|fille|dose|rang|coup|partie|hand|time|floor|"
    r"siecles?"
)
SUFFIX = r"(?:e|eme|em|ieme|er|ere|ème|è|th|st|nd|rd|arr\w*|ar)"
ARRONDISSEMENT_PATTERNS = [
    re.compile(r"\b75 ?(?:0 ?(\d ?\d)|1(16))\b"),  # '75018', '75 018', '75 0 18'
    re.compile(rf"\b(\d{{1,2}}) ?{SUFFIX}\b(?! (?:{NOT_AN_ARRONDISSEMENT})\b)"),
    re.compile(r"\bparis (\d{1,2})\b"),
    re.compile(r"\b(?:arrondissement|arr|arrdt) (\d{1,2})\b"),
    re.compile(r"\b(?:dans|ds|sur) le (\d{1,2})\b(?! ?h)"),
    re.compile(r"\bmairie (?:du |de |d )?(\d{1,2})\b(?! ?h)"),  # 'la mairie du 18'
    re.compile(r"^\D+ (\d{1,2})$"),  # 'douche 18': a lone number ending the message
    re.compile(r"\b(\d{1,2}) 区"),  # '13区' (Chinese characters are words of their own)
]
# '十三区', '二十区': an arrondissement in Chinese numerals
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
CHINESE_PATTERN = re.compile(r"((?:[一二三四五六七八九十] ){1,3})区")


def chinese_number(numeral: str) -> int:
    """'十 三' → 13, '二 十' → 20, '五' → 5."""
    chars = numeral.split()
    if "十" not in chars:
        return CHINESE_DIGITS[chars[0]] if len(chars) == 1 else 0
    tens, _, units = "".join(chars).partition("十")
    return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(units, 0)


# Roman numerals, written in capitals: 'XIXe', 'XVIIIème', 'IVe arr.'
ROMAN_PATTERN = re.compile(r"\b(X{0,2}(?:IX|IV|V?I{0,3}))(?:e|ème|eme|er|ième|ieme)\b")
ROMAN = {"I": 1, "V": 5, "X": 10}
ORDINAL_PATTERN = re.compile(
    r"\b("
    + "|".join(sorted(ORDINALS, key=len, reverse=True))
    + rf")\b(?! (?:{NOT_AN_ARRONDISSEMENT})\b)"
)


def roman(numeral: str) -> int:
    values = [ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def arrondissement_number(
    text: str, words: list[str], reserved: list[bool], markers: list[Match]
) -> int | None:
    """The arrondissement the words name, 1 to 20, or None. `reserved`: words already read
    as a time or a need, never a place ('le 1er janvier')."""
    for m in markers:
        if m.term.label == "arrondissement":
            numbers = [int(w) for w in words[m.start : m.end] if w.isdigit()]
            if numbers and 1 <= numbers[0] <= 20:
                return numbers[0]
    for m in ROMAN_PATTERN.finditer(text):
        if m.group(1) and 1 <= (number := roman(m.group(1))) <= 20:
            return number
    text = " ".join("·" if taken else w for w, taken in zip(words, reserved, strict=False))
    for pattern in ARRONDISSEMENT_PATTERNS:
        for m in pattern.finditer(text):
            number = int(next(g for g in m.groups() if g).replace(" ", ""))
            if 1 <= number <= 20:
                return number
    if m := ORDINAL_PATTERN.search(text):
        return ORDINALS[m.group(1)]
    if m := CARDINAL_PATTERN.search(text):
        return CARDINALS[m.group(1).replace(" ", "+")]
    for m in CHINESE_PATTERN.finditer(text):
        if 1 <= (number := chinese_number(m.group(1))) <= 20:
            return number
    return None


# What looks like an arrondissement and is none: '21e', '75099' (the person thinks they
# named a place; the answer says it was not found rather than list all Paris silently)
POSTCODE_LIKE = re.compile(r"\b(75 ?\d{3})\b")
ORDINAL_LIKE = re.compile(  # French endings only: 'the 25th' is a date
    rf"\b(\d{{1,2}}) ?(?:e|eme|em|ieme|er|ere|ème|è|arr\w*)\b(?! (?:{NOT_AN_ARRONDISSEMENT})\b)"
)
POSTCODES = {f"750{n:02d}" for n in range(1, 21)} | {"75116"}


def no_such_arrondissement(words: list[str], reserved: list[bool]) -> str | None:
    """The words that look like an arrondissement or a Paris postcode and are none."""
    text = " ".join("·" if taken else w for w, taken in zip(words, reserved, strict=False))
    for m in POSTCODE_LIKE.finditer(text):
        if m.group(1).replace(" ", "") not in POSTCODES:
            return m.group(0)
    for m in ORDINAL_LIKE.finditer(text):
        if not 1 <= int(m.group(1)) <= 20:
            return m.group(0)
    return None
