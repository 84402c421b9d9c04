"""Inline mode: '@bot douche 11e' in any chat gives place cards a maraude team can share."""

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultVenue,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from ..directory.store import place_key
from .common import core, now, person, reply_html

MAX_RESULTS = 10


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Places for the query as venues (map pins), or the answer text when there are none."""
    query = update.inline_query
    who = person(update, context)
    result = core(context).ask(
        query.query or "", language_hint=who.language, falc=who.falc, at=now(), limit=MAX_RESULTS
    )
    reply = result.reply
    results = []
    for place in reply.places:
        description = " · ".join(filter(None, [place.status, place.distance]))
        if place.lat is not None:
            results.append(
                InlineQueryResultVenue(
                    id=place_key(place.id),
                    latitude=place.lat,
                    longitude=place.lon,
                    title=place.name[:100],
                    address=f"{place.address or ''} — {description}"[:200],
                )
            )
        else:
            results.append(
                InlineQueryResultArticle(
                    id=place_key(place.id),
                    title=place.name[:100],
                    description=description,
                    input_message_content=InputTextMessageContent(
                        f"{place.name}\n{place.status}\n{place.address or ''}"
                    ),
                )
            )
    if not results:
        results.append(
            InlineQueryResultArticle(
                id="answer",
                title=(reply.intro or [s.title for s in reply.sections] or ["…"])[0][:100],
                input_message_content=InputTextMessageContent(
                    reply_html(reply), parse_mode=ParseMode.HTML
                ),
            )
        )
    await query.answer(results[:MAX_RESULTS], cache_time=60, is_personal=True)


def register(application: Application) -> None:
    application.add_handler(InlineQueryHandler(inline_query))
