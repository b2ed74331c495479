"""The year choice on the reports page."""

from django import forms

from .documents import today

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
