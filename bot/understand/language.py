"""Which language to answer in: script first, then letters and words of each language,
then the channel's language code, then (for longer Latin text) the offline py3langid."""

from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from .text import script_counts
from .vocabulary import Match, Vocabulary

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

SCRIPT_LANGUAGES = {
    "latin": ["fr", "en", "es", "ro", "pt"],
    "arabic": ["ar", "fa", "ps"],
    "cyrillic": ["uk", "ru"],
    "georgian": ["ka"],
    "ethiopic": ["ti"],
}
# Letters that only one of the languages sharing a script uses.
DISTINCTIVE_LETTERS = {
    "ps": "ټډړږښګڼۍېځڅ",
    "fa": "پچژگکی",
    "ar": "ةيكىؤ",
    "uk": "іїєґ",
    "ru": "ыэъё",
    "ro": "ășțşţ",
    "es": "ñ¿¡",
    "pt": "ãõ",
    "fr": "èùœêë",
}
LETTER_WEIGHT = 3
FUZZY_WEIGHT = 1
HINT_WEIGHT = 0.5


@cache
def _langid() -> "LanguageIdentifier":
    """py3langid's own model, shipped in its wheel, limited to our Latin-script languages."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)
    identifier.set_languages(SCRIPT_LANGUAGES["latin"])
    return identifier


def detect(
    text: str,
    words: list[str],
    matches: list[Match],
    vocabulary: Vocabulary,
    hint: str | None = None,
) -> str:
    """The ISO 639-1 code of the language to answer in (default French)."""
    scripts = script_counts(text)
    written = [s for s in scripts if scripts[s]]
    if not written:
        return hint if hint in vocabulary.languages else "fr"
    main_script = max(written, key=scripts.get)
    candidates = [
        c
        for s in sorted(written, key=lambda s: s != main_script)
        for c in SCRIPT_LANGUAGES[s]
        if c in vocabulary.languages
    ]
    scores: Counter[str] = Counter({c: 0.0 for c in candidates})
    lowered = set(text.lower())
    for language in candidates:
        lexicon = vocabulary.languages[language].lexicon
        scores[language] += LETTER_WEIGHT * len(
            set(DISTINCTIVE_LETTERS.get(language, "")) & lowered
        )
        scores[language] += sum(w in lexicon for w in words)
    for match in matches:  # a word read through a typo counts for its language
        if not match.exact and match.term.language in scores:
            scores[match.term.language] += FUZZY_WEIGHT
    if hint in scores:
        scores[hint] += HINT_WEIGHT
    best = max(scores.values(), default=0)
    if best == 0:  # no word of ours: the channel knows better, then the offline model
        if hint in vocabulary.languages:
            return hint
        if main_script == "latin" and len(words) >= 3:
            return _langid().classify(text)[0]
        return candidates[0]
    return next(c for c in candidates if scores[c] == best)
