"""/langue, /facile and /oubli: the only things the bot keeps, and how to erase them."""

import logging

from telegram import BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from ..i18n import LANGUAGES, N_
from .common import menu_keyboard, person, preferences, save
from .start import command_list

log = logging.getLogger("bot.telegram")


async def langue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/langue ar` sets the language; `/langue` alone shows the choices."""
    who = person(update, context)
    code = (context.args[0].lower() if context.args else "").split("-")[0]
    if code in LANGUAGES:
        await set_language(update, context, code)
        return
    buttons = [
        InlineKeyboardButton(name, callback_data=f"lang:{c}") for c, name in LANGUAGES.items()
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    await update.effective_message.reply_text(
        who.texts._("Choisissez votre langue :"), reply_markup=InlineKeyboardMarkup(rows)
    )


async def set_language(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    who = save(context, person(update, context), language=code)
    chat = update.effective_chat.id
    await context.bot.send_message(
        chat,
        who.texts._("Langue : {language}", language=LANGUAGES[code]),
        reply_markup=menu_keyboard(context, who),
    )
    await chat_commands(context, chat, code)


async def chat_commands(context: ContextTypes.DEFAULT_TYPE, chat: int, code: str | None) -> None:
    """The command menu of this chat in the language chosen (None: back to the default).
    A refusal leaves the menu as it was: the language is chosen all the same."""
    scope = BotCommandScopeChat(chat)
    try:
        if code is None:
            await context.bot.delete_my_commands(scope=scope)
        else:
            await context.bot.set_my_commands(command_list(code), scope=scope)
    except TelegramError as error:
        log.warning("command menu of a chat not changed (%s)", type(error).__name__)


async def language_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A press on one of the language buttons."""
    await update.callback_query.answer()
    code = update.callback_query.data.removeprefix("lang:")
    if code in LANGUAGES:
        await set_language(update, context, code)


async def facile(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Easy-to-read French on or off (it also switches the answers to French)."""
    who = person(update, context)
    turn_on = not who.falc
    who = save(context, who, falc=turn_on, language="fr" if turn_on else who.language)
    message = N_("Français facile : activé") if turn_on else N_("Français facile : désactivé")
    await update.effective_message.reply_text(
        who.texts._(message), reply_markup=menu_keyboard(context, who)
    )


async def oubli(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Erase everything kept about the person (their choices) and any waiting need."""
    who = person(update, context)
    existed = preferences(context).forget(who.key)
    context.chat_data.clear()
    if existed and update.effective_chat:
        await chat_commands(context, update.effective_chat.id, None)
    message = (
        N_("C'est effacé : je ne garde plus rien sur vous.")
        if existed
        else N_("Je ne gardais rien sur vous.")
    )
    await update.effective_message.reply_text(who.texts._(message))


def register(application: Application) -> None:
    application.add_handler(CommandHandler(["langue", "language", "lang"], langue))
    application.add_handler(CommandHandler(["facile", "falc"], facile))
    application.add_handler(CommandHandler(["oubli", "forget"], oubli))
    application.add_handler(CallbackQueryHandler(language_button, pattern=r"^lang:"))
