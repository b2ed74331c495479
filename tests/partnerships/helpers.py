"""Helpers for posting the partnership editor as a browser would."""

from html import escape
from typing import Any

from django import forms

from dossiers.editor import PartnershipEditor
from partnerships.models import Partnership
from samenwerkingswijzer.editing import form_data


def _add_form(data: dict[str, Any], form: forms.BaseForm) -> None:
    data.update(form_data(form))


def editor_data(user: Any, partnership: Partnership | None = None) -> dict[str, Any]:
    """The POST data of the form as it is first shown: what "Opslaan" without changes sends."""
    editor = PartnershipEditor(user, partnership)
    data: dict[str, Any] = {}
    _add_form(data, editor.form)
    for formset in editor.formsets.values():
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def new_partnership_data(user: Any, **fields: Any) -> dict[str, Any]:
    """A valid new partnership without partners or contributions."""
    data = editor_data(user)
    data.update(
        {
            "name": "Regionale Energiestrategie",
            "description": "Samen werken aan duurzame energie in de regio.",
            "nature": "beleidsafstemming",
            "legal_form": "convenant",
            "start_date": "2024-01-01",
            "status": "actief",
            "evaluation_lead_months": "3",
        }
    )
    data.update(fields)
    return data


def html(response: Any) -> str:
    return response.content.decode()


def shows(response: Any, message: str) -> bool:
    return escape(message) in html(response)
