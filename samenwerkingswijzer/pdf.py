"""The one place that turns HTML into PDF (WeasyPrint), and what every print document shares.

WeasyPrint is imported inside `render_pdf`, so that importing this module (for the
presenters' dataclasses) stays cheap. Static files are read from disk
through a URL fetcher: WeasyPrint never makes an HTTP request, not even back to our own site.
Before the first render, `pdf_workarounds` removes a quadratic cost from pydyf's tagging
support (docs/upstream/pydyf-page-references.md).
"""

from __future__ import annotations

import logging
import threading
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
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_file_fetcher())
    pdf: bytes = document.write_pdf(pdf_variant=variant, font_config=_font_config())
    return pdf


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
