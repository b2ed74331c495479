"""Form fields that read amounts, percentages and dates the Dutch way, and show them so.

One class per kind, used by every form (`dutch_formfield` gives a ModelForm's decimal and
date fields these classes). The reading itself is `formatting.parse_amount`,
`parse_percentage` and `parse_date`, which the spreadsheet import uses as well.

Amounts and percentages are plain text inputs with a decimal keyboard on phones: a number
input refuses `125.000,50` in one browser and turns it into 125.00050 in another. Dates keep
the browser's date picker (`type=date`), which phones offer without JavaScript and which sends
ISO dates; where a browser shows a plain text box instead, `1-4-2027` is read as well.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from . import formatting

# Said once above the amounts of a form (not at every field): how an amount is typed.
AMOUNT_HELP = (
    "Bedragen in euro's, zoals 125.000,50: een punt tussen de duizendtallen, een komma voor "
    "de centen."
)


class AmountInput(forms.TextInput):
    """A text box with the decimal keyboard; a stored amount shows as 125.000,50."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return formatting.amount_for_input(value)
        return super().format_value(value)


class PercentageInput(AmountInput):
    """A text box with the decimal keyboard; a stored share shows as 12,5."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return formatting.percent_for_input(value)
        return super().format_value(value)


class DatePickerInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DutchDecimalField(forms.DecimalField):
    """An amount in euros, read by `formatting.parse_amount`.

    `125.000`, `125.000,50`, `€ 125.000,50` and `125000` are read as a Dutch reader means
    them. A single dot followed by one or two digits at the end, with no other separator, is a
    decimal point (`125000.50`), so that a value pasted from a computer reads as meant; three
    digits after a dot are thousands (`125.000` is 125000). `AMOUNT_HELP` says how to type an
    amount, once above the amounts of a form.
    """

    widget = AmountInput
    parse = staticmethod(formatting.parse_amount)
    default_error_messages = {
        "invalid": formatting.AMOUNT_MESSAGE,
        "max_decimal_places": (
            "Een bedrag heeft hoogstens %(max)s cijfers achter de komma, bijvoorbeeld 125.000,50."
        ),
        "max_digits": "Dit bedrag is te groot: hoogstens %(max)s cijfers.",
        "max_whole_digits": "Dit bedrag is te groot: hoogstens %(max)s cijfers voor de komma.",
    }

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        try:
            parsed: Decimal = self.parse(str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
        return parsed


class DutchPercentageField(DutchDecimalField):
    """A percentage (a share), read by `formatting.parse_percentage`: `12,5`, `12,5 %`, `12.5`.

    A percentage has no thousands, so a dot is a decimal point too.
    """

    widget = PercentageInput
    parse = staticmethod(formatting.parse_percentage)
    default_error_messages = {
        "invalid": formatting.PERCENTAGE_MESSAGE,
        "max_decimal_places": (
            "Een percentage heeft hoogstens %(max)s cijfers achter de komma, bijvoorbeeld 12,5."
        ),
        "max_digits": "Een percentage ligt tussen 0 en 100.",
        "max_whole_digits": "Een percentage ligt tussen 0 en 100.",
    }


class DutchDateField(forms.DateField):
    """A date, read by `formatting.parse_date`: `1-4-2027`, `01-04-2027`, `1 april 2027`, or
    ISO `2027-04-01` (what the date picker sends). A two-digit year is refused, not guessed."""

    widget = DatePickerInput
    default_error_messages = {"invalid": formatting.DATE_MESSAGE}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return formatting.parse_date(str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None


def dutch_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A ModelForm's `formfield_callback`: decimal fields read amounts, date fields dates, the
    Dutch way; a URL typed without scheme gets https://. A form names a percentage field in
    `Meta.field_classes` (`DutchPercentageField`)."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", DutchDecimalField)
    elif isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DutchDateField)
    elif isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)
