"""Cell values both ways: a stored value as a spreadsheet shows it, a cell as a form reads it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models

from partnerships.choices import Motive
from partnerships.models import (
    BudgetProgramme,
    Contribution,
    Organisation,
    Participation,
    Partnership,
    PolicyDomain,
)

from .columns import CONTRIBUTIONS, PARTNERS, Column, Kind, Sheet
from .parsing import parse_amount, parse_date

BOOL_WORDS = {
    "ja": True,
    "j": True,
    "x": True,
    "waar": True,
    "true": True,
    "1": True,
    "nee": False,
    "n": False,
    "onwaar": False,
    "false": False,
    "0": False,
}
NOT_YES_NO = "Vul ja of nee in."
NOT_A_WHOLE_NUMBER = "Vul een geheel getal in."
NOT_A_NUMBER = "Vul een getal in, bijvoorbeeld 12,5."


def model_of(sheet: Sheet) -> type[models.Model]:
    return {PARTNERS.title: Participation, CONTRIBUTIONS.title: Contribution}.get(
        sheet.title, Partnership
    )


def choices_of(sheet: Sheet, column: Column) -> list[tuple[Any, str]]:
    if column.kind is Kind.CHOICES:
        return list(Motive.choices)
    if column.field == "organisation_kind":
        return list(Organisation._meta.get_field("kind").flatchoices)  # type: ignore[union-attr]
    return list(model_of(sheet)._meta.get_field(column.field).flatchoices)  # type: ignore[union-attr]


def allowed_values(sheet: Sheet, column: Column) -> list[str]:
    if column.kind in (Kind.CHOICE, Kind.CHOICES):
        return [str(label) for value, label in choices_of(sheet, column) if value != ""]
    if column.kind is Kind.BOOL:
        return ["ja", "nee"]
    if column.kind is Kind.POLICY_DOMAIN:
        return [domain.name for domain in PolicyDomain.objects.all()]
    if column.kind is Kind.BUDGET_PROGRAMME:
        return [str(programme) for programme in BudgetProgramme.objects.all()]
    return []


def choice_key(choices: list[tuple[Any, str]], value: Any) -> Any:
    """The stored value for a label or a stored value; unknown text as it is, for the form."""
    text = " ".join(str(value).split()).lower()
    for key, label in choices:
        if text in (str(label).lower(), str(key).lower()):
            return key
    return str(value).strip()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text == "":
        return False
    if text not in BOOL_WORDS:
        raise ValueError(NOT_YES_NO)
    return BOOL_WORDS[text]


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(NOT_A_WHOLE_NUMBER)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = cell_text(value).replace(".", "")
    if not text.lstrip("-").isdigit():
        raise ValueError(NOT_A_WHOLE_NUMBER)
    return int(text)


def parse_percent(value: Any) -> Decimal:
    if isinstance(value, str):
        value = value.replace("%", "").strip()
    try:
        return parse_amount(value)
    except ValueError as error:
        raise ValueError(NOT_A_NUMBER) from error


class Lookups:
    """The reference data a file names, read once per import."""

    def __init__(self) -> None:
        users = list(get_user_model().objects.only("pk", "username", "email"))
        self.users_by_name = {user.username.lower(): user.pk for user in users}
        by_email: dict[str, list[int]] = {}
        for user in users:
            if user.email:
                by_email.setdefault(user.email.lower(), []).append(user.pk)
        self.users_by_email = by_email
        self.domains = {d.name.lower(): d.pk for d in PolicyDomain.objects.all()}
        self.programmes = {p.number: p.pk for p in BudgetProgramme.objects.all()}
        self.programmes_by_name = {p.name.lower(): p.pk for p in BudgetProgramme.objects.all()}
        self.organisations = {o.name.lower(): o.pk for o in Organisation.objects.only("name")}

    def user(self, value: Any) -> int:
        text = cell_text(value).lower()
        if text in self.users_by_name:
            return self.users_by_name[text]
        found = self.users_by_email.get(text, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValueError(
                f"Meer gebruikers hebben het e-mailadres {cell_text(value)}. Vul de "
                "gebruikersnaam in."
            )
        raise ValueError(
            f"Er is geen gebruiker met e-mailadres of gebruikersnaam {cell_text(value)}."
        )

    def policy_domain(self, value: Any) -> int:
        text = cell_text(value)
        if text.lower() not in self.domains:
            raise ValueError(
                f"Het beleidsveld {text} staat niet in de lijst van beleidsvelden. Kies een "
                "beleidsveld uit het blad Toelichting, of laat de beheerder het toevoegen."
            )
        return self.domains[text.lower()]

    def budget_programme(self, value: Any) -> int:
        text = cell_text(value)
        number_text = text.split(".", 1)[0].strip()
        if number_text.isdigit() and int(number_text) in self.programmes:
            return self.programmes[int(number_text)]
        if text.lower() in self.programmes_by_name:
            return self.programmes_by_name[text.lower()]
        raise ValueError(f"Er is geen begrotingsprogramma {text}.")


def read_cell(sheet: Sheet, column: Column, value: Any, lookups: Lookups) -> Any:
    """A filled cell as the form field expects it; ValueError with a Dutch message."""
    kind = column.kind
    if kind is Kind.DATE:
        return parse_date(value)
    if kind is Kind.MONEY:
        return parse_amount(value)
    if kind is Kind.PERCENT:
        return parse_percent(value)
    if kind in (Kind.INT, Kind.ID):
        return parse_int(value)
    if kind is Kind.BOOL:
        return parse_bool(value)
    if kind is Kind.CHOICE:
        return choice_key(choices_of(sheet, column), value)
    if kind is Kind.CHOICES:
        choices = choices_of(sheet, column)
        return [choice_key(choices, part) for part in cell_text(value).split(";") if part.strip()]
    if kind is Kind.USER:
        return lookups.user(value)
    if kind is Kind.POLICY_DOMAIN:
        return lookups.policy_domain(value)
    if kind is Kind.BUDGET_PROGRAMME:
        return lookups.budget_programme(value)
    return cell_text(value)


# Export -------------------------------------------------------------------------------


def labels(sheet: Sheet, column: Column) -> dict[Any, str]:
    return {key: str(label) for key, label in choices_of(sheet, column)}


def stored_cell(sheet: Sheet, column: Column, value: Any) -> Any:
    """A stored value as the export writes it: typed, choices as their labels."""
    return stored_cell_writer(sheet, column)(value)


def stored_cell_writer(sheet: Sheet, column: Column) -> Callable[[Any], Any]:
    """`stored_cell` for one column, its labels looked up once: for every cell of a file."""
    kind = column.kind
    if kind is Kind.BOOL:
        return lambda value: None if value is None or value == "" else ("ja" if value else "nee")
    if kind in (Kind.CHOICE, Kind.CHOICES):
        names = labels(sheet, column)
        if kind is Kind.CHOICE:
            return lambda value: None if value is None or value == "" else names.get(value, value)
        return lambda value: (
            None
            if value is None or value == ""
            else "; ".join(names.get(item, item) for item in value) or None
        )
    return lambda value: None if value is None or value == "" else value
