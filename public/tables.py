"""The table of the public overview: its columns, cells, sorting and paging."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.db.models import F, QuerySet
from django.utils.html import format_html

from partnerships.choices import LegalForm, Status
from partnerships.models import Partnership
from samenwerkingswijzer.formatting import NOTHING, date_short, euro, tier_label
from samenwerkingswijzer.tables import Cell, FastTable

LEGAL_FORMS = dict(LegalForm.choices)
STATUSES = dict(Status.choices)


class PublicPartnershipTable(FastTable):
    """Published partnerships: sortable by every column, paginated, one query per page."""

    row_url_name = "public:partnership_detail"
    row_url_key = "slug"

    name = tables.Column("Naam")
    policy_domain = tables.Column("Beleidsveld", order_by="policy_domain__name")
    legal_form = tables.Column("Juridische vorm")
    tier = tables.Column("Belangrijkheid")
    looptijd = tables.Column("Looptijd", accessor="start_date", order_by=("start_date", "end_date"))
    contribution_this_year = tables.Column(
        "Bijdrage", attrs={"th": {"class": "money"}, "td": {"class": "money"}}
    )

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
        template_name = "includes/fast_table.html"
        # On a phone each partnership is one block with every column named: nothing hidden
        # beyond the edge of the screen.
        attrs = {"class": "table table-hover align-middle public-table table-stack"}
        order_by = ("name",)
        empty_text = "Er zijn geen samenwerkingsverbanden die passen bij uw zoekopdracht."

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.columns["contribution_this_year"].column.verbose_name = f"Bijdrage {year}"

    def cell_name(self, record: Partnership) -> Cell:
        # An ended or not yet started partnership says so, under its name.
        note = "" if record.status == Status.ACTIEF else STATUSES.get(record.status, "")
        return Cell(record.name, url=self.row_url(record), note=note)

    def cell_policy_domain(self, record: Partnership) -> str:
        return record.policy_domain.name if record.policy_domain else NOTHING

    def cell_legal_form(self, record: Partnership) -> str:
        return LEGAL_FORMS.get(record.legal_form, record.legal_form)

    def cell_tier(self, record: Partnership) -> str:
        return tier_label(record.tier_enum)

    def cell_looptijd(self, record: Partnership) -> str:
        end = date_short(record.end_date) if record.end_date else "onbepaalde tijd"
        # A date never breaks over two lines, on a phone neither.
        return format_html(
            '<span class="text-nowrap">{}</span> – <span class="text-nowrap">{}</span>',
            date_short(record.start_date),
            end,
        )

    def cell_contribution_this_year(self, record: Partnership) -> str:
        amount = record.contribution_this_year  # type: ignore[attr-defined]
        return euro(amount or None)

    def order_tier(
        self, queryset: QuerySet[Partnership], is_descending: bool
    ) -> tuple[QuerySet[Partnership], bool]:
        return queryset.by_tier_rank(descending=is_descending), True  # type: ignore[attr-defined]

    def order_name(self, queryset: QuerySet[Any], is_descending: bool) -> Any:
        # As people read names: "BNG Bank" after "Belastingsamenwerking" (sorting.py).
        return queryset.by_name(descending=is_descending), True  # type: ignore[attr-defined]

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
