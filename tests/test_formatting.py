"""The display vocabulary is one module: amounts, percentages, dates, yes/no, nothing, tiers,
written one way everywhere and read back the Dutch way (samenwerkingswijzer/formatting.py)."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from partnerships.tiers import Tier
from samenwerkingswijzer.formatting import (
    NOTHING,
    amount_for_input,
    count_of,
    date_long,
    date_short,
    datetime_short,
    euro,
    euro_whole,
    parse_amount,
    parse_date,
    parse_percentage,
    percent,
    percent_for_input,
    tier_label,
    yes_no,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1250000"), "€ 1.250.000"),
        (Decimal("99999.5"), "€ 99.999,50"),
        (Decimal("0.004"), "€ 0"),
        (Decimal("0.005"), "€ 0,01"),
        (Decimal("-1234.56"), "€ -1.234,56"),
        (1000, "€ 1.000"),
        (None, "–"),
    ],
)
def test_euro_writes_cents_only_when_there_are_any(amount, expected):
    assert euro(amount) == expected.replace(" ", NBSP)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1234567.50"), "€ 1.234.568"),
        (Decimal("2.5"), "€ 3"),
        (Decimal("-0.4"), "€ 0"),
        (Decimal("-1250.5"), "€ -1.251"),
        (None, "–"),
    ],
)
def test_euro_whole_rounds_half_up_to_whole_euros(amount, expected):
    assert euro_whole(amount) == expected.replace(" ", NBSP)


def test_the_other_values_have_one_notation_each():
    day = date(2027, 4, 1)
    assert (date_short(day), date_long(day)) == ("01-04-2027", "1 april 2027")
    assert datetime_short(datetime(2027, 4, 1, 14, 5)) == "01-04-2027 14:05"
    assert (percent(Decimal("12.50")), percent(Decimal("100"))) == ("12,5%", "100%")
    assert (yes_no(True), yes_no(False)) == ("Ja", "Nee")
    assert tier_label(Tier.POLITIEK_BELANGRIJK) == "Politiek belangrijk"
    assert tier_label(None) == "Nog niet afgewogen"
    # One sign for nothing, an en dash, wherever a value is missing.
    assert NOTHING == "–"
    assert {date_short(None), date_long(None), percent(None), yes_no(None), euro(None)} == {"–"}


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("125.000", "125000"),
        ("125.000,50", "125000.50"),
        ("€ 125.000,50", "125000.50"),
        ("€125.000,50", "125000.50"),
        ("125.000,50 €", "125000.50"),
        ("EUR 3.000", "3000"),
        ("125000.50", "125000.50"),
        ("125000.5", "125000.5"),
        ("125000", "125000"),
        ("1.234.567,89", "1234567.89"),
        ("0,5", "0.5"),
        ("125,-", "125"),
        ("-1.250", "-1250"),
        ("€ -1.250,50", "-1250.50"),
        ("-€ 1.250", "-1250"),
        (f"€{NBSP}99.999,50", "99999.50"),
    ],
)
def test_parse_amount_reads_dutch_notation(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    "typed",
    ["", "€", "honderd", "125,000.50", "1.23.456", "1234.567", "0.125", "1e5", "NaN", "--5"],
)
def test_parse_amount_refuses_what_it_cannot_read_with_a_dutch_example(typed):
    with pytest.raises(ValueError, match=r"^Vul een bedrag in, bijvoorbeeld 125\.000,50"):
        parse_amount(typed)


@pytest.mark.parametrize(
    ("typed", "share"),
    [("12,5", "12.5"), ("12,5 %", "12.5"), ("12,5%", "12.5"), ("12.5", "12.5"), ("100", "100")],
)
def test_parse_percentage_reads_a_comma_a_dot_and_a_percent_sign(typed, share):
    assert parse_percentage(typed) == Decimal(share)


@pytest.mark.parametrize("typed", ["", "%", "de helft", "1.000,5", "12,5,5"])
def test_parse_percentage_refuses_what_it_cannot_read(typed):
    with pytest.raises(ValueError, match=r"^Vul een percentage in, bijvoorbeeld 12,5\."):
        parse_percentage(typed)


@pytest.mark.parametrize(
    "typed",
    ["1-4-2027", "01-04-2027", "2027-04-01", "1/4/2027", "1.4.2027", "1 april 2027", "1 apr 2027"],
)
def test_parse_date_reads_day_month_year_and_iso(typed):
    assert parse_date(typed) == date(2027, 4, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1-4-27", "Vul een datum in als dag-maand-jaar, bijvoorbeeld 1-4-2027."),
        ("4/1/2027x", "Vul een datum in als dag-maand-jaar, bijvoorbeeld 1-4-2027."),
        ("1-4/2027", "Vul een datum in als dag-maand-jaar, bijvoorbeeld 1-4-2027."),
        ("31-2-2027", "Deze datum bestaat niet: 31-2-2027."),
    ],
)
def test_parse_date_refuses_what_it_cannot_read(typed, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        parse_date(typed)


AMOUNTS = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@pytest.mark.fuzz
@given(AMOUNTS)
def test_an_amount_shown_in_a_form_reads_back_as_the_same_amount(amount):
    assert parse_amount(amount_for_input(amount)) == amount


@pytest.mark.fuzz
@given(AMOUNTS)
def test_an_amount_written_on_a_page_reads_back_as_the_same_amount(amount):
    assert parse_amount(euro(amount)) == amount


@pytest.mark.fuzz
@given(st.decimals(min_value=0, max_value=100, places=2))
def test_a_percentage_written_reads_back_as_the_same_percentage(share):
    assert parse_percentage(percent(share)) == share
    assert parse_percentage(percent_for_input(share)) == share


@pytest.mark.fuzz
@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_date_written_reads_back_as_the_same_date(day):
    assert parse_date(date_short(day)) == day
    assert parse_date(date_long(day)) == day


def test_templates_write_values_the_same_way_and_never_fail_on_a_missing_value():
    template = Template(
        "{% load formatting %}[{{ amount|euro }}] [{{ missing|euro }}] [{{ text|euro }}] "
        '[{{ missing|euro:"nog niet bekend" }}] [{{ share|percent }}] [{{ day|date_short }}] '
        "[{{ day|date_long }}] [{{ flag|yes_no }}] [{{ missing|or_nothing }}] "
        "[{{ missing|tier_label }}] [{% nothing %}]"
    )
    rendered = template.render(
        Context(
            {
                "amount": Decimal("248000.10"),
                "text": "onbekend",
                "share": Decimal("12.50"),
                "day": date(2027, 4, 1),
                "flag": True,
            }
        )
    )
    assert rendered == (
        f"[€{NBSP}248.000,10] [–] [–] [nog niet bekend] [12,5%] [01-04-2027] "
        "[1 april 2027] [Ja] [–] [Nog niet afgewogen] [–]"
    )


def test_a_count_says_one_or_many_as_one_would():
    assert count_of(1, "samenwerkingsverband", "samenwerkingsverbanden") == (
        "1 samenwerkingsverband"
    )
    assert count_of(0, "koppeling", "koppelingen") == "0 koppelingen"
    assert count_of(4, "koppeling", "koppelingen") == "4 koppelingen"
