"""The governance regime: vorm · rolverdeling · afspraken en instrumenten."""

from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from evaluations.planning import PartnershipFacts, PlanningContext, plan
from governance.evaluation_duties import DUTIES, NO_DUTY_LINE
from governance.models import TierRegime
from governance.regime import partnership_regime
from governance.sections import governance_section
from partnerships.choices import LegalForm, Regulation
from partnerships.models import Partnership
from partnerships.tiers import Tier
from tests.factories import AssessmentFactory, PartnershipFactory, TierDecisionFactory

pytestmark = pytest.mark.django_db


def regime_of(tier=Tier.POLITIEK_ZEER_BELANGRIJK, internal=False, **fields):
    partnership = PartnershipFactory.build(**fields)
    return partnership_regime(partnership, TierRegime.objects.get(tier=tier), internal=internal)


def test_a_wgr_body_brings_kaderbrief_zienswijze_and_jaarrekening():
    regime = regime_of(legal_form=LegalForm.OPENBAAR_LICHAAM, regulation=Regulation.RAADSREGELING)
    text = " ".join(regime.instruments)
    assert "kaderbrief" in text
    assert "zienswijze op de ontwerpbegroting" in text
    assert "binnen 12 weken" in text
    assert "jaarrekening van de regeling" in text
    assert "De raad is bevoegd of heeft een wettelijke rol." in regime.roles
    assert "Juridische vorm: Openbaar lichaam (Wgr)" in regime.form
    assert "Regeling: raadsregeling" in regime.form


def test_a_private_body_brings_wensen_en_bedenkingen():
    regime = regime_of(legal_form=LegalForm.BV)
    assert any("art. 160 Gemeentewet" in line for line in regime.instruments)
    assert not any("zienswijze" in line for line in regime.instruments)


def test_a_convenant_has_no_statutory_cycle():
    regime = regime_of(legal_form=LegalForm.CONVENANT, tier=Tier.AMBTELIJK_BELANGRIJK)
    assert regime.instruments[0].startswith("Geen wettelijke cyclus")
    # No end date: the rules plan no evaluation, so the regime promises none.
    assert not any("einde van de looptijd" in line for line in regime.instruments)
    assert NO_DUTY_LINE in regime.instruments
    with_end = regime_of(
        legal_form=LegalForm.CONVENANT,
        tier=Tier.AMBTELIJK_BELANGRIJK,
        end_date=date(2027, 3, 31),
        evaluation_lead_months=3,
    )
    assert (
        "Een evaluatie 3 maanden voor het einde van de looptijd (31-03-2027), als basis voor "
        "het besluit over verlengen of stoppen." in with_end.instruments
    )


def test_the_tier_brings_its_defaults():
    regime = regime_of()
    assert "Risicoanalyse: 2 keer per jaar." in regime.instruments
    assert "Elke 4 jaar een volledige evaluatie, op de agenda van de raad." in regime.instruments
    assert "De raad stuurt actief: hij stelt de kaders en controleert." in regime.roles


def test_without_tier_the_regime_waits_for_the_afweging():
    partnership = PartnershipFactory.build(legal_form=LegalForm.STICHTING)
    regime = partnership_regime(partnership, None)
    assert regime.instruments[-1] == (
        "De afspraken die bij de belangrijkheid horen volgen na de afweging."
    )


def test_public_regime_names_the_portefeuillehouder_but_not_the_accounthouder(accounthouder):
    fields = {"account_holder": accounthouder, "representatives": "Burgemeester in het AB"}
    public = render_to_string("governance/includes/regime.html", {"regime": regime_of(**fields)})
    internal = regime_of(internal=True, **fields)
    assert "Portefeuillehouder: Wethouder De Vries" in public
    assert "Vertegenwoordiging: Burgemeester in het AB" in public
    assert str(accounthouder) not in public
    assert f"Accounthouder: {accounthouder}" in internal.roles


@pytest.mark.parametrize("decisions", [1, 20])
def test_the_partnership_section_runs_three_queries(framework_v1, beheerder, decisions):
    partnership = PartnershipFactory(legal_form=LegalForm.GEMEENSCHAPPELIJK_ORGAAN)
    AssessmentFactory(partnership=partnership, framework=framework_v1)
    for year in range(2026 - decisions + 1, 2027):
        TierDecisionFactory(
            partnership=partnership, year=year, decided_by=beheerder, mandate=f"Mandaat {year}"
        )
    # As the partnership page loads it (partnerships.views.partnership_page_queryset).
    partnership = Partnership.objects.select_related("account_holder", "deputy").get()
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(
            "governance/includes/partnership_section.html",
            {"partnership": partnership, "governance": governance_section(partnership)},
        )
    assert len(queries) == 3
    assert "vastgesteld bij kadernota 2026" in html
    assert "Mandaat 2026" in html
    assert "afwegingskader versie 1" in html
    assert "binnen 12 weken" in html


def test_politiek_belangrijk_is_not_promised_a_volledige_evaluatie():
    regime = regime_of(tier=Tier.POLITIEK_BELANGRIJK)
    assert "Elk jaar een evaluatie, besproken bij de jaarrekening." in regime.instruments
    assert not any("volledige evaluatie" in line for line in regime.instruments)


@pytest.mark.parametrize("tier", list(Tier))
@pytest.mark.parametrize("end_date", [None, date(2040, 6, 30)])
def test_the_regime_promises_exactly_the_evaluations_the_planner_plans(tier, end_date):
    partnership = PartnershipFactory.build(start_date=date(2000, 1, 1), end_date=end_date)
    regime = partnership_regime(partnership, TierRegime.objects.get(tier=tier))
    promised = {d.rule for d in DUTIES if d.regime_line in regime.instruments}
    if any("einde van de looptijd" in line for line in regime.instruments):
        promised.add("E4")
    today = date(2036, 1, 1)  # the horizon reaches the end date
    context = PlanningContext(
        today=today, jaarrekening_dates={y: date(y, 6, 30) for y in range(2036, 2041)}
    )
    facts = PartnershipFacts(tier=tier, start_date=date(2000, 1, 1), end_date=end_date)
    assert promised == {p.rule for p in plan(facts, context)}
