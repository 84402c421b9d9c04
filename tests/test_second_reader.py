"""The second reader (bot/understand/second_reader.py): trained on the project's own
messages, never on the sets that measure it; read with numpy exactly as scikit-learn
reads; consulted only where the rules found nothing."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.evaluation import evaluate, read_rows
from bot.settings import EVAL_DIR
from bot.understand import second_reader
from bot.understand.evidence import DANGER_KINDS
from bot.understand.second_reader import TRAINING_SETS, SecondReader, label_of, read_corpus

# Read in session 10 to find what the rules miss: a training set since.
READ_HELD = {"r6held"}
MEASURING = sorted(
    d for d in EVAL_DIR.iterdir() if d.name.endswith("held") and d.name not in READ_HELD
)


def test_never_trained_on_the_sets_that_measure_it():
    assert len(MEASURING) >= 4
    assert not {d.name for d in MEASURING} & set(TRAINING_SETS)
    assert all((EVAL_DIR / name).is_dir() for name in TRAINING_SETS)


def test_reads_as_scikit_learn_does(core):
    """The arrays kept in the cache, read with numpy, give scikit-learn's probabilities."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = read_corpus(second_reader.training_files(EVAL_DIR))
    model = make_pipeline(
        TfidfVectorizer(analyzer=second_reader.letter_sequences, sublinear_tf=True, min_df=2),
        LogisticRegression(C=second_reader.REGULARISATION, max_iter=3000),
    ).fit([r["text"] for r in rows], [label_of(r) for r in rows])
    reader = core.understander.second_reader
    assert list(model.classes_) == reader.labels
    texts = [r["text"] for r in read_rows(MEASURING)][::7] + ["", "1150", "???"]
    expected = model.predict_proba(texts)
    got = np.array([reader.probabilities(t) for t in texts])
    assert np.allclose(got, expected, atol=1e-6)


def test_trains_once_then_reads_its_cache(tmp_path, monkeypatch):
    corpus, cache = tiny_corpus(tmp_path), tmp_path / "cache"
    first = SecondReader.load(corpus, cache)
    [kept] = cache.glob("second-reader-*.npz")

    def no_training(rows: list[dict]) -> dict:
        raise AssertionError("trained again")

    monkeypatch.setattr(second_reader, "train", no_training)
    again = SecondReader.load(corpus, cache)
    assert again.labels == first.labels
    assert np.array_equal(again.coef, first.coef)
    # A changed corpus is a new key: trained again.
    with (corpus / "r9dev" / "r9_fr.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"text": "ou dormir", "categories": ["shelter"], "lang": "fr"}\n')
    with pytest.raises(AssertionError, match="trained again"):
        SecondReader.load(corpus, cache)
    assert [p.name for p in cache.glob("*.npz")] == [kept.name]
    monkeypatch.undo()
    SecondReader.load(corpus, cache)
    [newer] = cache.glob("*.npz")  # the older weights are removed
    assert newer.name != kept.name


def test_teaches_the_kinds_of_danger_the_rules_know():
    assert {kind for _, kind in second_reader.DANGER_OF_NUMBER} <= set(DANGER_KINDS)


def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "eval"
    for name in TRAINING_SETS:
        (corpus / name).mkdir(parents=True)
    for file in sorted((EVAL_DIR / "r9dev").glob("*.jsonl")):
        shutil.copy(file, corpus / "r9dev" / file.name)
    return corpus


def test_starts_that_train_at_once_all_get_the_weights(tmp_path):
    """Three processes start on a new corpus together: none fails, one file is kept."""
    corpus, cache = tiny_corpus(tmp_path), tmp_path / "cache"
    code = (
        "import sys; from pathlib import Path;"
        "from bot.understand.second_reader import SecondReader;"
        "r = SecondReader.load(Path(sys.argv[1]), Path(sys.argv[2])); print(len(r.labels))"
    )
    starts = [
        subprocess.Popen([sys.executable, "-c", code, corpus, cache], stdout=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in starts]
    assert [p.returncode for p in starts] == [0, 0, 0]
    assert len(set(outputs)) == 1
    assert len(list(cache.glob("second-reader-*.npz"))) == 1


def test_no_corpus_no_second_reader_and_a_cache_that_cannot_be_written_still_reads(tmp_path):
    assert SecondReader.load(tmp_path / "nothing", tmp_path / "cache") is None
    blocked = tmp_path / "a-file"  # a cache folder that cannot be made, even by root
    blocked.write_text("")
    reader = SecondReader.load(tiny_corpus(tmp_path), blocked / "cache")
    assert reader is not None and "shelter" in reader.labels
    assert blocked.read_text() == ""


@pytest.fixture(scope="module")
def both_readings(core):
    """(row, checks with the second reader, checks with the rules alone, the two queries)
    for every message of the measuring sets."""
    rows = read_rows(MEASURING)
    understander = core.understander
    with_reader = evaluate(core, rows)
    reader, understander.second_reader = understander.second_reader, None
    try:
        rules_only = evaluate(core, rows)
        plain = [understander.understand(r["text"]) for r in rows]
    finally:
        understander.second_reader = reader
    again = [understander.understand(r["text"]) for r in rows]
    return rows, with_reader, rules_only, plain, again


def test_never_changes_what_the_rules_found(both_readings):
    rows, _, _, plain, again = both_readings
    for row, alone, helped in zip(rows, plain, again, strict=True):
        if alone.categories:
            assert helped.categories[-len(alone.categories) :] == alone.categories, row["text"]
        assert set(alone.dangers) <= set(helped.dangers)


def test_more_right_numbers_and_no_more_false_alarms(both_readings):
    """Measured on the sets it never learnt from (summary counts only)."""
    _, with_reader, rules_only, _, _ = both_readings

    def count(results: list, metric: str) -> tuple[int, int]:
        values = [c[metric] for _, _, c in results if metric in c]
        return sum(values), len(values)

    helped, total = count(with_reader, "danger")
    alone, _ = count(rules_only, "danger")
    assert helped > alone, (helped, alone, total)
    assert count(with_reader, "false_alarm") == count(rules_only, "false_alarm")
    assert count(with_reader, "need")[0] > count(rules_only, "need")[0]


def test_a_message_without_words_is_not_read_again(core):
    query = core.understander.understand("1150")
    assert query.intent == "unknown" and not query.categories
