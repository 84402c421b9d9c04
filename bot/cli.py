"""The command line: `python -m bot directory check|build|stale`, `python -m bot ask`."""

import argparse
import datetime as dt
import sys
from pathlib import Path

from .settings import DEFAULT_DB, DIRECTORY_DIR


def directory_check(args: argparse.Namespace) -> int:
    from .directory.check import read_directory

    directory = read_directory(args.dir)
    for problem in directory.problems:
        print(problem)
    if directory.problems:
        print(f"{len(directory.problems)} problem(s) in {args.dir}", file=sys.stderr)
        return 1
    print(
        f"ok: {len(directory.places)} places, {len(directory.categories)} categories, "
        f"{len(directory.numbers)} emergency numbers, {len(directory.stations)} stations"
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


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def directory_stale(args: argparse.Namespace) -> int:
    from .directory.check import read_directory

    directory = read_directory(args.dir)
    limit = months_before(dt.date.today(), args.months)
    stale = sorted(
        (p for p in directory.places if p.verified_on < limit), key=lambda p: (p.verified_on, p.id)
    )
    for place in stale:
        print(f"{place.verified_on}  {directory.origins[place.id]}  {place.name}")
    print(
        f"{len(stale)} of {len(directory.places)} places verified before {limit} "
        f"({args.months} months)"
    )
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    directory = commands.add_parser("directory", help="check, build and review the place files")
    sub = directory.add_subparsers(dest="action", required=True)
    check = sub.add_parser("check", help="validate every file; exit 1 on any problem")
    check.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    check.set_defaults(func=directory_check)
    build = sub.add_parser("build", help="validate, then write the SQLite database atomically")
    build.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    build.add_argument("--output", type=Path, default=DEFAULT_DB)
    build.set_defaults(func=directory_build)
    stale = sub.add_parser("stale", help="places not verified for N months")
    stale.add_argument("dir", nargs="?", type=Path, default=DIRECTORY_DIR)
    stale.add_argument("--months", type=int, default=12)
    stale.set_defaults(func=directory_stale)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
