"""Read where the lines of a rendered PDF page sit, to find what a reader sees as bad layout:
a page that holds a single line, or a heading alone at the bottom of a page."""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PageObject

from .pdfread import ReadPdf

# The print stylesheet sets body text at 9.5pt and headings at 10pt (h3) and larger; the
# running header and footer at 8pt sit in the page margins.
HEADING_SIZE = 9.9
CHAPTER_SIZE = 16
MARGIN_SIZE = 8.5


@dataclass(frozen=True)
class Line:
    top: float  # distance from the top of the page, in points
    size: float
    text: str

    @property
    def is_heading(self) -> bool:
        return self.size >= HEADING_SIZE


def body_lines(page: PageObject) -> list[Line]:
    """The lines of the page body, top to bottom, without the running header and footer."""
    height = float(page.mediabox.height)
    pieces: dict[int, list[tuple[float, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        scale = abs(tm[3] * cm[3]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        pieces.setdefault(round(height - y), []).append((size * scale, text))

    page.extract_text(visitor_text=visit)
    lines = []
    for top in sorted(pieces):
        sizes = [size for size, _ in pieces[top]]
        text = " ".join("".join(t for _, t in pieces[top]).split())
        if text and max(sizes) > MARGIN_SIZE:
            lines.append(Line(float(top), max(sizes), text))
    return _merge_rows(lines)


def _merge_rows(lines: list[Line]) -> list[Line]:
    """Pieces of one visual line (a table row, a label and its value) to one line."""
    merged: list[Line] = []
    for line in lines:
        if merged and line.top - merged[-1].top < 3:
            last = merged.pop()
            line = Line(last.top, max(last.size, line.size), f"{last.text} {line.text}")
        merged.append(line)
    return merged


def layout_problems(pdf: ReadPdf) -> list[str]:
    """Pages after the cover with one line only, or with a heading among their last two
    lines (a name parted from its first block), unless the next page starts a chapter."""
    pages = [body_lines(page) for page in pdf.reader.pages]
    problems = []
    for number in range(2, len(pages) + 1):
        lines = pages[number - 1]
        if len(lines) <= 1:
            problems.append(f"pagina {number} heeft één regel: {lines}")
            continue
        following = pages[number] if number < len(pages) else []
        starts_chapter = bool(following) and following[0].size >= CHAPTER_SIZE
        stranded = [line.text for line in lines[-2:] if line.is_heading]
        if stranded and following and not starts_chapter:
            problems.append(f"pagina {number} eindigt met een kop: {stranded}")
    return problems
