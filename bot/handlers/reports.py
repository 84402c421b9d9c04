"""'⚠️ Signaler un problème' under a place's card (bot/handlers/places.py): the kinds of
problem as buttons; one tap stores a report (bot/reports.py) with no identifier, and the
card's own buttons come back. Then one optional detail: a reply to the bot's question
becomes the report's note (which report a question belongs to is kept in memory only)."""

import contextlib

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from ..i18n import Texts
from ..reports import KIND_LABELS, KINDS, MAX_NOTE, FieldReports
from .common import core, now, person
from .places import card_keyboard


def reports(context: ContextTypes.DEFAULT_TYPE) -> FieldReports:
    return context.application.bot_data["reports"]


def kinds_keyboard(texts: Texts, key: str) -> InlineKeyboardMarkup:
    kinds = [
        InlineKeyboardButton(texts._(KIND_LABELS[kind]), callback_data=f"rep:{key}:{kind}")
        for kind in KINDS
    ]
    back = InlineKeyboardButton(texts._("↩️ Annuler"), callback_data=f"rep:{key}:")
    return InlineKeyboardMarkup([kinds[:2], kinds[2:], [back]])


async def offer_kinds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """report:<key> → the card's buttons become the kinds of problem."""
    query = update.callback_query
    key = query.data.removeprefix("report:")
    who = person(update, context)
    await query.answer()
    if core(context).store.by_key(key) is None:
        return
    try:
        await query.edit_message_reply_markup(kinds_keyboard(who.texts, key))
    except BadRequest:  # the card is too old to edit: the kinds in a new message
        await context.bot.send_message(
            update.effective_chat.id,
            who.texts._("Quel problème ?"),
            reply_markup=kinds_keyboard(who.texts, key),
        )


async def take_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """rep:<key>:<kind> → one report, thanks in a small notice; rep:<key>: → cancelled."""
    query = update.callback_query
    _, key, kind = (query.data.split(":") + [""])[:3]
    who = person(update, context)
    texts = who.texts
    place = core(context).store.by_key(key)
    if place is None:
        await query.answer()
        return
    row = reports(context).add(place.id, kind, now(), who=who.key) if kind in KINDS else None
    if kind in KINDS:
        thanks = texts._("Merci ! C'est noté : une personne de l'équipe va vérifier.")
        await query.answer(thanks, show_alert=True)
    else:
        await query.answer()
    with contextlib.suppress(BadRequest):  # a message gone or too old: the notice said it all
        await query.edit_message_reply_markup(card_keyboard(texts, key, place.lat is not None))
    if row is not None:
        question = await context.bot.send_message(
            update.effective_chat.id,
            texts._("Un détail à ajouter ? Répondez à ce message (facultatif)."),
            reply_markup=ForceReply(input_field_placeholder=texts._("fermé pour travaux…")[:64]),
        )
        context.chat_data.setdefault("report_notes", {})[question.message_id] = row


async def take_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reply to the detail question: the report's note (cleaned, at most MAX_NOTE
    characters). Any other message goes on to the usual handlers."""
    message = update.effective_message
    asked = context.chat_data.get("report_notes", {})
    row = asked.pop(message.reply_to_message.message_id, None)
    if row is None:
        return
    reports(context).add_note(row, message.text)
    texts = person(update, context).texts
    await message.reply_text(
        texts._("Merci, c'est ajouté.")
        if len(message.text) <= MAX_NOTE
        else texts._("Merci, c'est ajouté (le début seulement : le message était long).")
    )
    raise ApplicationHandlerStop


def register(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(offer_kinds, pattern=r"^report:"))
    application.add_handler(CallbackQueryHandler(take_report, pattern=r"^rep:"))
    replies = filters.REPLY & filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.CHANNEL_POSTS
    application.add_handler(MessageHandler(replies, take_note), group=-1)
