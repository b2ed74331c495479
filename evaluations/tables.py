"""The evaluation agenda as a table (django-tables2)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date
from typing import Any

import django_tables2 as tables
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import format_html
from django.utils.safestring import SafeString

from partnerships.models import Partnership
from partnerships.tables import tier_text
from samenwerkingswijzer import exports
from samenwerkingswijzer.exports import safe_cell

from .models import Evaluation

AGENDA_FIELDS = (
    "due_date",
    "kind",
    "title",
    "status",
    "rule",
    "partnership__name",
    "partnership__tier",
    "partnership__tier_decided_year",
    "partnership__account_holder__username",
    "partnership__account_holder__first_name",
    "partnership__account_holder__last_name",
)


def agenda_queryset() -> QuerySet[Evaluation]:
    """Evaluations with everything the agenda shows joined in: one query per page. Only what
    the table shows is read: an export of every row carries every selected column."""
    return Evaluation.objects.select_related("partnership__account_holder").only(*AGENDA_FIELDS)


def status_text(evaluation: Evaluation, today: date) -> str:
    """The status in words; overdue is said, not only coloured."""
    text = evaluation.get_status_display()
    return f"{text}, verlopen" if evaluation.is_overdue(today) else text


def origin_text(evaluation: Evaluation) -> str:
    return f"Regel {evaluation.rule}" if evaluation.rule else "Met de hand"


class EvaluationTable(tables.Table):
    """Every evaluation by due date; every column also exports as plain text."""

    due_date = tables.DateColumn(format="d-m-Y", verbose_name="Uiterlijk klaar op")
    evaluation = tables.Column(
        "Evaluatie", empty_values=(), order_by=("kind", "title"), accessor="pk"
    )
    partnership = tables.Column(
        "Samenwerkingsverband", linkify=True, order_by=("partnership__name",)
    )
    tier = tables.Column(
        "Belangrijkheid", accessor="partnership__tier", order_by=("partnership__tier",)
    )
    status = tables.Column("Status", empty_values=())
    account_holder = tables.Column(
        "Accounthouder",
        accessor="partnership__account_holder",
        order_by=("partnership__account_holder__last_name",),
    )
    origin = tables.Column("Gepland door", empty_values=(), order_by=("rule",))

    class Meta:
        model = Evaluation
        fields = ()
        sequence = (
            "due_date",
            "evaluation",
            "partnership",
            "tier",
            "status",
            "account_holder",
            "origin",
        )
        order_by = ("due_date",)
        empty_text = "Er zijn geen evaluaties die aan de filters voldoen."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()

    def export_rows(self) -> Iterator[list[Any]]:
        """What `as_values()` gives (the header, then each row's cells, made safe), from
        plain values a chunk at a time: a model instance per evaluation made the CSV of the
        whole agenda several times slower than writing it. Each text is still made by the
        methods below, once per combination of the values it depends on."""
        columns = [c for c in self.columns.iterall() if not c.column.exclude_from_export]
        yield [force_str(column.header, strings_only=True) for column in columns]
        today = self.today
        kinds = {key: str(label) for key, label in Evaluation._meta.get_field("kind").flatchoices}  # type: ignore[union-attr]

        @functools.cache
        def tier(value: str, decided_year: int | None) -> str:
            return tier_text(Partnership(tier=value, tier_decided_year=decided_year))

        @functools.cache
        def status(value: str, due_date: date) -> str:
            return status_text(Evaluation(status=value, due_date=due_date), today)

        @functools.cache
        def person(username: str, first_name: str, last_name: str) -> str:
            user = get_user_model()(username=username, first_name=first_name, last_name=last_name)
            return str(user)

        @functools.cache
        def origin(rule: str) -> str:
            return origin_text(Evaluation(rule=rule))

        rows = self.data.data.values_list(*AGENDA_FIELDS).iterator(
            chunk_size=exports.EXPORT_CHUNK_SIZE
        )
        for due, kind, title, state, rule, name, level, decided, username, first, last in rows:
            yield [
                due,
                safe_cell(title or kinds.get(kind, kind)),
                safe_cell(name),
                tier(level, decided) if level else None,
                status(state, due),
                safe_cell(person(username, first, last)) if username is not None else None,
                origin(rule),
            ]

    # The export's values: plain text, one method per column (see export_rows).
    def value_due_date(self, record: Evaluation) -> date:
        return record.due_date  # written as 2027-04-01, which every spreadsheet reads

    def value_partnership(self, record: Evaluation) -> str:
        return record.partnership.name

    def value_account_holder(self, record: Evaluation) -> str:
        return str(record.partnership.account_holder)

    def render_evaluation(self, record: Evaluation) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>',
            record.get_absolute_url(),
            record.title or record.get_kind_display(),
        )

    def value_evaluation(self, record: Evaluation) -> str:
        return record.title or record.get_kind_display()

    def render_tier(self, record: Evaluation) -> str:
        return tier_text(record.partnership)

    def value_tier(self, record: Evaluation) -> str:
        return tier_text(record.partnership)

    def render_status(self, record: Evaluation) -> SafeString:
        if record.is_overdue(self.today):
            return format_html(
                '{} <strong class="badge text-bg-danger">Verlopen</strong>',
                record.get_status_display(),
            )
        return format_html("{}", record.get_status_display())

    def value_status(self, record: Evaluation) -> str:
        return status_text(record, self.today)

    def render_origin(self, record: Evaluation) -> str:
        return origin_text(record)

    def value_origin(self, record: Evaluation) -> str:
        return origin_text(record)
