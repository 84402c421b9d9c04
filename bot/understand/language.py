"""Which language a message is written in, and which to answer in.

The candidates are the languages whose vocabulary has words in the message's script
(Arabic in Latin letters, Persian 'Finglish' and Russian 'translit' count as Latin); each
scores its distinctive letters (`letters` in its vocabulary), its words in the message, and
a word read through a typo. The channel's language code breaks a tie; with no word of any
vocabulary, the channel's code, then the language with most words in the message among
the word lists of dictionary.py (French, English, Spanish, Portuguese, Russian, Arabic,
Persian).
A language the bot does not write is answered in the language its vocabulary names
(`answer_in`: French for Wolof and Lingala speakers, English for most others). A message
whose words are mostly in no vocabulary, that only one or two words would give to a
language other than French or English ('hol' is Romanian, in Hungarian), is written in a
language the bot does not know (UNDETERMINED): it is answered in English.
"""

from collections import Counter

from .dictionary import MIN_COUNTS, language_words
from .text import script_counts, script_of
from .vocabulary import Vocabulary

LETTER_WEIGHT = 3
FUZZY_WEIGHT = 1
HINT_WEIGHT = 0.5
DEFAULT = "fr"
FALLBACK_ANSWER = "en"
UNDETERMINED = "und"  # ISO 639-2: a language no vocabulary knows
MIN_SUPPORT = 0.25  # the share of a message's words a language must have to be the one
# Tie order: the languages most written in Paris's streets and day centres first.
PREFERENCE = ("fr", "en", "ar", "fa", "ps", "uk", "ru", "bg", "ro", "es", "pt", "ka", "ti")


def countable(word: str) -> bool:
    """A word that tells a language: two letters or more ('a' is a word of half the
    Latin-script languages), or one Chinese character."""
    return len(word) > 1 or script_of(word) == "cjk"


class LanguageGuesser:
    """The vocabularies' scripts and letters, read once."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.by_script: dict[str, list[str]] = {}
        order = {code: i for i, code in enumerate(PREFERENCE)}
        for code in sorted(vocabulary.languages, key=lambda c: (order.get(c, len(order)), c)):
            for script in {script_of.__wrapped__(w) for w in vocabulary.languages[code].lexicon}:
                self.by_script.setdefault(script, []).append(code)

    def detect(self, text: str, words: list[str], read: list[str], hint: str | None = None) -> str:
        """The ISO 639-1 code of the language written (default French); `read` are the
        words as corrected (a word read through a typo counts for its language)."""
        languages = self.vocabulary.languages
        scripts = script_counts(text)
        written = [s for s in scripts if scripts[s]]
        if not written:
            return hint if hint in languages else DEFAULT
        main_script = max(written, key=scripts.get)
        candidates = list(
            dict.fromkeys(
                c
                for s in sorted(written, key=lambda s: s != main_script)
                for c in self.by_script.get(s, [])
            )
        )
        if not candidates:
            return hint if hint in languages else DEFAULT
        scores: Counter[str] = Counter({c: 0.0 for c in candidates})
        lowered = set(text.lower())
        for word, corrected in zip(words, read, strict=True):
            if word.isdigit():  # '13' is a number in every language, whatever a term says
                continue
            for code in self.vocabulary.languages_of(word) & scores.keys():
                scores[code] += 1
            if corrected != word:
                for code in self.vocabulary.languages_of(corrected) & scores.keys():
                    scores[code] += FUZZY_WEIGHT
        # A language's own letters count when it has words in the message, or when none
        # has: 'ы' and 'э' are Russian letters, and Mongolian ones too ('хоол хэрэгтэй').
        anyone = any(scores.values())
        for code in candidates:
            if scores[code] or not anyone:
                scores[code] += LETTER_WEIGHT * len(languages[code].letters & lowered)
        if hint in scores:
            scores[hint] += HINT_WEIGHT
        best = max(scores.values())
        if best == 0:  # no word of ours: the channel knows better, then the word lists
            if hint in languages:
                return hint
            chosen = self._by_dictionary(words, candidates)
        else:
            chosen = next(c for c in candidates if scores[c] == best)
        if chosen in (DEFAULT, FALLBACK_ANSWER, hint) or languages[chosen].letters & lowered:
            return chosen
        support = sum(
            chosen in self.vocabulary.languages_of(w)
            or (chosen in MIN_COUNTS and w in language_words(chosen))
            for w in read
            if countable(w)
        )
        if support <= MIN_SUPPORT * sum(countable(w) and w.isalpha() for w in words):
            return UNDETERMINED
        return chosen

    @staticmethod
    def _by_dictionary(words: list[str], candidates: list[str]) -> str:
        counts = {
            c: sum(w in language_words(c) for w in words) for c in candidates if c in MIN_COUNTS
        }
        best = max(counts.values(), default=0)
        return next(c for c in candidates if counts.get(c) == best) if best else candidates[0]

    def answer_in(self, code: str, answered: set[str]) -> str:
        """The language to answer a message written in `code`."""
        if code in answered:
            return code
        data = self.vocabulary.languages.get(code)
        fallback = data.answer_in if data else None
        return fallback if fallback in answered else FALLBACK_ANSWER
