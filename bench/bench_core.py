"""Speed of the core: start-up, then messages per second and p50/p99 latency per message
(understand + look up + reply), then understanding alone on the evaluation messages
(eval/: long, noisy, in 23 languages).

    .venv/bin/python bench/bench_core.py [--messages 3000]

Prints figures; asserts nothing (speed is measured here, not in timed tests).
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import p99, write

from bot.answer import plain_text
from bot.core import Core
from bot.settings import DEFAULT_DB, PARIS_TZ

NEEDS = [
    "douche",
    "ou je peu me doucher",
    "jai faim",
    "manger ce soir",
    "bagagerie",
    "dormir cette nuit",
    "toilettes",
    "point d'eau",
    "charger mon portable",
    "médecin gratuit",
    "shower",
    "free food tonight",
    "أين أنام",
    "غذای رایگان",
    "душ",
    "ducha gratis",
    "je suis en danger",
    "bonjour",
    "menu",
    "quel temps fait-il",
]
PLACES = [
    "",
    "vers barbes",
    "18e",
    "gare de l est",
    "près de république",
    "75011",
    "chatelet",
    "dans le 19",
    "la chapelle",
    "gare du nrod",
]


def messages(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(NEEDS)} {rng.choice(PLACES)}".strip() for _ in range(count)]


def percentiles(latencies: list[float]) -> str:
    latencies = sorted(latencies)
    p99_ms = p99(latencies)
    median, worst = statistics.median(latencies), latencies[-1]
    return f"p50 {median:.2f} ms, p99 {p99_ms:.2f} ms, max {worst:.2f} ms"


def evaluation_texts() -> list[str]:
    """Every evaluation message (eval/*/*.jsonl): written by people and helpers, in a
    dozen languages, far more varied than the mixed messages."""
    folder = Path(__file__).parent.parent / "eval"
    return [
        json.loads(line)["text"]
        for path in sorted(folder.glob("*/*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def understanding(core: Core, at: dt.datetime, rounds: int = 3) -> list[float]:
    """Understanding alone, on every evaluation message, `rounds` times: milliseconds."""
    texts = evaluation_texts()
    latencies = []
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            core.understander.understand(text, at=at)
            latencies.append((time.perf_counter() - t0) * 1000)
    return latencies


# The longest messages Telegram lets through (4096 characters), odd ones included: one word
# repeated, street words, a story; the slowest of them is printed.
LONGEST = (
    "a " * 2048,
    "rue " * 1024,
    "دوش " * 1024,
    "la ver " * 585,
    "Ce matin j'ai pris le bus, puis le métro, puis j'ai marché jusqu'à la gare. " * 53,
)


def longest_ms(core: Core, at: dt.datetime) -> float:
    """The slowest understanding of a message of 4096 characters: milliseconds."""
    slowest = 0.0
    for text in LONGEST:
        t0 = time.perf_counter()
        core.understander.understand(text[:4096], at=at)
        slowest = max(slowest, (time.perf_counter() - t0) * 1000)
    return slowest


START = (
    "import time; t = time.perf_counter(); from bot.core import Core; Core(); "
    "print(time.perf_counter() - t)"
)


def fresh_starts() -> tuple[float, float]:
    """Seconds from a new process to a core ready (imports included): with an empty cache
    (bot/cache.py: a new machine, the second reader trained), then again with it filled."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "BOT_CACHE_DIR": cache}
        run = [sys.executable, "-c", START]
        first, again = (
            float(subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout)
            for _ in range(2)
        )
    return first, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=3000)
    args = parser.parse_args()
    start = time.perf_counter()
    core = Core(DEFAULT_DB)
    load_s = time.perf_counter() - start
    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
    texts = messages(args.messages)
    core.ask("warm up", at=at)
    latencies = []
    begin = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        plain_text(core.ask(text, at=at).reply)
        latencies.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - begin
    understood_ms = understanding(core, at)
    understood = len(understood_ms)
    longest = longest_ms(core, at)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first, again = fresh_starts()
    write(
        "core",
        {
            "places": len(core.store),
            "start_up_s": round(load_s, 2),
            "new_process_empty_cache_s": round(first, 2),
            "new_process_s": round(again, 2),
            "messages": len(texts),
            "messages_per_s": round(len(texts) / total),
            "p50_ms": round(statistics.median(latencies), 2),
            "p99_ms": round(p99(latencies), 2),
            "understanding_messages": understood,
            "understanding_p50_ms": round(statistics.median(understood_ms), 2),
            "understanding_p99_ms": round(p99(understood_ms), 2),
            "understanding_4096_characters_max_ms": round(longest),
            "peak_mib": round(peak_mib),
        },
    )
    print(f"start-up (database + vocabularies): {load_s * 1000:.0f} ms, {len(core.store)} places")
    print(f"start-up of a new process: {first:.2f} s with an empty cache, then {again:.2f} s")
    print(f"{len(texts)} messages in {total:.2f} s: {len(texts) / total:.0f} messages/s")
    print(f"latency per message: {percentiles(latencies)}")
    print(f"understanding alone, {understood} evaluation messages: {percentiles(understood_ms)}")
    print(f"understanding a message of 4096 characters: at most {longest:.0f} ms")
    print(f"peak resident memory: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
