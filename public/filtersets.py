"""The filters of the public overview: every state is a plain GET URL, so it can be shared."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from partnerships.choices import LegalForm, Status
from partnerships.filtersets import PlainSelect
from partnerships.models import Partnership, PolicyDomain
from partnerships.search import PartnershipSearchFilter, SearchNoteMixin
from partnerships.tiers import TIER_CHOICES

YES_NO = (("ja", "Ja"), ("nee", "Nee"))
SELECT = {"class": "form-select"}


class PublicPartnershipFilterSet(SearchNoteMixin, django_filters.FilterSet):
    """Search and filters of `/`; the field names are the URL parameters raadsleden share."""

    q = PartnershipSearchFilter(
        label="Zoeken",
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
        help_text="Zoek in naam, opgave en namen van partners.",
    )
    tier = django_filters.ChoiceFilter(
        label="Belangrijkheid",
        choices=TIER_CHOICES,
        empty_label="Alle",
        widget=PlainSelect(attrs=SELECT),
    )
    domain = django_filters.ModelChoiceFilter(
        label="Beleidsveld",
        field_name="policy_domain",
        queryset=PolicyDomain.objects.all(),
        empty_label="Alle",
        widget=PlainSelect(attrs=SELECT),
    )
    legal_form = django_filters.ChoiceFilter(
        label="Juridische vorm",
        choices=LegalForm.choices,
        empty_label="Alle",
        widget=PlainSelect(attrs=SELECT),
    )
    verbonden_partij = django_filters.ChoiceFilter(
        label="Verbonden partij",
        choices=YES_NO,
        empty_label="Alle",
        method="filter_verbonden_partij",
        widget=PlainSelect(attrs=SELECT),
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=Status.choices,
        empty_label="Alle",
        widget=PlainSelect(attrs=SELECT),
    )

    class Meta:
        model = Partnership
        fields: list[str] = []

    def filter_verbonden_partij(
        self, queryset: QuerySet[Partnership], name: str, value: str
    ) -> Any:
        return queryset.filter(is_verbonden_partij=(value == "ja"))

    def filter_queryset_except(
        self, queryset: QuerySet[Partnership], skipped: str
    ) -> QuerySet[Partnership]:
        """The queryset with every valid filter applied but `skipped`, for facet counts.

        Reuses the form already cleaned, so the reference lists are not queried again.
        """
        if not self.is_bound or not self.form.is_valid():
            return queryset
        for name, value in self.form.cleaned_data.items():
            if name != skipped:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        """(label, chosen value) of each filter in use, for the result summary."""
        if not self.is_bound or not self.form.is_valid():
            return []
        chosen = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if hasattr(field, "choices") and not isinstance(value, PolicyDomain):
                value = dict(field.choices).get(value, value)
            chosen.append((str(field.label), str(value)))
        return chosen
