"""Writing register files as a user's spreadsheet program would, for the import tests."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from imports.columns import CONTRIBUTIONS, PARTNERS, REGISTER

REGISTER_HEADERS = [
    "Naam",
    "Opgave",
    "Aard",
    "Beleidsveld",
    "Juridische vorm",
    "Startdatum",
    "Einddatum",
    "Opzegtermijn (maanden)",
    "Status",
    "Accounthouder",
    "Verbonden partij",
    "Bestuurlijk belang",
    "Financieel belang",
]


def register_row(n: int, **overrides: Any) -> dict[str, Any]:
    row = {
        "Naam": f"Samenwerking {n:02d}",
        "Opgave": f"Opgave van samenwerking {n}.",
        "Aard": "Gezamenlijke uitvoering",
        "Beleidsveld": "Veiligheid",
        "Juridische vorm": "Openbaar lichaam (Wgr)",
        "Startdatum": "1-1-2020",
        "Einddatum": "31-12-2028",
        "Opzegtermijn (maanden)": 12,
        "Status": "Actief",
        "Accounthouder": "ah@gemeente.example",
        "Verbonden partij": "ja",
        "Bestuurlijk belang": "Zetel in het algemeen bestuur.",
        "Financieel belang": "Jaarlijkse bijdrage.",
    }
    row.update(overrides)
    return row


def workbook(
    registers: list[dict[str, Any]],
    partners: list[list[Any]] | None = None,
    contributions: list[list[Any]] | None = None,
    headers: list[str] | None = None,
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = REGISTER.title
    headers = headers or REGISTER_HEADERS
    sheet.append(headers)
    for row in registers:
        sheet.append([row.get(header) for header in headers])
    if partners is not None:
        ws = book.create_sheet(PARTNERS.title)
        ws.append(PARTNERS.headers)
        for values in partners:
            ws.append(values)
    if contributions is not None:
        ws = book.create_sheet(CONTRIBUTIONS.title)
        ws.append(CONTRIBUTIONS.headers)
        for values in contributions:
            ws.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "register.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def open_xlsx(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content))
