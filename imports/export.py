"""The register as rows of the spreadsheet: the export and the template share them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from partnerships.models import Contribution, Participation, Partnership

from .columns import CONTRIBUTIONS, PARTNERS, REGISTER
from .values import stored_cell_writer

CHUNK = 500


def register_queryset(year: int) -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related(
            "policy_domain", "budget_programme", "account_holder", "deputy"
        )
        .with_contribution(year, name="contribution_this_year")
        .order_by("name", "pk")
    )


# The register's rows are read as plain values, a chunk at a time: a model instance per
# partnership, partner and contribution, and the choices of a column looked up again for
# every cell, made the export of the whole register several times slower than writing it.
RELATED_VALUE = {
    "policy_domain": "policy_domain__name",
    "budget_programme": "budget_programme__number",
    "account_holder": "account_holder__username",
    "deputy": "deputy__username",
}
PARTNER_VALUES = ("partnership__name", "organisation__name", "organisation__kind", "role", "share")
CONTRIBUTION_VALUES = ("partnership__name", *(column.field for column in CONTRIBUTIONS.columns[1:]))


def _rows(values: QuerySet[Any], cells: list[Callable[[Any], Any]]) -> Iterator[list[Any]]:
    for row in values.iterator(chunk_size=CHUNK):
        yield [cell(value) for cell, value in zip(cells, row, strict=True)]


def _as_is(value: Any) -> Any:
    return value


def register_rows(partnerships: QuerySet[Partnership]) -> Iterator[list[Any]]:
    fields = [RELATED_VALUE.get(column.field, column.field) for column in REGISTER.columns]
    cells = [stored_cell_writer(REGISTER, column) for column in REGISTER.columns]
    # The tier's label, as get_tier_display() gives it; a tier is not imported, so its column
    # is text, not a choice.
    tier = fields.index("tier")
    labels = {key: str(label) for key, label in Partnership._meta.get_field("tier").flatchoices}  # type: ignore[union-attr]
    cells[tier] = lambda value: labels.get(value, value) or None
    return _rows(partnerships.values_list(*fields), cells)


def partner_rows(partnerships: QuerySet[Partnership]) -> Iterator[list[Any]]:
    rows = (
        Participation.objects.filter(partnership__in=partnerships.values("pk"))
        .order_by("partnership__name", "partnership_id", "organisation__name")
        .values_list(*PARTNER_VALUES)
    )
    cells = [_as_is, *(stored_cell_writer(PARTNERS, column) for column in PARTNERS.columns[1:])]
    return _rows(rows, cells)


def contribution_rows(partnerships: QuerySet[Partnership]) -> Iterator[list[Any]]:
    rows = (
        Contribution.objects.filter(partnership__in=partnerships.values("pk"))
        .order_by("partnership__name", "partnership_id", "year", "kind")
        .values_list(*CONTRIBUTION_VALUES)
    )
    cells = [
        _as_is,
        *(stored_cell_writer(CONTRIBUTIONS, column) for column in CONTRIBUTIONS.columns[1:]),
    ]
    return _rows(rows, cells)


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
