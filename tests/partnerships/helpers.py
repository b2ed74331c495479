"""Helpers for posting the partnership editor as a browser would."""

from html import escape
from typing import Any

from django import forms
from django.test.html import Element

from dossiers.editor import PartnershipEditor
from partnerships.models import Partnership
from samenwerkingswijzer.editing import form_data
from tests.html_page import find, find_all, parse, text


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


def history_entries(response: Any) -> list[str]:
    """What each entry of the page's change history says, newest first:
    "Partner Gemeente Leiden gewijzigd door jansen op 17 juni 2026 om 12:00"."""
    history = find(parse(response), "ol", class_="history")
    return [text(find(entry, "p")) for entry in find_all(history, "li")]


def history_changes(response: Any) -> list[tuple[str, ...]]:
    """(field, was, is now) of every changed field in the page's change history, newest first."""
    history = find(parse(response), "ol", class_="history")
    return [
        tuple(text(cell) for cell in row.children if isinstance(cell, Element))
        for body in find_all(history, "tbody")
        for row in find_all(body, "tr")
    ]
