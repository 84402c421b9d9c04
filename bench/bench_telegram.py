"""Telegram end to end: the real python-telegram-bot application, the real core and the
real directory, over HTTP to the tests' local Bot API stand-in (tests/telegram_standin.py).

    .venv/bin/python bench/bench_telegram.py [--updates 2000] [--rate 25] [--seconds 20]

1. Throughput: `--updates` messages from 500 chats at once; updates/s, and CPU ms per
   update (the stand-in runs in the same process: its share is included, an overestimate).
2. Latency at a steady `--rate` updates/s for `--seconds`, 5% of sends slow (1 s): p50/p99
   from the update to its answer. Telegram's own rate limit is off (TELEGRAM_MAX_RATE=0).
Prints figures; asserts nothing.
"""

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from results import p99, write  # noqa: E402
from telegram_standin import TelegramStandIn  # noqa: E402

from bot.core import Core  # noqa: E402
from bot.settings import DEFAULT_DB, Settings  # noqa: E402
from bot.telegram import build_application  # noqa: E402

MESSAGES = [
    "douche 18e",
    "manger ce soir vers barbes",
    "où dormir",
    "toilettes châtelet",
    "bagagerie 20e",
    "wifi gratuit 10e",
    "je suis en danger",
    "ducha gratis",
    "أين أنام الليلة",
    "bonjour",
    "médecin gratuit 13e",
    "laverie république",
]


async def answered(standin: TelegramStandIn, count: int) -> None:
    while sum(1 for m, _ in standin.delivered if m == "sendMessage") < count:
        await asyncio.sleep(0.01)


async def main(updates: int, rate: float, seconds: float) -> None:
    core = Core(DEFAULT_DB)
    standin = TelegramStandIn()
    await standin.start()
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(
            db_path=DEFAULT_DB,
            data_dir=Path(data),
            telegram_token=standin.token,
            telegram_api_url=standin.url,
            preferences_key="bench",
            telegram_max_rate=0,
        )
        application = build_application(settings, core)
        await application.initialize()
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        rng = random.Random(1)
        try:
            started, cpu = time.perf_counter(), time.process_time()
            for i in range(updates):
                standin.send_text(rng.choice(MESSAGES), user=standin.user(user_id=10_000 + i % 500))
            await answered(standin, updates)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            figures = {
                "updates": updates,
                "updates_per_s": round(updates / wall),
                "cpu_ms_per_update": round(cpu / updates * 1000, 2),
            }
            print(
                f"throughput: {updates} updates from 500 chats in {wall:.1f} s: "
                f"{updates / wall:.0f} updates/s, {cpu / updates * 1000:.1f} ms CPU per update"
            )

            standin.delivered.clear()
            standin.delivered_at.clear()
            asked: dict[int, float] = {}
            slow: set[int] = set()
            total = int(rate * seconds)
            for i in range(total):
                chat = 100_000 + i
                if rng.random() < 0.05:
                    standin.delay_next(chat, 1.0)
                    slow.add(chat)
                asked[chat] = time.monotonic()
                standin.send_text(rng.choice(MESSAGES), user=standin.user(user_id=chat))
                await asyncio.sleep(1 / rate)
            await answered(standin, total)
            latencies = sorted(
                (at - asked[int(p["chat_id"])]) * 1000
                for (m, p), at in zip(standin.delivered, standin.delivered_at, strict=True)
                if m == "sendMessage" and int(p["chat_id"]) not in slow
            )
            p99_ms = p99(latencies)
            figures |= {
                "steady_rate": rate,
                "latency_p50_ms": round(statistics.median(latencies), 1),
                "latency_p99_ms": round(p99_ms, 1),
                "latency_max_ms": round(latencies[-1], 1),
            }
            print(
                f"latency at {rate:g} updates/s for {seconds:g} s, {len(slow)} of {total} sends "
                f"slow (1 s): the other chats p50 {statistics.median(latencies):.0f} ms, "
                f"p99 {p99_ms:.0f} ms, max {latencies[-1]:.0f} ms"
            )
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()
            await standin.stop()
    write("telegram", figures)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=25)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.updates, args.rate, args.seconds))
