"""`render_year_document` tells its caller how far it is, in partnerships of the document."""

import pytest

from reports.documents import render_year_document

from .conftest import YEAR
from .pdfread import read_pdf

pytestmark = pytest.mark.pdf


@pytest.mark.parametrize(
    ("slug", "printed"),
    [
        (
            "kadernota",
            [
                "Veiligheidsregio Testland",
                "GGD Testland",
                "Bank Testgemeenten NV",
                "Werkbedrijf Testland",
                "Netwerk Duurzaam Testland",
            ],
        ),
        (
            "verbonden-partijen",
            ["Veiligheidsregio Testland", "GGD Testland", "Bank Testgemeenten NV"],
        ),
    ],
)
def test_progress_counts_the_partnerships_the_document_prints(register, slug, printed):
    heard: list[tuple[int, int]] = []
    rendered = render_year_document(
        slug, YEAR, progress=lambda done, total: heard.append((done, total))
    )

    text = read_pdf(rendered.content).text()
    assert all(name in text for name in printed)
    assert "Oude Afvalregeling" not in text
    assert heard == [(0, len(printed)), (len(printed), len(printed))]


def test_without_progress_the_document_is_the_same(register, frozen_today):
    assert (
        render_year_document("kadernota", YEAR).content
        == render_year_document("kadernota", YEAR, progress=lambda done, total: None).content
    )
