"""A year document rendered in many small parts reads as one document.

The parts are joined (samenwerkingswijzer/pdf_parts.py); a reader must not notice: pages
numbered on, contents that link to the right page, bookmarks nested under the chapter they
go on with, one structure tree for a screen reader, the running header of the chapter.
"""

import io
from dataclasses import replace

import pikepdf
import pytest
from pypdf import PdfReader

from reports.documents import YEAR_DOCUMENTS, render_year_document
from tests.factories import PartnershipFactory

from .conftest import YEAR
from .pdfread import assert_well_formed, read_pdf

pytestmark = pytest.mark.pdf

TITLES = {
    "kadernota": (f"Samenwerkingsverbanden bij de kadernota {YEAR}", 1),
    "jaarrekening": (f"Evaluaties samenwerkingsverbanden bij de jaarrekening {YEAR}", 2),
    "lange-termijn-agenda": ("Lange termijn agenda evaluaties", 2),
    "verbonden-partijen": (f"Paragraaf verbonden partijen {YEAR}", 2),
}


@pytest.fixture
def one_per_part(monkeypatch):
    """Every part holds one partnership (or agenda row), so the test register has many."""
    for slug, document in YEAR_DOCUMENTS.items():
        monkeypatch.setitem(YEAR_DOCUMENTS, slug, replace(document, per_part=1))


def links_of_contents(content: bytes) -> list[tuple[int, int]]:
    """(page the contents print, page the link opens) for each line of the contents."""
    reader = PdfReader(io.BytesIO(content))
    destinations = {
        name: reader.get_destination_page_number(d) + 1
        for name, d in reader.named_destinations.items()
    }
    pdf = read_pdf(content)
    printed = [page for _title, page in pdf.toc()]
    names: list[str] = []
    for page in reader.pages[1:]:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            assert "/A" not in annotation, "a link of the contents still points outside"
            name = str(annotation["/Dest"])
            # The title and its page number are two boxes of one link, each an annotation.
            if not names or names[-1] != name:
                names.append(name)
    found = [destinations[name] for name in names]
    assert len(found) == len(printed)
    return list(zip(printed, found, strict=True))


def structure_is_one_tree(content: bytes) -> list[str]:
    """The types under the one Document; every page's marked content points back to it."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    (document,) = root["/K"]
    document = document.get_object()
    assert document["/S"] == "/Document"
    numbers = root["/ParentTree"]["/Nums"]
    parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
    for page in reader.pages:
        elements = parents[int(page["/StructParents"])]
        for element in elements:
            assert element.get_object()["/Pg"].get_object() == page.get_object()
    assert int(root["/ParentTreeNextKey"]) == max(parents) + 1
    return [str(part.get_object()["/S"]) for part in document["/K"]]


@pytest.mark.parametrize("slug", list(TITLES))
def test_a_document_in_parts_reads_as_one(register, frozen_today, one_per_part, slug):
    heard: list[tuple[int, int]] = []
    content = render_year_document(
        slug, YEAR, progress=lambda done, total: heard.append((done, total))
    ).content
    pdf = read_pdf(content)

    title, depth = TITLES[slug]
    assert_well_formed(pdf, title, toc_depth=depth)
    with pikepdf.open(io.BytesIO(content)) as joined:
        assert joined.check_pdf_syntax() == []
    parts = structure_is_one_tree(content)
    assert len(parts) >= 3
    assert set(parts) == {"/Part"}
    for printed, opens in links_of_contents(content):
        assert printed == opens
    # The job's progress moves on with every part, up to the whole document.
    total = heard[0][1]
    assert heard[0] == (0, total)
    assert heard[-1] == (total, total)
    assert len(heard) > 2
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)


def test_a_chapter_that_goes_on_in_the_next_part_keeps_its_bookmark_and_header(
    register, frozen_today, one_per_part
):
    pdf = read_pdf(render_year_document("kadernota", YEAR).content)

    chapter_of, current = {}, None
    for title, level, _page in pdf.bookmarks():
        if level == 1:
            current = title
        else:
            chapter_of[title] = current
    # Two partnerships are ambtelijk belangrijk: the second one is in a part of its own.
    assert chapter_of["Werkbedrijf Testland"] == "Ambtelijk belangrijk"
    assert chapter_of["Netwerk Duurzaam Testland"] == "Ambtelijk belangrijk"
    page = pdf.page_of("Netwerk Duurzaam Testland", start=3)
    header = pdf.pages[page - 1].splitlines()[0]
    assert "Gemeente Testdorp" in header
    assert "Ambtelijk belangrijk" in header
    footer = " ".join(pdf.pages[page - 1].split())
    assert f"Samenwerkingsverbanden bij de kadernota {YEAR} · Concept" in footer


def test_the_same_document_twice_is_the_same_file(register, frozen_today, one_per_part):
    first = render_year_document("jaarrekening", YEAR).content
    assert render_year_document("jaarrekening", YEAR).content == first


def test_a_name_that_looks_like_pdf_syntax_is_printed_as_it_is(
    register, frozen_today, one_per_part
):
    """The join renumbers references in the objects it copies, never inside a text."""
    name = "Proefregio (deel 12 0 R) \\ <af>"
    PartnershipFactory(name=name)
    content = render_year_document("kadernota", YEAR).content

    assert name in [title for title, _level, _page in read_pdf(content).bookmarks()]
    assert name in read_pdf(content).text()
    with pikepdf.open(io.BytesIO(content)) as joined:
        assert joined.check_pdf_syntax() == []
