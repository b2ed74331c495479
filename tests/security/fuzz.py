"""Hypothesis building blocks for posting forms as a browser, or someone tampering, would."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from django import forms
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Modest example counts keep the whole fuzz run near a minute; the strategies below aim at
# the edges (control characters, huge texts, huge row counts) rather than at volume.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
# For the costly pages (the editor with four formsets, PDFs after a save).
FUZZ_FEW = settings(FUZZ, max_examples=12)

# Far beyond every text limit, yet small enough that a few in one post stay under Django's
# request size limit (2.5 MB), above which it answers 400 before any form sees the data.
HUGE = 250_000

Strategy = st.SearchStrategy[Any]

control = st.characters(codec="ascii", categories=("Cc",), exclude_characters="\x00")

# Values a visitor could type or tamper with: nothing a form should turn into a 500.
junk = st.one_of(
    st.text(max_size=400),
    st.builds(
        lambda head, char, tail: head + char + tail,
        st.text(max_size=20),
        control,
        st.text(max_size=20),
    ),
    st.integers().map(str),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e999",
            "NaN",
            "-Infinity",
            "12,50",
            "99999999999999999999",
            "javascript:alert(1)",
            "=SUM(A1)",
            "\x00",
            "0001-01-01",
            "9999-12-31",
            "31-02-2024",
            "Naam\x01met\x1fstuurtekens\x7f",
            "Regel\r\nmet\ttab\x0b",
            "a" * HUGE,
            '=HYPERLINK("x")\x0c' * 1000,
        ]
    ),
)

# Text a user types: no control characters (refused, see `junk`) and no null character.
typed = st.characters(exclude_categories=("Cc", "Cs"))


def text(max_size: int, required: bool = False) -> Strategy:
    strategy = st.text(typed, min_size=1 if required else 0, max_size=max_size)
    return strategy.filter(str.strip) if required else strategy


def one_of_values(values: Any, blank: bool = False) -> Strategy:
    return st.sampled_from([*([""] if blank else []), *[str(v) for v in values]])


# Ordinary dates, and the ends of the calendar, where date arithmetic overflows.
dates = st.one_of(
    st.dates(date(1990, 1, 1), date(2040, 12, 31)),
    st.sampled_from([date(1, 1, 1), date(1, 2, 15), date(9999, 12, 31), date(9997, 6, 30)]),
).map(date.isoformat)


def money(min_value: str = "0", max_value: str = "999999999999.99") -> Strategy:
    return st.decimals(Decimal(min_value), Decimal(max_value), places=2).map(str)


checkbox = st.sampled_from([None, "on"])


@st.composite
def post_data(
    draw: st.DrawFn, fields: Mapping[str, Strategy], tamper: bool | None = None
) -> dict[str, Any]:
    """Values for `fields`: all well-formed, or (tampering) each maybe junk or left out.

    A checkbox strategy may draw None: the browser then sends nothing for it.
    """
    if tamper is None:
        tamper = draw(st.booleans())
    data: dict[str, Any] = {}
    for name, strategy in fields.items():
        if tamper and draw(st.booleans()):
            if draw(st.booleans()):
                data[name] = draw(junk)
            continue
        value = draw(strategy)
        if value is not None:
            data[name] = value
    return data


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's writes undone, so the next example starts from the same register."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


ENGLISH = ("This field", "Enter a", "Select a valid", "Ensure ", "Null characters", "tampered")


def error_messages(*forms_or_formsets: Any) -> list[str]:
    """Every message a form, or each form of a formset, shows."""
    messages: list[str] = []
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseForm):
            messages += [str(m) for ms in item.errors.values() for m in ms]
        else:
            messages += [str(m) for m in item.non_form_errors()]
            for form in item.forms:
                messages += [str(m) for ms in form.errors.values() for m in ms]
    return messages


def assert_shown_in_dutch(page: str, messages: list[str]) -> None:
    """The page names what is wrong, in Dutch."""
    assert messages, "a refused form says why"
    for message in messages:
        assert message.strip()
        assert not message.startswith(ENGLISH), message
        assert escape(message) in page, message
