"""The register as rows of the spreadsheet: the export and the template share them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from partnerships.models import Contribution, Participation, Partnership

from .columns import CONTRIBUTIONS, PARTNERS, REGISTER
from .values import stored_cell

CHUNK = 500


def register_queryset(year: int) -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related(
            "policy_domain", "budget_programme", "account_holder", "deputy"
        )
        .with_contribution(year, name="contribution_this_year")
        .order_by("name", "pk")
    )


def _register_value(partnership: Any, field: str) -> Any:
    if field == "policy_domain":
        return partnership.policy_domain.name if partnership.policy_domain else None
    if field == "budget_programme":
        return partnership.budget_programme.number if partnership.budget_programme else None
    if field in ("account_holder", "deputy"):
        user = getattr(partnership, field)
        return user.get_username() if user else None
    if field == "tier":
        return partnership.get_tier_display() or None
    return getattr(partnership, field)


def register_rows(partnerships: QuerySet[Partnership]) -> Iterator[list[Any]]:
    for partnership in partnerships.iterator(chunk_size=CHUNK):
        yield [
            stored_cell(REGISTER, column, _register_value(partnership, column.field))
            for column in REGISTER.columns
        ]


def partner_rows(partnerships: QuerySet[Partnership]) -> Iterator[list[Any]]:
    rows = (
        Participation.objects.filter(partnership__in=partnerships.values("pk"))
        .select_related("partnership", "organisation")
        .order_by("partnership__name", "partnership_id", "organisation__name")
    )
    for participation in rows.iterator(chunk_size=CHUNK):
        values = {
            "organisation": participation.organisation.name,
            "organisation_kind": participation.organisation.kind,
            "role": participation.role,
            "share": participation.share,
        }
        yield [participation.partnership.name] + [
            stored_cell(PARTNERS, column, values[column.field]) for column in PARTNERS.columns[1:]
        ]


def contribution_rows(partnerships: QuerySet[Partnership]) -> Iterator[list[Any]]:
    rows = (
        Contribution.objects.filter(partnership__in=partnerships.values("pk"))
        .select_related("partnership")
        .order_by("partnership__name", "partnership_id", "year", "kind")
    )
    for contribution in rows.iterator(chunk_size=CHUNK):
        yield [contribution.partnership.name] + [
            stored_cell(CONTRIBUTIONS, column, getattr(contribution, column.field))
            for column in CONTRIBUTIONS.columns[1:]
        ]


def book_rows(partnerships: QuerySet[Partnership]) -> dict[str, Iterator[list[Any]]]:
    return {
        REGISTER.title: register_rows(partnerships),
        PARTNERS.title: partner_rows(partnerships),
        CONTRIBUTIONS.title: contribution_rows(partnerships),
    }


def template_rows() -> dict[str, list[list[Any]]]:
    """The template: one example row per sheet, from the columns' own examples."""

    def example(value: Any, kind: str) -> Any:
        if kind == "date" and isinstance(value, str) and value:
            day, month, year = (int(part) for part in value.split("-"))
            return date(year, month, day)
        if kind in ("money", "percent") and isinstance(value, float):
            return Decimal(str(value))
        return value if value != "" else None

    return {
        sheet.title: [[example(c.example, c.kind) for c in sheet.columns]]
        for sheet in (REGISTER, PARTNERS, CONTRIBUTIONS)
    }
