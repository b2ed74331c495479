"""The PDF documents: which presenter builds each, and which template prints it.

Views and the `export_pdf` command both render through `render_document`, so a scheduled job
writes exactly the file a user downloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from partnerships.models import Partnership
from reports.presenters.evaluations import build_jaarrekening, build_lange_termijn_agenda
from reports.presenters.governance import build_kadernota
from reports.presenters.partnerships import (
    build_dossier,
    build_verbonden_partijen,
    dossier_queryset,
)
from samenwerkingswijzer.pdf import PDF_UA, CoverStatus, render_pdf

from .models import DocumentAdoption


@dataclass(frozen=True)
class YearDocument:
    """A document about one year of the register."""

    slug: str
    title: str
    description: str
    template: str
    build: Callable[..., Any]
    # How many partnerships the built report prints: the total of `progress`.
    partnership_count: Callable[[Any], int]


YEAR_DOCUMENTS: dict[str, YearDocument] = {
    d.slug: d
    for d in (
        YearDocument(
            "kadernota",
            "Kadernota",
            "Alle samenwerkingsverbanden per belangrijkheid, met politiek relevante "
            "onderwerpen, mandaat, bijdragen, wijzigingen en geplande evaluaties.",
            "pdf/kadernota.html",
            build_kadernota,
            lambda report: report.total_count,
        ),
        YearDocument(
            "jaarrekening",
            "Jaarrekening",
            "De evaluaties van dat jaar van de politiek (zeer) belangrijke "
            "samenwerkingsverbanden, met antwoorden, conclusie en advies.",
            "pdf/jaarrekening.html",
            build_jaarrekening,
            lambda report: sum(len(chapter.partnerships) for chapter in report.chapters),
        ),
        YearDocument(
            "lange-termijn-agenda",
            "Lange termijn agenda",
            "De geplande evaluaties van het gekozen jaar en de vier jaren daarna.",
            "pdf/lange_termijn_agenda.html",
            build_lange_termijn_agenda,
            lambda report: len({row.partnership for year in report.years for row in year.rows}),
        ),
        YearDocument(
            "verbonden-partijen",
            "Paragraaf verbonden partijen",
            "De verbonden partijen in de vier groepen van het BBV (artikel 15), met belang, "
            "vermogen, resultaat en risico's.",
            "pdf/verbonden_partijen.html",
            build_verbonden_partijen,
            lambda report: sum(len(chapter.parties) for chapter in report.chapters),
        ),
    )
}

DOSSIER = "dossier"
DOCUMENT_CHOICES = [*YEAR_DOCUMENTS, DOSSIER]


@dataclass(frozen=True)
class RenderedDocument:
    filename: str
    content: bytes


def today() -> date:
    return timezone.localdate()


def now() -> datetime:
    return timezone.localtime()


def cover_status(slug: str, year: int, made_at: datetime) -> CoverStatus:
    """Adopted only when a beheerder recorded that the raad adopted this very document."""
    adoption = DocumentAdoption.objects.filter(document=slug, year=year).first()
    if adoption is None:
        return CoverStatus(made_at)
    return CoverStatus(made_at, adoption.adopted_on, adoption.reference)


Progress = Callable[[int, int], None]


def render_year_document(
    slug: str, year: int, *, variant: str = PDF_UA, progress: Progress | None = None
) -> RenderedDocument:
    """`progress(done, total)` hears how many of the document's partnerships are rendered.

    The document renders in one piece, so it hears (0, total) once the data is read and
    (total, total) when the PDF is ready.
    """
    document = YEAR_DOCUMENTS[slug]
    made_at = now()
    report = document.build(year, today=made_at.date())
    total = document.partnership_count(report)
    if progress is not None:
        progress(0, total)
    context = {"doc": report.doc, "report": report, "cover": cover_status(slug, year, made_at)}
    pdf = render_pdf(document.template, context, variant=variant)
    if progress is not None:
        progress(total, total)
    return RenderedDocument(report.doc.filename, pdf)


def render_dossier(
    partnership: Partnership, *, public: bool, variant: str = PDF_UA
) -> RenderedDocument:
    """`partnership` must come from `dossier_queryset(public=public)`."""
    made_at = now()
    report = build_dossier(partnership, public=public, today=made_at.date())
    cover = CoverStatus(made_at, snapshot=True)
    context = {"doc": report.doc, "report": report, "cover": cover}
    pdf = render_pdf("pdf/dossier.html", context, variant=variant)
    return RenderedDocument(report.doc.filename, pdf)


__all__ = [
    "DOCUMENT_CHOICES",
    "DOSSIER",
    "YEAR_DOCUMENTS",
    "RenderedDocument",
    "dossier_queryset",
    "render_dossier",
    "render_year_document",
]
