"""Each document rendered from factory data and read back from the PDF."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Framework
from partnerships.tiers import Tier
from reports.documents import dossier_queryset, render_dossier, render_year_document
from reports.presenters.governance import build_kadernota
from samenwerkingswijzer.pdf import PDF_ARCHIVE
from tests.factories import (
    AssessmentFactory,
    ContributionFactory,
    PartnershipFactory,
    TierDecisionFactory,
)

from .conftest import MARKERS, YEAR
from .pdfread import assert_well_formed, read_pdf


def chapter_pages(pdf, titles):
    """First page of each chapter bookmark (level 1), by title."""
    return {t: page for t, level, page in pdf.bookmarks() if level == 1 and t in titles}


@pytest.mark.pdf
def test_kadernota_groups_partnerships_by_tier_with_topics_money_and_changes(register):
    pdf = read_pdf(render_year_document("kadernota", YEAR).content)
    assert_well_formed(pdf, f"Samenwerkingsverbanden bij de kadernota {YEAR}", toc_depth=1)
    # Every tier is decided, but nobody recorded that the raad adopted the document.
    assert "Concept, gemaakt op" in pdf.pages[0]
    assert "Vastgesteld" not in pdf.pages[0]

    tiers = [
        "Politiek zeer belangrijk",
        "Politiek belangrijk",
        "Bestuurlijk belangrijk",
        "Ambtelijk belangrijk",
    ]
    starts = chapter_pages(pdf, tiers)
    bookmarks = pdf.bookmarks()
    # Each partnership is a section (level 2) inside the chapter of its tier.
    chapter_of = {}
    current = None
    for title, level, _page in bookmarks:
        if level == 1:
            current = title
        else:
            chapter_of[title] = current
    assert chapter_of["Veiligheidsregio Testland"] == "Politiek zeer belangrijk"
    assert chapter_of["GGD Testland"] == "Politiek belangrijk"
    assert chapter_of["Bank Testgemeenten NV"] == "Bestuurlijk belangrijk"
    assert chapter_of["Werkbedrijf Testland"] == "Ambtelijk belangrijk"
    assert chapter_of["Netwerk Duurzaam Testland"] == "Ambtelijk belangrijk"
    assert "Oude Afvalregeling" not in pdf.text()

    page = pdf.page_of("Veiligheidsregio Testland", start=starts["Politiek zeer belangrijk"])
    text = " ".join(pdf.pages[page - 1].split())
    assert "Onderwerp van Veiligheidsregio Testland" in text
    assert MARKERS["mandate"] in text
    assert "€ 1.234.567" in text  # budgeted this year
    assert "€ 1.098.765" in text  # actual last year
    assert "Jaarevaluatie veiligheidsregio (30 juni 2026" in text

    summary = " ".join(pdf.pages[pdf.page_of("Samenvatting", start=3) - 1].split())
    assert "Totaal 5" in summary
    assert "€ 1.691.356" in summary  # 1.234.567 + 456.789

    changes = " ".join(
        pdf.pages[
            pdf.page_of(f"Wijzigingen in belangrijkheid sinds {YEAR - 1}", start=3) - 1
        ].split()
    )
    assert "Veiligheidsregio Testland Politiek belangrijk Politiek zeer belangrijk" in changes
    assert "Werkbedrijf Testland Nog niet afgewogen Ambtelijk belangrijk" in changes
    assert "GGD Testland" not in changes


@pytest.mark.pdf
def test_kadernota_says_in_one_line_that_topics_and_mandate_are_not_fixed_yet(register):
    archief = PartnershipFactory(name="Regionaal Archief Testland")
    AssessmentFactory(
        partnership=archief,
        framework=Framework.objects.get(version=1),
        assessed_on=date(YEAR, 2, 1),
        chosen_tier=Tier.BESTUURLIJK_BELANGRIJK,
    )
    pdf = read_pdf(render_year_document("kadernota", YEAR).content)
    page = pdf.page_of("Regionaal Archief Testland", start=3)
    text = " ".join(pdf.pages[page - 1].split())
    assert (
        "advies, nog niet vastgesteld Politiek relevante onderwerpen en mandaat: "
        "nog niet vastgesteld. Bijdragen: geen vastgelegd." in text
    )
    assert "Mandaat van het college: Nog niet vastgesteld" not in text


def test_kadernota_queries_do_not_grow_with_partnerships(register):
    with CaptureQueriesContext(connection) as few:
        build_kadernota(YEAR, today=date(YEAR, 7, 1))
    for n in range(10):
        p = PartnershipFactory(name=f"Extra verband {n}")
        TierDecisionFactory(partnership=p, year=YEAR)
        ContributionFactory(partnership=p, year=YEAR)
    with CaptureQueriesContext(connection) as many:
        report = build_kadernota(YEAR, today=date(YEAR, 7, 1))
    assert report.total_count == 15
    assert len(many) == len(few) == 4


@pytest.mark.pdf
def test_jaarrekening_prints_the_years_evaluations_of_political_partnerships(register):
    pdf = read_pdf(render_year_document("jaarrekening", YEAR).content)
    assert_well_formed(pdf, f"Evaluaties samenwerkingsverbanden bij de jaarrekening {YEAR}")
    starts = chapter_pages(pdf, ["Politiek zeer belangrijk", "Politiek belangrijk"])
    page = pdf.page_of("Jaarevaluatie veiligheidsregio", start=starts["Politiek zeer belangrijk"])
    text = " ".join(pdf.text().split())
    assert "De regio is goed voorbereid op crises." in text
    assert "Voortzetten" in text
    assert MARKERS["answer_note"] in " ".join(pdf.pages[page - 1].split()) or MARKERS[
        "answer_note"
    ] in " ".join(pdf.pages[page].split())
    # Not this year, or not politically important: not in the jaarrekening.
    assert "Evaluatie jeugdgezondheidszorg" not in text
    assert "Evaluatie aandeelhouderschap" not in text
    # An evaluation still open keeps the document a concept, and says so.
    assert "Concept" in pdf.pages[0]
    assert re.search(r"\d+ van deze evaluaties (is|zijn) nog niet afgerond", text)


@pytest.mark.pdf
def test_lange_termijn_agenda_lists_five_years_with_repeated_table_headers(register):
    pdf = read_pdf(render_year_document("lange-termijn-agenda", YEAR).content)
    assert_well_formed(pdf, "Lange termijn agenda evaluaties")
    starts = chapter_pages(pdf, [f"Evaluaties in {y}" for y in range(YEAR, YEAR + 5)])
    assert list(starts) == [f"Evaluaties in {y}" for y in range(YEAR, YEAR + 5)]
    later = pdf.page_of("Evaluatie jeugdgezondheidszorg")
    assert starts[f"Evaluaties in {YEAR + 2}"] <= later < starts[f"Evaluaties in {YEAR + 3}"]
    assert f"Evaluaties in {YEAR + 5}" not in pdf.text()


@pytest.mark.pdf
def test_lange_termijn_agenda_repeats_the_header_row_on_every_page_of_a_long_table(db):
    for n in range(60):
        EvaluationFactoryForAgenda(n)
    pdf = read_pdf(render_year_document("lange-termijn-agenda", YEAR).content)
    table_pages = [text for text in pdf.plain if "Agendaverband" in text]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "Uiterlijk" in text
        assert "Belangrijkheid" in text
        assert "Status" in text


def EvaluationFactoryForAgenda(n):

    from tests.factories import EvaluationFactory

    partnership = PartnershipFactory(name=f"Agendaverband {n:02d}")
    return EvaluationFactory(partnership=partnership, due_date=date(YEAR, 1 + n % 12, 1))


@pytest.mark.pdf
def test_paragraaf_verbonden_partijen_has_the_four_bbv_groups_and_the_figures(register):
    pdf = read_pdf(render_year_document("verbonden-partijen", YEAR).content)
    assert_well_formed(pdf, f"Paragraaf verbonden partijen {YEAR}")
    groups = [
        "Gemeenschappelijke regelingen",
        "Vennootschappen en coöperaties",
        "Stichtingen en verenigingen",
        "Overige verbonden partijen",
    ]
    starts = chapter_pages(pdf, groups)
    assert list(starts) == groups
    veiligheid = pdf.page_of("Veiligheidsregio Testland", start=starts[groups[0]])
    assert veiligheid < starts[groups[1]]
    assert (
        starts[groups[1]]
        <= pdf.page_of("Bank Testgemeenten NV", start=starts[groups[1]])
        < starts[groups[2]]
    )
    text = " ".join(pdf.text().split())
    for figure in (
        "€ 2.000.000",
        "€ 2.500.000",
        "€ 7.000.000",
        "€ 6.500.000",
        "€ 345.678",
        "12% van de stemmen",
        "Stijgende kosten van het materieel.",
        "Brandweerzorg en crisisbeheersing in de regio.",
        "€ 98.765.000",
    ):
        assert figure in text
    # The GGD has no figures for the year yet: the paragraph is a concept and names it.
    assert "De cijfers over 2026 ontbreken nog van: GGD Testland" in text
    assert "Concept" in pdf.pages[0]
    assert "Werkbedrijf Testland" not in text  # not a verbonden partij


@pytest.mark.pdf
def test_public_dossier_contains_no_internal_field(register):
    partnership = dossier_queryset(public=True).get(pk=register["veiligheid"].pk)
    pdf = read_pdf(render_dossier(partnership, public=True).content)
    assert_well_formed(pdf, "Dossier Veiligheidsregio Testland")
    text = " ".join(pdf.text().split())
    for marker in MARKERS.values():
        assert marker not in text
    assert str(register["veiligheid"].account_holder) not in text
    assert "Jaarevaluatie veiligheidsregio" in text
    assert "De regio is goed voorbereid op crises." in text
    assert "Gemeente Buurdorp" in text
    assert "Instemming met de gewijzigde regeling" in text
    assert "Openbare versie" in pdf.pages[0]


@pytest.mark.pdf
def test_internal_dossier_has_every_field(register):
    partnership = dossier_queryset(public=False).get(pk=register["veiligheid"].pk)
    pdf = read_pdf(render_dossier(partnership, public=False).content)
    assert_well_formed(pdf, "Dossier Veiligheidsregio Testland")
    text = " ".join(pdf.text().split())
    for marker in MARKERS.values():
        assert marker in text
    assert str(register["veiligheid"].account_holder) in text
    assert (
        pdf.page_of(MARKERS["internal_notes"])
        >= {t: p for t, _level, p in pdf.bookmarks()}["Interne gegevens"]
    )


@pytest.mark.pdf
def test_archival_variant_is_pdf_a_3a(register):
    pdf = read_pdf(render_year_document("verbonden-partijen", YEAR, variant=PDF_ARCHIVE).content)
    xmp = pdf.reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert re.search(rb"pdfaid:part(>|=\")3", xmp)
    assert re.search(rb"pdfaid:conformance(>|=\")A", xmp)
    assert pdf.is_tagged


@pytest.mark.pdf
@pytest.mark.parametrize(
    "document", ["kadernota", "jaarrekening", "lange-termijn-agenda", "verbonden-partijen"]
)
def test_documents_render_for_an_empty_register(db, document):
    pdf = read_pdf(render_year_document(document, YEAR).content)
    assert len(pdf.pages) >= 3
    assert "Concept" in pdf.pages[0] or "Stand van" in pdf.pages[0]


@pytest.mark.parametrize("public", [True, False])
def test_dossier_queries_do_not_grow_with_related_rows(register, public):

    from reports.presenters.partnerships import build_dossier
    from tests.factories import EvaluationFactory, ParticipationFactory

    def queries_for_dossier():
        with CaptureQueriesContext(connection) as captured:
            partnership = dossier_queryset(public=public).get(pk=register["veiligheid"].pk)
            build_dossier(partnership, public=public, today=date(YEAR, 7, 1))
        return len(captured)

    few = queries_for_dossier()
    for n in range(8):
        ParticipationFactory(partnership=register["veiligheid"])
        ContributionFactory(partnership=register["veiligheid"], year=2010 + n)
        EvaluationFactory(partnership=register["veiligheid"], published=True, title=f"Extra {n}")
    assert queries_for_dossier() == few
