"""/urgence and /115: the numbers themselves, first."""

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from .common import core, now, person, send_result


async def urgence(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Emergency numbers."""
    who = person(update, context)
    result = core(context).ask(
        "", language=who.language, falc=who.falc, at=now(), categories=["emergency"]
    )
    await send_result(update, context, result)


async def sleep_115(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The 115, then places to sleep."""
    who = person(update, context)
    result = core(context).ask(
        "", language=who.language, falc=who.falc, at=now(), categories=["shelter"]
    )
    await send_result(update, context, result)


def register(application: Application) -> None:
    application.add_handler(CommandHandler(["urgence", "emergency", "sos"], urgence))
    application.add_handler(CommandHandler("115", sleep_115))
