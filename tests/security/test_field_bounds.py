"""Every text, date and year a user or beheerder can type into the register is bounded."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from evaluations.forms import LapseForm
from governance.forms import AssessmentForm, TierDecisionRowForm
from samenwerkingswijzer.validators import (
    DATE_MESSAGE,
    LINES_MESSAGE,
    ONE_LINE_MESSAGE,
    YEAR_MESSAGE,
)

APPS = ("partnerships", "governance", "evaluations")
# Written by the system only, never typed.
SYSTEM_FIELDS = {"slug", "rule", "rule_key", "history_change_reason"}


def register_fields(kind: type[models.Field]) -> list[models.Field]:
    return [
        field
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, kind)
        and field.editable
        and not field.choices
        and field.name not in SYSTEM_FIELDS
        and not isinstance(field, models.DateTimeField)
    ]


def label(field: models.Field) -> str:
    return f"{field.model.__name__}.{field.name}"


def messages(field: models.Field, value) -> list[str]:
    try:
        field.run_validators(value)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize("field", register_fields(models.CharField), ids=label)
def test_every_line_of_text_refuses_control_characters(field):
    assert field.max_length
    found = messages(field, "a\x07b")
    assert ONE_LINE_MESSAGE in found or LINES_MESSAGE in found


@pytest.mark.parametrize("field", register_fields(models.TextField), ids=label)
def test_every_text_area_has_a_length_and_refuses_control_characters(field):
    assert field.max_length
    assert field.max_length <= 10_000
    assert messages(field, "a" * 1_000_000)
    assert messages(field, "regel\x1bregel") == [LINES_MESSAGE]
    assert messages(field, "regel\r\n\tregel") == []


@pytest.mark.parametrize("field", register_fields(models.DateField), ids=label)
def test_every_date_lies_between_1900_and_2100(field):
    for day in (date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1), date(9999, 12, 31)):
        assert DATE_MESSAGE in messages(field, day), day
    assert messages(field, date(1900, 1, 1)) == messages(field, date(2100, 12, 31)) == []


YEAR_FIELDS = [
    field
    for field in register_fields(models.PositiveSmallIntegerField)
    if field.name in ("year", "tier_decided_year")
]


@pytest.mark.parametrize("field", YEAR_FIELDS, ids=label)
def test_every_year_lies_between_1900_and_2100(field):
    for year in (0, 1899, 2101, 9999):
        assert YEAR_MESSAGE in messages(field, year), year
    assert messages(field, 1900) == messages(field, 2100) == []


def test_the_year_fields_are_all_found():
    assert {label(f) for f in YEAR_FIELDS} >= {
        "Contribution.year",
        "FinancialPosition.year",
        "TierDecision.year",
        "PlanningCalendar.year",
    }


@pytest.mark.parametrize(
    ("form", "names"),
    [
        (TierDecisionRowForm, ("political_topics", "mandate", "motivation")),
        (AssessmentForm, ("motivation",)),
        (LapseForm, ("lapse_reason",)),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_forms_without_a_model_bound_their_texts_too(form, names):
    for name in names:
        field = form.base_fields[name]
        assert field.max_length, name
        with pytest.raises(ValidationError):
            field.clean("a" * 1_000_000)
        with pytest.raises(ValidationError):
            field.clean("tekst\x08")
