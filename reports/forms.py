"""The year choice on the reports page, and recording that the raad adopted a document."""

from datetime import date
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms

from samenwerkingswijzer.fields import DutchDateField

from .documents import today
from .models import AdoptableDocument

FIRST_YEAR = 2000


def year_choices() -> list[tuple[int, int]]:
    """From two years ahead back to the first year the register can hold."""
    return [(y, y) for y in range(today().year + 2, FIRST_YEAR - 1, -1)]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Jaar",
        coerce=int,
        choices=year_choices,
        error_messages={"invalid_choice": "Kies een jaar uit de lijst."},
    )

    def selected_year(self) -> int:
        """The chosen year, or this year when the choice is missing or wrong."""
        if self.is_bound and self.is_valid():
            return int(self.cleaned_data["year"])
        return today().year


class AdoptionForm(forms.Form):
    """What a beheerder records after the raad adopted a document."""

    document = forms.ChoiceField(
        label="Document",
        choices=AdoptableDocument.choices,
        error_messages={"required": "Kies het document dat de raad heeft vastgesteld."},
    )
    year = forms.TypedChoiceField(
        label="Jaar",
        coerce=int,
        choices=year_choices,
        error_messages={"invalid_choice": "Kies een jaar uit de lijst."},
    )
    adopted_on = DutchDateField(
        label="Vastgesteld door de raad op",
        error_messages={
            "required": "Vul de datum in waarop de raad het document heeft vastgesteld."
        },
    )
    reference = forms.CharField(
        label="Kenmerk raadsbesluit (mag leeg blijven)",
        max_length=100,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_adopted_on(self) -> date:
        adopted_on: date = self.cleaned_data["adopted_on"]
        if adopted_on > today():
            raise forms.ValidationError("De datum van vaststelling kan niet in de toekomst liggen.")
        return adopted_on
