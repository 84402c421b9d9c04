"""The Telegram handlers, one module per feature; `register` wires them all."""

from telegram.ext import Application

from . import emergency, errors, flood, inline, other, places, reports, search, settings, start

# flood runs first (group -1); search takes any text; other, what is left (voice, photos,
# unknown commands)
MODULES = (flood, start, settings, emergency, places, reports, inline, search, other)


def register(application: Application) -> None:
    for module in MODULES:
        module.register(application)
    application.add_error_handler(errors.on_error)
