"""The bot at France's size: synthetic directories of 10,000 and 100,000 places (1,000,000
with --sizes), generated deterministically in data·inclusion's shape, read by the real
importer (bot/directory/data_inclusion.py), added to the real directory, built, loaded,
and asked the same mixed messages as bench_core.py.

    .venv/bin/python bench/bench_scale.py [--sizes 10000 100000] [--messages 2000]

Each size is built in one process and served in another: the serving peak memory is a
running bot's, the build's is given apart. Prints a table and writes
var/bench/scale.json. The places are marked synthetic and never written to directory/.
Asserts nothing: speed is measured here, not in timed tests.
"""

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import p99, write  # noqa: E402

THEMATIQUES = [  # one per need that has one, as data·inclusion writes them
    "equipement-et-alimentation--alimentation",
    "equipement-et-alimentation--habillement",
    "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
    "remobilisation--lien-social",
    "sante--acces-aux-soins",
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    "numerique--acceder-a-une-connexion-internet",
]
NAMED = ["Douches", "Laverie", "Bagagerie", "Domiciliation", "Toilettes"]  # no thematique
HOURS = [
    None,
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "Mo-Su 08:00-20:00",
    "Tu,Th 14:00-18:00; PH off",
    "24/7",
    "Mo-Fr 19:00-07:00",
    "Nov-Mar: Mo-Su 19:00-08:00; Apr-Oct off",
]


def synthetic(count: int, seed: int = 2026) -> tuple[list[dict], list[dict]]:
    """`count` structures with one or two services each: a third in Paris, the rest across
    mainland France."""
    rng = random.Random(seed)
    structures, services = [], []
    for i in range(count):
        if i % 3 == 0:
            lat, lon, postcode = rng.uniform(48.82, 48.90), rng.uniform(2.26, 2.41), "75011"
        else:
            lat, lon = rng.uniform(43.3, 50.8), rng.uniform(-1.6, 7.6)
            postcode = f"{rng.randint(1, 95):02d}{rng.randint(0, 999):03d}"
        structure_id = f"synthetic--{i}"
        structures.append(
            {
                "source": "synthetic",
                "id": structure_id,
                "nom": f"Lieu synthétique {i}",
                "adresse": f"{rng.randint(1, 200)} rue Synthétique",
                "code_postal": postcode,
                "latitude": round(lat, 6),
                "longitude": round(lon, 6),
                "telephone": f"01 {rng.randint(10, 99)} {rng.randint(10, 99)} 00 00",
                "horaires_accueil": rng.choice(HOURS),
                "date_maj": "2026-01-15",
            }
        )
        for j in range(rng.choice([1, 1, 2])):
            thematique = rng.choice(THEMATIQUES + [None] * 3)
            services.append(
                {
                    "source": "synthetic",
                    "id": f"{structure_id}--{j}",
                    "structure_id": structure_id,
                    "nom": rng.choice(NAMED) if thematique is None else "Service",
                    "description": "Service synthétique (benchmark).",
                    "date_maj": "2026-01-15",
                    "thematiques": [thematique] if thematique else None,
                    "publics": rng.choice([["tous-publics"], ["femmes"], ["familles"]]),
                    "frais": "gratuit",
                    "modes_accueil": ["en-presentiel"],
                }
            )
    return structures, services


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(latencies: list[float]) -> dict[str, float]:
    latencies = sorted(latencies)
    return {
        "p50_ms": round(statistics.median(latencies), 3),
        "p99_ms": round(p99(latencies), 3),
    }


def build_size(count: int, db: Path) -> dict:
    """Generate, import (validate) and build one size."""
    from bot.directory.build import build
    from bot.directory.check import read_directory
    from bot.directory.data_inclusion import to_places
    from bot.settings import DIRECTORY_DIR

    directory = read_directory(DIRECTORY_DIR)
    structures, services = synthetic(count)
    t0 = time.perf_counter()
    imported = to_places(
        structures, services, dt.date(2026, 11, 23), paris=directory.arrondissements
    )
    validate_s = time.perf_counter() - t0
    directory.places += imported.places
    directory.origins.update({p.id: "synthetic" for p in imported.places})
    t0 = time.perf_counter()
    build(directory, db)
    return {
        "synthetic": count,
        "validate_s": round(validate_s, 2),
        "build_s": round(time.perf_counter() - t0, 2),
        "build_peak_mib": round(peak_mib()),
    }


def serve(db: Path, messages: int) -> dict:
    """Start on a built database, answer once, then the mixed messages: what a running bot
    costs (its own process: the build's memory is not counted). Then every evaluation
    message once, untimed: the memory of a bot that has read varied messages for a while
    (its caches of words and terms full)."""
    from bench_core import evaluation_texts
    from bench_core import messages as mixed

    from bot.answer import plain_text
    from bot.core import Core
    from bot.settings import PARIS_TZ

    t0 = time.perf_counter()
    core = Core(db)
    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
    plain_text(core.ask("douche près de république", at=at).reply)
    first_answer_s = time.perf_counter() - t0
    latencies = []
    for text in mixed(messages):
        t0 = time.perf_counter()
        plain_text(core.ask(text, at=at).reply)
        latencies.append((time.perf_counter() - t0) * 1000)
    peak = peak_mib()
    for text in evaluation_texts():
        plain_text(core.ask(text, at=at).reply)
    return {
        "places_loaded": len(core.store),
        "first_answer_s": round(first_answer_s, 2),
        "messages": messages,
        **percentiles(latencies),
        "messages_per_s": round(len(latencies) / (sum(latencies) / 1000)),
        "peak_mib": round(peak),
        "peak_varied_mib": round(peak_mib()),
    }


def child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)  # a child's work
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build is not None:
        print(json.dumps(build_size(args.build, args.db)))
        return
    if args.serve:
        print(json.dumps(serve(args.db, args.messages)))
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in [0, *args.sizes]:
            db = str(Path(folder) / f"directory-{size}.db")
            built = child("--build", str(size), "--db", db)
            served = child("--serve", "--db", db, "--messages", str(args.messages))
            results.append({**built, **served})
            Path(db).unlink()
    header = (
        f"{'synthetic':>10} {'loaded':>8} {'validate s':>10} {'build s':>8} "
        f"{'1st answer s':>12} {'msg/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'serve MiB':>9} "
        f"{'varied MiB':>10} {'build MiB':>9}"
    )
    print(header)
    for r in results:
        print(
            f"{r['synthetic']:>10} {r['places_loaded']:>8} {r['validate_s']:>10} "
            f"{r['build_s']:>8} {r['first_answer_s']:>12} {r['messages_per_s']:>6} "
            f"{r['p50_ms']:>7} {r['p99_ms']:>7} {r['peak_mib']:>9} {r['peak_varied_mib']:>10} "
            f"{r['build_peak_mib']:>9}"
        )
    write("scale", results)


if __name__ == "__main__":
    main()
