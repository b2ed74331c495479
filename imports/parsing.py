"""Reading what a person types in a spreadsheet cell: Dutch amounts and dates.

Pure Python without Django. `parse_amount` and `parse_date` accept what a Dutch user writes
(`125.000`, `125.000,50`, `€ 1.234,56`, `1-4-2027`, `01-04-2027`) and what a spreadsheet
stores (numbers, dates, ISO text); anything else raises ValueError with a Dutch message.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

AMOUNT_UNREADABLE = "Vul een bedrag in zoals 125.000 of 125.000,50."
DATE_UNREADABLE = "Vul een datum in zoals 1-4-2027."

# Dutch grouping: dots every three digits, an optional decimal comma.
_DUTCH = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")
# A plain number with a decimal point, as a machine (or the open data) writes it.
_PLAIN = re.compile(r"^-?\d+\.\d{1,2}$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_amount(value: object) -> Decimal:
    """An amount in euros as Decimal; ValueError when it cannot be read."""
    if isinstance(value, bool):
        raise ValueError(AMOUNT_UNREADABLE)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Through str: the float's binary value would add digits nobody typed.
        return Decimal(str(value))
    if isinstance(value, Decimal):
        return value
    text = str(value).replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if _PLAIN.match(text) and "," not in text:
        return Decimal(text)
    if not _DUTCH.match(text):
        raise ValueError(AMOUNT_UNREADABLE)
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(AMOUNT_UNREADABLE) from error


def parse_date(value: object) -> date:
    """A date (day-month-year, or ISO as a spreadsheet or the export writes it)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text[:10])
    except ValueError as error:
        raise ValueError(DATE_UNREADABLE) from error
