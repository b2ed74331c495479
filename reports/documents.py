"""The PDF documents: which presenter builds each, and which template prints it.

Views and the `export_pdf` command both render through `render_document`, so a scheduled job
writes exactly the file a user downloads.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
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
from samenwerkingswijzer.pdf import PDF_UA, CoverStatus, Part, render_pdf, render_pdf_in_parts

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
    # The document renders in parts (samenwerkingswijzer.pdf.render_pdf_in_parts) of at
    # most `per_part` of the items that the report's `chapters` hold in their `items`.
    chapters: str
    items: str
    per_part: int
    # The partnership an item is about, where one may have several items (agenda rows).
    partnership_of: Callable[[Any], Hashable] = id


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
            chapters="chapters",
            items="items",
            per_part=600,
        ),
        YearDocument(
            "jaarrekening",
            "Jaarrekening",
            "De evaluaties van dat jaar van de politiek (zeer) belangrijke "
            "samenwerkingsverbanden, met antwoorden, conclusie en advies.",
            "pdf/jaarrekening.html",
            build_jaarrekening,
            lambda report: sum(len(chapter.partnerships) for chapter in report.chapters),
            chapters="chapters",
            items="partnerships",
            per_part=40,
        ),
        YearDocument(
            "lange-termijn-agenda",
            "Lange termijn agenda",
            "De geplande evaluaties van het gekozen jaar en de vier jaren daarna.",
            "pdf/lange_termijn_agenda.html",
            build_lange_termijn_agenda,
            lambda report: len({row.partnership for year in report.years for row in year.rows}),
            chapters="years",
            items="rows",
            # Rows of long tables: WeasyPrint lays a table out slower per page the longer it is.
            per_part=400,
            partnership_of=lambda row: row.partnership,
        ),
        YearDocument(
            "verbonden-partijen",
            "Paragraaf verbonden partijen",
            "De verbonden partijen in de vier groepen van het BBV (artikel 15), met belang, "
            "vermogen, resultaat en risico's.",
            "pdf/verbonden_partijen.html",
            build_verbonden_partijen,
            lambda report: sum(len(chapter.parties) for chapter in report.chapters),
            chapters="chapters",
            items="parties",
            per_part=50,
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
    """`progress(done, total)` hears how many of the document's partnerships are rendered:
    (0, total) once the data is read, and again after each part of the document."""
    document = YEAR_DOCUMENTS[slug]
    made_at = now()
    report = document.build(year, today=made_at.date())
    total = document.partnership_count(report)
    done = 0

    def part_done(items: int) -> None:
        nonlocal done
        done = min(total, done + items)
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    context = {"doc": report.doc, "report": report, "cover": cover_status(slug, year, made_at)}
    pdf = render_pdf_in_parts(
        document.template, context, parts(document, report), variant=variant, done=part_done
    )
    return RenderedDocument(report.doc.filename, pdf)


def parts(document: YearDocument, report: Any) -> list[Part]:
    """The front (cover and contents), then parts of at most `per_part` items each.

    A part holds whole chapters while they fit and a slice of the chapter that does not;
    the next part goes on with that chapter. The first part after the front also prints
    the sections before the chapters, the last one those after them.
    """
    body: list[Part] = []
    slices: list[Any] = []
    room = document.per_part
    seen: set[Hashable] = set()

    def close(*, closing: bool) -> None:
        nonlocal slices, room
        items = [item for chapter in slices for item in getattr(chapter, document.items)]
        new = {document.partnership_of(item) for item in items} - seen
        seen.update(new)
        body.append(
            Part(
                front=False,
                opening=not body,
                closing=closing,
                report=replace(report, **{document.chapters: slices}),
                items=len(new),
                continues=bool(slices) and slices[0].continued,
            )
        )
        slices, room = [], document.per_part

    for chapter in getattr(report, document.chapters):
        items = getattr(chapter, document.items)
        start = 0
        while True:
            if room == 0 and start < len(items):
                close(closing=False)
            taken = items[start : start + room]
            slices.append(replace(chapter, **{document.items: taken, "continued": start > 0}))
            room -= len(taken)
            start += len(taken)
            if start >= len(items):
                break
    close(closing=True)
    front = Part(opening=False, closing=False, report=replace(report, **{document.chapters: []}))
    return [front, *body]


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
