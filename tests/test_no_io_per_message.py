"""The core reads the database and its texts once; answering a message opens no file or socket."""

import builtins
import datetime as dt
import io
import os
import socket

from bot.answer import plain_text
from bot.settings import PARIS_TZ

MESSAGES = [
    "ou je peu me doucher vers barbes",
    "what is the weather like today in paris",
    "أين أنام",
    "bagagerie 20e demain matin",
    "je suis en danger",
    "душ",
    "ducha gratis",
    "მშია",
    "ሰላም",
    "douche",
    "toilettes chatelet",
]


def test_answering_opens_no_file_and_no_socket(core, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError(f"I/O while answering: {args[:1]}")

    for module, name in [
        (builtins, "open"),
        (io, "open"),
        (os, "open"),
        (socket, "socket"),
        (socket, "create_connection"),
    ]:
        monkeypatch.setattr(module, name, forbidden)
    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
    for text in MESSAGES:
        for language, falc in [(None, False), ("fr", True), ("ar", False), ("ti", False)]:
            assert plain_text(core.ask(text, language=language, falc=falc, at=at).reply)
