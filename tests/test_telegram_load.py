"""Telegram on a bad night, through the stand-in: many chats at once with random 429s,
502s and timeouts lose no answer and send none twice; one chat flooding is slowed alone."""

import asyncio
import itertools
import random
import time
from collections import defaultdict
from dataclasses import replace

from conftest import running, stopping

# each message, and the title its answer starts with
ASKED = {
    "douche 18e": "🚿 Douches",
    "manger 11e": "🍽️ Manger",
    "toilettes 1er": "🚻 Toilettes",
    "bagagerie 20e": "🧳 Bagageries",
    "laverie 13e": "🧺 Laver",
    "wifi 10e": "🔌 Wi-Fi",
}
CHATS, PER_CHAT = 500, 4


async def delivered_answers(standin, expected: int, timeout: float) -> list[tuple[str, dict]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sends = [(m, p) for m, p in standin.delivered if m == "sendMessage"]
        if len(sends) >= expected:
            await asyncio.sleep(1.5)  # anything sent twice would come now
            return [(m, p) for m, p in standin.delivered if m == "sendMessage"]
        await asyncio.sleep(0.2)
    raise AssertionError(f"{len(sends)} of {expected} answers after {timeout} s")


async def test_2000_updates_from_500_chats_on_a_bad_night_none_lost_none_twice(
    standin, settings, core
):
    settings = replace(settings, telegram_timeout_s=0.5, telegram_max_rate=0)
    standin.random_faults(seed=7, too_many=0.10, busy=0.05, timeout=0.02, timeout_s=1.0)
    application = await running(settings, core)
    rng = random.Random(3)
    asked: dict[int, list[str]] = defaultdict(list)
    try:
        for _, chat in itertools.product(range(PER_CHAT), range(CHATS)):
            text = rng.choice(list(ASKED))
            asked[1000 + chat].append(text)
            standin.send_text(text, user=standin.user(user_id=1000 + chat))
        sends = await delivered_answers(standin, CHATS * PER_CHAT, timeout=300)
    finally:
        await stopping(application)
    got: dict[int, list[str]] = defaultdict(list)
    for _, params in sends:
        got[int(params["chat_id"])].append(params["text"])
    assert len(sends) == CHATS * PER_CHAT  # none lost, none twice
    for chat, texts in asked.items():
        assert len(got[chat]) == PER_CHAT, chat
        for text, answer in zip(texts, got[chat], strict=True):
            assert ASKED[text] in answer, (chat, text, answer[:80])  # in the order asked
    assert not any("Désolé" in t for texts in got.values() for t in texts)


async def test_a_chat_flooding_is_slowed_with_one_message_and_no_one_else_waits(standin, bot):
    flooding, other = standin.user(user_id=21), standin.user(user_id=22)
    for _ in range(25):
        standin.send_text("douche 18e", user=flooding)
    standin.send_text("manger 11e", user=other)
    await standin.wait_for("sendMessage", 12, timeout=30)
    await asyncio.sleep(1)
    to = defaultdict(list)
    for params in standin.of("sendMessage"):
        to[int(params["chat_id"])].append(params["text"])
    assert len(to[22]) == 1 and "🍽️ Manger" in to[22][0]
    slow_down = [t for t in to[21] if "beaucoup de messages" in t]
    assert len(slow_down) == 1 and "112" in slow_down[0]
    assert len(to[21]) == 10 + 1  # the first ten answered, then one message, then quiet
