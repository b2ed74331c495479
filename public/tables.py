"""The table of the public overview."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.db.models import F, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString

from partnerships.models import Partnership

from .templatetags.public_format import euro


class PublicPartnershipTable(tables.Table):
    """Published partnerships: sortable by every column, paginated, one query per page."""

    name = tables.Column("Naam", linkify=lambda record: record.get_public_url())
    policy_domain = tables.Column(
        "Beleidsveld",
        accessor="policy_domain__name",
        order_by="policy_domain__name",
        default="–",
    )
    legal_form = tables.Column("Juridische vorm")
    tier = tables.Column("Belangrijkheid", order_by="tier_order", default="Nog niet afgewogen")
    looptijd = tables.Column(
        "Looptijd",
        accessor="start_date",
        order_by=("start_date", "end_date"),
    )
    contribution_this_year = tables.Column(
        "Bijdrage",
        attrs={"td": {"class": "money"}, "th": {"class": "money"}},
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
        template_name = "public/includes/table.html"
        attrs = {"class": "table table-hover align-middle public-table"}
        order_by = ("name",)
        empty_text = "Er zijn geen samenwerkingsverbanden die passen bij uw zoekopdracht."

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.columns["contribution_this_year"].column.verbose_name = f"Bijdrage {year}"

    def render_tier(self, record: Partnership) -> str:
        return record.get_tier_display()

    def render_looptijd(self, record: Partnership) -> SafeString:
        # Each date stays whole; the line may break only at the dash, so the table fits.
        end = record.end_date.strftime("%d-%m-%Y") if record.end_date else "onbepaalde tijd"
        return format_html(
            '<span class="text-nowrap">{}</span> – <span class="text-nowrap">{}</span>',
            record.start_date.strftime("%d-%m-%Y"),
            end,
        )

    def render_contribution_this_year(self, value: Decimal) -> str:
        return euro(value) if value else "–"

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
