"""/start (also from a printed deep link) and /aide."""

from dataclasses import replace

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CommandHandler, ContextTypes

from ..i18n import LANGUAGES, N_, Texts
from .common import MENU, core, escape, menu_keyboard, now, person, send_result

COMMANDS = ["start", "langue", "facile", "urgence", "115", "aide", "oubli"]
DESCRIPTIONS = {  # French source text of each command's description (translated by catalogs)
    "start": N_("Commencer et voir le menu"),
    "langue": N_("Choisir la langue"),
    "facile": N_("Français facile : activer ou désactiver"),
    "urgence": N_("Numéros d'urgence"),
    "115": N_("Appeler le 115 pour dormir"),
    "aide": N_("Comment m'utiliser"),
    "oubli": N_("Effacer ce que je garde sur vous"),
}


def command_list(language: str) -> list[BotCommand]:
    """The commands and their descriptions in a language, for Telegram's command menu."""
    texts = Texts(language)
    return [BotCommand(name, texts._(DESCRIPTIONS[name])) for name in COMMANDS]


def parse_deep_link(payload: str) -> tuple[str, int | None, str | None] | None:
    """'shower_18_ar' → ('shower', 18, 'ar'); the category may hold an underscore."""
    parts = payload.rsplit("_", 2)
    if len(parts) == 3 and parts[0] in MENU and parts[1].isdigit() and parts[2] in LANGUAGES:
        return parts[0], int(parts[1]), parts[2]
    if len(parts) >= 2 and "_".join(parts[:-1]) in MENU and parts[-1].isdigit():
        return "_".join(parts[:-1]), int(parts[-1]), None
    return (payload, None, None) if payload in MENU else None


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome and the menu; with a deep link, go straight to that need."""
    who = person(update, context)
    link = parse_deep_link(context.args[0]) if context.args else None
    if link and link[2]:  # a printed card in Arabic: the menu in Arabic too (not saved)
        who = replace(who, language=link[2])
    language = who.language
    welcome = core(context).content.get(language, "greeting", who.falc)
    await update.effective_message.reply_text(
        escape(welcome), parse_mode=ParseMode.HTML, reply_markup=menu_keyboard(context, who)
    )
    if link:
        category, arrondissement, _ = link
        result = core(context).ask(
            "",
            language=language,
            falc=who.falc,
            at=now(),
            categories=[category],
            arrondissement=arrondissement,
        )
        await send_result(update, context, result)


def help_text(context: ContextTypes.DEFAULT_TYPE, language: str, falc: bool) -> str:
    texts = Texts(language, falc and language == "fr")
    lines = [escape(core(context).content.get(language, "help", falc)), ""]
    lines += [f"/{name} — {escape(texts._(DESCRIPTIONS[name]))}" for name in COMMANDS]
    lines += ["", escape(core(context).content.get(language, "privacy", falc))]
    return "\n".join(lines)


async def aide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot does and every command."""
    who = person(update, context)
    await update.effective_message.reply_text(
        help_text(context, who.language, who.falc),
        parse_mode=ParseMode.HTML,
        reply_markup=menu_keyboard(context, who),
    )


def register(application: Application) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler(["aide", "help"], aide))
