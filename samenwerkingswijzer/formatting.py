"""How the app writes and reads amounts, percentages, dates, yes/no, "nothing" and tiers.

Every page, table, chart, PDF and message writes these values through this module, so they
read the same everywhere; every form (through samenwerkingswijzer/fields.py) and the
spreadsheet import read what people type through the `parse_*` functions here.

Pure Python without Django, so that the pure rules (governance/scoring.py) and callers
outside a form use it too. The open data files do not use it: they carry plain numbers
("1234.50") and ISO dates for machines.

Writing, one function per context:

| value | function | example |
|---|---|---|
| amount, cents only when there are any | `euro` | € 125.000,50 · € 125.000 |
| amount rounded to whole euros (printed documents, charts) | `euro_whole` | € 125.001 |
| amount in a form field (no euro sign) | `amount_for_input` | 125.000,50 |
| percentage | `percent` / `percent_for_input` | 12,5% / 12,5 |
| date in a table, a form, a footer | `date_short` | 01-04-2027 |
| date in running text | `date_long` | 1 april 2027 |
| date and time in a table or footer | `datetime_short` | 01-04-2027 14:05 |
| yes or no | `yes_no` | Ja · Nee |
| nothing known (every page, table and PDF) | `NOTHING` | – |
| a tier, or none yet | `tier_label` | Politiek belangrijk · Nog niet afgewogen |
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Protocol

# Between "€" and the number: a line never breaks there.
NBSP = "\u00a0"

# The one sign for "nothing known" (no amount, no date, no account holder): an en dash.
NOTHING = "–"

NOT_ASSESSED = "Nog niet afgewogen"

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


# --- writing ------------------------------------------------------------------------------


def _digits(value: Decimal, *, places: int | None) -> str:
    """|value| with Dutch separators: `places` decimals, or as many as the value has."""
    text = f"{abs(value):,.{places}f}" if places is not None else f"{abs(value):,f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def round_euro(amount: Decimal | int, *, whole: bool = False) -> Decimal:
    """The amount `euro` (cents) or `euro_whole` (half up to whole euros) writes.

    A printed total adds up the rounded rows, so that it equals the sum of what is printed.
    """
    step = Decimal(1) if whole else Decimal("0.01")
    # Through str: a float's binary value would round 2.675 down.
    return Decimal(str(amount)).quantize(step, rounding=ROUND_HALF_UP)


def _euro(rounded: Decimal) -> str:
    places = 0 if rounded == rounded.to_integral_value() else 2
    sign = "-" if rounded < 0 else ""
    return f"€{NBSP}{sign}{_digits(rounded, places=places)}"


def euro(amount: Decimal | int | None, *, missing: str = NOTHING) -> str:
    """€ 1.250.000, or € 99.999,50 when there are cents; `missing` (a dash) for None.

    A negative amount reads € -1.250.
    """
    if amount is None:
        return missing
    return _euro(round_euro(amount))


def euro_whole(amount: Decimal | int | None, *, missing: str = NOTHING) -> str:
    """Rounded half up to whole euros, as the printed documents and the charts show amounts:
    € 1.234.568 for 1234567.50."""
    if amount is None:
        return missing
    return _euro(round_euro(amount, whole=True))


def amount_for_input(amount: Decimal | int) -> str:
    """An amount as a form field shows it, so that saving it unchanged reads it back the same:
    125.000,50, or 125.000 for whole euros; a minus sign in front of a loss."""
    value = Decimal(amount)
    places = 0 if value == value.to_integral_value() else max(2, -_exponent(value))
    return ("-" if value < 0 else "") + _digits(value, places=places)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _plain_number(value: Decimal) -> str:
    """12,5 for 12.50: a decimal comma, no trailing zeros, no thousands separators."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def percent_for_input(value: Decimal | int) -> str:
    """A percentage as a form field shows it: 12,5 (the field says it is a percentage)."""
    return _plain_number(Decimal(value))


def percent(value: Decimal | int | None, *, missing: str = NOTHING) -> str:
    """12,5% for 12.50; `missing` (a dash) for None."""
    if value is None:
        return missing
    return f"{_plain_number(Decimal(value))}%"


def date_short(day: date | None, *, missing: str = NOTHING) -> str:
    """A date in a table, a form or a footer: 01-04-2027 (dd-mm-jjjj)."""
    if day is None:
        return missing
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def date_long(day: date | None, *, missing: str = NOTHING) -> str:
    """A date in running text: 1 april 2027, without depending on the process's locale."""
    if day is None:
        return missing
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def datetime_short(moment: datetime | None, *, missing: str = NOTHING) -> str:
    """A moment in a table or a footer: 01-04-2027 14:05 (in the moment's own time zone)."""
    if moment is None:
        return missing
    return f"{date_short(moment.date())} {moment:%H:%M}"


def count_of(number: int, singular: str, plural: str) -> str:
    """1 samenwerkingsverband, 4 samenwerkingsverbanden: said as one would, never "(en)"."""
    return f"{number} {singular if number == 1 else plural}"


def yes_no(value: bool | None, *, missing: str = NOTHING) -> str:
    """Ja or Nee; `missing` when nobody said."""
    if value is None:
        return missing
    return "Ja" if value else "Nee"


class Labelled(Protocol):
    @property
    def label(self) -> str: ...


def tier_label(tier: Labelled | None) -> str:
    """The label of a tier (governance's `Tier`), or "Nog niet afgewogen" for no tier."""
    return tier.label if tier else NOT_ASSESSED


def display_value(model_field: Any, value: Any) -> str:
    """A stored or entered value of `model_field` as a person reads it (e.g. in a conflict)."""
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, bool):
        return yes_no(value)
    choices = dict(getattr(model_field, "flatchoices", None) or [])
    if getattr(model_field, "remote_field", None) is not None:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else NOTHING
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if value in choices:
        return str(choices[value])
    if isinstance(value, date):
        return date_short(value)
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return date_short(date.fromisoformat(value))
        except ValueError:
            return value
    if getattr(model_field, "is_money", False):
        try:
            return euro(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


# --- reading ------------------------------------------------------------------------------
#
# Each parser takes what a person typed (or a spreadsheet cell's text) and returns the value,
# or raises ValueError with a Dutch message that says how to write it.

AMOUNT_MESSAGE = "Vul een bedrag in, bijvoorbeeld 125.000,50 of 125000."
PERCENTAGE_MESSAGE = "Vul een percentage in, bijvoorbeeld 12,5."
DATE_MESSAGE = "Vul een datum in als dag-maand-jaar, bijvoorbeeld 1-4-2027."

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_SIGN = re.compile(r"^([-−+]?)\s*(.*?)$")
# 125.000,50 · 125000,50 · 125,- (whole euros, as on a price tag)
_WITH_COMMA = re.compile(r"^(?P<whole>[1-9]\d{0,2}(?:\.\d{3})+|\d+),(?P<fraction>\d+|-{1,2})$")
# 125.000 · 1.250.000: a dot followed by groups of three digits separates thousands
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
# 125000.50 · 12.5: a single dot followed by one or two digits is a decimal point
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")
_INTEGER = re.compile(r"^\d+$")


def _sign_and_body(text: str, message: str) -> tuple[bool, str]:
    match = _SIGN.match(text.strip())
    if match is None or not match.group(2):
        raise ValueError(message)
    return match.group(1) in ("-", "−"), _SPACES.sub("", match.group(2))


def parse_amount(text: str) -> Decimal:
    """An amount typed the Dutch way: `125.000`, `125.000,50`, `€ 125.000,50`, `125000`.

    The comma is the decimal separator; a dot separates thousands (in groups of three).
    One exception, so that a number from a computer or a spreadsheet reads as meant: a single
    dot followed by one or two digits at the end, with no other separator, is a decimal point
    (`125000.50` is 125000,50; `125.000` stays 125000). A euro sign or "EUR", spaces and a minus
    sign in front are allowed; `125,-` is 125 euros. Anything else raises ValueError.
    """
    cleaned = text.strip()
    negative_outside, cleaned = _sign_and_body(cleaned, AMOUNT_MESSAGE)
    cleaned = re.sub(r"^(€|eur)|(€|eur)$", "", cleaned, flags=re.IGNORECASE)
    negative, body = _sign_and_body(cleaned, AMOUNT_MESSAGE)
    if negative and negative_outside:
        raise ValueError(AMOUNT_MESSAGE)
    if match := _WITH_COMMA.match(body):
        fraction = match["fraction"].strip("-") or "0"
        number = f"{match['whole'].replace('.', '')}.{fraction}"
    elif _THOUSANDS.match(body):
        number = body.replace(".", "")
    elif _DOT_DECIMAL.match(body) or _INTEGER.match(body):
        number = body
    else:
        raise ValueError(AMOUNT_MESSAGE)
    value = Decimal(number)
    return -value if negative or negative_outside else value


_PERCENTAGE = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_percentage(text: str) -> Decimal:
    """A percentage: `12,5`, `12,5 %`, `12.5`, `100`.

    A percentage has no thousands, so a comma and a dot are both read as the decimal
    separator. The percent sign is optional. Anything else raises ValueError.
    """
    negative, body = _sign_and_body(text, PERCENTAGE_MESSAGE)
    body = body.removesuffix("%")
    if not _PERCENTAGE.match(body):
        raise ValueError(PERCENTAGE_MESSAGE)
    value = Decimal(body.replace(",", "."))
    return -value if negative else value


_ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_DUTCH_DATE = re.compile(
    r"^(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})$"
)
_WRITTEN_DATE = re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\.?\s+(?P<year>\d{4})$")
_MONTH_NAMES = {name: n for n, name in enumerate(MONTHS, 1)} | {
    name[:3]: n for n, name in enumerate(MONTHS, 1)
}
_MONTH_NAMES["mrt"] = 3


def parse_date(text: str) -> date:
    """A date as day-month-year: `1-4-2027`, `01-04-2027`, `1/4/2027`, `1.4.2027`,
    `1 april 2027`, `1 apr 2027`; or ISO `2027-04-01` (what a browser's date picker sends).

    The year has four digits: `1-4-27` is refused rather than guessed. A day that does not
    exist (31-2-2027) raises ValueError, as does anything else.
    """
    cleaned = _SPACES.sub(" ", text.strip().lower())
    match = _ISO_DATE.match(cleaned) or _DUTCH_DATE.match(cleaned)
    if match:
        month = int(match["month"])
    elif (match := _WRITTEN_DATE.match(cleaned)) and match["month"] in _MONTH_NAMES:
        month = _MONTH_NAMES[match["month"]]
    else:
        raise ValueError(DATE_MESSAGE)
    try:
        return date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        raise ValueError(f"Deze datum bestaat niet: {text.strip()}. {DATE_MESSAGE}") from None
