"""Which language to answer in: script first, then letters and words of each language,
then the channel's language code, then (for longer Latin text) the offline py3langid."""

from collections import Counter
from functools import cache

from .text import script_counts
from .vocabulary import Match, Vocabulary

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
TERM_WEIGHT = 2
HINT_WEIGHT = 0.5


@cache
def _langid():
    import py3langid

    identifier = py3langid.langid.LanguageIdentifier.from_pickled_model(
        py3langid.langid.MODEL_FILE, norm_probs=True
    )
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
    script = max(scripts, key=scripts.get)
    if scripts[script] == 0:
        return hint if hint in vocabulary.languages else "fr"
    candidates = [c for c in SCRIPT_LANGUAGES[script] if c in vocabulary.languages]
    scores: Counter[str] = Counter({c: 0.0 for c in candidates})
    lowered = text.lower()
    for language in candidates:
        letters = set(DISTINCTIVE_LETTERS.get(language, ""))
        scores[language] += LETTER_WEIGHT * len(letters & set(lowered))
        scores[language] += sum(w in vocabulary.languages[language].words for w in words)
    for match in matches:
        if match.term.language in scores:
            scores[match.term.language] += TERM_WEIGHT * (1 if match.exact else 0.5)
    if hint in scores:
        scores[hint] += HINT_WEIGHT
    best = max(scores.values(), default=0)
    if best == 0:
        if script == "latin" and len(words) >= 3:
            return _langid().classify(text)[0]
        return hint if hint in candidates else candidates[0]
    return next(c for c in candidates if scores[c] == best)
