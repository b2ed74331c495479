"""Amounts are written one way everywhere: Dutch notation, no line break after the euro sign."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from samenwerkingswijzer.formatting import euro


@pytest.mark.parametrize(
    ("amount", "options", "expected"),
    [
        (Decimal("1250000"), {}, "€ 1.250.000"),
        (Decimal("99999.5"), {}, "€ 99.999,50"),
        (Decimal("0.004"), {}, "€ 0"),
        (Decimal("0.005"), {}, "€ 0,01"),
        (Decimal("-1234.56"), {}, "€ -1.234,56"),
        (1000, {}, "€ 1.000"),
        (Decimal("1234567.50"), {"whole": True}, "€ 1.234.568"),
        (Decimal("2.5"), {"whole": True}, "€ 3"),
        (Decimal("-0.4"), {"whole": True}, "€ 0"),
        (Decimal("-1250.5"), {"whole": True}, "€ -1.251"),
        (None, {}, ""),
        (None, {"whole": True, "missing": "–"}, "–"),
    ],
)
def test_euro_in_dutch_notation(amount, options, expected):
    assert euro(amount, **options) == expected.replace(" ", "\u00a0")


def test_templates_write_amounts_the_same_way_and_never_fail_on_a_missing_value():
    template = Template(
        "{% load money %}[{{ amount|euro }}] [{{ missing|euro }}] [{{ text|euro }}]"
    )
    rendered = template.render(Context({"amount": Decimal("248000.10"), "text": "onbekend"}))
    assert rendered == "[€\u00a0248.000,10] [] []"
