"""The internal tables of the register (django-tables2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.db.models import QuerySet
from django.urls import reverse

from samenwerkingswijzer.formatting import NOTHING, euro, tier_label, yes_no
from samenwerkingswijzer.sorting import NameOrder
from samenwerkingswijzer.tables import Cell, FastTable

from .choices import LegalForm, Status
from .models import Organisation, Partnership

TABLE_FIELDS = (
    "name",
    "policy_domain__name",
    "legal_form",
    "tier",
    "tier_decided_year",
    "status",
    "account_holder__first_name",
    "account_holder__last_name",
    "account_holder__username",
    "start_date",
    "end_date",
    "published",
)


def partnership_table_queryset(year: int) -> QuerySet[Partnership]:
    """Partnerships with what the table shows joined in, and `contribution_this_year`.

    The year's contribution is a correlated subquery, so the table runs the same number of
    queries for 3 rows and for 300.
    """
    return (
        Partnership.objects.select_related("policy_domain", "account_holder")
        # Only what the table shows: sorting 5,000 rows carries every selected column.
        .only(*TABLE_FIELDS)
        .with_contribution(year, name="contribution_this_year")
    )


def tier_text(partnership: Partnership) -> str:
    tier = partnership.tier_enum
    if tier is None:
        return tier_label(None)
    return f"{tier.label} ({partnership.tier_source})"


LEGAL_FORMS = dict(LegalForm.choices)
STATUSES = dict(Status.choices)


class PartnershipTable(FastTable):
    """The register as a sortable table; every column also exports as plain text."""

    row_url_name = "dossiers:partnership_detail"

    name = tables.Column("Naam", linkify=True)
    policy_domain = tables.Column("Beleidsveld", order_by=("policy_domain__name",))
    legal_form = tables.Column("Juridische vorm")
    tier = tables.Column("Belangrijkheid", empty_values=())
    status = tables.Column("Status")
    account_holder = tables.Column(
        "Accounthouder", order_by=("account_holder__last_name", "account_holder__first_name")
    )
    looptijd = tables.Column("Looptijd", empty_values=(), order_by=("start_date", "end_date"))
    contribution_this_year = tables.Column(
        "Financiële bijdrage dit jaar (begroot)", attrs={"td": {"class": "money"}}
    )
    published = tables.Column("Openbaar", empty_values=())

    class Meta:
        model = Partnership
        fields = ()
        sequence = (
            "name",
            "policy_domain",
            "legal_form",
            "tier",
            "status",
            "account_holder",
            "looptijd",
            "contribution_this_year",
            "published",
        )
        order_by = ("name",)
        template_name = "includes/fast_table.html"
        empty_text = "Er zijn geen samenwerkingsverbanden die aan de filters voldoen."

    def __init__(self, *args: Any, year: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if year is not None:
            self.columns[
                "contribution_this_year"
            ].column.verbose_name = f"Financiële bijdrage {year} (begroot)"

    def cell_name(self, record: Partnership) -> Cell:
        return Cell(record.name, url=self.row_url(record))

    def cell_policy_domain(self, record: Partnership) -> str:
        return record.policy_domain.name if record.policy_domain else NOTHING

    def cell_legal_form(self, record: Partnership) -> str:
        return LEGAL_FORMS.get(record.legal_form, record.legal_form)

    def cell_tier(self, record: Partnership) -> Cell:
        tier = record.tier_enum
        if tier is None:
            return Cell(tier_label(None))
        return Cell(tier.label, note=record.tier_source, badge=True)

    def cell_status(self, record: Partnership) -> str:
        return STATUSES.get(record.status, record.status)

    def cell_account_holder(self, record: Partnership) -> str:
        return str(record.account_holder) if record.account_holder else NOTHING

    def cell_looptijd(self, record: Partnership) -> str:
        return record.looptijd_display()

    def cell_contribution_this_year(self, record: Partnership) -> str:
        return euro(record.contribution_this_year, missing=NOTHING)  # type: ignore[attr-defined]

    def cell_published(self, record: Partnership) -> str:
        return yes_no(record.published)

    def order_name(self, queryset: QuerySet[Any], is_descending: bool) -> Any:
        # As people read names: "BNG Bank" after "Belastingsamenwerking" (sorting.py).
        return queryset.by_name(descending=is_descending), True  # type: ignore[attr-defined]

    def value_tier(self, record: Partnership) -> str:
        return tier_text(record)

    def order_tier(self, queryset: QuerySet[Partnership], is_descending: bool) -> Any:
        # By importance (rank), not by the alphabet; "not yet assessed" last.
        return queryset.by_tier_rank(descending=is_descending), True  # type: ignore[attr-defined]

    def value_looptijd(self, record: Partnership) -> str:
        return record.looptijd_display()

    def value_contribution_this_year(self, value: Decimal | None) -> str:
        return "" if value is None else f"{value:.2f}"

    def value_published(self, value: bool) -> str:
        return yes_no(value)


def organisation_partnerships_url(record: Organisation) -> str:
    """The register filtered on this partner."""
    return f"{reverse('partnerships:partnership_list')}?organisation={record.pk}"


class OrganisationTable(tables.Table):
    """Partner organisations with the number of partnerships they take part in."""

    name = tables.Column("Naam", linkify=organisation_partnerships_url)
    kind = tables.Column("Soort")
    place = tables.Column("Plaats")
    website = tables.URLColumn("Website")
    partnership_count = tables.Column(
        "Aantal samenwerkingsverbanden", attrs={"td": {"class": "money"}}
    )
    edit = tables.TemplateColumn(
        '<a href="{{ record.get_absolute_url }}">{{ record.name }} bewerken</a>',
        verbose_name="Bewerken",
        orderable=False,
        exclude_from_export=True,
    )

    def order_name(self, queryset: QuerySet[Any], is_descending: bool) -> Any:
        # As people read names: "BNG Bank" after "Belastingsamenwerking" (sorting.py).
        key = NameOrder("name")
        return queryset.order_by(key.desc() if is_descending else key.asc(), "pk"), True

    class Meta:
        model = Organisation
        fields = ()
        sequence = ("name", "kind", "place", "website", "partnership_count", "edit")
        order_by = ("name",)
        template_name = "includes/table.html"
        empty_text = "Er zijn geen organisaties die aan de filters voldoen."
