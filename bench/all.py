"""Every benchmark, one command: the core, France-sized directories, Telegram end to end and
the web chat under load, each in its own process (so that memory figures are each its
own); then one table of the figures issue 15 sets targets for, and var/bench/all.json.

    .venv/bin/python bench/all.py [--sizes 10000 100000]   # about five minutes

Asserts nothing: the figures are measured here, never in timed tests.
"""

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

from results import FOLDER, read, write

HERE = Path(__file__).resolve().parent


def run(script: str, *args: str) -> None:
    print(f"\n$ {script} {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)


def memory_gib() -> float:
    with open("/proc/meminfo", encoding="utf-8") as file:
        total_kib = int(file.readline().split()[1])
    return round(total_kib / 2**20, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", default=["10000", "100000"])
    args = parser.parse_args()
    run("bench_core.py")
    run("bench_scale.py", "--sizes", *args.sizes)
    run("bench_telegram.py")
    run("bench_web_load.py")
    core, scale, telegram, web = (read(n) for n in ("core", "scale", "telegram", "web_load"))
    largest = scale[-1]
    rows = [  # (what, measured, target)
        ("core p99, real directory", f"{core['p99_ms']} ms", "≤ 2 ms"),
        ("understanding p99", f"{core['understanding_p99_ms']} ms", "≤ 2 ms (ours)"),
        (
            f"core p99, {largest['places_loaded']:,} places",
            f"{largest['p99_ms']} ms",
            "≤ 3 ms at 100,000",
        ),
        (
            f"validate and build, {largest['synthetic']:,} synthetic",
            f"{round(largest['validate_s'] + largest['build_s'], 2)} s",
            "≤ 15 s",
        ),
        (
            f"memory served, {largest['places_loaded']:,} places",
            f"{largest['peak_mib']} MiB",
            "≤ 150 MB at 100,000",
        ),
        (
            f"memory, then 6,952 varied messages, {largest['places_loaded']:,} places",
            f"{largest['peak_varied_mib']} MiB",
            "≤ 150 MB at 100,000",
        ),
        ("first answer, real directory", f"{scale[0]['first_answer_s']} s", "≤ 2 s"),
        (
            f"first answer, {largest['places_loaded']:,} places",
            f"{largest['first_answer_s']} s",
            "≤ 2 s",
        ),
        ("Telegram CPU per update", f"{telegram['cpu_ms_per_update']} ms", "≤ 3 ms"),
    ]
    rows += [
        (f"web chat, {w['workers']} worker(s)", f"{w['requests_per_s']} requests/s", "≥ 1,000")
        for w in web
    ]
    width = max(len(what) for what, _, _ in rows)
    print(f"\n{'figure':<{width}} {'measured':>16}  target")
    for what, measured, target in rows:
        print(f"{what:<{width}} {measured:>16}  {target}")
    machine = {
        "date": dt.date.today().isoformat(),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib(),
        "python": platform.python_version(),
        "system": platform.platform(),
    }
    write("all", {"machine": machine, "core": core, "scale": scale, "telegram": telegram,
                  "web_load": web, "table": rows})  # fmt: skip
    print(f"figures of each benchmark in {FOLDER}/")


if __name__ == "__main__":
    main()
