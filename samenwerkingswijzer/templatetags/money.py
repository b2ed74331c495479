"""`{{ amount|euro }}` in every template: € 1.234.567 and € 1.234,50.

The notation itself is samenwerkingswijzer/formatting.py.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from samenwerkingswijzer import formatting

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    """Cents only when there are any; empty stays empty, and so does anything not a number
    (a missing variable reaches a filter as ""): a page never fails on it."""
    try:
        return formatting.euro(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
