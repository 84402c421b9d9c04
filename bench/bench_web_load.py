"""The web chat under load on loopback: `POST /api/ask` from concurrent clients, against 1
and then 2 workers (`python -m bot run` processes) sharing one PostgreSQL database
(BOT_DATABASE_URL; a server of Debian's package started for the run, as in the tests). The
client spreads requests over the workers in turn, as any load balancer would; it runs on
the same machine and takes its share of the cores. The per-client limit is raised for the
run (BOT_WEB_RATE_LIMIT).

    .venv/bin/python bench/bench_web_load.py [--workers 1 2] [--clients 32] [--seconds 10]

Prints requests/s and p50/p99 per worker count; asserts nothing.
"""

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bench_telegram import MESSAGES  # noqa: E402  the same mixed messages
from conftest import free_port, start_bot, stop_bot, wait_until_up  # noqa: E402
from postgres_server import PostgresServer  # noqa: E402
from results import p99, write  # noqa: E402

from bot.settings import DEFAULT_DB  # noqa: E402


async def load(urls: list[str], clients: int, seconds: float) -> tuple[int, list[float]]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=clients)

    async def client(number: int, http: aiohttp.ClientSession) -> None:
        nonlocal errors
        turn = number
        while time.perf_counter() < stop:
            url = urls[turn % len(urls)]
            body = {"text": MESSAGES[turn % len(MESSAGES)], "at": "2026-11-24T10:00"}
            turn += 1
            start = time.perf_counter()
            async with http.post(url + "/api/ask", json=body) as response:
                await response.read()
                if response.status != 200:
                    errors += 1
            latencies.append((time.perf_counter() - start) * 1000)

    async with aiohttp.ClientSession(connector=connector) as http:
        await asyncio.gather(*(client(n, http) for n in range(clients)))
    return errors, latencies


async def run(workers: int, clients: int, seconds: float, database_url: str) -> dict:
    ports = [free_port() for _ in range(workers)]
    with tempfile.TemporaryDirectory() as data:
        processes = [
            await start_bot(
                DEFAULT_DB,
                Path(data) / str(number),
                BOT_PORT=str(port),
                BOT_DATABASE_URL=database_url,
                BOT_RELOAD_SECONDS="0",
                BOT_WEB_RATE_LIMIT="100000000",
            )
            for number, port in enumerate(ports)
        ]
        try:
            urls = [f"http://127.0.0.1:{port}" for port in ports]
            for url in urls:
                await wait_until_up(url + "/healthz", timeout=120)
            await load(urls, clients, 2)  # warm up
            errors, latencies = await load(urls, clients, seconds)
        finally:
            for process in processes:
                await stop_bot(process)
    latencies.sort()
    return {
        "workers": workers,
        "clients": clients,
        "requests_per_s": round((len(latencies) - errors) / seconds),  # answered
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(p99(latencies), 1),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bot-postgres-"))
    server = PostgresServer(folder).start()
    try:
        print(f"{os.cpu_count()} cores; one PostgreSQL database shared by the workers")
        rows = []
        for workers in args.workers:
            row = asyncio.run(run(workers, args.clients, args.seconds, server.new_database()))
            print(
                f"{workers} worker(s), {args.clients} clients: {row['requests_per_s']} "
                f"requests/s, p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, "
                f"{row['errors']} errors",
                flush=True,
            )
            rows.append(row)
        write("web_load", rows)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
