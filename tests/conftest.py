"""Shared fixtures: real directory files, real SQLite databases built from them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import DIRECTORY_DIR

FIXTURES = Path(__file__).parent / "fixtures"
ARRONDISSEMENTS = "paris_arrondissements_copy-2025-03-21.geojson"


def run_bot(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m bot ...` as a person would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def make_directory(tmp_path: Path):
    """A small directory: the real categories and numbers, the arrondissement layer, and
    the named fixture place files (tests/fixtures/places/<name>.yaml)."""

    def make(*names: str) -> Path:
        root = tmp_path / "directory"
        (root / "places").mkdir(parents=True)
        (root / "opendata").mkdir()
        for name in ("categories.yaml", "emergency_numbers.yaml"):
            shutil.copy(DIRECTORY_DIR / name, root / name)
        shutil.copy(DIRECTORY_DIR / "opendata" / ARRONDISSEMENTS, root / "opendata")
        (root / "opendata" / "sources.yaml").write_text(
            f"arrondissements:\n  file: {ARRONDISSEMENTS}\n", encoding="utf-8"
        )
        for name in names:
            target = root / "places" / (name.replace("_", "-") + ".yaml")
            shutil.copy(FIXTURES / "places" / f"{name}.yaml", target)
        return root

    return make


@pytest.fixture(scope="session")
def directory_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped directory, built into a fresh SQLite file by the real command."""
    output = tmp_path_factory.mktemp("db") / "directory.db"
    result = run_bot("directory", "build", DIRECTORY_DIR, "--output", output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def core(directory_db: Path):
    """The real core on the shipped directory, loaded once."""
    from bot.core import Core

    return Core(directory_db)


@pytest.fixture
def run_build(tmp_path: Path):
    """Build a directory into a fresh database with the real command; returns its path."""

    def build(root: Path) -> Path:
        output = tmp_path / f"{root.name}.db"
        result = run_bot("directory", "build", root, "--output", output)
        assert result.returncode == 0, result.stdout + result.stderr
        return output

    return build
