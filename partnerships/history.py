"""The change history of a partnership as people read it: who changed which field, from what
to what, and when. Built from django-simple-history's records of the partnership and of its
partners, contributions, financial positions and decisions, with one query per model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from samenwerkingswijzer.formatting import NOTHING, date_short, euro, percent, yes_no

from .choices import Motive
from .models import Contribution, Decision, FinancialPosition, Participation, Partnership

HIDDEN_FIELDS = frozenset({"id", "partnership", "slug", "created_at", "updated_at", "version"})
ACTIONS = {"+": "toegevoegd", "~": "gewijzigd", "-": "verwijderd"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """One saved change of one record."""

    when: datetime
    who: str
    subject: str
    action: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class TrackedModel:
    model: type[models.Model]
    related: tuple[str, ...]
    subject: Callable[[Any], str]
    # For a new partnership itself, listing every field would drown the page.
    list_fields_on_create: bool = True


def _choice_label(model: type[models.Model], name: str) -> Callable[[Any], str]:
    labels = dict(model._meta.get_field(name).flatchoices)  # type: ignore[union-attr]
    return lambda value: str(labels.get(value, value))


TRACKED = (
    TrackedModel(
        Partnership,
        ("policy_domain", "budget_programme", "account_holder", "deputy"),
        lambda record: "Samenwerkingsverband",
        list_fields_on_create=False,
    ),
    TrackedModel(
        Participation,
        ("organisation",),
        lambda record: f"Partner {record.organisation or ''}".strip(),
    ),
    TrackedModel(
        Contribution,
        (),
        lambda record: (
            f"Bijdrage {record.year} ({_choice_label(Contribution, 'kind')(record.kind).lower()})"
        ),
    ),
    TrackedModel(FinancialPosition, (), lambda record: f"Financiële positie {record.year}"),
    TrackedModel(Decision, (), lambda record: f"Besluit: {record.title}"),
)


def display_value(model_field: models.Field[Any, Any], record: Any) -> str:
    """A field's value in a historical record, in the words the form uses."""
    if model_field.is_relation:
        related = getattr(record, model_field.name, None)
        return str(related) if related is not None else NOTHING
    value = getattr(record, model_field.attname)
    if value is None or value == "" or value == []:
        return NOTHING
    if model_field.name == "motives":
        labels = dict(Motive.choices)
        return ", ".join(str(labels.get(item, item)) for item in value)
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, date):
        return date_short(value)
    if getattr(model_field, "is_money", False):
        return euro(value)
    if isinstance(value, Decimal):
        # The only other decimal of the register is a partner's share.
        return percent(value)
    return str(value)


def shown_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields  # type: ignore[misc]
        if f.name not in HIDDEN_FIELDS and f.editable
    ]


def diff(fields: Iterable[models.Field[Any, Any]], old: Any, new: Any) -> list[FieldChange]:
    """The fields whose stored value differs between two records of the same object."""
    changes = []
    for model_field in fields:
        before, after = getattr(old, model_field.attname), getattr(new, model_field.attname)
        if before != after:
            changes.append(
                FieldChange(
                    str(model_field.verbose_name),
                    display_value(model_field, old),
                    display_value(model_field, new),
                )
            )
    return changes


def _entries_for(tracked: TrackedModel, records: Iterable[Any]) -> list[HistoryEntry]:
    fields = shown_fields(tracked.model)
    previous: dict[int, Any] = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "~" and before is not None:
            changes = diff(fields, before, record)
            if not changes:
                continue
        elif record.history_type == "+" and tracked.list_fields_on_create:
            changes = [
                FieldChange(str(f.verbose_name), NOTHING, display_value(f, record))
                for f in fields
                if display_value(f, record) != NOTHING
            ]
        else:
            changes = []
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "het systeem",
                subject=tracked.subject(record),
                action=ACTIONS.get(record.history_type, record.history_type),
                changes=changes,
            )
        )
    return entries


def partnership_history(partnership: Partnership) -> list[HistoryEntry]:
    """Every recorded change of the partnership and its parts, newest first."""
    entries: list[HistoryEntry] = []
    for tracked in TRACKED:
        key = "id" if tracked.model is Partnership else "partnership_id"
        records = (
            tracked.model.history.filter(**{key: partnership.pk})  # type: ignore[attr-defined]
            .select_related("history_user", *tracked.related)
            .order_by("history_date", "history_id")
        )
        entries += _entries_for(tracked, records)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
