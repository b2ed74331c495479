"""What every edit page shares: optimistic locking, the error summary, the date widget.

Two people may open the same record. The second save of a stale form is refused with a Dutch
message and the user's input kept; saving again then goes through deliberately.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.db.models import F
from django.http import QueryDict

from .fields import DatePickerInput


@dataclass(frozen=True)
class ErrorLink:
    """One line of the error summary: what is wrong and where to fix it."""

    anchor: str
    label: str
    message: str


class ConcurrentEditError(Exception):
    """The record changed since the form was opened."""

    def __init__(self, message: str, current_version: int) -> None:
        super().__init__(message)
        self.message = message
        self.current_version = current_version


def claim_version(instance: Any, expected: int | None, conflict_message: str) -> None:
    """Raise the record's version if it is still `expected` (one conditional update), or
    raise ConcurrentEditError. `instance` has an integer field `version`."""
    model: type[models.Model] = type(instance)
    if expected is None:
        raise ConcurrentEditError(conflict_message, instance.version)
    claimed = model._default_manager.filter(pk=instance.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        current = (
            model._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        )
        raise ConcurrentEditError(conflict_message, current or 0)
    # The model save that follows writes every column, so it must carry the new version.
    instance.version = expected + 1


def keep_input_after_conflict(form: forms.BaseForm, error: ConcurrentEditError) -> None:
    """Show the conflict above the user's own input, and let a second save go through."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["version"] = str(error.current_version)
    form.data = data
    form.add_error(None, error.message)


def field_error_links(form: forms.BaseForm, prefix: str = "") -> list[ErrorLink]:
    """One summary line per field error, linked to the field."""
    links = []
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound = form[name]
        links += [
            ErrorLink(bound.auto_id or name, f"{prefix}{bound.label}", str(message))
            for message in messages
        ]
    return links


def form_data(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser posts for `form` as it is shown: its values by input name."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
            continue
        if isinstance(value, date):
            value = value.isoformat()
        data[bound.html_name] = "" if value is None else str(value)
    return data


def date_input() -> forms.DateInput:
    """The browser's date picker, with the ISO value it expects (fields.DatePickerInput)."""
    return DatePickerInput()
