"""Understanding a message: text (+ language code, + shared point) → Query."""

from .query import Query, When, Where
from .understander import Understander

__all__ = ["Query", "Understander", "When", "Where"]
