"""The one place that turns HTML into PDF (WeasyPrint), and what every print document shares.

WeasyPrint is imported inside `render_pdf`, so that importing this module (for the
presenters' dataclasses) stays cheap. Static files are read from disk
through a URL fetcher: WeasyPrint never makes an HTTP request, not even back to our own site.
Before the first render, `pdf_workarounds` removes a quadratic cost from pydyf's tagging
support (docs/upstream/pydyf-page-references.md).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import pdf_workarounds
from .formatting import date_long, date_short

# WeasyPrint logs every page at INFO; its warnings (unsupported CSS, missing files) remain.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
# pikepdf says at INFO, on import, that it connected qpdf's log to Python's.
logging.getLogger("pikepdf._core").setLevel(logging.WARNING)

# WeasyPrint's variants: tagged for accessibility (published), or archival and tagged.
PDF_UA = "pdf/ua-1"
PDF_ARCHIVE = "pdf/a-3a"
PDF_VARIANTS = (PDF_UA, PDF_ARCHIVE)


@dataclass(frozen=True)
class TocEntry:
    """A heading of the document: the table of contents and the heading read the same entry."""

    anchor: str
    title: str
    level: int = 1


@dataclass(frozen=True)
class CoverStatus:
    """The status line of a cover: adopted by the raad on a date, or made by this system.

    Only a recorded adoption (reports.DocumentAdoption) makes a document "Vastgesteld"; a
    dossier is never adopted, it shows the register as it stands.
    """

    made_at: datetime
    adopted_on: date | None = None
    reference: str = ""
    snapshot: bool = False

    @property
    def made_display(self) -> str:
        return f"{date_long(self.made_at.date())} om {self.made_at:%H:%M}"

    @property
    def made_iso(self) -> str:
        return self.made_at.replace(microsecond=0).isoformat()

    @property
    def footer(self) -> str:
        """The status at the foot of every page: short, so that the footer keeps to one line."""
        made = f"{date_short(self.made_at.date())} {self.made_at:%H:%M}"
        if self.adopted_on is not None:
            return f"Vastgesteld {date_short(self.adopted_on)}"
        return f"Stand {made}" if self.snapshot else f"Concept {made}"

    @property
    def text(self) -> str:
        if self.adopted_on is not None:
            return f"Vastgesteld door de raad op {date_long(self.adopted_on)}"
        if self.snapshot:
            return f"Stand van {self.made_display}"
        return f"Concept, gemaakt op {self.made_display}"


@dataclass
class PrintDocument:
    """What the cover, the running header and the PDF metadata of every document show.

    The cover's status line is a `CoverStatus`, which the renderer (reports.documents) builds
    from the record of the raad's adoption.
    """

    title: str
    dated: date
    period: str = ""
    subtitle: str = ""
    version: str = ""
    toc: list[TocEntry] = field(default_factory=list)
    filename: str = "document.pdf"

    @property
    def municipality(self) -> str:
        return settings.MUNICIPALITY_NAME

    def add(self, anchor: str, title: str, level: int = 1) -> TocEntry:
        entry = TocEntry(anchor, title, level)
        self.toc.append(entry)
        return entry


@dataclass(frozen=True)
class TocLine:
    """One line of the printed contents: the entry, where its link goes, and its page.

    `page` is empty when the page is found while rendering (`target-counter` in print.css);
    a document in parts prints the number it already knows.
    """

    entry: TocEntry
    href: str
    page: str = ""


@dataclass(frozen=True)
class Part:
    """Which pieces of a document one render prints.

    A whole document is one part (`WHOLE`). A long one is rendered as a front part (cover
    and contents) and then parts that each print a few of the report's chapters or a slice
    of one (`report` holds just those); `continues` says its first chapter began in the
    part before. `items` counts the partnerships it prints, for the progress of a job.
    """

    front: bool = True
    opening: bool = True  # the sections before the chapters (summary, introduction)
    closing: bool = True  # the sections after them
    report: Any = None
    items: int = 0
    continues: bool = False


WHOLE = Part()

# A document in parts does not know its number of pages while a part is rendered, so its
# pages say "pagina 7" rather than "pagina 7 van 40". WeasyPrint adds these stylesheets as
# the user's, which print.css (the author's) overrides unless they are important.
PARTS_CSS = """
@page { @bottom-right { content: "pagina " counter(page) !important; } }
@page cover { @bottom-right { content: none !important; } }
"""
# The width of a page number in the contents, before the numbers are known.
UNKNOWN_PAGE = "0000"


def _static_roots() -> list[Path]:
    """Every folder static files are served from: the collected folder and the finders'."""
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return [root.resolve() for root in roots]


def _inside_static_roots(path: Path) -> bool:
    """The real file (symlinks followed) lies inside one of the static folders."""
    real = path.resolve()
    return real.is_file() and any(real.is_relative_to(root) for root in _static_roots())


def _static_path(url_path: str) -> Path | None:
    """The file on disk behind a /static/ URL: collected (hashed names) first, else the finders.

    Only a plain relative name is looked up ("/static//etc/passwd", "..", backslashes and
    NUL are refused), and the file found must really lie inside a static folder, so a
    symlink that points out of it is refused too.
    """
    name = unquote(url_path.removeprefix(settings.STATIC_URL))
    parts = Path(name).parts
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or ".." in parts
        or Path(name).is_absolute()
    ):
        return None
    collected = Path(settings.STATIC_ROOT) / name
    if collected.is_file():
        return collected if _inside_static_roots(collected) else None
    found = finders.find(name)
    if not isinstance(found, str):
        return None
    return Path(found) if _inside_static_roots(Path(found)) else None


# Relative URLs in the print templates resolve against this base; the fetcher maps it to disk.
BASE_URL = "file:///"


def static_file_fetcher() -> Any:
    """WeasyPrint's URL fetcher for our documents: files of the static folders and data: URLs.

    Anything else, another file on disk, a network address or another scheme, stops the
    render with an error instead of being fetched.
    """
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class StaticFileFetcher(URLFetcher):  # type: ignore[misc]
        """Serves /static/ from disk and refuses every other file or network address."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if (
                parsed.scheme == "file"
                and not parsed.netloc
                and parsed.path.startswith(settings.STATIC_URL)
            ):
                path = _static_path(parsed.path)
                if path is not None:
                    headers = {"Content-Type": _content_type(path)}
                    return URLFetcherResponse(url, path.read_bytes(), headers)
            raise ValueError(f"Bron niet toegestaan in een PDF: {url}")

    return StaticFileFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)


def render_pdf(template_name: str, context: dict[str, Any], *, variant: str = PDF_UA) -> bytes:
    """Render a print template to PDF bytes, tagged (PDF/UA-1) or archival (PDF/A-3a)."""
    from weasyprint import HTML

    if variant not in PDF_VARIANTS:
        raise ValueError(f"Onbekende PDF-variant: {variant}")

    pdf_workarounds.install()
    doc = context["doc"]
    context = {
        "part": WHOLE,
        "toc": [TocLine(entry, f"#{entry.anchor}") for entry in doc.toc],
        **context,
    }
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_file_fetcher())
    pdf: bytes = document.write_pdf(pdf_variant=variant, font_config=_font_config())
    return pdf


def render_pdf_in_parts(
    template_name: str,
    context: dict[str, Any],
    parts: Sequence[Part],
    *,
    variant: str = PDF_UA,
    done: Callable[[int], None] | None = None,
) -> bytes:
    """Render a long document part by part and join the parts into one PDF.

    Memory then holds the layout of one part instead of the whole document: WeasyPrint keeps
    every laid-out page until the PDF is written, about 1.7 MB per page of the jaarrekening.
    `parts[0]` is the front (cover and contents). Its number of pages is learnt first, with
    room for four-digit page numbers; then each further part is rendered with its pages
    numbered on from the part before, and finally the front again, with the page of every
    heading in the contents. `done(items)` hears each part's partnerships when it is ready.
    """
    from weasyprint import CSS, HTML

    from . import pdf_parts  # imports pikepdf: only when a document is made

    if variant not in PDF_VARIANTS:
        raise ValueError(f"Onbekende PDF-variant: {variant}")
    pdf_workarounds.install()
    doc: PrintDocument = context["doc"]
    parts_css = CSS(string=PARTS_CSS)

    def render(part: Part, first_page: int, pages_of: dict[str, int] | None) -> Any:
        toc = [
            TocLine(
                entry,
                pdf_parts.ANCHOR_URL + entry.anchor,
                str(pages_of[entry.anchor]) if pages_of else UNKNOWN_PAGE,
            )
            for entry in doc.toc
        ]
        html = render_to_string(
            template_name, {**context, "report": part.report, "part": part, "toc": toc}
        )
        numbering = CSS(string=f"@page :first {{ counter-reset: page {first_page} !important; }}")
        options = {
            "pdf_variant": variant,
            "stylesheets": [parts_css, numbering],
        }
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_file_fetcher())
        return document.render(font_config=_font_config(), **options), options

    front, body = parts[0], parts[1:]
    laid_out, _ = render(front, 1, None)
    front_pages = len(laid_out.pages)
    del laid_out

    rendered: list[pdf_parts.RenderedPart] = []
    pages_of: dict[str, int] = {}
    next_page = front_pages + 1
    for part in body:
        laid_out, options = render(part, next_page, None)
        content = laid_out.write_pdf(**options)
        for number, page in enumerate(laid_out.pages):
            for anchor in page.anchors:
                pages_of[anchor] = next_page + number
        next_page += len(laid_out.pages)
        rendered.append(pdf_parts.RenderedPart(content, continues=part.continues))
        # The laid-out pages hold native memory (Pango layouts) that is freed with them;
        # collect their reference cycles now, before the next part is laid out.
        del laid_out
        gc.collect()
        if done is not None:
            done(part.items)

    laid_out, options = render(front, 1, pages_of)
    if len(laid_out.pages) != front_pages:
        raise RuntimeError("de inhoudsopgave kreeg andere paginanummers dan gemeten")
    front_content = laid_out.write_pdf(**options)
    del laid_out
    chapters = frozenset(entry.anchor for entry in doc.toc if entry.level == 1)
    return pdf_parts.join_parts([pdf_parts.RenderedPart(front_content), *rendered], chapters)


_fonts = threading.local()


def _font_config() -> Any:
    """One font configuration per thread, reused by every render.

    A new one per document would scan the system fonts again, start with cold Pango caches,
    and leave memory behind in fontconfig on every render.
    """
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def _content_type(path: Path) -> str:
    return {
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".ttf": "font/ttf",
        ".woff2": "font/woff2",
    }.get(path.suffix, "application/octet-stream")
