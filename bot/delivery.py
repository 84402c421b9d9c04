"""Deliver or retry: every call to the Bot API goes through python-telegram-bot's rate
limiter, which keeps within Telegram's flood limits and, on a 429, waits the `retry_after`
Telegram asks for and sends again. This limiter also sends again after a 5xx or a dropped
connection, a few times with a growing pause: on the worst nights Telegram is busy too.

A send that timed out is never sent again: Telegram may have delivered it, and the person
would get the answer twice (bot/handlers/errors.py does not apologise for it either).
"""

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger("bot.telegram")

RETRIES_AFTER_429 = 3
RETRIES_AFTER_FAILURE = 3
FIRST_PAUSE_S = 0.5  # then 1 s, 2 s
SENDS = ("send", "forward", "copy")  # endpoints whose repetition a person would see


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
