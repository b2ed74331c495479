"""Filters of the internal register tables (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accounts.models import Role
from partnerships.tiers import TIER_CHOICES
from samenwerkingswijzer import formatting
from samenwerkingswijzer.fields import DutchDateField

from .choices import LegalForm, OrganisationKind, Status
from .models import BudgetProgramme, Organisation, Partnership, PolicyDomain
from .search import MAX_LENGTH, PartnershipSearchFilter, SearchNoteMixin

NOT_ASSESSED = "geen"
YES_NO = [("true", "Ja"), ("false", "Nee")]


class PlainSelect(forms.Select):
    """A <select> written in Python, the same HTML as Django's.

    Django renders every <option> through its own template include; on a list page with a
    filter form that costs more than the rows of the table.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, html)
                if group_name
                else html
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(widget["attrs"]),
            SafeString("".join(groups)),
        )


def account_holder_choices() -> QuerySet[Any]:
    """The users who can hold a partnership: accounthouders and beheerders."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=[Role.ACCOUNTHOUDER, Role.BEHEERDER], is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class DutchDateFilter(filters.DateFilter):
    # Typed dates are read the Dutch way, as in the forms.
    field_class = DutchDateField


class PartnershipFilterSet(SearchNoteMixin, filters.FilterSet):
    """Free-text search and the facets a civil servant narrows the register by."""

    q = PartnershipSearchFilter(
        label="Zoeken",
        help_text="Zoekt in naam, opgave en namen van partners.",
    )
    tier = filters.ChoiceFilter(
        label="Belangrijkheid",
        choices=[*TIER_CHOICES, (NOT_ASSESSED, formatting.NOT_ASSESSED)],
        method="filter_tier",
        empty_label="Alle",
        widget=PlainSelect,
    )
    policy_domain = filters.ModelChoiceFilter(
        label="Beleidsveld",
        queryset=PolicyDomain.objects.all(),
        empty_label="Alle",
        widget=PlainSelect,
    )
    budget_programme = filters.ModelChoiceFilter(
        label="Begrotingsprogramma",
        queryset=BudgetProgramme.objects.all(),
        empty_label="Alle",
        widget=PlainSelect,
    )
    legal_form = filters.ChoiceFilter(
        label="Juridische vorm",
        choices=LegalForm.choices,
        empty_label="Alle",
        widget=PlainSelect,
    )
    status = filters.ChoiceFilter(
        label="Status", choices=Status.choices, empty_label="Alle", widget=PlainSelect
    )
    end_from = DutchDateFilter(field_name="end_date", lookup_expr="gte", label="Einddatum vanaf")
    end_to = DutchDateFilter(field_name="end_date", lookup_expr="lte", label="Einddatum tot en met")
    is_verbonden_partij = filters.ChoiceFilter(
        label="Verbonden partij",
        choices=YES_NO,
        method="filter_yes_no",
        empty_label="Alle",
        widget=PlainSelect,
    )
    published = filters.ChoiceFilter(
        label="Openbaar",
        choices=YES_NO,
        method="filter_yes_no",
        empty_label="Alle",
        widget=PlainSelect,
    )
    # Set from the list of organisations (?organisation=<id>), shown as a line with a link to
    # clear it: a <select> of every organisation (400 in a region) rendered slower than the
    # table itself, and the search field `q` already finds partners by name.
    organisation = filters.ModelChoiceFilter(
        label="Partner",
        field_name="participations__organisation",
        queryset=Organisation.objects.all(),
        widget=forms.HiddenInput,
    )
    account_holder = filters.ModelChoiceFilter(
        label="Accounthouder",
        queryset=lambda request: account_holder_choices(),
        empty_label="Alle",
        widget=PlainSelect,
    )
    mine = filters.BooleanFilter(
        label="Alleen mijn samenwerkingsverbanden",
        method="filter_mine",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Partnership
        fields = ()

    @property
    def partner_filter(self) -> dict[str, Any] | None:
        """The chosen partner (or that it does not exist) and the URL without it, or None."""
        if not self.is_bound or not self.data.get("organisation"):
            return None
        query = self.data.copy()
        for key in ("organisation", "page"):
            query.pop(key, None)
        self.form.is_valid()
        return {
            "organisation": self.form.cleaned_data.get("organisation"),
            "clear_url": "?" + query.urlencode(),
        }

    def filter_tier(self, queryset: QuerySet[Partnership], name: str, value: str) -> Any:
        return queryset.filter(tier="" if value == NOT_ASSESSED else value)

    def filter_yes_no(self, queryset: QuerySet[Partnership], name: str, value: str) -> Any:
        return queryset.filter(**{name: value == "true"})

    def filter_mine(self, queryset: QuerySet[Partnership], name: str, value: bool) -> Any:
        if not value or self.request is None:
            return queryset
        return queryset.of_user(self.request.user)  # type: ignore[attr-defined]


class OrganisationFilterSet(filters.FilterSet):
    """Search partner organisations by name or place, and by kind."""

    q = filters.CharFilter(label="Zoeken", method="search", help_text="Zoekt in naam en plaats.")
    kind = filters.ChoiceFilter(label="Soort", choices=OrganisationKind.choices, empty_label="Alle")

    class Meta:
        model = Organisation
        fields = ()

    def search(self, queryset: QuerySet[Organisation], name: str, value: str) -> Any:
        # Bounded like the register's search: the cost of a query does not grow with it.
        value = value.strip()[:MAX_LENGTH]
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(place__icontains=value))
