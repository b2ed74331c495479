"""The effective tier: latest decision, else latest assessment, else none; stored by replan."""

from datetime import date

import pytest

from evaluations.replanning import tier_facts_changed
from evaluations.tier_deciding import delete_tier_decision
from governance.effective_tier import store_effective_tiers
from partnerships.tiers import Tier
from tests.factories import AssessmentFactory, PartnershipFactory, TierDecisionFactory

pytestmark = pytest.mark.django_db


def test_without_assessment_or_decision_there_is_no_tier(own_partnership):
    assert own_partnership.tier == ""
    assert own_partnership.tier_source == "nog niet afgewogen"


def test_an_assessment_gives_the_chosen_tier_as_advice(own_partnership, framework_v1):
    AssessmentFactory(
        partnership=own_partnership,
        framework=framework_v1,
        advised_tier=Tier.BESTUURLIJK_BELANGRIJK,
        chosen_tier=Tier.POLITIEK_BELANGRIJK,
        motivation="Motie van de raad.",
    )
    own_partnership.refresh_from_db()
    assert own_partnership.tier == Tier.POLITIEK_BELANGRIJK
    assert own_partnership.tier_source == "advies, nog niet vastgesteld"


def test_the_latest_decision_wins_over_a_later_assessment(own_partnership, framework_v1):
    TierDecisionFactory(partnership=own_partnership, year=2025, tier=Tier.AMBTELIJK_BELANGRIJK)
    TierDecisionFactory(partnership=own_partnership, year=2026, tier=Tier.POLITIEK_BELANGRIJK)
    AssessmentFactory(
        partnership=own_partnership, framework=framework_v1, assessed_on=date(2026, 9, 1)
    )
    own_partnership.refresh_from_db()
    assert own_partnership.tier == Tier.POLITIEK_BELANGRIJK
    assert own_partnership.tier_source == "vastgesteld bij kadernota 2026"


def test_deleting_the_decision_falls_back_to_the_latest_assessment(own_partnership, framework_v1):
    AssessmentFactory(partnership=own_partnership, framework=framework_v1)
    decision = TierDecisionFactory(partnership=own_partnership, tier=Tier.POLITIEK_BELANGRIJK)
    delete_tier_decision(decision)
    own_partnership.refresh_from_db()
    assert own_partnership.tier == Tier.BESTUURLIJK_BELANGRIJK
    assert own_partnership.tier_source == "advies, nog niet vastgesteld"


def test_the_stored_tier_changes_once_per_change(own_partnership, framework_v1):
    AssessmentFactory(partnership=own_partnership, framework=framework_v1)
    assert store_effective_tiers([own_partnership.pk]) == []  # already stored
    AssessmentFactory(partnership=own_partnership, framework=framework_v1)  # same tier again
    history_before = own_partnership.history.count()
    tier_facts_changed([own_partnership.pk])
    assert own_partnership.history.count() == history_before
    TierDecisionFactory(partnership=own_partnership, year=2026, tier=Tier.POLITIEK_BELANGRIJK)
    tiers = list(own_partnership.history.order_by("history_id").values_list("tier", flat=True))
    assert tiers[-2:] == [Tier.BESTUURLIJK_BELANGRIJK, Tier.POLITIEK_BELANGRIJK]


def test_a_form_save_does_not_revert_the_stored_tier(own_partnership, framework_v1):
    stale = type(own_partnership).objects.get(pk=own_partnership.pk)  # read before the decision
    TierDecisionFactory(partnership=own_partnership, year=2026, tier=Tier.POLITIEK_BELANGRIJK)
    stale.name = "Nieuwe naam"
    stale.save()
    own_partnership.refresh_from_db()
    assert (own_partnership.name, own_partnership.tier) == ("Nieuwe naam", Tier.POLITIEK_BELANGRIJK)


def test_the_tier_change_shows_in_the_partnership_history(own_partnership, framework_v1):
    TierDecisionFactory(partnership=own_partnership, year=2026, tier=Tier.POLITIEK_BELANGRIJK)
    latest = own_partnership.history.first()
    assert (latest.tier, latest.tier_decided_year) == (Tier.POLITIEK_BELANGRIJK, 2026)


def test_a_partnership_with_decisions_can_be_deleted(framework_v1):
    partnership = PartnershipFactory()
    AssessmentFactory(partnership=partnership, framework=framework_v1)
    TierDecisionFactory(partnership=partnership)
    partnership.delete()
    assert not type(partnership).objects.filter(pk=partnership.pk).exists()
