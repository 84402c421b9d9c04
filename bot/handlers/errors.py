"""One error handler: log with the traceback (never the message), tell the person kindly,
unless the answer may have arrived (a send that timed out: bot/delivery.py)."""

import logging

from telegram import Update
from telegram.error import TimedOut
from telegram.ext import ContextTypes

from ..i18n import LANGUAGES, Texts

log = logging.getLogger("bot.telegram")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if isinstance(context.error, TimedOut):
        return  # the answer may have been delivered: an apology after it would confuse
    if isinstance(update, Update) and update.effective_chat:
        language = (
            (update.effective_user.language_code or "fr").split("-")[0]
            if update.effective_user
            else "fr"
        )
        texts = Texts(language if language in LANGUAGES else "fr")
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                texts._(
                    "Désolé, quelque chose n'a pas marché. Réessayez, ou appelez le 115 "
                    "(gratuit, 24h/24)."
                ),
            )
        except Exception:  # the network may be what failed; the log already has it
            log.warning("could not tell the person about the error", exc_info=True)
