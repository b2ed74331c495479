"""A small register with one partnership in every tier, and planted internal markers."""

from datetime import date
from decimal import Decimal

import pytest

from evaluations.models import EvaluationAnswer, EvaluationKind, EvaluationQuestion
from partnerships.choices import LegalForm
from partnerships.tiers import Tier
from tests.factories import (
    ContributionFactory,
    DecisionFactory,
    EvaluationFactory,
    FinancialPositionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    TierDecisionFactory,
)

YEAR = 2026

# Texts that must never reach a public document.
MARKERS = {
    "internal_notes": "MARKER-NOTITIE-7f3a",
    "mandate": "MARKER-MANDAAT-91bc",
    "decision_motivation": "MARKER-MOTIVERING-44d0",
    "unpublished_evaluation": "MARKER-ONGEPUBLICEERD-c5e1",
    "lessons": "MARKER-LES-0a9d",
    "answer_note": "MARKER-ANTWOORD-6b72",
}


@pytest.fixture(autouse=True)
def municipality(settings):
    settings.MUNICIPALITY_NAME = "Gemeente Testdorp"


@pytest.fixture
def register(db):
    """One partnership per tier, this year's and last year's decisions, money and evaluations."""
    veiligheid = PartnershipFactory(
        name="Veiligheidsregio Testland",
        verbonden_partij=True,
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        registered_office="Testhaven",
        public_interest="Brandweerzorg en crisisbeheersing in de regio.",
        internal_notes=MARKERS["internal_notes"],
        # Public (public/fields.py): the paragraaf verbonden partijen names them too.
        representatives="De burgemeester, lid van het algemeen bestuur",
    )
    ggd = PartnershipFactory(
        name="GGD Testland",
        verbonden_partij=True,
        legal_form=LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
    )
    bank = PartnershipFactory(
        name="Bank Testgemeenten NV", verbonden_partij=True, legal_form=LegalForm.NV
    )
    werk = PartnershipFactory(name="Werkbedrijf Testland", legal_form=LegalForm.STICHTING)
    netwerk = PartnershipFactory(name="Netwerk Duurzaam Testland", legal_form=LegalForm.NETWERK)
    PartnershipFactory(name="Oude Afvalregeling", archived=True, tier=Tier.BESTUURLIJK_BELANGRIJK)

    decisions = [
        (veiligheid, Tier.POLITIEK_ZEER_BELANGRIJK, Tier.POLITIEK_BELANGRIJK),
        (ggd, Tier.POLITIEK_BELANGRIJK, Tier.POLITIEK_BELANGRIJK),
        (bank, Tier.BESTUURLIJK_BELANGRIJK, Tier.BESTUURLIJK_BELANGRIJK),
        (werk, Tier.AMBTELIJK_BELANGRIJK, None),
        (netwerk, Tier.AMBTELIJK_BELANGRIJK, Tier.AMBTELIJK_BELANGRIJK),
    ]
    for partnership, tier, previous in decisions:
        if previous:
            TierDecisionFactory(partnership=partnership, year=YEAR - 1, tier=previous)
        TierDecisionFactory(
            partnership=partnership,
            year=YEAR,
            tier=tier,
            political_topics=f"Onderwerp van {partnership.name}",
            mandate=MARKERS["mandate"],
            motivation=MARKERS["decision_motivation"],
        )
    ContributionFactory(partnership=veiligheid, year=YEAR, budgeted=Decimal("1234567.00"))
    ContributionFactory(
        partnership=veiligheid,
        year=YEAR - 1,
        budgeted=Decimal("1100000"),
        actual=Decimal("1098765"),
    )
    ContributionFactory(partnership=ggd, year=YEAR, budgeted=Decimal("456789.00"))
    ParticipationFactory(
        partnership=veiligheid, organisation=OrganisationFactory(name="Gemeente Buurdorp")
    )
    DecisionFactory(partnership=veiligheid, title="Instemming met de gewijzigde regeling")
    FinancialPositionFactory(
        partnership=veiligheid,
        year=YEAR,
        equity_begin=Decimal("2000000"),
        equity_end=Decimal("2500000"),
        debt_begin=Decimal("7000000"),
        debt_end=Decimal("6500000"),
        result=Decimal("345678"),
        interest_begin="12% van de stemmen",
        interest_end="12% van de stemmen",
        risks="Stijgende kosten van het materieel.",
    )
    FinancialPositionFactory(partnership=bank, year=YEAR, result=Decimal("98765000"))

    question = EvaluationQuestion.objects.order_by(
        "order"
    ).first() or EvaluationQuestion.objects.create(
        text="Wordt de beoogde meerwaarde gerealiseerd?", order=1
    )
    published = EvaluationFactory(
        partnership=veiligheid,
        completed=True,
        title="Jaarevaluatie veiligheidsregio",
        kind=EvaluationKind.JAARLIJKS,
        due_date=date(YEAR, 6, 30),
        published=True,
        conclusion="De regio is goed voorbereid op crises.",
        lessons_learned=MARKERS["lessons"],
    )
    EvaluationAnswer.objects.create(
        evaluation=published, question=question, status="goed", note=MARKERS["answer_note"]
    )
    EvaluationFactory(
        partnership=veiligheid,
        title="Tussenevaluatie crisisplan",
        due_date=date(YEAR, 9, 1),
        published=False,
        conclusion=MARKERS["unpublished_evaluation"],
    )
    EvaluationFactory(
        partnership=ggd,
        title="Evaluatie jeugdgezondheidszorg",
        due_date=date(YEAR + 2, 3, 1),
        on_council_agenda=True,
    )
    EvaluationFactory(
        partnership=bank, title="Evaluatie aandeelhouderschap", due_date=date(YEAR, 5, 1)
    )
    for p in (veiligheid, ggd, bank, werk, netwerk):
        p.refresh_from_db()
    return {"veiligheid": veiligheid, "ggd": ggd, "bank": bank, "werk": werk, "netwerk": netwerk}
