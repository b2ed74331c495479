"""Bounds shared by every model of the register: text lengths, stray control characters, dates.

Set on the model fields, so the edit pages, the admin and `full_clean()` all refuse the same
input with the same Dutch message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

# Lengths that fit the use of a text: a name, a line of text, a description, notes.
NAME_LENGTH = 200
LINE_LENGTH = 300
TEXT_LENGTH = 5000
NOTES_LENGTH = 10000

# Control characters (C0, DEL and C1) are invisible, and most of them make a spreadsheet
# cell, and so every XLSX export, fail. Text of several lines may hold tabs and line ends.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_IN_ONE_LINE = re.compile(f"[{_CONTROL}\t\n\r]")
_IN_LINES = re.compile(f"[{_CONTROL}]")

ONE_LINE_MESSAGE = (
    "Deze tekst bevat een onzichtbaar teken dat hier niet mag, zoals een tab of een nieuwe "
    "regel. Haal het weg en probeer het opnieuw."
)
LINES_MESSAGE = (
    "Deze tekst bevat een onzichtbaar stuurteken. Haal het weg, bijvoorbeeld door dat stuk "
    "opnieuw te typen in plaats van het te plakken."
)


def validate_one_line(value: Any) -> None:
    """A name or a line of text: no control characters, no tabs or line ends."""
    if isinstance(value, str) and _IN_ONE_LINE.search(value):
        raise ValidationError(ONE_LINE_MESSAGE, code="control_character")


def validate_lines(value: Any) -> None:
    """Text of several lines: tabs and line ends, no other control characters."""
    if isinstance(value, str) and _IN_LINES.search(value):
        raise ValidationError(LINES_MESSAGE, code="control_character")


def one_line() -> list[Callable[[Any], None]]:
    """The validators of a CharField (which adds its own length check)."""
    return [validate_one_line]


def lines(max_length: int) -> list[Callable[[Any], None]]:
    """The validators of a TextField: its length (a TextField checks none itself) and text."""
    return [MaxLengthValidator(max_length), validate_lines]


DATE_MESSAGE = "Vul een datum in tussen 1900 en 2100."
YEAR_MESSAGE = "Vul een jaar in tussen 1900 en 2100."
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

# Dates far outside our era only come from typos, and would overflow date arithmetic.
PLAUSIBLE_DATE = [
    MinValueValidator(EARLIEST, DATE_MESSAGE),
    MaxValueValidator(LATEST, DATE_MESSAGE),
]
PLAUSIBLE_YEAR = [
    MinValueValidator(EARLIEST.year, YEAR_MESSAGE),
    MaxValueValidator(LATEST.year, YEAR_MESSAGE),
]


def is_plausible(day: date) -> bool:
    """Whether a stored date lies within the years the register accepts."""
    return EARLIEST <= day <= LATEST
