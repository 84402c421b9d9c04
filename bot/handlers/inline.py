"""Inline mode: '@bot douche 11e' in any chat gives place cards a maraude team can share.

Near the sender's position when Telegram sends it; the numbers first when the answer has
any ('@bot 115'); the needs to choose from for an empty query; '#<key>' (the 'Partager'
button of a card) that one place. Each shared status says when it was true: the message
stays in the chat long after."""

import datetime as dt

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultVenue,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from ..core import Result
from ..directory.records import place_key
from ..i18n import Texts
from ..place_view import PlaceView
from .common import Person, card_html, core, escape, menu_labels, now, person, reply_html

MAX_RESULTS = 10  # places for a query
TELEGRAM_MAX_RESULTS = 50
Point = tuple[float, float] | None
SHARE_PREFIX = "#"  # '@bot #<key>': one place, from the 'Partager' button of its card


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    who = person(update, context)
    near = (query.location.latitude, query.location.longitude) if query.location else None
    text = (query.query or "").strip()
    if text.startswith(SHARE_PREFIX):
        results = shared_place(context, who, text.removeprefix(SHARE_PREFIX), near)
    elif not text:
        results = needs_to_choose(context, who, near)
    else:
        result = core(context).ask(
            text,
            language_hint=who.language,
            falc=who.falc,
            at=now(),
            near=near,
            limit=MAX_RESULTS,
        )
        results = answer_results(result, who.texts)
    cache = 0 if near else 60  # a position changes; the places of a query for a minute
    await query.answer(results[:TELEGRAM_MAX_RESULTS], cache_time=cache, is_personal=True)


def answer_results(result: Result, texts: Texts) -> list:
    """The answer's numbers first (as text to send), then its places as map pins; the
    answer as text when it has neither."""
    reply = result.reply
    results: list = []
    if reply.numbers:
        first = reply.numbers[0]
        results.append(
            InlineQueryResultArticle(
                id="numbers",
                title=f"☎️ {first.number} — {first.label}"[:100],
                description=" · ".join(n.number for n in reply.numbers[1:]) or None,
                input_message_content=InputTextMessageContent(
                    reply_html(reply), parse_mode=ParseMode.HTML
                ),
            )
        )
    stamp = status_time(texts, result.query.when.start if result.query.when else now())
    for section in reply.sections:
        results += [place_result(place, texts, stamp) for place in section.places]
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
    return results


def place_result(
    place: PlaceView, texts: Texts, stamp: str
) -> InlineQueryResultVenue | InlineQueryResultArticle:
    """A map pin when the place has one, else its name and status as text."""
    description = " · ".join(filter(None, [place.status, place.distance, stamp]))
    if place.lat is not None and place.lon is not None:
        return InlineQueryResultVenue(
            id=place_key(place.id),
            latitude=place.lat,
            longitude=place.lon,
            title=place.name[:100],
            address=f"{place.address or ''} — {description}"[:200],
        )
    lines = [f"<b>{escape(place.name)}</b>", escape(description)]
    if place.address:
        lines.append(f"📍 {escape(place.address)}")
    return InlineQueryResultArticle(
        id=place_key(place.id),
        title=place.name[:100],
        description=description,
        input_message_content=InputTextMessageContent("\n".join(lines), parse_mode=ParseMode.HTML),
    )


def status_time(texts: Texts, moment: dt.datetime) -> str:
    """'état le 22 nov. à 21:40': when the statuses shared were true."""
    return texts._("état le {day} à {time}", day=texts.short_date(moment), time=texts.time(moment))


def needs_to_choose(context: ContextTypes.DEFAULT_TYPE, who: Person, near: Point) -> list:
    """For an empty query: each need, its nearest places as the message to send."""
    results = []
    for category, label in menu_labels(context, who).items():
        result = core(context).ask(
            "", language=who.language, falc=who.falc, at=now(), near=near, categories=[category]
        )
        text = reply_html(result.reply)
        results.append(
            InlineQueryResultArticle(
                id=f"need-{category}",
                title=label[:100],
                input_message_content=InputTextMessageContent(text, parse_mode=ParseMode.HTML),
            )
        )
    return results


def shared_place(context: ContextTypes.DEFAULT_TYPE, who: Person, key: str, near: Point) -> list:
    """One place: its map pin and its card, as the 'Partager' button of the card asks."""
    card = core(context).card(key, None, language=who.language, falc=who.falc, at=now(), near=near)
    if card is None:
        return []
    view = card.view
    stamp = status_time(who.texts, now())
    results = []
    if view.lat is not None and view.lon is not None:
        results.append(place_result(view, who.texts, stamp))
    results.append(
        InlineQueryResultArticle(
            id=f"card-{key}"[:64],
            title=view.name[:100],
            description=" · ".join(filter(None, [view.status, stamp])),
            input_message_content=InputTextMessageContent(
                card_html(card, who.texts), parse_mode=ParseMode.HTML
            ),
        )
    )
    return results


def register(application: Application) -> None:
    application.add_handler(InlineQueryHandler(inline_query))
