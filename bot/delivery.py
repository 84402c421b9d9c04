"""Deliver or retry, and never make one chat wait for another.

Every call to the Bot API goes through python-telegram-bot's rate
limiter, which keeps within Telegram's flood limits and, on a 429, waits the `retry_after`
Telegram asks for and sends again. This limiter also sends again after a 5xx or a dropped
connection, a few times with a growing pause: on the worst nights Telegram is busy too.

A send that timed out is never sent again: Telegram may have delivered it, and the person
would get the answer twice (bot/handlers/errors.py does not apologise for it either).
"""

import asyncio
import inspect
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

log = logging.getLogger("bot.telegram")

RETRIES_AFTER_429 = 5  # Telegram says how long to wait: after that, the send goes through
RETRIES_AFTER_FAILURE = 5  # 0.5, 1, 2, 4, 8 s: a busy Telegram has time to recover
FIRST_PAUSE_S = 0.5  # then doubled
SENDS = ("send", "forward", "copy")  # endpoints whose repetition a person would see
MAX_CONCURRENT_UPDATES = 64
REMEMBERED_UPDATES = 10_000  # update ids kept to answer each update once


def may_have_been_delivered(error: BaseException, endpoint: str) -> bool:
    return isinstance(error, TimedOut) and endpoint.startswith(SENDS)


class DeliveringRateLimiter(AIORateLimiter):
    def __init__(self, *, first_pause_s: float = FIRST_PAUSE_S, **kwargs: Any) -> None:
        super().__init__(max_retries=RETRIES_AFTER_429, **kwargs)
        self.first_pause_s = first_pause_s

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        for attempt in range(RETRIES_AFTER_FAILURE + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # a refusal: sending it again changes nothing
            except NetworkError as error:
                if attempt == RETRIES_AFTER_FAILURE or may_have_been_delivered(error, endpoint):
                    raise
                pause = self.first_pause_s * 2**attempt
                log.warning(
                    "%s failed (%s), again in %.1f s", endpoint, type(error).__name__, pause
                )
                await asyncio.sleep(pause)
        raise AssertionError("unreachable")


class OneChatAtATime(BaseUpdateProcessor):
    """Updates are handled concurrently across chats (one slow send never delays someone
    else) and one after the other within a chat (answers keep the order of questions).
    An update Telegram delivers twice (a webhook it thought unanswered) is handled once:
    the last update ids are remembered, in bounded memory."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self.locks: dict[int, asyncio.Lock] = {}
        self.waiting: dict[int, int] = {}
        self.seen: OrderedDict[int, None] = OrderedDict()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(update, Update) and self._seen_before(update.update_id):
            if inspect.iscoroutine(coroutine):
                coroutine.close()  # never awaited: say so to Python, quietly
            return
        chat = (
            update.effective_chat.id if isinstance(update, Update) and update.effective_chat else 0
        )
        lock = self.locks.setdefault(chat, asyncio.Lock())
        self.waiting[chat] = self.waiting.get(chat, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self.waiting[chat] -= 1
            if not self.waiting[chat]:  # bounded memory: no lock kept for a quiet chat
                del self.waiting[chat], self.locks[chat]

    def _seen_before(self, update_id: int) -> bool:
        if update_id in self.seen:
            return True
        self.seen[update_id] = None
        if len(self.seen) > REMEMBERED_UPDATES:
            self.seen.popitem(last=False)
        return False

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
