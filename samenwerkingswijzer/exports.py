"""Spreadsheet exports that are safe against formula injection and never fail on stored text,
and the streamed writers (CSV, JSON) for files of the whole register."""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import StreamingHttpResponse
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


# Streamed files: the whole register in constant memory.
#
# A file of every row is written while the rows are read, a few hundred at a time, and sent
# on in pieces of about STREAM_PIECE_CHARS characters; nothing holds the whole file. Feed the
# writers a chunked queryset, `queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)`: Django runs
# the prefetches once per chunk, so the queries per chunk stay the same whatever the size.

EXPORT_CHUNK_SIZE = 500
STREAM_PIECE_CHARS = 64 * 1024
# Dutch Excel separates columns with a semicolon (the comma is its decimal sign) and reads
# UTF-8 only after a byte-order mark.
CSV_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"


def stream_csv(rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """CSV for Dutch Excel as UTF-8 pieces: the byte-order mark, then `rows` (the header
    first), `;` between columns, CRLF after each row. Cells are written as given: neutralise
    formulas (`safe_cell`) before."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= STREAM_PIECE_CHARS:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def stream_json(document: dict[str, Any], items: Iterable[Any]) -> Iterator[bytes]:
    """`document` as `json.dumps(document, ensure_ascii=False, indent=2)` writes it, with
    `items` streamed as the list under its last key (which holds an empty list), one item per
    line: written without indentation, json uses its C encoder, many times faster."""
    *_, list_key = document
    if document[list_key] != []:
        raise ValueError(f"the last key ({list_key}) must hold an empty list")
    # The document around the list: json.dumps writes the empty list as the last "[]".
    text = json.dumps(document, ensure_ascii=False, indent=2)
    head, _, tail = text.rpartition("[]")
    pieces = [head]
    size = len(head)
    empty = True
    for item in items:
        # A JSON string never holds a raw line break: one item is one line.
        line = json.dumps(item, ensure_ascii=False, separators=(", ", ": "))
        pieces.append(("[\n    " if empty else ",\n    ") + line)
        empty = False
        size += len(line)
        if size >= STREAM_PIECE_CHARS:
            yield "".join(pieces).encode()
            pieces, size = [], 0
    pieces.append("[]" if empty else "\n  ]")
    pieces.append(tail)
    yield "".join(pieces).encode()


def csv_download(chunks: Iterable[bytes], filename: str) -> StreamingHttpResponse:
    """A streamed CSV file as a download."""
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
