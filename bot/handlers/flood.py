"""Flood control: a chat sending many messages a second is slowed, with one polite message,
before any other handler runs; other chats never notice. Bounded memory: a chat quiet for
a window is forgotten. Inline queries (one per key typed) are not counted."""

import time
from collections import deque

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from ..i18n import N_
from .common import person

LIMIT = 10  # messages and button presses a chat may send…
WINDOW_S = 20.0  # …in this many seconds; beyond, they wait out the window unanswered
FORGET_ABOVE = 10_000  # chats remembered before the quiet ones are forgotten
SLOW_DOWN = N_(
    "Vous envoyez beaucoup de messages à la fois. Attendez quelques secondes, puis écrivez "
    "ce que vous cherchez en un seul message. En danger : appelez le 112."
)


class FloodGate:
    def __init__(self, limit: int = LIMIT, window_s: float = WINDOW_S) -> None:
        self.limit, self.window_s = limit, window_s
        self.times: dict[int, deque[float]] = {}
        self.warned: dict[int, float] = {}  # chat -> when it was asked to slow down

    def admit(self, chat: int, now: float) -> bool | None:
        """True: answer. False: do not, and say nothing (already said). None: do not, and
        ask the chat to slow down (once a window)."""
        if len(self.times) > FORGET_ABOVE:
            self._forget_quiet(now)
        times = self.times.setdefault(chat, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        times.append(now)
        if len(times) <= self.limit:
            return True
        if now - self.warned.get(chat, -self.window_s) < self.window_s:
            return False
        self.warned[chat] = now
        return None

    def _forget_quiet(self, now: float) -> None:
        for chat in [c for c, t in self.times.items() if not t or t[-1] <= now - self.window_s]:
            del self.times[chat]
            self.warned.pop(chat, None)


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.inline_query or update.effective_chat is None:
        return
    flood: FloodGate = context.application.bot_data.setdefault("flood", FloodGate())
    admitted = flood.admit(update.effective_chat.id, time.monotonic())
    if admitted:
        return
    if admitted is None:
        who = person(update, context)
        await context.bot.send_message(update.effective_chat.id, who.texts._(SLOW_DOWN))
    if update.callback_query:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


FIRST = -2  # before every other group (a note to a report is read in group -1)


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, gate), group=FIRST)
