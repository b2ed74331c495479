"""The table of the public overview: its columns, sorting and paging.

The cells themselves are written in templates/public/includes/table.html: django-tables2's
per-cell rendering cost several times the rest of the page at 5,000 partnerships.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_tables2 as tables
from django.db.models import F, QuerySet
from django.urls import reverse

from partnerships.choices import LegalForm
from partnerships.models import Partnership
from samenwerkingswijzer.formatting import NOTHING, date_short, euro, tier_label
from samenwerkingswijzer.sorting import NameOrder

LEGAL_FORMS = dict(LegalForm.choices)
SLUG = "slug-placeholder"


@dataclass(frozen=True)
class OverviewRow:
    """One row of the overview as the visitor reads it: every cell already a plain text."""

    url: str
    name: str
    policy_domain: str
    legal_form: str
    tier: str
    start: str
    end: str
    contribution: str


class PublicPartnershipTable(tables.Table):
    """Published partnerships: sortable by every column, paginated, one query per page."""

    name = tables.Column("Naam")
    policy_domain = tables.Column("Beleidsveld", order_by="policy_domain__name")
    legal_form = tables.Column("Juridische vorm")
    tier = tables.Column("Belangrijkheid", order_by="tier_order")
    looptijd = tables.Column("Looptijd", accessor="start_date", order_by=("start_date", "end_date"))
    contribution_this_year = tables.Column("Bijdrage", attrs={"th": {"class": "money"}})

    class Meta:
        model = Partnership
        fields = (
            "name",
            "policy_domain",
            "legal_form",
            "tier",
            "looptijd",
            "contribution_this_year",
        )
        template_name = "public/includes/table.html"
        attrs = {"class": "table table-hover align-middle public-table"}
        order_by = ("name",)
        empty_text = "Er zijn geen samenwerkingsverbanden die passen bij uw zoekopdracht."

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.columns["contribution_this_year"].column.verbose_name = f"Bijdrage {year}"

    def overview_rows(self) -> list[OverviewRow]:
        """The rows of the current page, in the words and notation of the public pages."""
        # One reverse() for the page instead of one per row; slugs need no escaping.
        url = reverse("public:partnership_detail", args=[SLUG])
        return [
            OverviewRow(
                url=url.replace(SLUG, record.slug),
                name=record.name,
                policy_domain=record.policy_domain.name if record.policy_domain else NOTHING,
                legal_form=LEGAL_FORMS.get(record.legal_form, record.legal_form),
                tier=tier_label(record.tier_enum),
                start=date_short(record.start_date),
                end=date_short(record.end_date) if record.end_date else "onbepaalde tijd",
                contribution=euro(record.contribution_this_year or None),
            )
            for record in (row.record for row in self.paginated_rows)
        ]

    def order_name(self, queryset: QuerySet[Any], is_descending: bool) -> Any:
        # As people read names: "BNG Bank" after "Belastingsamenwerking" (sorting.py).
        key = NameOrder("name")
        return queryset.order_by(key.desc() if is_descending else key.asc(), "pk"), True

    def order_looptijd(
        self, queryset: QuerySet[Partnership], is_descending: bool
    ) -> tuple[QuerySet[Partnership], bool]:
        # Open-ended partnerships sort as the longest running, not as unknown.
        end = (
            F("end_date").desc(nulls_first=True)
            if is_descending
            else F("end_date").asc(nulls_last=True)
        )
        start = F("start_date").desc() if is_descending else F("start_date").asc()
        return queryset.order_by(start, end), True
