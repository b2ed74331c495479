"""The local fix for pydyf's `page_references`: in place, really used, and the same PDF."""

import io

import pydyf
import pytest
from pypdf import PdfReader

from reports.documents import render_year_document
from samenwerkingswijzer import pdf_workarounds

from .conftest import YEAR
from .pdfread import read_pdf

pytestmark = pytest.mark.pdf


def structure(content: bytes) -> list[str]:
    """The structure tree as a reader walks it: the type of every element, depth first."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    found: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return  # a marked-content id
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid)

    walk(root)
    return found


def test_the_workaround_is_written_for_the_installed_pydyf():
    """Fails on a pydyf upgrade: check whether upstream fixed it, then adapt or remove it."""
    assert pydyf.__version__ in pdf_workarounds.PATCHED_PYDYF_VERSIONS
    assert pdf_workarounds.install()
    assert pdf_workarounds.installed()


def test_it_returns_what_the_original_returns_as_pages_are_added():
    pdf_workarounds.install()
    original = pydyf.PDF._samenwerkingswijzer_original_page_references
    pdf = pydyf.PDF()
    assert pdf.page_references == original.fget(pdf) == ()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_page(page)
        assert pdf.page_references == original.fget(pdf)
    assert pdf.page_references == (b"3 0 R", b"4 0 R", b"5 0 R")
    # Read again without a new page: the same tuple, not a new one.
    assert pdf.page_references is pdf.page_references


def test_tagging_reads_it_many_times_and_builds_it_once(register, frozen_today, monkeypatch):
    assert pdf_workarounds.install()
    builds: list[int] = []
    build = pdf_workarounds._references

    def counting(kids):
        builds.append(len(kids) // 3)
        return build(kids)

    monkeypatch.setattr(pdf_workarounds, "_references", counting)
    reads = 0
    installed = pydyf.PDF.__dict__["page_references"]

    def counting_read(pdf):
        nonlocal reads
        reads += 1
        return installed.fget(pdf)

    monkeypatch.setattr(pydyf.PDF, "page_references", property(counting_read))
    pdf = read_pdf(render_year_document("kadernota", YEAR).content)

    pages = len(pdf.pages)
    # WeasyPrint reads the references once per tagged box: far more reads than pages ...
    assert reads > 20 * pages
    # ... and the list of pages is built only when the number of pages changed: once for
    # each part of the document (the front, then the rest), together once per page.
    assert len(builds) == 2
    assert sum(builds) == pages


@pytest.mark.parametrize("slug", ["kadernota", "jaarrekening"])
def test_the_pdf_is_the_same_as_with_the_original(register, frozen_today, monkeypatch, slug):
    pdf_workarounds.install()
    patched = render_year_document(slug, YEAR).content
    original = pydyf.PDF._samenwerkingswijzer_original_page_references
    monkeypatch.setattr(pydyf.PDF, "page_references", original)
    unpatched = render_year_document(slug, YEAR).content

    assert read_pdf(patched).is_tagged
    tree = structure(patched)
    assert {"/Document", "/H1", "/H2", "/P", "/Table", "/TD"} <= set(tree)
    assert tree == structure(unpatched)
    assert read_pdf(patched).pages == read_pdf(unpatched).pages
    # Byte for byte: same time (frozen), same objects in the same order.
    assert patched == unpatched
