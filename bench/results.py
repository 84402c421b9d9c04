"""Where each benchmark writes its figures: var/bench/<name>.json (bench/all.py reads them)."""

import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "var" / "bench"


def write(name: str, figures: object) -> Path:
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"{name}.json"
    path.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {path}")
    return path


def read(name: str) -> object:
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


def p99(values: list[float]) -> float:
    """The 99th percentile: the value 99% of the others are at or under."""
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.99) - 1, 0)]
