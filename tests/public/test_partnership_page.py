"""The public page of one partnership: its content, what stays hidden, and its query budget."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertInHTML

from evaluations.models import Advice, EvaluationKind
from partnerships.choices import (
    AddedValuePerspective,
    DecisionBody,
    LegalForm,
    ParticipationRole,
)
from partnerships.tiers import Tier
from tests.factories import (
    ContributionFactory,
    DecisionFactory,
    EvaluationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    TierDecisionFactory,
    UserFactory,
)

from .conftest import full_partnership

pytestmark = pytest.mark.django_db


def test_unpublished_partnership_has_no_public_page(client):
    partnership = PartnershipFactory(unpublished=True)

    assert client.get(partnership.get_public_url()).status_code == 404


def test_page_shows_opgave_goals_interest_motives_form_and_looptijd(client):
    partnership = PartnershipFactory(
        name="Verbindend Leiden",
        description="Een coöperatie die inwoners verbindt.",
        goals="Meer vrijwilligers in de wijk.",
        public_interest="Sociale samenhang.",
        motives=["ambitie", "maatschappelijk"],
        legal_form=LegalForm.OVEREENKOMST,
        start_date=date(2017, 10, 1),
        end_date=date(2020, 9, 30),
        notice_period_months=6,
    )

    html = client.get(partnership.get_public_url()).content.decode()

    assertInHTML("<h1>Verbindend Leiden</h1>", html)
    for text in (
        "Een coöperatie die inwoners verbindt.",
        "Meer vrijwilligers in de wijk.",
        "Sociale samenhang.",
        "Ambitie vergroten / krachten bundelen",
        "Maatschappelijk initiatief mogelijk maken",
        "Samenwerkingsovereenkomst",
        "1 oktober 2017",
        "30 september 2020",
        "6 maanden",
        "Sturing en afspraken",
        "Laatst bijgewerkt op",
    ):
        assert text in html, text


def test_page_says_how_the_added_value_is_judged_in_plain_words(client):
    partnership = PartnershipFactory(added_value_perspective=AddedValuePerspective.SAMEN_MEERDERE)

    html = client.get(partnership.get_public_url()).content.decode()

    assert (
        "De gemeente bepaalt samen met de partners wat deze en andere samenwerkingen samen "
        "opleveren."
    ) in html
    assert "(4)" not in html
    assert "Perspectief op meerwaarde" not in html


def test_page_shows_partners_with_roles_and_contributions_budgeted_and_actual(client):
    partnership = PartnershipFactory()
    ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Gemeente Stein"),
        role=ParticipationRole.PENVOERDER,
    )
    ContributionFactory(
        partnership=partnership, year=2025, budgeted=Decimal("1000"), actual=Decimal("950.50")
    )
    ContributionFactory(partnership=partnership, year=2026, budgeted=Decimal("1200"))

    html = client.get(partnership.get_public_url()).content.decode()

    assert "Gemeente Stein" in html
    assert "Penvoerder of trekker" in html
    assert "€\xa0950,50" in html
    assert "€\xa01.200" in html
    assert "Nog niet bekend" in html


def test_page_shows_tier_with_the_political_topics_of_the_latest_kadernota(client):
    partnership = PartnershipFactory()
    beheerder = UserFactory()
    TierDecisionFactory(
        partnership=partnership,
        year=2025,
        tier=Tier.BESTUURLIJK_BELANGRIJK,
        political_topics="Oud onderwerp",
        decided_by=beheerder,
    )
    TierDecisionFactory(
        partnership=partnership,
        year=2026,
        tier=Tier.POLITIEK_BELANGRIJK,
        political_topics="Stijgende kosten jeugdzorg",
        decided_by=beheerder,
    )
    partnership.refresh_from_db()

    html = client.get(partnership.get_public_url()).content.decode()

    assert "Politiek belangrijk" in html
    assert "vastgesteld bij kadernota 2026" in html
    assert "Politiek relevante onderwerpen (kadernota 2026)" in html
    assert "Stijgende kosten jeugdzorg" in html
    assert "Oud onderwerp" not in html


def test_page_shows_published_evaluations_with_date_kind_conclusion_and_advice(client):
    partnership = PartnershipFactory()
    EvaluationFactory(
        partnership=partnership,
        completed=True,
        published=True,
        kind=EvaluationKind.VOLLEDIG,
        completed_on=date(2025, 11, 3),
        conclusion="De samenwerking werkt goed.",
        advice=Advice.BIJSTUREN,
    )
    EvaluationFactory(
        partnership=partnership, completed=True, published=False, conclusion="Nog geheim"
    )

    html = client.get(partnership.get_public_url()).content.decode()

    assert "Volledige evaluatie" in html
    assert "3 november 2025" in html
    assert "De samenwerking werkt goed." in html
    assert "Voortzetten met bijsturing" in html
    assert "Nog geheim" not in html


def test_page_lists_decisions_with_body_date_and_link(client):
    partnership = PartnershipFactory()
    DecisionFactory(
        partnership=partnership,
        body=DecisionBody.RAAD,
        date=date(2021, 11, 30),
        title="Deelname aan de samenwerking",
        url="https://gemeente.example/besluit/1",
    )

    html = client.get(partnership.get_public_url()).content.decode()

    assert "Gemeenteraad" in html
    assert "30-11-2021" in html
    assertInHTML(
        '<a href="https://gemeente.example/besluit/1">Deelname aan de samenwerking</a>', html
    )


def test_page_shows_the_governance_regime_of_the_legal_form(client):
    partnership = PartnershipFactory(legal_form=LegalForm.STICHTING)

    html = client.get(partnership.get_public_url()).content.decode()

    assert "art. 160 Gemeentewet" in html


def test_page_never_names_the_accounthouder(client):
    holder = UserFactory(first_name="Geheime", last_name="Ambtenaar")
    partnership = PartnershipFactory(account_holder=holder, deputy=holder)

    html = client.get(partnership.get_public_url()).content.decode()

    assert "Ambtenaar" not in html
    assert "Accounthouder" not in html


def page_queries(client, partnership) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(partnership.get_public_url())
    assert response.status_code == 200
    return len(captured)


def test_page_query_count_is_the_same_with_few_and_many_rows(client):
    few = full_partnership(rows=1, tier=Tier.POLITIEK_BELANGRIJK)
    many = full_partnership(rows=25, tier=Tier.POLITIEK_BELANGRIJK)

    assert page_queries(client, few) == page_queries(client, many) <= 8


def test_page_links_to_its_public_dossier_pdf(client):
    partnership = PartnershipFactory(name="Stroomlijn")

    html = client.get(partnership.get_public_url()).content.decode()

    assert f'href="/samenwerkingsverbanden/{partnership.slug}/dossier.pdf"' in html
