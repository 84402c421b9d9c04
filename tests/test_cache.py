"""Derived data kept between starts (bot/cache.py): built once, read back while its sources
are the same, built again when they change or when the kept file is damaged."""

import datetime as dt
import logging
import shutil

import numpy as np

from bot.cache import key_of, remembered
from bot.settings import CONTENT_DIR
from bot.understand.second_reader import read_arrays
from bot.understand.vocabulary import Vocabulary


class Builds:
    """A build that counts its calls."""

    def __init__(self, value) -> None:
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_built_once_then_read_back_and_built_again_for_a_new_key(tmp_path):
    build = Builds({"douche": ["shower", 1.0, None, (True, False)]})
    first = remembered(tmp_path, "terms-fr", key_of(b"v1"), build)
    again = remembered(tmp_path, "terms-fr", key_of(b"v1"), build)
    assert first == again == build.value and build.calls == 1
    [kept] = tmp_path.iterdir()
    remembered(tmp_path, "terms-fr", key_of(b"v2"), build)
    assert build.calls == 2
    [newer] = tmp_path.iterdir()  # the older key's file is removed
    assert newer.name != kept.name and newer.name.startswith("terms-fr-")


def test_another_name_is_left_alone(tmp_path):
    remembered(tmp_path, "terms-fr", key_of(b"v1"), Builds([1]))
    remembered(tmp_path, "terms-fr-x", key_of(b"v2"), Builds([2]))
    remembered(tmp_path, "terms", key_of(b"v3"), Builds([3]))
    assert len(list(tmp_path.iterdir())) == 3


def test_a_damaged_file_is_built_again(tmp_path, caplog):
    build = Builds(["manger"])
    remembered(tmp_path, "words-fr", "k" * 16, build)
    [kept] = tmp_path.iterdir()
    kept.write_bytes(kept.read_bytes()[:3])
    with caplog.at_level(logging.WARNING):
        assert remembered(tmp_path, "words-fr", "k" * 16, build) == ["manger"]
    assert build.calls == 2 and "unreadable" in caplog.text


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, caplog):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        assert remembered(blocked / "cache", "words-fr", "k" * 16, Builds([1])) == [1]
    assert "not cached" in caplog.text


def test_data_marshal_cannot_keep_is_given_not_kept(tmp_path):
    value = {"day": dt.date(2026, 11, 23)}
    assert remembered(tmp_path, "yaml-x", "k" * 16, Builds(value)) == value
    assert list(tmp_path.iterdir()) == []


def test_a_vocabulary_an_editor_changes_is_read_anew(tmp_path):
    """The understanding reads an edited vocabulary at the next start (or reload) even
    though the earlier terms are in the cache."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    before = Vocabulary(content)
    assert not [t for t in before.table if "zorglub" in t.words]
    french = content / "fr" / "vocabulary.yaml"
    french.write_text(
        french.read_text(encoding="utf-8").replace("  shower:\n", "  shower:\n    - zorglub\n", 1),
        encoding="utf-8",
    )
    after = Vocabulary(content)
    assert [t.label for t in after.table if t.words == ("zorglub",)] == ["shower"]
    assert len(after.table) == len(before.table) + 1
    assert "zorglub" in after.languages["fr"].lexicon
    assert [t.label for t in after.term_index.starting("zorglub", [])] == ["shower"]


def test_a_file_others_could_write_is_ignored(tmp_path, caplog):
    build = Builds(["douche"])
    remembered(tmp_path, "terms-fr", "k" * 16, build)
    [kept] = tmp_path.glob("terms-fr-*")
    kept.chmod(0o666)
    with caplog.at_level(logging.WARNING):
        remembered(tmp_path, "terms-fr", "k" * 16, build)
    assert build.calls == 2 and "ignored" in caplog.text


def test_a_damaged_archive_is_built_again(tmp_path):
    """The second reader's weights are a numpy archive: a cut one is trained again."""
    build = Builds({"coef": np.ones(3)})
    options = {
        "suffix": ".npz",
        "save": lambda arrays, path: np.savez_compressed(path, **arrays),
        "load": read_arrays,
    }
    remembered(tmp_path, "second-reader", "k" * 16, build, **options)
    [kept] = tmp_path.glob("*.npz")
    kept.write_bytes(kept.read_bytes()[:20])
    again = remembered(tmp_path, "second-reader", "k" * 16, build, **options)
    assert build.calls == 2 and np.array_equal(again["coef"], np.ones(3))
    assert not list(tmp_path.glob("partial-*"))


def test_a_damaged_word_list_is_built_again(tmp_path):
    """The word lists are tries mapped from the cache: a cut one is built again, and what
    is read back answers as the words given."""
    import marisa_trie

    from bot.understand.dictionary import load_trie, save_trie

    build = Builds(marisa_trie.Trie(["douche", "manger", "dormir"]))
    options = {"suffix": ".marisa", "save": save_trie, "load": load_trie}
    remembered(tmp_path, "words-fr", "k" * 16, build, **options)
    [kept] = tmp_path.glob("*.marisa")
    read_back = remembered(tmp_path, "words-fr", "k" * 16, build, **options)
    assert build.calls == 1 and "douche" in read_back and "douches" not in read_back
    kept.write_bytes(kept.read_bytes()[:20])
    again = remembered(tmp_path, "words-fr", "k" * 16, build, **options)
    assert build.calls == 2 and "manger" in again
    assert not list(tmp_path.glob("partial-*"))
