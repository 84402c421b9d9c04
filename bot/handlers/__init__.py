"""The Telegram handlers, one module per feature; `register` wires them all."""

from telegram.ext import Application

from . import emergency, errors, inline, places, search, settings, start

MODULES = (start, settings, emergency, places, inline, search)  # search last: it takes any text


def register(application: Application) -> None:
    for module in MODULES:
        module.register(application)
    application.add_error_handler(errors.on_error)
