"""The terms of the vocabulary files (content/<lang>/vocabulary.yaml and
content/pictograms.yaml), made once and kept in the cache (bot/cache.py): each file's
terms under a key of the file, so that when one vocabulary changes the others are not
parsed again; all of them as a TermTable and its index (term_table.py) under a key of
every file."""

from collections import defaultdict
from pathlib import Path

import marisa_trie

from ..cache import key_of, remembered
from ..content import parse_yaml
from ..settings import CACHE_DIR
from .term_table import TermTable, build_index, compile_terms, load_index, save_index
from .terms import Term, fold_word, make_term, term_from_row, term_row

# The groups of a vocabulary file, and what their labels mean.
GROUPS = ("categories", "dangers", "intents", "markers", "topics", "profile", "forms")
HERE = Path(__file__).parent
# The code that makes terms of a file: its terms are cached under a key of it and the file.
TERMS_CODE = tuple(HERE / name for name in ("term_files.py", "terms.py", "text.py"))
TABLE_CODE = (*TERMS_CODE, HERE / "term_table.py")
VocabularyFile = tuple[str | None, Path]  # its language (None: pictograms), its path


def vocabulary_files(content_dir: Path) -> list[VocabularyFile]:
    files: list[VocabularyFile] = [
        (path.parent.name, path) for path in sorted(content_dir.glob("*/vocabulary.yaml"))
    ]
    pictograms = content_dir / "pictograms.yaml"
    if pictograms.exists():
        files.append((None, pictograms))
    return files


def read_terms(
    files: list[VocabularyFile],
) -> tuple[TermTable, marisa_trie.RecordTrie, dict[str, tuple[str, ...]]]:
    """Every file's terms as a table and its index, and each language's term words in
    the order of its terms (a typo is corrected to a term's word first)."""
    texts = [path.read_bytes() for _, path in files]
    names = " ".join(str(language) for language, _ in files)
    key = key_of(names, *texts, *TABLE_CODE)
    *table, term_words = remembered(
        CACHE_DIR, "term-table", key, lambda: compile_files(files, texts)
    )
    terms = TermTable(*table)
    index = remembered(
        CACHE_DIR,
        "term-index",
        key,
        lambda: build_index(terms),
        suffix=".marisa",
        save=save_index,
        load=load_index,
    )
    return terms, index, term_words


def compile_files(
    files: list[VocabularyFile], texts: list[bytes]
) -> tuple[list, bytes, bytes, int, dict[str, tuple[str, ...]]]:
    """The terms of every file as a TermTable's plain data, and each language's words."""
    terms = [
        term
        for (language, path), text in zip(files, texts, strict=True)
        for term in file_terms(language, path, text)
    ]
    fold_word.cache_clear()
    term_words: dict[str, dict[str, None]] = defaultdict(dict)
    for term in terms:
        if term.language:
            term_words[term.language].update(dict.fromkeys(term.words))
    return (*compile_terms(terms), {code: tuple(w) for code, w in term_words.items()})


def file_terms(language: str | None, path: Path, text: bytes) -> list[Term]:
    """The terms of one file, made once (kept until the file or the code changes)."""

    def make() -> list[tuple]:
        data = parse_yaml(text) or {}
        return [
            term_row(term)
            for group in GROUPS
            for label, raws in (data.get(group) or {}).items()
            for raw in raws or []
            if (term := make_term(raw, group, str(label), language))
        ]

    key = key_of(text, str(language), *TERMS_CODE)
    rows = remembered(CACHE_DIR, f"terms-{language or path.stem}", key, make)
    return [term_from_row(row) for row in rows]
