"""`{% load formatting %}`: the display vocabulary of samenwerkingswijzer/formatting.py as
template filters, so that a template writes an amount, a date or "nothing" as every other
page, table and PDF does.

    {{ amount|euro }}               € 1.234.567 · € 1.234,50 · – when there is none
    {{ amount|euro:"nog niet bekend" }}   the same, with its own words for none
    {{ amount|euro_whole }}         € 1.234.568
    {{ share|percent }}             12,5%
    {{ day|date_short }}            01-04-2027 (tables, forms)
    {{ day|date_long }}             1 april 2027 (running text)
    {{ flag|yes_no }}               Ja · Nee
    {{ text|or_nothing }}           the text, or – when it is empty
    {{ partnership.tier_enum|tier_label }}   Politiek belangrijk · Nog niet afgewogen
    {% nothing %}                   –

A filter never fails a page: a value it cannot read (a missing variable reaches a filter
as "") is written as nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone

from samenwerkingswijzer import formatting

register = template.Library()


def _amount(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def euro(amount: Any, missing: str = formatting.NOTHING) -> str:
    """Cents only when there are any; `missing` (a dash) for no amount."""
    value = _amount(amount)
    return formatting.euro(value, missing=missing) if value is not None else missing


@register.filter
def euro_whole(amount: Any, missing: str = formatting.NOTHING) -> str:
    value = _amount(amount)
    return formatting.euro_whole(value, missing=missing) if value is not None else missing


@register.filter
def percent(value: Any, missing: str = formatting.NOTHING) -> str:
    number = _amount(value)
    return formatting.percent(number) if number is not None else missing


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


@register.filter
def date_short(value: Any, missing: str = formatting.NOTHING) -> str:
    return formatting.date_short(_day(value), missing=missing)


@register.filter
def date_long(value: Any, missing: str = formatting.NOTHING) -> str:
    return formatting.date_long(_day(value), missing=missing)


@register.filter
def yes_no(value: Any) -> str:
    return formatting.yes_no(None if value is None or value == "" else bool(value))


@register.filter
def or_nothing(value: Any) -> Any:
    """The value, or the dash for nothing when it is empty (None, "", an empty list)."""
    if value is None or value == "" or value == []:
        return formatting.NOTHING
    return value


@register.filter
def tier_label(tier: Any) -> str:
    return formatting.tier_label(tier or None)


@register.simple_tag
def nothing() -> str:
    return formatting.NOTHING
