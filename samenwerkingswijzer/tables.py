"""The base of the big tables (the register, the public overview): one way to write rows.

django-tables2 sorts, pages and exports them, but its rendering per cell (a BoundRow, the
attributes and a template per cell) cost more than twice the Django admin's list of the same
rows, and several times the rest of the public page at 5,000 partnerships. So a `FastTable`
turns the records of the current page into text once, with one `cell_<column>` method per
column, and `templates/includes/fast_table.html` writes those cells for every column.

Adding a column is one edit in the table class: declare the column (its header, sorting and
`td` attributes) and its `cell_<column>` method. The export keeps using django-tables2's
`value_<column>` methods where plain values beat the displayed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

import django_tables2 as tables
from django.urls import reverse

# Reversing a URL for every row costs more than building the rows: the row link is reversed
# once per page with a placeholder, which each row replaces by its own key.
PLACEHOLDERS = {"pk": "999999999", "slug": "slug-placeholder"}


@dataclass(frozen=True)
class Cell:
    """One cell as the page shows it: its text, and optionally a link and a second line.

    Text is escaped when written, unless a `cell_<column>` method made it with format_html.
    """

    text: str
    url: str = ""
    note: str = ""
    badge: bool = False


class FastTable(tables.Table):
    """A table whose page rows are built by `cell_<column>` methods, see the module's text.

    The first column is the row's header (`<th scope="row">`). `row_url_name` names the URL
    of a row's own page, with `row_url_key` ("pk" or "slug") as its one argument.
    """

    row_url_name: ClassVar[str] = ""
    row_url_key: ClassVar[str] = "pk"

    @cached_property
    def _row_url_pattern(self) -> str:
        return reverse(self.row_url_name, args=[PLACEHOLDERS[self.row_url_key]])

    def row_url(self, record: Any) -> str:
        """The link to a row's own page, without a reverse() per row."""
        key = str(getattr(record, self.row_url_key))
        return self._row_url_pattern.replace(PLACEHOLDERS[self.row_url_key], key)

    def page_rows(self) -> list[list[tuple[Cell, str, str]]]:
        """The rows of the current page: per visible column its cell, its `td` class and its
        header (a stacked table on a phone writes it before the cell)."""
        columns = [column for column in self.columns if column.visible]
        writers = [getattr(self, f"cell_{column.name}") for column in columns]
        classes = [str(column.column.attrs.get("td", {}).get("class", "")) for column in columns]
        headers = [str(column.header) for column in columns]
        rows = []
        for row in self.paginated_rows:
            cells = []
            for write, css, header in zip(writers, classes, headers, strict=True):
                cell = write(row.record)
                cells.append((cell if isinstance(cell, Cell) else Cell(cell), css, header))
            rows.append(cells)
        return rows
