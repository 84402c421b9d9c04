"""A second reader for the messages the rules do not understand: a small classifier.

The rules (evidence.py) read what they have words for; a message that says a danger in
words no vocabulary has ('je suis sur le pont et l'eau a l'air calme') or asks in a
language with no vocabulary gets nothing from them. The second reader is consulted only
then: when the rules find no danger it may add one, when they find no need it may give
one; it never changes what the rules found.

It is a logistic regression over the letter sequences (2 to 4 letters, inside words) of
the message, trained with scikit-learn on the project's own corpus of messages written
blind and labelled by hand (`eval/`, the sets in TRAINING_SETS; the sets that measure the
bot are never among them). Training takes a few seconds; it happens once, and the weights
are kept in the cache (bot/cache.py) under a key of the corpus and of the code that reads
it, as plain arrays (no pickle). Reading a message uses the arrays with numpy: scikit-learn is
not imported to answer, only to train. Without its corpus (a deployment that does not ship
`eval/`) there is no second reader; with a cache that cannot be written, it is trained at
each start and kept in memory.
"""

import json
import logging
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..cache import key_of, remembered
from .text import fold

log = logging.getLogger(__name__)

# The evaluation sets the classifier learns from. The sets that measure the bot on unseen
# messages (r7held to r12held…) are never listed here (a test checks it).
TRAINING_SETS = (
    "dev",
    "final",
    "fresh",
    "holdout",
    "r4",
    "r5",
    "r6dev",
    "r6held",
    "r7dev",
    "r8dev",
    "r9dev",
    "r10dev",
    "r11dev",
    "r12dev",
)
NGRAMS = (2, 4)
REGULARISATION = 10.0  # scikit-learn's C
DANGER = "danger:"  # labels of life-or-safety messages: 'danger:suicide'…
# A labelled message's kind of danger: that of the first of its right numbers found in
# this order (a suicidal teenager is taught as a suicide; a drowning, as medical). The
# kinds are evidence.py's (a test checks it).
DANGER_OF_NUMBER = (
    ("3114", "suicide"),
    ("119", "child"),
    ("3919", "partner_violence"),
    ("114", "deaf"),
    ("18", "fire"),
    ("115", "cold"),
    ("17", "violence"),
    ("15", "medical"),
    ("112", "medical"),
)
SURE = 0.5  # the probability above which the second reader's reading is taken


def label_of(row: dict) -> str:
    """What a labelled message teaches: its kind of danger, else its main need or intent."""
    numbers = row.get("numbers") or []
    if "emergency" in row["categories"]:
        for number, kind in DANGER_OF_NUMBER:
            if number in numbers:
                return DANGER + kind
    main = row["categories"][0]
    return "shelter" if main == "emergency" else main  # freezing tonight with no number


def letter_sequences(text: str) -> list[str]:
    """scikit-learn's 'char_wb' analyser: the 2- to 4-letter sequences of each word
    padded with a space (a word shorter than a sequence counts once)."""
    out = []
    low, high = NGRAMS
    for word in fold(text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:
                out.append(padded)
                break
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


@dataclass
class Guess:
    label: str  # a need, an intent, or 'danger:<kind>'
    probability: float

    @property
    def danger(self) -> str | None:
        return self.label.removeprefix(DANGER) if self.label.startswith(DANGER) else None


class SecondReader:
    """The trained weights: one row of coefficients per label over the letter sequences."""

    def __init__(
        self,
        sequences: list[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        labels: list[str],
    ) -> None:
        self.index = {s: i for i, s in enumerate(sequences)}
        self.idf, self.coef, self.intercept, self.labels = idf, coef, intercept, labels
        self.danger_rows = [i for i, label in enumerate(labels) if label.startswith(DANGER)]

    @classmethod
    def load(cls, eval_dir: Path, cache_dir: Path) -> "SecondReader | None":
        """The weights for the corpus as it is: from the cache, else trained and cached;
        None without a corpus."""
        files = training_files(eval_dir)
        if not files:
            log.warning("no corpus in %s: no second reader", eval_dir)
            return None
        arrays = remembered(
            cache_dir,
            "second-reader",
            corpus_key(files),
            lambda: train(read_corpus(files)),
            suffix=".npz",
            save=lambda arrays, path: np.savez_compressed(path, **arrays),
            load=read_arrays,
        )
        return cls.from_arrays(arrays)

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> "SecondReader":
        return cls(
            arrays["sequences"].tolist(),
            arrays["idf"],
            arrays["coef"],
            arrays["intercept"],
            arrays["labels"].tolist(),
        )

    def probabilities(self, text: str) -> np.ndarray:
        """scikit-learn's TF-IDF (sublinear, L2-normalised) then the softmax of the scores."""
        counts = Counter(self.index[s] for s in letter_sequences(text) if s in self.index)
        scores = self.intercept.copy()
        if counts:
            columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
            weights = (
                np.fromiter(
                    ((1 + math.log(c)) for c in counts.values()), dtype=float, count=len(counts)
                )
                * self.idf[columns]
            )
            weights /= np.linalg.norm(weights)
            scores = scores + self.coef[:, columns] @ weights
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()

    def read(self, text: str) -> tuple[Guess, Guess]:
        """The likeliest danger, and the likeliest label of all."""
        p = self.probabilities(text)
        danger = max(self.danger_rows, key=lambda i: p[i])
        best = int(p.argmax())
        return Guess(self.labels[danger], float(p[danger])), Guess(
            self.labels[best], float(p[best])
        )


def training_files(eval_dir: Path) -> list[Path]:
    return sorted(f for name in TRAINING_SETS for f in (eval_dir / name).glob("*.jsonl"))


def read_corpus(files: list[Path]) -> list[dict]:
    return [
        json.loads(line)
        for file in files
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as arrays:
        return dict(arrays)


def corpus_key(files: list[Path]) -> str:
    """Changes with the corpus and the code that reads it (this file, text.py's `fold`)."""
    code = Path(__file__)
    return key_of(code, code.parent / "text.py", *(s for f in files for s in (f.name, f)))


def train(rows: list[dict]) -> dict[str, np.ndarray]:
    """Fit with scikit-learn (imported here only) and return the arrays to keep."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(analyzer=letter_sequences, sublinear_tf=True, min_df=2)
    texts = [row["text"] for row in rows]
    model = LogisticRegression(C=REGULARISATION, max_iter=3000)
    model.fit(vectoriser.fit_transform(texts), [label_of(row) for row in rows])
    sequences = vectoriser.get_feature_names_out()
    return {
        "sequences": np.array(sequences, dtype=str),
        "idf": vectoriser.idf_,
        "coef": model.coef_,
        "intercept": model.intercept_,
        "labels": np.array(model.classes_, dtype=str),
    }
