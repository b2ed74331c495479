"""Year documents show the register as it stood in their year, and amounts that add up."""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluations.models import EvaluationKind
from governance.as_of import in_year, partnerships_in_year, tiers_in_year
from governance.models import Framework
from partnerships.choices import ContributionKind, LegalForm, Status
from partnerships.models import Partnership
from partnerships.tables import partnership_table_queryset
from partnerships.tiers import Tier
from public import register
from reports.documents import render_year_document
from reports.presenters.evaluations import build_jaarrekening
from reports.presenters.partnerships import build_verbonden_partijen
from samenwerkingswijzer.formatting import euro_whole
from tests.factories import (
    AssessmentFactory,
    ContributionFactory,
    EvaluationFactory,
    FinancialPositionFactory,
    PartnershipFactory,
    TierDecisionFactory,
)

from .pdfread import read_pdf

Y = 2026
TIERS = [t.label for t in Tier] + ["Nog niet afgewogen"]


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def chapter_of(pdf) -> dict[str, str]:
    """The chapter (level-1 bookmark) each section (level 2) is in, by title."""
    chapters, current = {}, None
    for title, level, _page in pdf.bookmarks():
        if level == 1:
            current = title
        else:
            chapters[title] = current
    return chapters


def page_text(pdf, needle: str, start: int = 3) -> str:
    return flat(pdf.pages[pdf.page_of(needle, start=start) - 1])


def archived_on(partnership: Partnership, day: date) -> None:
    """Archive it, and let its history say it happened on `day`."""
    partnership.history.update(history_date=timezone.make_aware(datetime(2020, 1, 1)))
    partnership.status = Status.BEEINDIGD
    partnership.save()
    change = partnership.history.order_by("-history_date").first()
    change.history_date = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
    change.save()


@pytest.fixture
def years(db):
    """One partnership that was politiek belangrijk in Y-1 and bestuurlijk belangrijk in Y,
    a verbonden partij that ended in Y, and one archived in Y-1 without an end date."""
    energie = PartnershipFactory(name="Regionale Energiestrategie Testland")
    TierDecisionFactory(partnership=energie, year=Y - 1, tier=Tier.POLITIEK_BELANGRIJK)
    TierDecisionFactory(partnership=energie, year=Y, tier=Tier.BESTUURLIJK_BELANGRIJK)
    ContributionFactory(partnership=energie, year=Y - 1, budgeted=Decimal("250000"))
    ContributionFactory(partnership=energie, year=Y, budgeted=Decimal("180000"))
    ContributionFactory(
        partnership=energie,
        year=Y,
        kind=ContributionKind.PERSONEEL,
        budgeted=Decimal("40000"),
    )
    for year in (Y - 1, Y):
        EvaluationFactory(
            partnership=energie,
            completed=True,
            kind=EvaluationKind.JAARLIJKS,
            title=f"Jaarevaluatie energiestrategie {year}",
            due_date=date(year, 6, 30),
            completed_on=date(year, 6, 1),
        )

    afval = PartnershipFactory(
        name="Afvalschap Testland",
        verbonden_partij=True,
        start_date=date(2015, 1, 1),
        end_date=date(Y, 6, 30),
        status=Status.BEEINDIGD,
    )
    TierDecisionFactory(partnership=afval, year=Y - 1, tier=Tier.BESTUURLIJK_BELANGRIJK)
    ContributionFactory(partnership=afval, year=Y - 1, budgeted=Decimal("300000"))
    ContributionFactory(partnership=afval, year=Y, budgeted=Decimal("150000"))
    FinancialPositionFactory(partnership=afval, year=Y - 1, result=Decimal("111111"))
    FinancialPositionFactory(partnership=afval, year=Y, result=Decimal("222222"))

    haven = PartnershipFactory(
        name="Havenschap Testland", verbonden_partij=True, legal_form=LegalForm.NV
    )
    FinancialPositionFactory(partnership=haven, year=Y - 1, result=Decimal("333333"))
    archived_on(haven, date(Y - 1, 3, 1))
    return {"energie": energie, "afval": afval, "haven": haven}


def test_tier_in_a_year_is_its_decision_else_an_earlier_one_else_the_advice_then(db):
    decided = PartnershipFactory()
    TierDecisionFactory(partnership=decided, year=2024, tier=Tier.POLITIEK_BELANGRIJK)
    TierDecisionFactory(partnership=decided, year=2026, tier=Tier.AMBTELIJK_BELANGRIJK)
    advised = PartnershipFactory()
    framework = Framework.objects.get(version=1)
    AssessmentFactory(partnership=advised, framework=framework, assessed_on=date(2024, 5, 1))
    AssessmentFactory(
        partnership=advised,
        framework=framework,
        assessed_on=date(2026, 2, 1),
        chosen_tier=Tier.POLITIEK_ZEER_BELANGRIJK,
    )
    ids = [decided.pk, advised.pk]

    def read(year):
        return {pk: (t.label, t.source) for pk, t in tiers_in_year(year, ids).items()}

    assert read(2023) == {
        decided.pk: ("Nog niet afgewogen", "nog niet afgewogen"),
        advised.pk: ("Nog niet afgewogen", "nog niet afgewogen"),
    }
    assert read(2025) == {
        decided.pk: ("Politiek belangrijk", "vastgesteld bij kadernota 2024"),
        advised.pk: ("Bestuurlijk belangrijk", "advies, nog niet vastgesteld"),
    }
    assert read(2026) == {
        decided.pk: ("Ambtelijk belangrijk", "vastgesteld bij kadernota 2026"),
        advised.pk: ("Politiek zeer belangrijk", "advies, nog niet vastgesteld"),
    }


def test_a_partnership_runs_in_the_years_of_its_looptijd_until_it_ended(years):
    def running(year):
        return set(partnerships_in_year(year).values_list("name", flat=True))

    later = PartnershipFactory(name="Start volgend jaar", start_date=date(Y + 1, 1, 1))
    never_known = PartnershipFactory(name="Altijd beëindigd", archived=True)
    assert running(Y - 1) == {
        "Regionale Energiestrategie Testland",
        "Afvalschap Testland",
        "Havenschap Testland",
    }
    assert running(Y) == {"Regionale Energiestrategie Testland", "Afvalschap Testland"}
    assert running(Y + 1) == {"Regionale Energiestrategie Testland", later.name}
    assert never_known.name not in running(Y - 1) | running(Y) | running(Y + 1)


@pytest.mark.pdf
@pytest.mark.parametrize(
    ("year", "energie_tier", "energie_source", "money"),
    [
        (Y - 1, "Politiek belangrijk", f"vastgesteld bij kadernota {Y - 1}", "€ 250.000"),
        (Y, "Bestuurlijk belangrijk", f"vastgesteld bij kadernota {Y}", "€ 180.000"),
    ],
)
def test_kadernota_of_each_year_has_that_years_tiers_members_and_money(
    years, year, energie_tier, energie_source, money
):
    pdf = read_pdf(render_year_document("kadernota", year).content)
    chapters = chapter_of(pdf)
    assert chapters["Regionale Energiestrategie Testland"] == energie_tier
    assert chapters["Afvalschap Testland"] == "Bestuurlijk belangrijk"
    assert ("Havenschap Testland" in chapters) is (year == Y - 1)
    text = page_text(pdf, "Regionale Energiestrategie Testland")
    assert energie_source in text
    assert f"Financieel: begroot {year} {money}" in text
    changes = page_text(pdf, f"Wijzigingen in belangrijkheid sinds {year - 1}")
    if year == Y:
        assert (
            "Regionale Energiestrategie Testland Politiek belangrijk Bestuurlijk belangrijk"
            in changes
        )
        # Personele inzet is shown, apart from the money.
        assert f"Personele inzet: begroot {Y} € 40.000" in text
    else:
        assert "Regionale Energiestrategie Testland Nog niet afgewogen Politiek belangrijk" in (
            changes
        )


@pytest.mark.pdf
def test_kadernota_of_the_year_after_the_end_leaves_the_ended_partnership_out(years):
    text = flat(read_pdf(render_year_document("kadernota", Y + 1).content).text())
    assert "Afvalschap Testland" not in text
    assert "Regionale Energiestrategie Testland" in text


@pytest.mark.pdf
def test_jaarrekening_has_the_partnerships_that_were_political_in_its_year(years):
    earlier = flat(read_pdf(render_year_document("jaarrekening", Y - 1).content).text())
    assert f"Jaarevaluatie energiestrategie {Y - 1}" in earlier
    assert f"vastgesteld bij kadernota {Y - 1}" in earlier
    assert "Politiek belangrijk" in earlier

    now = flat(read_pdf(render_year_document("jaarrekening", Y).content).text())
    assert "Regionale Energiestrategie Testland" not in now
    assert f"Jaarevaluatie energiestrategie {Y}" not in now


@pytest.mark.pdf
def test_paragraaf_of_each_year_has_the_parties_that_ran_then_with_that_years_figures(years):
    earlier = flat(read_pdf(render_year_document("verbonden-partijen", Y - 1).content).text())
    assert "Afvalschap Testland" in earlier
    assert "€ 111.111" in earlier
    assert "€ 222.222" not in earlier
    assert "Havenschap Testland" in earlier
    assert f"Beëindigd op 1 maart {Y - 1}" in earlier

    now = flat(read_pdf(render_year_document("verbonden-partijen", Y).content).text())
    assert "Afvalschap Testland" in now
    assert "€ 222.222" in now
    assert "€ 111.111" not in now
    assert f"Beëindigd op 30 juni {Y}" in now
    assert f"Bijdrage {Y}: financieel begroot € 150.000" in now
    assert "Havenschap Testland" not in now

    later = flat(read_pdf(render_year_document("verbonden-partijen", Y + 1).content).text())
    assert "Afvalschap Testland" not in later


# --- One contribution, and totals that add up ------------------------------------------


@pytest.fixture
def odd_cents(db):
    """Three partnerships in one tier with € 100,50 each; one also has personele inzet and
    in natura, which are never part of the contribution."""
    year = register.current_year()
    made = []
    for n in range(3):
        p = PartnershipFactory(
            name=f"Gemeenschappelijke regeling {n}",
            verbonden_partij=True,
            legal_form=LegalForm.OPENBAAR_LICHAAM,
        )
        TierDecisionFactory(partnership=p, year=year, tier=Tier.POLITIEK_ZEER_BELANGRIJK)
        ContributionFactory(partnership=p, year=year, budgeted=Decimal("100.50"))
        FinancialPositionFactory(partnership=p, year=year, result=Decimal("10.50"))
        made.append(p)
    for kind in (ContributionKind.PERSONEEL, ContributionKind.IN_NATURA):
        ContributionFactory(partnership=made[0], year=year, kind=kind, budgeted=Decimal("5000"))
    other = PartnershipFactory(name="Werkbedrijf")
    TierDecisionFactory(partnership=other, year=year, tier=Tier.AMBTELIJK_BELANGRIJK)
    ContributionFactory(partnership=other, year=year, budgeted=Decimal("1000.49"))
    return year, [*made, other]


AMOUNT = r"€ (-?[\d.]+)"


def whole(text: str) -> int:
    return int(text.replace(".", ""))


@pytest.mark.pdf
def test_every_kadernota_amount_is_the_contribution_pages_and_open_data_show(client, odd_cents):
    year, made = odd_cents
    contribution = dict(
        Partnership.objects.with_contribution(year).values_list("name", "contribution")
    )
    assert contribution["Gemeenschappelijke regeling 0"] == Decimal("100.50")
    table = {p.name: p.contribution_this_year for p in partnership_table_queryset(year)}
    overview = {p.name: p.contribution_this_year for p in register.overview_partnerships(year)}
    response = client.get("/open-data/samenwerkingsverbanden.csv")
    text = b"".join(response).decode("utf-8")  # streamed
    rows = csv.DictReader(io.StringIO(text[1:]), delimiter=";")
    open_data = {r["naam"]: Decimal(r["bijdrage_begroot_euro"]) for r in rows}
    assert table == overview == open_data == contribution

    pdf = read_pdf(render_year_document("kadernota", year).content)
    text = flat(pdf.text())
    for p in made:
        printed = euro_whole(contribution[p.name]).replace("\u00a0", " ")
        assert f"{p.name} " in text
        assert f"Financieel: begroot {year} {printed}," in page_text(pdf, p.name)
    assert f"Personele inzet: begroot {year} € 5.000" in text
    assert f"In natura: begroot {year} € 5.000" in text


@pytest.mark.pdf
def test_kadernota_totals_are_the_sums_of_their_printed_rows(odd_cents):
    year, _made = odd_cents
    pdf = read_pdf(render_year_document("kadernota", year).content)
    summary = page_text(pdf, "Samenvatting")
    rows = {
        tier: whole(amount)
        for tier, amount in re.findall(
            rf"({'|'.join(TIERS)}) \d+ \d+ {AMOUNT}", summary.split("Totaal")[0]
        )
    }
    (total,) = re.findall(rf"Totaal \d+ {AMOUNT}", summary)
    # 3 × € 100,50 is printed as 3 × € 101 and adds up to € 303, not € 302; without the
    # personele inzet and in natura of € 5.000 each.
    assert rows["Politiek zeer belangrijk"] == 303
    assert rows["Ambtelijk belangrijk"] == 1000
    assert whole(total) == sum(rows.values()) == 1303
    items = re.findall(rf"Financieel: begroot {year} {AMOUNT}", flat(pdf.text()))
    assert sum(whole(a) for a in items) == whole(total)


@pytest.mark.pdf
def test_paragraaf_totals_are_the_sums_of_their_printed_rows(odd_cents):
    year, _made = odd_cents
    pdf = read_pdf(render_year_document("verbonden-partijen", year).content)
    text = flat(pdf.text())
    rows = re.findall(rf"Gemeenschappelijke regeling \d {AMOUNT} {AMOUNT} {AMOUNT} {AMOUNT}", text)
    assert len(rows) == 3
    contributions, _equity, _debt, results = zip(*rows, strict=True)
    assert [whole(a) for a in contributions] == [101, 101, 101]
    (total,) = re.findall(rf"Totaal {AMOUNT} {AMOUNT}", text)
    assert whole(total[0]) == sum(whole(a) for a in contributions) == 303
    assert whole(total[1]) == sum(whole(a) for a in results) == 33


# --- Query budgets ----------------------------------------------------------------------


def _queries(build) -> int:
    with CaptureQueriesContext(connection) as captured:
        build()
    return len(captured)


def _more_partnerships(n: int) -> None:
    for i in range(n):
        p = PartnershipFactory(name=f"Extra {i}", verbonden_partij=True)
        TierDecisionFactory(partnership=p, year=Y, tier=Tier.POLITIEK_BELANGRIJK)
        ContributionFactory(partnership=p, year=Y)
        FinancialPositionFactory(partnership=p, year=Y)
        EvaluationFactory(partnership=p, due_date=date(Y, 5, 1), title=f"Evaluatie {i}")


@pytest.mark.parametrize(
    "build",
    [
        lambda: build_jaarrekening(Y, today=date(Y, 7, 1)),
        lambda: build_verbonden_partijen(Y, today=date(Y, 7, 1)),
        pytest.param(
            lambda: render_year_document("lange-termijn-agenda", Y),
            marks=pytest.mark.pdf,  # the agenda's queries are counted as it renders
        ),
    ],
    ids=["jaarrekening", "verbonden-partijen", "lange-termijn-agenda"],
)
def test_year_document_queries_do_not_grow_with_partnerships(years, build):
    _more_partnerships(1)  # one of each kind of row, in every year of the agenda
    few = _queries(build)
    _more_partnerships(10)
    assert _queries(build) == few


def test_as_of_reads_many_partnerships_in_a_fixed_number_of_queries(years):
    def read():
        return [
            in_year(p, Y)
            for p in partnerships_in_year(Y, figures=True, positions=True, decision=True)
        ]

    few = _queries(read)
    _more_partnerships(10)
    assert _queries(read) == few == 4
