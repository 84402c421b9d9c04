"""Every update that is not text, a location or a known command still gets an answer: the
people who read least send voice notes and photos. Groups get commands and mentions only.
"""

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from ..i18n import N_
from .common import escape, menu_keyboard, person
from .start import help_text

CANNOT_LISTEN = N_(
    "Je ne peux pas écouter les messages vocaux. Écrivez ce que vous cherchez en quelques "
    "mots, dans votre langue, ou touchez un bouton :"
)
CANNOT_SEE = N_(
    "Je ne peux pas lire les images, les autocollants ni les fichiers. Écrivez ce que vous "
    "cherchez en quelques mots, dans votre langue, ou touchez un bouton :"
)
SOUND = filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE
PICTURES_AND_FILES = (
    filters.PHOTO
    | filters.Sticker.ALL
    | filters.Document.ALL
    | filters.VIDEO
    | filters.ANIMATION
    | filters.CONTACT
    | filters.VENUE
    | filters.POLL
    | filters.Dice.ALL
)
PRIVATE = filters.ChatType.PRIVATE & ~filters.UpdateType.CHANNEL_POSTS


async def cannot_listen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _say_and_show_menu(update, context, CANNOT_LISTEN)


async def cannot_see(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _say_and_show_menu(update, context, CANNOT_SEE)


async def _say_and_show_menu(
    update: Update, context: ContextTypes.DEFAULT_TYPE, message: str
) -> None:
    who = person(update, context)
    await update.effective_message.reply_text(
        escape(who.texts._(message)),
        parse_mode=ParseMode.HTML,
        reply_markup=menu_keyboard(context, who),
    )


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'/douche', '/menu', a typo of a command: what the bot does and its commands; in a
    group, only a command addressed to this bot ('/menu@this_bot')."""
    who = person(update, context)
    command = (update.effective_message.text or "").split()[0]
    _, _, addressee = command.partition("@")
    if not who.private and addressee.lower() != (context.bot.username or "").lower():
        return
    await update.effective_message.reply_text(
        help_text(context, who.language, who.falc),
        parse_mode=ParseMode.HTML,
        reply_markup=menu_keyboard(context, who),
    )


def register(application: Application) -> None:
    """Registered after every other handler: these take what the others left."""
    application.add_handler(MessageHandler(PRIVATE & SOUND, cannot_listen))
    application.add_handler(MessageHandler(PRIVATE & PICTURES_AND_FILES, cannot_see))
    application.add_handler(
        MessageHandler(filters.COMMAND & ~filters.UpdateType.CHANNEL_POSTS, unknown_command)
    )
