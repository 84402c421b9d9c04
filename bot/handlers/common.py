"""What every handler shares: the person's choices, and turning a Reply into Telegram HTML."""

import datetime as dt
import html
import re
import time
from dataclasses import dataclass

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from ..answer import WHEN_LABELS, Reply
from ..content import MENU
from ..core import Asked, Core, Result
from ..directory.records import place_key
from ..i18n import LANGUAGES, RLM, Texts
from ..place_view import Card
from ..preferences import Preferences, PreferenceStore
from ..settings import PARIS_TZ
from ..understand import Query
from ..understand.query import When

PENDING_SECONDS = 15 * 60  # how long a need waits for the location it asked for
FOLLOW_UP_SECONDS = 30 * 60  # how long 'et demain ?' is read as about the last question
# What one phone screen shows of a message: a list fits in it, 'Suivants' gives the rest.
SCREEN_CHARACTERS = 900


@dataclass(frozen=True)
class Person:
    """Who is writing, as far as the bot needs: a keyed hash and their choices."""

    key: str
    language: str
    chosen_language: bool
    falc: bool
    private: bool = True  # a private chat (in a group: no keyboard, Telegram refuses its 📍)

    @property
    def texts(self) -> Texts:
        return Texts(self.language, self.falc and self.language == "fr")


def core(context: ContextTypes.DEFAULT_TYPE) -> Core:
    return context.application.bot_data["core"]


def preferences(context: ContextTypes.DEFAULT_TYPE) -> PreferenceStore:
    return context.application.bot_data["preferences"]


def person(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Person:
    user = update.effective_user
    store = preferences(context)
    key = store.person("telegram", user.id if user else 0)
    saved = store.get(key)
    code = ((user.language_code if user else None) or "fr").split("-")[0].lower()
    language = saved.language or (code if code in LANGUAGES else "fr")
    private = update.effective_chat is None or update.effective_chat.type == ChatType.PRIVATE
    return Person(key, language, saved.language is not None, saved.falc, private)


def save(context: ContextTypes.DEFAULT_TYPE, who: Person, **changes: object) -> Person:
    choices = {"language": who.language if who.chosen_language else None, "falc": who.falc}
    choices.update(changes)
    preferences(context).set(who.key, Preferences(**choices))
    language = choices["language"] or who.language
    return Person(who.key, language, choices["language"] is not None, choices["falc"], who.private)


def now() -> dt.datetime:
    return dt.datetime.now(PARIS_TZ)


def escape(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def menu_labels(context: ContextTypes.DEFAULT_TYPE, who: Person) -> dict[str, str]:
    content = core(context).content
    return {c: content.get(who.language, f"menu.{c}", who.falc) for c in MENU}


def menu_keyboard(context: ContextTypes.DEFAULT_TYPE, who: Person) -> ReplyKeyboardMarkup | None:
    """The needs and '📍 Près de moi' under the message box; none in a group."""
    if not who.private:
        return None
    labels = list(menu_labels(context, who).values())
    rows = [[KeyboardButton(who.texts._("📍 Près de moi"), request_location=True)]]
    rows += [labels[i : i + 3] for i in range(0, len(labels), 3)]
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True)


def category_of_label(context: ContextTypes.DEFAULT_TYPE, text: str) -> str | None:
    """The category a menu button stands for, in whichever language it was written."""
    content = core(context).content
    for labels in content.texts.values():
        for category, label in (labels.get("menu") or {}).items():
            if label.strip() == text.strip():
                return category
    return None


def remember_pending(context: ContextTypes.DEFAULT_TYPE, category: str) -> None:
    """A need waiting for a location; kept in memory only, never written anywhere."""
    context.chat_data["pending"] = (category, time.monotonic())


def remember_asked(context: ContextTypes.DEFAULT_TYPE, asked: Asked | None) -> None:
    """What the last question asked, for a follow-up; in memory only, like `pending`. An
    answer that asked no need (a danger, a greeting) ends it."""
    if asked is None:
        context.chat_data.pop("asked", None)
    else:
        context.chat_data["asked"] = (asked, time.monotonic())


def last_asked(context: ContextTypes.DEFAULT_TYPE) -> Asked | None:
    """The last question asked, unless older than FOLLOW_UP_SECONDS (then forgotten)."""
    asked, since = context.chat_data.get("asked", (None, 0.0))
    if time.monotonic() - since < FOLLOW_UP_SECONDS:
        return asked
    context.chat_data.pop("asked", None)
    return None


def take_pending(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    category, since = context.chat_data.pop("pending", (None, 0.0))
    return category if time.monotonic() - since < PENDING_SECONDS else None


def reply_html(reply: Reply) -> str:
    """A Reply as Telegram HTML: short list lines; each place's card is one button away."""
    texts = Texts(reply.language, reply.falc)
    iso = texts.isolate
    lines = [escape(line) for line in reply.before_numbers]
    lines += [f"☎️ <b>{escape(iso(n.number))}</b> — {escape(n.label)}" for n in reply.numbers]
    lines += [escape(line) for line in reply.after_numbers]
    for section in reply.sections:
        lines += ["", f"<b>{escape(section.title)}</b>"]
        if section.about:
            lines.append(escape(section.about))
        if section.note:
            lines.append(escape(section.note))
        for number, place in enumerate(section.places, start=section.first_number):
            head = f"<b>{number}. {escape(iso(place.name))}</b>"
            if place.distance:
                head += f" · {escape(place.distance)}"
            lines += ["", head, escape(place.status)]
            if place.hours_hint:
                lines.append(f"🕒 {escape(place.hours_hint)}")
            lines += [f"ℹ️ {escape(c)}" for c in place.conditions[:2]]
            if place.address:
                lines.append(f"📍 {escape(iso(place.address))}")
            lines += [f"⚠️ {escape(w)}" for w in place.warnings[:1]]
    if reply.footer:
        lines += ["", *(escape(line) for line in reply.footer)]
    text = "\n".join(lines).strip()
    if reply.rtl:
        text = "\n".join(RLM + line if line else line for line in text.split("\n"))
    return text[:4000]


def visible_length(telegram_html: str) -> int:
    """The characters a person sees of a Telegram HTML message."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", telegram_html)))


def fit_screen(core: Core, result: Result, offset: int = 0) -> Result:
    """A list that one phone screen shows: fewer places when three would pass
    SCREEN_CHARACTERS (doubtful places with their old notes, a long explanation above);
    'Suivants' goes on from the first place not shown."""
    first = result.reply.sections[0] if result.reply.sections else None
    shown = len(first.places) if first else 0
    while shown > 1 and visible_length(reply_html(result.reply)) > SCREEN_CHARACTERS:
        shown -= 1
        result = core.page(result, shown, offset)
    return result


def where_code(query: Query) -> str:
    """The place a result list was for, small enough for a button: p<lat>,<lon> or a<n>."""
    where = query.where
    if where is None:
        return "-"
    if where.kind == "arrondissement":
        return f"a{where.arrondissement}"
    return f"p{where.lat:.4f},{where.lon:.4f}"


WINDOW_SPECS = sorted(WHEN_LABELS)  # a button names the words asked by their index here


def window_code(when: When) -> str:
    """The window a list was for, small enough for a button ('3.hm4k1.hm4nd': the words
    asked, start and end in minutes since 1970, base 36); '' for 'now' (the moment the
    button is pressed)."""
    if when.spec == "now":
        return ""
    label = str(WINDOW_SPECS.index(when.spec)) if when.spec in WINDOW_SPECS else ""
    minutes = [int(moment.timestamp()) // 60 for moment in (when.start, when.end)]
    return ".".join([label, *(base36(m) for m in minutes)])


def window_from(code: str, asked: dt.datetime) -> When | None:
    """The window a button carries (None: 'now', or a code not understood)."""
    try:
        label, start, end = code.split(".")
        moments = [dt.datetime.fromtimestamp(int(m, 36) * 60, PARIS_TZ) for m in (start, end)]
        spec = WINDOW_SPECS[int(label)] if label else "asked"
    except (ValueError, IndexError, OverflowError, OSError):
        return None
    if moments[1] < moments[0]:
        return None
    return When(spec, moments[0], moments[1], asked)


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


def list_keyboard(
    reply: Reply, where: str, offset: int, window: str = ""
) -> InlineKeyboardMarkup | None:
    texts = Texts(reply.language, reply.falc)
    rows = []
    for section in reply.sections:
        for number, place in enumerate(section.places, start=section.first_number):
            label = f"{number}. {place.name}"[:60]
            rows.append(
                [
                    InlineKeyboardButton(
                        label,
                        callback_data=f"card:{place_key(place.id)}:{place.category}:{window}",
                    )
                ]
            )
    choices = [
        InlineKeyboardButton(label, callback_data=f"more:{need}:{where}:0")
        for need, label in reply.choices
    ]
    rows += [choices[i : i + 2] for i in range(0, len(choices), 2)]
    first = reply.sections[0] if reply.sections else None
    if first and first.more and first.category:
        data = f"more:{first.category}:{where}:{offset + len(first.places)}:{window}"
        rows.append([InlineKeyboardButton(texts._("Suivants ➡️"), callback_data=data)])
    return InlineKeyboardMarkup(rows) if rows else None


def card_html(card: Card, texts: Texts) -> str:
    view, iso = card.view, texts.isolate
    lines = [f"<b>{escape(iso(view.name))}</b>"]
    if view.distance:
        lines[0] += f" · {escape(view.distance)}"
    lines.append(escape(view.status))
    lines += [f"ℹ️ {escape(c)}" for c in view.conditions]
    if view.address:
        lines.append(f"📍 {escape(iso(view.address))}")
    lines += [f"☎️ {escape(iso(phone))}" for phone in view.phones]
    if card.description:
        lines += ["", escape(card.description)]
    if card.week:
        heading = escape(texts._("Horaires de la semaine"))
        lines += ["", f"<b>{heading}</b>"]
        lines += [escape(line) for line in card.week]
    if card.hours_note:
        lines.append(f"🕒 {escape(card.hours_note)}")
    if card.hours_confirmed:
        lines.append(f"✔️ {escape(card.hours_confirmed)}")
    lines += [f"⚠️ {escape(w)}" for w in view.warnings]
    lines += ["", escape(view.information_date)]
    text = "\n".join(lines)
    if texts.rtl:
        text = "\n".join(RLM + line if line else line for line in text.split("\n"))
    return text[:4000]


async def send_result(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    result: Result,
    offset: int = 0,
    replace: bool = False,
) -> None:
    """Send a core Result: the HTML, buttons to each place, the next results. `replace`:
    in place of the message whose button was pressed ('Suivants' turns the page), or as
    a new message when Telegram no longer lets it be edited."""
    context.application.bot_data["observations"].record("telegram", result)
    result = fit_screen(core(context), result, offset)
    reply = result.reply
    if any(s.note and not s.places and result.query.where is None for s in reply.sections):
        remember_pending(context, result.query.categories[0])
    remember_asked(context, result.asked())
    keyboard = list_keyboard(
        reply, where_code(result.query), offset, window_code(result.query.when)
    )
    text = reply_html(reply)
    query = update.callback_query
    if replace and query is not None and query.message is not None:
        try:
            await query.edit_message_text(
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,
                disable_web_page_preview=True,
            )
            return
        except BadRequest:  # too old, deleted, or the same page: a new message then
            pass
    await context.bot.send_message(
        update.effective_chat.id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
        disable_web_page_preview=True,
    )
