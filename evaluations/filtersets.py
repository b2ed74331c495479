"""Filters of the evaluation agenda (django-filter)."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from partnerships.filtersets import NOT_ASSESSED, account_holder_choices
from partnerships.tiers import TIER_CHOICES
from samenwerkingswijzer import formatting

from .models import OPEN_STATUSES, Evaluation, EvaluationKind, EvaluationStatus


def overdue_q(today: date) -> Q:
    """Overdue (docs/rulebook.md, section 3): the due date has passed, not afgerond or vervallen."""
    return Q(status__in=OPEN_STATUSES, due_date__lt=today)


class EvaluationFilterSet(filters.FilterSet):
    """The facets the agenda is narrowed by: when, what, how important, how far, whose."""

    year = filters.NumberFilter(
        label="Jaar",
        field_name="due_date",
        lookup_expr="year",
        help_text="Het jaar waarin de evaluatie klaar moet zijn.",
        min_value=1900,
        max_value=2100,
        error_messages={
            "min_value": "Vul een jaar tussen 1900 en 2100 in.",
            "max_value": "Vul een jaar tussen 1900 en 2100 in.",
        },
    )
    kind = filters.ChoiceFilter(label="Soort", choices=EvaluationKind.choices, empty_label="Alle")
    tier = filters.ChoiceFilter(
        label="Belangrijkheid",
        choices=[*TIER_CHOICES, (NOT_ASSESSED, formatting.NOT_ASSESSED)],
        method="filter_tier",
        empty_label="Alle",
    )
    status = filters.ChoiceFilter(
        label="Status", choices=EvaluationStatus.choices, empty_label="Alle"
    )
    overdue = filters.BooleanFilter(
        label="Alleen verlopen evaluaties", method="filter_overdue", widget=forms.CheckboxInput
    )
    account_holder = filters.ModelChoiceFilter(
        label="Accounthouder",
        field_name="partnership__account_holder",
        queryset=lambda request: account_holder_choices(),
        empty_label="Alle",
    )

    class Meta:
        model = Evaluation
        fields = ()

    def filter_tier(self, queryset: QuerySet[Evaluation], name: str, value: str) -> Any:
        return queryset.filter(partnership__tier="" if value == NOT_ASSESSED else value)

    def filter_overdue(self, queryset: QuerySet[Evaluation], name: str, value: bool) -> Any:
        if not value:
            return queryset
        return queryset.filter(overdue_q(timezone.localdate()))
