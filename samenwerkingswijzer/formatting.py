"""How the app writes an amount of money, on every page, in every PDF and in every message.

Pure Python without Django, so that the pure rules (governance/scoring.py) use it too. The
open data files do not use it: they carry plain numbers ("1234.50") for machines.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# Between "€" and the number: a line never breaks there.
NBSP = "\u00a0"


def euro(amount: Decimal | int | None, *, whole: bool = False, missing: str = "") -> str:
    """Dutch notation: € 1.250.000, or € 99.999,50 when there are cents; `missing` for None.

    `whole` rounds half up to whole euros, as the printed documents and the charts show
    amounts. A negative amount reads € -1.250.
    """
    if amount is None:
        return missing
    rounded = round_euro(amount, whole=whole)
    whole_part, _, cents = f"{abs(rounded):,.2f}".partition(".")
    text = whole_part.replace(",", ".") + ("" if cents == "00" else f",{cents}")
    sign = "-" if rounded < 0 else ""
    return f"€{NBSP}{sign}{text}"


def round_euro(amount: Decimal | int, *, whole: bool = False) -> Decimal:
    """The amount `euro` writes: to cents, or half up to whole euros with `whole`.

    A printed total adds up the rounded rows, so that it equals the sum of what is printed.
    """
    step = Decimal(1) if whole else Decimal("0.01")
    # Through str: a float's binary value would round 2.675 down.
    return Decimal(str(amount)).quantize(step, rounding=ROUND_HALF_UP)


NOTHING = "(leeg)"


def display_value(model_field: Any, value: Any) -> str:
    """A stored or entered value of `model_field` as a person reads it (e.g. in a conflict)."""
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, bool):
        return "ja" if value else "nee"
    choices = dict(getattr(model_field, "flatchoices", None) or [])
    if getattr(model_field, "remote_field", None) is not None:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else NOTHING
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return str(value)
