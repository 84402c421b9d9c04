"""`python -m bot directory …`: what editors run on the place files (check, build, due,
preview, reports from the field, export)."""

import argparse
import datetime as dt
import sys
from pathlib import Path

from .cli_args import moment
from .i18n import LANGUAGES
from .settings import DEFAULT_DB, DIRECTORY_DIR


def directory_check(args: argparse.Namespace) -> int:
    from .directory.check import read_directory

    directory = read_directory(args.dir)
    for problem in directory.problems:
        print(problem)
    for warning in directory.warnings:
        print(f"{warning} (warning)")
    if directory.problems:
        print(f"{len(directory.problems)} problem(s) in {args.dir}", file=sys.stderr)
        return 1
    print(
        f"ok: {len(directory.places)} places, {len(directory.categories)} categories, "
        f"{len(directory.numbers)} emergency numbers, {len(directory.stations)} stations, "
        f"{len(directory.streets)} streets; {len(directory.warnings)} warning(s)"
    )
    return 0


def directory_build(args: argparse.Namespace) -> int:
    from .directory.build import build, counts
    from .directory.check import read_directory

    directory = read_directory(args.dir)
    for problem in directory.problems:
        print(problem)
    if directory.problems:
        print(
            f"{len(directory.problems)} problem(s): {args.output} left unchanged", file=sys.stderr
        )
        return 1
    build(directory, args.output)
    per_category, per_arrondissement = counts(directory)
    print(f"built {args.output}: {len(directory.places)} places")
    print("per category:    " + ", ".join(f"{c} {n}" for c, n in sorted(per_category.items())))
    print(
        "per arrondissement: "
        + ", ".join(f"{a or 'outside/unknown'}: {n}" for a, n in sorted(per_arrondissement.items()))
    )
    return 0


def directory_preview(args: argparse.Namespace) -> int:
    """One place's card exactly as a person gets it on Telegram (its text, without the
    bold), from the place files as they are now: an editor sees their change at once."""
    import html
    import re
    import tempfile

    from .core import Core
    from .directory.build import build
    from .directory.check import read_directory
    from .handlers.common import card_html
    from .i18n import Texts

    directory = read_directory(args.dir)
    for problem in directory.problems:
        print(problem, file=sys.stderr)
    if directory.problems:
        return 1
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "preview.db"
        build(directory, db)
        core = Core(db)  # reads the database whole, once
    card = core.card(args.id, None, language=args.lang, falc=args.falc, at=args.at)
    if card is None:
        print(f"no place {args.id!r} in {args.dir} (the id is the file's name)", file=sys.stderr)
        return 2
    texts = Texts(args.lang, args.falc and args.lang == "fr")
    print(html.unescape(re.sub(r"</?b>", "", card_html(card, texts))))
    return 0


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def directory_due(args: argparse.Namespace) -> int:
    """The facts of the place files to check again, by arrondissement: a fact whose last
    check (else its source's date) is older than N months or undated, and every place the
    field reported; with the phone to call and the file to edit."""
    from .directory.check import read_directory
    from .directory.records import earliest_day
    from .directory.schema import FACTS
    from .reports import FieldReports
    from .settings import Settings

    directory = read_directory(args.dir)
    limit = months_before(dt.date.today(), args.months)
    settings = Settings.from_env()
    reported = {}
    if settings.database_url or (settings.data_dir / "reports.db").exists():
        reports = FieldReports(settings.shared_db("reports"))
        reported = {r.place_id: r for r in reports.by_place()}
        reports.close()
    by_area: dict[int, list[str]] = {}
    for place in directory.places:
        origin = directory.origins[place.id]
        if "/places/" not in f"/{origin}":  # open-data families: refreshed by import
            continue
        if args.arrondissement and place.arrondissement != args.arrondissement:
            continue
        stale: dict[str, list[str]] = {}  # '(source, 2019-01-01)' → the facts it dates
        due = []
        for fact in FACTS:
            check = place.confirmed(fact)
            day = check.date if check else earliest_day(place.information_date)
            how = check.how if check else "source"
            if fact == "phone" and not place.phones:
                due.append("phone (none known)")
            elif day is None or day < limit:
                stale.setdefault(f"({how}, {day or 'undated'})", []).append(fact)
        due = [f"{', '.join(facts)} {dated}" for dated, facts in stale.items()] + due
        report = reported.get(place.id)
        if report:
            counts = sorted(report.counts.items())
            due.append("reported " + ", ".join(f"{kind} ×{n}" for kind, n in counts))
        if due:
            call = f"  ☎ {', '.join(place.phones)}" if place.phones else ""
            lines = [f"  {origin}  {place.name}{call}", f"      {'; '.join(due)}"]
            by_area.setdefault(place.arrondissement or 0, []).extend(lines)
    for area in sorted(by_area):
        print(f"{area}e" if area else "arrondissement unknown")
        print("\n".join(by_area[area]))
    count = sum(len(lines) // 2 for lines in by_area.values())
    print(
        f"{count} place file(s) with facts to check (older than {limit} or undated, or "
        "reported). After a check, add it to the file's `checks` (directory/README.md)."
    )
    return 0


def directory_reports(args: argparse.Namespace) -> int:
    """What the field reported, grouped by place, newest first, with the file to edit and
    the phone to call; `--clear ID` once the place is checked."""
    from .directory.check import read_directory
    from .reports import CLOSED_REPORTS, WITHIN, FieldReports
    from .settings import PARIS_TZ, Settings

    reports = FieldReports(Settings.from_env().shared_db("reports"))
    try:
        if args.clear:
            print(f"{reports.clear(args.clear)} report(s) on {args.clear} cleared")
            return 0
        grouped = reports.by_place()
        flagged = reports.closed_flags()
    finally:
        reports.close()
    directory = read_directory(args.dir)
    places = {p.id: p for p in directory.places}
    for entry in grouped:
        place = places.get(entry.place_id)
        where = directory.origins.get(entry.place_id, "(no longer in the directory)")
        print(f"{where}  {place.name if place else entry.place_id}")
        if place and place.phones:
            print(f"    call: {', '.join(place.phones)}")
        counts = ", ".join(f"{kind} ×{n}" for kind, n in sorted(entry.counts.items()))
        last = entry.last.astimezone(PARIS_TZ).strftime("%d/%m/%Y %Hh")
        print(f"    {counts}; last {last}")
        if entry.place_id in flagged:
            print("    shown as 'signalé fermé, à vérifier' and listed after the others")
        for note in entry.notes:
            print(f"    « {note} »")
    hours = int(WITHIN.total_seconds() // 3600)
    print(
        f"{len(grouped)} place(s) reported, {len(flagged)} flagged closed "
        f"({CLOSED_REPORTS} 'closed' reports within {hours} h). "
        "Once checked: fix the file, then `directory reports --clear ID`."
    )
    return 0


def directory_export(args: argparse.Namespace) -> int:
    """The directory as CSV, Open Referral HSDS 3.0 or data·inclusion JSON."""
    import json

    from .directory.check import read_directory
    from .directory.export import to_csv, to_data_inclusion, to_hsds

    directory = read_directory(args.dir)
    for problem in directory.problems:
        print(problem, file=sys.stderr)
    if directory.problems:
        return 1
    if args.format == "csv":
        text = to_csv(directory.places)
    else:
        data = (
            to_hsds(directory.places)
            if args.format == "hsds"
            else to_data_inclusion(directory.places, dt.date.today())
        )
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"{len(directory.places)} places written to {args.output} ({args.format})")
    else:
        sys.stdout.write(text)
    return 0


def directory_import(args: argparse.Namespace) -> int:
    """Bring new data in for review: a data·inclusion export into reviewable place files
    (not served until an editor moves them into places/), or a new copy of an open-data
    family in place of the old one; both print what was added, changed and removed."""
    today = dt.date.today()
    if args.format == "data-inclusion":
        from .directory.check import read_directory
        from .directory.data_inclusion import read_export, sync, to_places

        try:
            structures, services = read_export(args.files)
        except (OSError, ValueError, KeyError, TypeError) as error:
            print(f"cannot read {' '.join(map(str, args.files))}: {error}", file=sys.stderr)
            return 1
        paris = read_directory(args.dir).arrondissements
        imported = to_places(structures, services, today, args.departement, paris)
        for reason, ids in sorted(imported.skipped.items()):
            print(f"left out ({reason}): {len(ids)}, e.g. {', '.join(ids[:3])}")
        into = args.into or args.dir / "incoming" / "data-inclusion"
        report = sync(imported.places, into, args.dir / "places", args.departement)
        print("\n".join(report.lines()))
        print(
            f"Files in {into}: review each one with the structure, then move it into "
            f"{args.dir / 'places'}/<need>/ (directory/README.md)."
        )
        return 0
    from .directory.refresh import refresh

    if len(args.files) != 1:
        print(f"--format {args.format} takes one file: the new copy", file=sys.stderr)
        return 2
    report = refresh(args.dir, args.format, args.files[0], args.date or today, args.source)
    print("\n".join(report.lines()))
    if report.problems:
        print(f"{len(report.problems)} problem(s): nothing changed", file=sys.stderr)
        return 1
    print(f"{args.dir / 'opendata' / 'sources.yaml'} updated; run `directory check`.")
    return 0


def directory_browse(args: argparse.Namespace) -> int:
    """The built database for partners, read-only: Datasette in immutable mode, without
    arbitrary SQL (tables, filters and facets only), with the sources and licence."""
    import os

    if not args.db.exists():
        print(f"{args.db} does not exist: run `make setup` (or `directory build`)", file=sys.stderr)
        return 1
    command = [
        sys.executable, "-m", "datasette", "serve", "--immutable", str(args.db),
        "--metadata", str(args.dir / "datasette.yaml"),
        "--setting", "default_allow_sql", "off",
        "--host", args.host, "--port", str(args.port),
    ]  # fmt: skip
    os.execv(sys.executable, command)


def add_directory_commands(commands: argparse._SubParsersAction) -> None:
    directory = commands.add_parser("directory", help="check, build and review the place files")
    sub = directory.add_subparsers(dest="action", required=True)
    check = sub.add_parser("check", help="validate every file; exit 1 on any problem")
    check.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    check.set_defaults(func=directory_check)
    build = sub.add_parser("build", help="validate, then write the SQLite database atomically")
    build.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    build.add_argument("--output", type=Path, default=DEFAULT_DB)
    build.set_defaults(func=directory_build)
    due = sub.add_parser("due", help="facts to check again, by arrondissement, with the phone")
    due.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    due.add_argument("--months", type=int, default=6)
    due.add_argument("--arrondissement", type=int, choices=range(1, 21), metavar="1-20")
    due.set_defaults(func=directory_due)
    preview = sub.add_parser("preview", help="a place's card as a person gets it, from the files")
    preview.add_argument("id", help="the place's id (its file name without .yaml)")
    preview.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    preview.add_argument("--lang", choices=LANGUAGES, default="fr")
    preview.add_argument("--falc", action="store_true", help="easy-to-read French")
    preview.add_argument("--at", type=moment, help="ISO date and time (Europe/Paris), default now")
    preview.set_defaults(func=directory_preview)
    reporting = sub.add_parser("reports", help="what the field reported, by place")
    reporting.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    reporting.add_argument("--clear", metavar="ID", help="a place checked: its reports go")
    reporting.set_defaults(func=directory_reports)
    export = sub.add_parser("export", help="CSV, Open Referral HSDS 3.0 or data·inclusion JSON")
    export.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    export.add_argument("--format", choices=("csv", "hsds", "data-inclusion"), default="csv")
    export.add_argument("--output", type=Path, help="a file (default: standard output)")
    export.set_defaults(func=directory_export)
    importing = sub.add_parser(
        "import", help="a data·inclusion export for review, or a new open-data copy"
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.add_argument(
        "--format", choices=("data-inclusion", "toilets", "water", "wifi"), required=True
    )
    importing.add_argument("--dir", type=Path, default=DIRECTORY_DIR, help="the directory")
    importing.add_argument("--into", type=Path, help="data-inclusion: the folder to write")
    importing.add_argument("--departement", help="data-inclusion: only this one, e.g. 75")
    importing.add_argument("--date", type=dt.date.fromisoformat, help="the copy's date")
    importing.add_argument("--source", help="open data: where the new copy comes from")
    importing.set_defaults(func=directory_import)
    browse = sub.add_parser("browse", help="the built database, read-only, in Datasette")
    browse.add_argument("--db", type=Path, default=DEFAULT_DB)
    browse.add_argument("--dir", type=Path, default=DIRECTORY_DIR, help="for datasette.yaml")
    browse.add_argument("--host", default="127.0.0.1")
    browse.add_argument("--port", type=int, default=8001)
    browse.set_defaults(func=directory_browse)
