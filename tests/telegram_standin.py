"""A local stand-in for the Telegram Bot API, for the tests (and later benchmarks).

An aiohttp app on 127.0.0.1 that answers like api.telegram.org: form-encoded fields with
JSON-encoded objects (reply_markup, results, commands…), {"ok": true, "result": …}. It
records every call and lets a test inject what a person does: a text, a command, a
location, a button press, an inline query.
"""

import asyncio
import contextlib
import itertools
import json
import random
import time

from aiohttp import web

BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Orientation",
    "username": "orientation_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


class TelegramStandIn:
    def __init__(self, token: str = "4242:test-token") -> None:
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        self.pending: list[dict] = []
        self.arrived = asyncio.Event()
        self.called = asyncio.Condition()
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1000)
        self.runner: web.AppRunner | None = None
        # method -> how many next calls fail, with which status (and a 429's retry_after)
        self.failures: dict[str, tuple[int, int, int | None]] = {}
        self.delays: dict[int, list[float]] = {}  # chat id -> pauses before the next answers
        self.delivered: list[tuple[str, dict]] = []  # calls in the order they were answered
        self.delivered_at: list[float] = []  # when each was (time.monotonic())
        self.messages: dict[int, dict] = {}  # the bot's messages by id, as last edited
        self.faults: tuple[random.Random, float, float, float, float] | None = None
        self.url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()

    # --- the API -------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        params = await self.parameters(request)
        method = request.match_info["method"]
        if method != "getUpdates":
            async with self.called:
                self.calls.append((method, params))
                self.called.notify_all()
        times, status, retry_after = self.failures.get(method, (0, 0, None))
        if times:
            self.failures[method] = (times - 1, status, retry_after)
            return web.json_response(self.failure(status, retry_after), status=status)
        if self.faults and method.startswith(("send", "edit")):
            rng, too_many, busy, timeout, timeout_s = self.faults
            draw = rng.random()
            if draw < too_many:
                return web.json_response(self.failure(429, 1), status=429)
            if draw < too_many + busy:
                return web.json_response(self.failure(502, None), status=502)
            if draw < too_many + busy + timeout:  # delivered, but the answer comes too late
                self.delivered.append((method, params))
                self.delivered_at.append(time.monotonic())
                await asyncio.sleep(timeout_s)
                answer = getattr(self, f"api_{method}")
                return web.json_response({"ok": True, "result": await answer(params)})
        pauses = self.delays.get(_chat_id(params))
        if pauses and method.startswith("send"):
            await asyncio.sleep(pauses.pop(0))
        if method != "getUpdates":
            self.delivered.append((method, params))
            self.delivered_at.append(time.monotonic())
        answer = getattr(self, f"api_{method}", None)
        if answer is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                status=404,
            )
        try:
            result = await answer(params)
        except Refused as refusal:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": f"Bad Request: {refusal}"},
                status=400,
            )
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    async def parameters(request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params = {}
        for key, value in form.items():
            value = str(value)
            try:
                params[key] = json.loads(value) if value[:1] in "{[" else value
            except ValueError:
                params[key] = value
        return params

    async def api_getMe(self, params: dict) -> dict:
        return BOT_USER

    async def api_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        self.pending = [u for u in self.pending if u["update_id"] >= offset]
        if not self.pending:
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self.arrived.wait(), min(float(params.get("timeout") or 0), 1)
                )
        return self.pending[: int(params.get("limit") or 100)]  # Telegram's cap: 100

    def message(self, params: dict, **fields) -> dict:
        message = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
            "from": BOT_USER,
            **fields,
        }
        self.messages[message["message_id"]] = message
        return message

    async def api_sendMessage(self, params: dict) -> dict:
        return self.message(params, text=params.get("text", ""))

    async def api_sendVenue(self, params: dict) -> dict:
        return self.message(
            params,
            venue={
                "location": {
                    "latitude": float(params["latitude"]),
                    "longitude": float(params["longitude"]),
                },
                "title": params["title"],
                "address": params["address"],
            },
        )

    async def api_sendLocation(self, params: dict) -> dict:
        return self.message(
            params,
            location={
                "latitude": float(params["latitude"]),
                "longitude": float(params["longitude"]),
            },
        )

    async def api_editMessageText(self, params: dict) -> dict:
        """As Telegram: only a message the bot sent to that chat, and only with a change."""
        message = self.messages.get(int(params.get("message_id") or 0))
        if message is None or message["chat"]["id"] != int(params.get("chat_id") or 0):
            raise Refused("message to edit not found")
        if message.get("text") == params.get("text"):
            raise Refused("message is not modified")
        message["text"] = params.get("text", "")
        message["edit_date"] = int(time.time())
        return message

    async def api_editMessageReplyMarkup(self, params: dict) -> dict:
        """As Telegram: only a message the bot sent to that chat."""
        message = self.messages.get(int(params.get("message_id") or 0))
        if message is None or message["chat"]["id"] != int(params.get("chat_id") or 0):
            raise Refused("message to edit not found")
        message["reply_markup"] = params.get("reply_markup")
        return message

    async def api_answerCallbackQuery(self, params: dict) -> bool:
        return True

    async def api_answerInlineQuery(self, params: dict) -> bool:
        return True

    async def api_setMyCommands(self, params: dict) -> bool:
        return True

    async def api_deleteMyCommands(self, params: dict) -> bool:
        return True

    async def api_setWebhook(self, params: dict) -> bool:
        return True

    async def api_deleteWebhook(self, params: dict) -> bool:
        return True

    async def api_getWebhookInfo(self, params: dict) -> dict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    # --- what a person does ----------------------------------------------------------

    @staticmethod
    def user(user_id: int = 7, language: str | None = "fr") -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": "Personne"}
        if language:
            user["language_code"] = language
        return user

    def inject(self, **update) -> dict:
        update["update_id"] = next(self.update_ids)
        self.pending.append(update)
        self.arrived.set()
        return update

    def person_message(self, user: dict, **fields) -> dict:
        return {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": user["id"], "type": "private"},
            "from": user,
            **fields,
        }

    def send_text(self, text: str, user: dict | None = None, reply_to: dict | None = None) -> dict:
        """A text message; `reply_to`: the bot's message it answers (Telegram's reply)."""
        user = user or self.user()
        fields: dict = {"text": text}
        if reply_to:
            fields["reply_to_message"] = reply_to
        if text.startswith("/"):
            command = text.split()[0]
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.inject(message=self.person_message(user, **fields))

    def send_location(
        self, lat: float, lon: float, user: dict | None = None, live_period: int | None = None
    ) -> dict:
        location = {"latitude": lat, "longitude": lon}
        if live_period:
            location["live_period"] = live_period
        return self.inject(message=self.person_message(user or self.user(), location=location))

    def press(self, data: str, user: dict | None = None, on: dict | None = None) -> dict:
        """A button pressed, under the bot's message `on` (by default one Telegram no
        longer has: an old message)."""
        user = user or self.user()
        message = on or {
            "message_id": 1,
            "date": int(time.time()),
            "from": BOT_USER,
            "chat": {"id": user["id"], "type": "private"},
            "text": "…",
        }
        return self.inject(
            callback_query={
                "id": str(next(self.update_ids)),
                "from": user,
                "chat_instance": "1",
                "data": data,
                "message": message,
            }
        )

    def inline(
        self, query: str, user: dict | None = None, near: tuple[float, float] | None = None
    ) -> dict:
        """'@bot <query>' typed in any chat; `near`: the sender's position, which Telegram
        sends when the bot asks for it (BotFather's inline location setting)."""
        inline_query = {
            "id": str(next(self.update_ids)),
            "from": user or self.user(),
            "query": query,
            "offset": "",
        }
        if near:
            inline_query["location"] = {"latitude": near[0], "longitude": near[1]}
        return self.inject(inline_query=inline_query)

    # --- what the test checks --------------------------------------------------------

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10) -> list[dict]:
        """The parameters of the first `count` calls of `method` since the last `clear`."""

        async def enough() -> list[dict]:
            async with self.called:
                await self.called.wait_for(lambda: len(self.of(method)) >= count)
                return self.of(method)[:count]

        return await asyncio.wait_for(enough(), timeout)

    def of(self, method: str) -> list[dict]:
        return [params for name, params in self.calls if name == method]

    def delay_next(self, chat_id: int, *pauses: float) -> None:
        """The next sends to this chat are answered after these pauses (a slow Telegram)."""
        self.delays[chat_id] = list(pauses)

    def random_faults(
        self,
        seed: int,
        too_many: float = 0.0,
        busy: float = 0.0,
        timeout: float = 0.0,
        timeout_s: float = 1.0,
    ) -> None:
        """From now on each send or edit fails at random, as Telegram does on a bad night:
        429 (retry after 1 s), 502, or delivered but answered after `timeout_s`."""
        self.faults = (random.Random(seed), too_many, busy, timeout, timeout_s)

    def fail_next(
        self, method: str, times: int = 1, status: int = 400, retry_after: int | None = None
    ) -> None:
        """The next `times` calls of `method` fail as Telegram fails: 400 (a refusal),
        429 (too many requests, wait `retry_after` seconds), 502 (Telegram busy)."""
        self.failures[method] = (times, status, retry_after)

    @staticmethod
    def failure(status: int, retry_after: int | None) -> dict:
        descriptions = {
            400: "Bad Request: test failure",
            429: f"Too Many Requests: retry after {retry_after}",
            502: "Bad Gateway",
        }
        answer = {"ok": False, "error_code": status, "description": descriptions[status]}
        if retry_after is not None:
            answer["parameters"] = {"retry_after": retry_after}
        return answer

    def clear(self) -> None:
        self.calls.clear()

    def last_message(self, chat_id: int) -> dict:
        """The bot's latest message to this chat, as it stands now."""
        return max(
            (m for m in self.messages.values() if m["chat"]["id"] == chat_id),
            key=lambda m: m["message_id"],
        )


class Refused(Exception):
    """A call Telegram refuses with 400 and this description."""


def _chat_id(params: dict) -> int | None:
    try:
        return int(params.get("chat_id"))
    except (TypeError, ValueError):
        return None


def buttons(params: dict) -> list[dict]:
    markup = params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [b if isinstance(b, dict) else {"text": b} for row in rows for b in row]
