"""The command line: `python -m bot directory check|build|stale|preview`, `python -m bot ask`."""

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .cli_args import Parser, moment, point
from .cli_directory import add_directory_commands
from .content import MENU
from .settings import DEFAULT_DB


def ask(args: argparse.Namespace) -> int:
    from .answer import plain_text
    from .core import Core, result_json
    from .directory.store import MissingDatabase

    try:
        core = Core(args.db)
    except MissingDatabase as error:
        print(error, file=sys.stderr)
        return 2
    messages = read_batch(args.batch) if args.batch else [" ".join(args.text)]
    categories = [args.category] if args.category else None
    for text in messages:
        result = core.ask(
            text,
            language=args.lang,
            falc=args.falc,
            near=args.near,
            at=args.at,
            categories=categories,
        )
        if args.json or args.batch:
            print(json.dumps(result_json(text, result), ensure_ascii=False), flush=True)
        else:
            print(plain_text(result.reply))
    return 0


def read_batch(path: Path) -> list[str]:
    """One message a line: a JSON object with a `text` key, or plain text."""
    messages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            data = line
        messages.append(data.get("text", "") if isinstance(data, dict) else str(data))
    return messages


def evaluate(args: argparse.Namespace) -> int:
    """Understanding measured on evaluation files: tables per language and per kind."""
    from .core import Core
    from .evaluation import evaluate, misses, read_rows, report
    from .settings import PARIS_TZ

    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)  # a Tuesday morning: no time word
    core = Core(args.db)
    if args.rules_only:
        core.understander.second_reader = None
    results = evaluate(core, read_rows(args.paths), at=at)
    if args.verbose:
        print("\n".join(misses(results)), end="\n\n")
    print("\n".join(report(results)))
    return 0


def content_report(args: argparse.Namespace) -> int:
    """How much of each language is written and reviewed; FALC problems and readability."""
    import yaml

    from .content_check import coverage, falc_problems, kandel_moles, strings
    from .settings import CONTENT_DIR

    def percent(part: tuple[int, int]) -> str:
        return f"{part[0]}/{part[1]} ({100 * part[0] // max(part[1], 1)}%)"

    columns = ("interface", "categories", "topics", "menu")
    print(f"{'language':10} " + " ".join(f"{c:>14}" for c in columns) + "  reviewed")
    for c in coverage(CONTENT_DIR):
        reviewed = "yes" if c.interface_reviewed and c.texts_reviewed else "no"
        print(
            f"{c.language:10} {percent(c.interface):>14} {percent(c.categories):>14} "
            f"{percent(c.topics):>14} {percent(c.menu):>14}  {reviewed}"
        )
    print("Topics missing in a language are answered in French (a deliberate fallback).")
    falc = yaml.safe_load((CONTENT_DIR / "falc" / "answers.yaml").read_text(encoding="utf-8"))
    texts = [t for _, t in strings(falc) if len(t.split()) > 3]
    scores = [kandel_moles(t) for t in texts]
    print(
        f"FALC: {len(falc_problems(CONTENT_DIR))} lint problems; Kandel-Moles reading ease "
        f"{sum(scores) / len(scores):.0f} on average over {len(texts)} texts (60+ is easy)"
    )
    return 0


def observations(args: argparse.Namespace) -> int:
    """The counts for the City: needs per week, category and outcome, all channels."""
    from .observations import MIN_CELL, Observations
    from .settings import Settings

    counts = Observations(Settings.from_env().shared_db("observations"))
    rows, left_out = counts.report()
    for week, category, outcome, total in rows:
        print(f"{week}  {category:14} {outcome:18} {total}")
    print(f"{len(rows)} rows (needs answered, counted per week; nothing about any person)")
    print(f"{left_out} rows under {MIN_CELL} left out")
    counts.close()
    return 0


def set_log_levels() -> None:
    """What the running bot logs: INFO, and httpx only its warnings (its lines hold the
    token). No line holds a message, a position or an id (tests/test_privacy.py)."""
    import logging

    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def run(args: argparse.Namespace) -> int:
    """Telegram when a token is set (webhook when BOT_WEBHOOK_URL is too), else the web chat."""
    import asyncio
    import logging

    from .core import Core
    from .directory.store import MissingDatabase
    from .settings import Settings

    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s %(message)s")
    set_log_levels()
    settings = Settings.from_env()
    try:
        core = Core(settings.db_path)
    except MissingDatabase as error:
        print(error, file=sys.stderr)
        return 2
    if settings.telegram_token:
        from . import telegram

        if settings.webhook_url:
            asyncio.run(telegram.serve_webhook(settings, core))
        else:
            telegram.run_polling(settings, core)
        return 0
    from . import web

    web.serve(settings, core, host=args.host, port=args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="python -m bot", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    add_directory_commands(commands)
    asking = commands.add_parser("ask", help="answer a message as the bot would")
    asking.add_argument("text", nargs="*", help="the message")
    asking.add_argument("--json", action="store_true", help="one JSON object per message")
    asking.add_argument("--lang", help="answer in this language (ISO 639-1)")
    asking.add_argument("--falc", action="store_true", help="easy-to-read French")
    asking.add_argument("--near", type=point, help="LAT,LON shared by the person")
    asking.add_argument("--at", type=moment, help="ISO date and time (Europe/Paris), default now")
    asking.add_argument("--category", choices=MENU, help="a need already chosen (a menu button)")
    asking.add_argument("--batch", type=Path, help="a file of messages, one a line")
    asking.add_argument("--db", type=Path, default=DEFAULT_DB)
    asking.set_defaults(func=ask)

    evaluating = commands.add_parser(
        "evaluate", help="measure understanding on evaluation files (eval/README.md)"
    )
    evaluating.add_argument("paths", nargs="+", type=Path, help=".jsonl files or folders")
    evaluating.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    evaluating.add_argument("--db", type=Path, default=DEFAULT_DB)
    evaluating.add_argument(
        "--rules-only", action="store_true", help="without the second reader (a classifier)"
    )
    evaluating.set_defaults(func=evaluate)

    content = commands.add_parser("content", help="the answer texts and translations")
    content_sub = content.add_subparsers(dest="action", required=True)
    report = content_sub.add_parser("report", help="how much is translated and reviewed")
    report.set_defaults(func=content_report)

    observing = commands.add_parser("observations", help="needs counted per week (for the City)")
    observing.set_defaults(func=observations)

    running = commands.add_parser("run", help="run the bot (Telegram with a token, else web chat)")
    running.add_argument("--host", help="web chat address (default 127.0.0.1, env BOT_HOST)")
    running.add_argument("--port", type=int, help="web chat port (default 8080, env BOT_PORT)")
    running.set_defaults(func=run)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
