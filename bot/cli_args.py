"""What the command line accepts: a position, a moment, and one line for a bad value."""

import argparse
import datetime as dt
from typing import NoReturn


def point(value: str) -> tuple[float, float]:
    try:
        lat, lon = (float(x) for x in value.split(","))
    except ValueError as error:
        raise argparse.ArgumentTypeError("expected LAT,LON such as 48.884,2.349") from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also refuses nan and inf
        raise argparse.ArgumentTypeError("LAT must be within ±90 and LON within ±180")
    return lat, lon


def moment(value: str) -> dt.datetime:
    """An ISO date and time, Paris time unless it says otherwise."""
    from .clock import valid_moment

    try:
        return valid_moment(dt.datetime.fromisoformat(value))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r}: {error}") from error


class Parser(argparse.ArgumentParser):
    """Bad values get one line and exit 2, never a traceback or a page of usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")
