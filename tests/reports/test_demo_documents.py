"""Every document renders from the demo register (`manage.py seed_demo`)."""

import pytest
from django.core.management import call_command

from partnerships.models import Partnership
from reports.documents import (
    YEAR_DOCUMENTS,
    dossier_queryset,
    render_dossier,
    render_year_document,
    today,
)

from .pdfread import assert_well_formed, read_pdf

pytestmark = pytest.mark.pdf


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--without-users", verbosity=0)


@pytest.mark.parametrize("slug", list(YEAR_DOCUMENTS))
def test_each_year_document_renders_from_the_demo_register(demo, slug):
    document = render_year_document(slug, today().year)
    pdf = read_pdf(document.content)
    assert_well_formed(pdf, pdf.metadata["/Title"], toc_depth=1 if slug == "kadernota" else 2)
    assert len(pdf.pages) >= 3


def test_demo_kadernota_puts_the_veiligheidsregio_under_its_tier(demo):
    veiligheid = Partnership.objects.get(name="Veiligheidsregio Zuid-Limburg")
    pdf = read_pdf(render_year_document("kadernota", today().year).content)
    chapter = None
    for title, level, _page in pdf.bookmarks():
        if level == 1:
            chapter = title
        elif title == veiligheid.name:
            break
    assert chapter == veiligheid.get_tier_display()
    # An archived partnership is not part of the kadernota.
    assert "Verbindend Leiden" not in pdf.text()


def test_demo_public_dossiers_hold_no_internal_notes(demo):
    for partnership in dossier_queryset(public=True).exclude(internal_notes=""):
        text = read_pdf(render_dossier(partnership, public=True).content).text()
        assert " ".join(partnership.internal_notes.split()) not in text
        assert partnership.name in text
