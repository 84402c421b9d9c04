"""'⚠️ Signaler un problème' under a place's card (bot/handlers/places.py): the kinds of
problem as buttons; one tap stores a report (bot/reports.py) with no identifier, and the
card's own buttons come back."""

import contextlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from ..i18n import Texts
from ..reports import KIND_LABELS, KINDS, FieldReports
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
    if kind in KINDS:
        reports(context).add(place.id, kind, now(), who=who.key)
        thanks = texts._("Merci ! C'est noté : une personne de l'équipe va vérifier.")
        await query.answer(thanks, show_alert=True)
    else:
        await query.answer()
    with contextlib.suppress(BadRequest):  # a message gone or too old: the notice said it all
        await query.edit_message_reply_markup(card_keyboard(texts, key, place.lat is not None))


def register(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(offer_kinds, pattern=r"^report:"))
    application.add_handler(CallbackQueryHandler(take_report, pattern=r"^rep:"))
