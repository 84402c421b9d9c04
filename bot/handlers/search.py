"""Free text, menu buttons, shared locations and 'next results': all through the core."""

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from .common import (
    MENU,
    category_of_label,
    core,
    last_asked,
    menu_labels,
    now,
    person,
    send_result,
    take_pending,
    window_from,
)


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text: a menu button or a message for the core to understand; an edited message
    is answered as new. In a group, only a message that names the bot ('@this_bot …')."""
    who = person(update, context)
    text = update.effective_message.text or ""
    if not who.private:
        mention = re.compile(rf"@{re.escape(context.bot.username or '')}\b", re.IGNORECASE)
        if not context.bot.username or not mention.search(text):
            return
        text = mention.sub(" ", text).strip()
    category = category_of_label(context, text)
    user = update.effective_user
    result = core(context).ask(
        "" if category else text,
        language=who.language if who.chosen_language else None,
        language_hint=(user.language_code or "").split("-")[0] if user else None,
        falc=who.falc,
        at=now(),
        categories=[category] if category else None,
        previous=last_asked(context),
    )
    await send_result(update, context, result)


async def location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A shared (or live) location: the need it was asked for, or a choice of needs."""
    who = person(update, context)
    point = update.effective_message.location
    category = take_pending(context)
    if category:
        result = core(context).ask(
            "",
            language=who.language,
            falc=who.falc,
            at=now(),
            near=(point.latitude, point.longitude),
            categories=[category],
        )
        await send_result(update, context, result)
        return
    where = f"p{point.latitude:.4f},{point.longitude:.4f}"
    labels = menu_labels(context, who)
    buttons = [InlineKeyboardButton(labels[c], callback_data=f"more:{c}:{where}:0") for c in MENU]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    await update.effective_message.reply_text(
        who.texts._("Que cherchez-vous près de cette position ?"),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """more:<category>:<where>:<offset>[:<window>] → that need there, from that result on,
    for the window the list was for ('demain matin')."""
    query = update.callback_query
    await query.answer()
    try:
        _, category, where, offset, *window = query.data.split(":")
        offset_number = int(offset)
    except ValueError:
        return
    near, arrondissement = None, None
    if where.startswith("p"):
        lat, lon = where[1:].split(",")
        near = (float(lat), float(lon))
    elif where.startswith("a") and where[1:].isdigit():
        arrondissement = int(where[1:])
    who = person(update, context)
    result = core(context).ask(
        "",
        language=who.language,
        falc=who.falc,
        at=now(),
        near=near,
        categories=[category],
        arrondissement=arrondissement,
        offset=offset_number,
        when=window_from(window[0], now()) if window else None,
    )
    # a page of a list replaces the one shown; a need chosen after a location is new
    await send_result(update, context, result, offset=offset_number, replace=offset_number > 0)


def register(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(more, pattern=r"^more:"))
    # a live location sends edits as it moves: those are not new questions
    application.add_handler(
        MessageHandler(
            filters.LOCATION & ~filters.UpdateType.EDITED & ~filters.UpdateType.CHANNEL_POSTS,
            location,
        )
    )
    application.add_handler(
        MessageHandler(
            filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.CHANNEL_POSTS, text_message
        )
    )
