"""Reading and writing the register as XLSX and CSV, sheet by sheet as `columns` says.

openpyxl directly, not django-import-export or tablib: the export must stream in write-only
mode (constant memory at any size) with typed cells, euro number formats, a frozen header and
column widths, which tablib's export cannot set; and the import validates through the edit
page's own forms (partnerships/forms.py), which a django-import-export resource would
duplicate. Reading uses openpyxl's read-only mode, which also shows formulas as text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from samenwerkingswijzer.exports import FORMULA_PREFIXES, safe_cell

from .columns import DOCUMENTATION_TITLE, SHEETS, Column, Kind, Sheet

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
# More columns than any sheet has is not read: a sheet 16,000 columns wide costs nothing.
MAX_COLUMNS = 60

EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
DATE_FORMAT = "DD-MM-YYYY"
PERCENT_FORMAT = "0.00"

NOT_A_SPREADSHEET = (
    "Dit bestand is geen Excel-bestand (.xlsx) of CSV-bestand (.csv). Sla het in uw "
    "spreadsheetprogramma op als .xlsx of als .csv en probeer het opnieuw."
)
TOO_LARGE = "Het bestand is groter dan 10 MB. Splits het in kleinere bestanden."
TOO_MANY_ROWS = (
    "Het blad {sheet} heeft meer dan 10.000 rijen. Splits het in bestanden van hoogstens "
    "10.000 rijen."
)
MISSING_COLUMNS = (
    "Het blad {sheet} mist de kolom{s} {names}. Gebruik de kolomnamen van het sjabloon."
)
NO_REGISTER = "Het bestand heeft geen blad {sheet} en het eerste blad heeft geen kolom Naam."


class FileRefused(Exception):
    """The whole file cannot be read; the message says why, in Dutch."""


@dataclass
class SheetRows:
    """One sheet as read: its rows (spreadsheet row number, values by header)."""

    sheet: Sheet
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    present: set[str] = field(default_factory=set)


@dataclass
class Book:
    register: SheetRows
    partners: SheetRows | None = None
    contributions: SheetRows | None = None


def _normal(header: Any) -> str:
    return " ".join(str(header or "").split()).lower()


def _sheet_rows(sheet: Sheet, rows: Iterator[tuple[Any, ...]]) -> SheetRows:
    header_row = next(rows, None) or ()
    known = {_normal(column.header): column for column in sheet.columns}
    positions: list[tuple[int, Column]] = []
    result = SheetRows(sheet)
    for index, header in enumerate(header_row[:MAX_COLUMNS]):
        column = known.get(_normal(header))
        if column is not None and column.importable:
            positions.append((index, column))
            result.present.add(column.header)
        elif header not in (None, "") and column is None:
            result.ignored_headers.append(str(header))
    missing = [c.header for c in sheet.required() if c.header not in result.present]
    if missing:
        raise FileRefused(
            MISSING_COLUMNS.format(
                sheet=sheet.title,
                s="men" if len(missing) > 1 else "",
                names=", ".join(missing),
            )
        )
    for number, values in enumerate(rows, start=2):
        if all(value in (None, "") for value in values[:MAX_COLUMNS]):
            continue
        if len(result.rows) >= MAX_ROWS:
            raise FileRefused(TOO_MANY_ROWS.format(sheet=sheet.title))
        result.rows.append(
            (
                number,
                {
                    column.header: values[index] if index < len(values) else None
                    for index, column in positions
                },
            )
        )
    return result


def read_book(name: str, content: bytes) -> Book:
    """The register in an uploaded file; FileRefused when it cannot be read as a whole."""
    if len(content) > MAX_BYTES:
        raise FileRefused(TOO_LARGE)
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "xlsx" and zipfile.is_zipfile(io.BytesIO(content)):
        return _read_xlsx(content)
    if suffix == "csv":
        return _read_csv(content)
    raise FileRefused(NOT_A_SPREADSHEET)


def _read_xlsx(content: bytes) -> Book:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise FileRefused(NOT_A_SPREADSHEET) from error
    try:
        by_title = {_normal(ws.title): ws for ws in workbook.worksheets}
        sheets: dict[str, SheetRows] = {}
        for sheet in SHEETS:
            worksheet = by_title.get(_normal(sheet.title))
            if worksheet is None and sheet is SHEETS[0] and workbook.worksheets:
                worksheet = workbook.worksheets[0]
            if worksheet is not None:
                sheets[sheet.title] = _sheet_rows(
                    sheet, worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
                )
    finally:
        workbook.close()
    register, partners, contributions = (sheets.get(sheet.title) for sheet in SHEETS)
    if register is None:
        raise FileRefused(NO_REGISTER.format(sheet=SHEETS[0].title))
    return Book(register, partners, contributions)


def _read_csv(content: bytes) -> Book:
    if b"\x00" in content[:4096]:
        raise FileRefused(NOT_A_SPREADSHEET)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves a CSV in Windows-1252 unless told otherwise.
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = (tuple(row) for row in reader)
    return Book(_sheet_rows(SHEETS[0], rows))


def is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=") and len(value) > 1


def unneutralised(value: Any) -> Any:
    """Text the export neutralised ("'=...") back as it was stored."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


# Writing -------------------------------------------------------------------------------


def _typed_cell(worksheet: Any, column: Column, value: Any) -> Any:
    if isinstance(value, str):
        value = safe_cell(value)
    cell = WriteOnlyCell(worksheet, value=value)
    if column.kind is Kind.MONEY and isinstance(value, Decimal | int | float):
        cell.number_format = EURO_FORMAT
    elif column.kind is Kind.DATE and isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif column.kind is Kind.PERCENT and isinstance(value, Decimal | int | float):
        cell.number_format = PERCENT_FORMAT
    return cell


def _start_sheet(workbook: Workbook, sheet: Sheet) -> Any:
    worksheet = workbook.create_sheet(sheet.title)
    worksheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, value=column.header)
        cell.font = Font(bold=True)
        header.append(cell)
    worksheet.append(header)
    return worksheet


def write_xlsx(
    target: IO[bytes],
    rows: dict[str, Iterable[list[Any]]],
    *,
    documentation: bool = False,
) -> None:
    """Write every sheet of `SHEETS` with its rows (values in column order), streaming."""
    workbook = Workbook(write_only=True)
    for sheet in SHEETS:
        worksheet = _start_sheet(workbook, sheet)
        for values in rows.get(sheet.title, ()):
            worksheet.append(
                [_typed_cell(worksheet, c, v) for c, v in zip(sheet.columns, values, strict=True)]
            )
    if documentation:
        _write_documentation(workbook)
    workbook.save(target)


def _write_documentation(workbook: Workbook) -> None:
    from .values import allowed_values

    worksheet = workbook.create_sheet(DOCUMENTATION_TITLE)
    for letter, width in zip("ABCDEF", (26, 34, 60, 40, 28, 60), strict=True):
        worksheet.column_dimensions[letter].width = width
    worksheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    headers = ("Blad", "Kolom", "Betekenis", "Vorm", "Voorbeeld", "Toegestane waarden")
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(worksheet, value=text)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    worksheet.append(header_cells)
    for sheet in SHEETS:
        for column in sheet.columns:
            meaning = column.meaning + (" Verplicht." if column.required else "")
            values = [
                sheet.title,
                column.header,
                meaning,
                column.format,
                column.example,
                "; ".join(allowed_values(sheet, column)),
            ]
            cells = []
            for value in values:
                cell = WriteOnlyCell(worksheet, value=safe_cell(value))
                cell.alignment = wrap
                cells.append(cell)
            worksheet.append(cells)


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """The first sheet as CSV for Dutch Excel: a BOM, semicolons, decimal commas, d-m-jjjj."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff"
    writer.writerow(SHEETS[0].headers)
    yield flush()
    for values in rows:
        writer.writerow([_csv_value(value) for value in values])
        yield flush()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(safe_cell(value))
