"""Languages, gettext catalogs (bot/locale/<lang>/LC_MESSAGES/messages.po) and Babel formats.

French is the source language of the interface strings; `falc` is the easy-to-read French
catalog. Catalogs are compiled by the set-up (`pybabel compile -d bot/locale`); a catalog
whose .mo is missing or older than its .po is compiled in memory instead.
"""

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
# The languages of the people in Paris's streets and day centres; names in their own script.
LANGUAGES = {
    "fr": "Français",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "ps": "پښتو",
    "uk": "Українська",
    "ru": "Русский",
    "ro": "Română",
    "es": "Español",
    "pt": "Português",
    "ka": "ქართული",
    "ti": "ትግርኛ",
}
RTL = {"ar", "fa", "ps"}
# First-strong isolate: a Latin name stays left-to-right, an Arabic time right-to-left,
# whatever the line around them.
FSI, PDI = "\u2068", "\u2069"
RLM = "\u200f"  # starts a line right-to-left whatever its first letter


def N_(message: str) -> str:
    """Mark a string for the catalogs; it is translated where it is used."""
    return message


@cache
def catalog(name: str) -> gettext.NullTranslations:
    po = LOCALE_DIR / name / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return Translations(f)
    if po.exists():
        with po.open("rb") as f:
            compiled = io.BytesIO()
            write_mo(compiled, read_po(f, locale=name if name != "falc" else "fr"))
        compiled.seek(0)
        return Translations(compiled)
    return gettext.NullTranslations()


@cache
def locale_of(language: str) -> Locale:
    """Babel parses a locale anew at each call: an answer formats dozens of times."""
    return Locale.parse(language)


@dataclass(frozen=True)
class Texts:
    """The interface strings and formats for one person: a language, FALC or not."""

    language: str
    falc: bool = False

    @property
    def locale(self) -> Locale:
        return locale_of(self.language)

    @property
    def rtl(self) -> bool:
        return self.language in RTL

    def _catalog(self) -> gettext.NullTranslations:
        if self.language == "fr":
            return catalog("falc") if self.falc else gettext.NullTranslations()
        return catalog(self.language)

    def _(self, message: str, **values: object) -> str:
        text = self._catalog().gettext(message)
        if values and self.locale.language == "fr":
            text = _elide(text, values)
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = self._catalog().ngettext(singular, plural, n)
        return text.format(n=n, **values)

    def time(self, moment: dt.datetime) -> str:
        return self.isolate(format_time(moment, "short", locale=self.locale))

    def weekday(self, day: dt.date) -> str:
        return format_date(day, "EEEE", locale=self.locale)

    def day_and_date(self, day: dt.date) -> str:
        """'vendredi 25 décembre 2026': a day asked by its date, or more than a week away."""
        return format_date(day, "full", locale=self.locale)

    @staticmethod
    def capital(text: str) -> str:
        """The first letter as a capital, where the script has capitals in ordinary
        writing: Georgian's (Mtavruli, 'Დღეს') are for titles, and old phones lack them."""
        first = text[:1]
        if not first or "\u10a0" <= first <= "\u10ff":
            return text
        return first.upper() + text[1:]

    def ordinal(self, arrondissement: int) -> str:
        """'1er', '18e' in French; the number elsewhere (the catalogs say the rest)."""
        if self.language != "fr":
            return str(arrondissement)
        return "1er" if arrondissement == 1 else f"{arrondissement}e"

    def short_date(self, day: dt.date) -> str:
        """'22 nov.': a day in a line that stays in a chat."""
        return format_skeleton("MMMd", day, locale=self.locale)

    def month_year(self, day: dt.date) -> str:
        return format_date(day, "LLLL y", locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def isolate(self, text: str) -> str:
        """Keep a Latin name or a number readable inside a right-to-left line."""
        return f"{FSI}{text}{PDI}" if self.rtl else text


FRENCH_VOWELS = set("aeiouyàâéèêëîïôû")  # not h: "de Hauteville"


def _elide(template: str, values: dict[str, object]) -> str:
    """French 'de' before a value that begins with a vowel is "d'": 'Informations d'avril
    2016', 'près d'Oberkampf'."""
    for name, value in values.items():
        if str(value)[:1].lower() in FRENCH_VOWELS:
            template = template.replace(f"de {{{name}}}", f"d'{{{name}}}")
    return template
