"""Dutch notation for the public pages: amounts as € 1.234.567 and € 1.234,50."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    """Whole euros without cents, other amounts with two decimals; empty stays empty."""
    if amount is None:
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    return "€\u00a0" + number_format(amount, places, use_l10n=True, force_grouping=True)
