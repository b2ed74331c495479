"""Print layout read back from the PDF: no page that holds a single line, and no heading (a
partnership's name) left at the bottom of a page without the block it introduces."""

from datetime import date

import pytest
from django.core.management import call_command

from partnerships.models import Partnership
from reports.documents import YEAR_DOCUMENTS, dossier_queryset, render_dossier, render_year_document

from .conftest import YEAR
from .pdflayout import layout_problems
from .pdfread import read_pdf

pytestmark = pytest.mark.pdf


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--without-users", verbosity=0)


def test_demo_year_documents_have_no_stranded_heading_or_one_line_page(demo):
    problems = {
        slug: layout_problems(read_pdf(render_year_document(slug, YEAR).content))
        for slug in YEAR_DOCUMENTS
    }

    assert problems == {slug: [] for slug in YEAR_DOCUMENTS}


def test_demo_dossiers_of_verbonden_partijen_keep_names_with_their_figures(demo):
    problems = {}
    for partnership in Partnership.objects.filter(is_verbonden_partij=True, published=True):
        for public in (True, False):
            found = dossier_queryset(public=public).get(pk=partnership.pk)
            pdf = read_pdf(render_dossier(found, public=public).content)
            problems[(partnership.name, public)] = layout_problems(pdf)

    assert problems
    assert all(found == [] for found in problems.values()), problems


def test_a_long_register_never_parts_a_name_from_its_first_block(db):
    # Long enough for many page breaks to fall near a partnership's name.
    call_command("seed_bulk", partnerships=120, seed=7, today=date(YEAR, 6, 1), verbosity=0)
    problems = {}
    for slug in ("kadernota", "jaarrekening", "verbonden-partijen"):
        pdf = read_pdf(render_year_document(slug, YEAR).content)
        assert len(pdf.pages) > 10, slug
        problems[slug] = layout_problems(pdf)

    assert problems == {"kadernota": [], "jaarrekening": [], "verbonden-partijen": []}
