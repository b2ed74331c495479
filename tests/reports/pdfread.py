"""Read a rendered PDF back as a reader would: text per page, contents, bookmarks, metadata."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

TOC_LINE = re.compile(r"^\s*(\S.*?)\s{2,}(\d+)\s*$")
# A dossier says "pagina 3 van 9"; a year document, rendered in parts, "pagina 3".
PAGE_FOOTER = re.compile(r"pagina (\d+)(?: van (\d+))?")


@dataclass
class ReadPdf:
    reader: PdfReader
    pages: list[str]
    plain: list[str]

    @property
    def metadata(self) -> dict:
        return dict(self.reader.metadata or {})

    @property
    def lang(self) -> str:
        return str(self.reader.trailer["/Root"].get("/Lang"))

    @property
    def is_tagged(self) -> bool:
        root = self.reader.trailer["/Root"]
        return bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root

    def text(self) -> str:
        """All text, in reading order, with whitespace (also line wraps in cells) collapsed."""
        return " ".join(" ".join(self.plain).split())

    def page_of(self, needle: str, start: int = 0) -> int:
        """1-based number of the first page from `start` (1-based) that contains `needle`."""
        for number, text in enumerate(self.pages, start=1):
            if number >= start and needle in " ".join(text.split()) + " ".join(
                self.plain[number - 1].split()
            ):
                return number
        raise AssertionError(f"{needle!r} staat niet in de PDF")

    def bookmarks(self) -> list[tuple[str, int, int]]:
        """(title, level, 1-based page) of every PDF bookmark, in document order."""
        found: list[tuple[str, int, int]] = []

        def walk(items: list, level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    page = self.reader.get_destination_page_number(item) + 1
                    found.append((item.title, level, page))

        walk(self.reader.outline, 1)
        return found

    def toc(self) -> list[tuple[str, int]]:
        """(title, page number printed) of the table of contents, read from its pages."""
        entries = []
        for text in self.pages[1:]:
            header = text.splitlines()[0] if text else ""
            if not header.rstrip().endswith("Inhoud"):
                break
            for line in text.splitlines()[1:]:
                match = TOC_LINE.match(line)
                if match and not PAGE_FOOTER.search(line):
                    entries.append((match[1].strip(), int(match[2])))
        return entries

    def footers(self) -> list[tuple[int, int | None]]:
        """(page number, total or None) printed at the foot of each page that has one."""
        return [
            (int(m[1]), int(m[2]) if m[2] else None)
            for text in self.pages
            if (m := PAGE_FOOTER.search(text))
        ]


def read_pdf(content: bytes) -> ReadPdf:
    assert content.startswith(b"%PDF-"), "geen PDF"
    reader = PdfReader(io.BytesIO(content))
    return ReadPdf(
        reader,
        [p.extract_text(extraction_mode="layout") for p in reader.pages],
        [p.extract_text() for p in reader.pages],
    )


def assert_well_formed(pdf: ReadPdf, title: str, toc_depth: int = 2) -> None:
    """Cover, contents that match the headings, page numbers, bookmarks, tags, metadata.

    `toc_depth` 1: the contents list chapters only (the kadernota, for its length).
    """
    assert pdf.metadata["/Title"] == title
    assert pdf.metadata["/Author"] == "Gemeente Testdorp"
    assert pdf.lang == "nl"
    assert pdf.is_tagged
    cover = " ".join(pdf.pages[0].split())
    assert "Gemeente Testdorp" in cover
    assert title in cover
    assert "Status" in cover
    # Every page but the cover is numbered, 2 up to the last page, with that total if any.
    total = len(pdf.pages)
    footers = pdf.footers()
    assert [number for number, _ in footers] == list(range(2, total + 1))
    assert {printed for _, printed in footers} <= {None, total}
    # The contents list each chapter and section with the page its heading is on.
    bookmarks = [
        (t, page) for t, level, page in pdf.bookmarks() if t != "Inhoud" and level <= toc_depth
    ]
    assert pdf.toc() == bookmarks
    assert bookmarks, "geen hoofdstukken"
