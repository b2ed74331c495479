"""`{{ amount|euro }}` in every template: € 1.234.567 and € 1.234,50.

The notation itself is samenwerkingswijzer/formatting.py.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from samenwerkingswijzer import formatting

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    """Cents only when there are any; empty stays empty."""
    return formatting.euro(amount)
