"""A place's card (hours of the week, conditions), its map pin (a Telegram venue), and a
button to share it in another chat (inline mode, '#<key>')."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from ..i18n import Texts
from .common import card_html, core, now, person, window_from
from .inline import SHARE_PREFIX


async def show_card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """card:<key>:<category>[:<window>] → the place in full, with a map button, its status
    for the window the list was for."""
    query = update.callback_query
    await query.answer()
    _, key, category, window = (query.data.split(":") + ["", ""])[:4]
    who = person(update, context)
    when = window_from(window, now())
    card = core(context).card(
        key, category, language=who.language, falc=who.falc, at=now(), when=when
    )
    if card is None:
        await context.bot.send_message(
            update.effective_chat.id, who.texts._("Ce lieu n'est plus dans l'annuaire.")
        )
        return
    await context.bot.send_message(
        update.effective_chat.id,
        card_html(card, who.texts),
        parse_mode=ParseMode.HTML,
        reply_markup=card_keyboard(who.texts, key, card.view.lat is not None),
    )


def card_keyboard(texts: Texts, key: str, on_map: bool) -> InlineKeyboardMarkup:
    """Under a card: its map pin, share it, report a problem with it."""
    row = [InlineKeyboardButton(texts._("📤 Partager"), switch_inline_query=SHARE_PREFIX + key)]
    if on_map:
        pin = InlineKeyboardButton(texts._("🗺️ Voir sur la carte"), callback_data=f"venue:{key}")
        row.insert(0, pin)
    report = InlineKeyboardButton(texts._("⚠️ Signaler un problème"), callback_data=f"report:{key}")
    return InlineKeyboardMarkup([row, [report]])


async def send_venue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """venue:<key> → a map pin the person can open in their maps app."""
    query = update.callback_query
    await query.answer()
    place = core(context).store.by_key(query.data.removeprefix("venue:"))
    if place is None or place.lat is None:
        return
    await context.bot.send_venue(
        update.effective_chat.id,
        latitude=place.lat,
        longitude=place.lon,
        title=place.name[:100],
        address=(place.address or place.name)[:100],
    )


def register(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(show_card, pattern=r"^card:"))
    application.add_handler(CallbackQueryHandler(send_venue, pattern=r"^venue:"))
