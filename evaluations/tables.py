"""The evaluation agenda as a table (django-tables2)."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_tables2 as tables
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from partnerships.tables import tier_text

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

    # The export's values: plain text, one method per column (see table_rows).
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
