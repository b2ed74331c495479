"""Spreadsheet exports that are safe against formula injection and never fail on stored text."""

from typing import Any

from django_tables2.export import TableExport
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these runs as a formula in Excel or LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_cell(value: Any) -> Any:
    """A cell's text without the control characters an XLSX file cannot hold, neutralised.

    The models refuse those characters, but text stored before they did must not make an
    export fail.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise_formula(value)


class SafeTableExport(TableExport):
    """django-tables2's export with every text cell cleaned and neutralised."""

    def table_to_dataset(self, table: Any, exclude_columns: Any, dataset_kwargs: Any = None) -> Any:
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        rows = [tuple(safe_cell(cell) for cell in row) for row in dataset]
        headers = dataset.headers
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)
        return dataset
