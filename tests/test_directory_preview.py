"""`python -m bot directory preview ID`: the card an editor's change gives, at once."""

import os
import shutil
from pathlib import Path

from conftest import run_bot

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "preview_bain-douche-meaux_fr.txt"
AT = "2026-11-24T10:00"


def test_the_preview_is_the_telegram_card_in_plain_text():
    result = run_bot("directory", "preview", "bain-douche-meaux", "--at", AT, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
    assert "<b>" not in result.stdout and "&#" not in result.stdout


def test_an_edit_shows_in_the_preview_and_a_broken_file_is_named(tmp_path):
    directory = tmp_path / "directory"
    shutil.copytree(ROOT / "directory", directory)
    place = directory / "places" / "shower" / "bain-douche-meaux.yaml"
    text = place.read_text(encoding="utf-8")
    assert "We off" in text
    place.write_text(text.replace("We off", "We 09:00-11:00"), encoding="utf-8")
    result = run_bot("directory", "preview", "bain-douche-meaux", directory, "--at", AT)
    assert result.returncode == 0, result.stderr
    assert "mercredi : 09:00–11:00" in result.stdout
    arabic = run_bot("directory", "preview", "bain-douche-meaux", directory, "--lang", "ar")
    assert arabic.returncode == 0 and "الأربعاء" in arabic.stdout
    place.write_text(text.replace("We off", "We 25:00-26:00"), encoding="utf-8")
    broken = run_bot("directory", "preview", "bain-douche-meaux", directory, "--at", AT)
    assert broken.returncode == 1 and "bain-douche-meaux.yaml" in broken.stderr
    assert "opening_hours" in broken.stderr
    place.write_text(text, encoding="utf-8")
    unknown = run_bot("directory", "preview", "no-such-place", directory)
    assert unknown.returncode == 2 and "no-such-place" in unknown.stderr
