"""The kader as versioned data: version 1 as seeded, new versions, activation."""

from dataclasses import replace

import pytest

from governance.framework import activate, frameworks_with_parts, kader_of, new_version_from
from governance.models import Framework, TierRegime
from governance.scoring import CriterionSpec, QualifierSpec
from partnerships.tiers import Tier

from .kader_v1 import KADER_V1

pytestmark = pytest.mark.django_db


def without_texts(kader):
    """The kader without help texts and prefill markers, to compare with docs/rulebook.md."""
    return replace(
        kader,
        criteria=tuple(replace(c, help_text="", prefill="") for c in kader.criteria),
        qualifiers=tuple(replace(q, help_text="", prefill="") for q in kader.qualifiers),
    )


def test_seeded_version_1_is_exactly_the_rulebook_and_active(framework_v1):
    kader = kader_of(frameworks_with_parts().get(pk=framework_v1.pk))
    assert framework_v1.is_active
    assert without_texts(kader) == KADER_V1


def test_version_1_prefills_k4_from_contributions_and_q1_from_the_legal_form(framework_v1):
    kader = kader_of(framework_v1)
    assert [c.code for c in kader.criteria if c.prefill] == ["K4"]
    assert [q.code for q in kader.qualifiers if q.prefill] == ["Q1"]
    assert all(isinstance(c, CriterionSpec) and c.help_text for c in kader.criteria)
    assert all(isinstance(q, QualifierSpec) and q.help_text for q in kader.qualifiers)


def test_each_tier_has_its_regime_defaults():
    regimes = {r.tier: r for r in TierRegime.objects.all()}
    assert set(regimes) == {t.value for t in Tier}
    most = regimes[Tier.POLITIEK_ZEER_BELANGRIJK]
    assert most.risk_analyses_per_year == 2
    assert "actief" in most.council_information
    assert regimes[Tier.POLITIEK_BELANGRIJK].risk_analyses_per_year == 1
    # The evaluation lines are not data: they come from the planning rules (test_regime).


def test_a_new_version_copies_everything_and_is_not_yet_in_use(framework_v1):
    copy = new_version_from(frameworks_with_parts().get(pk=framework_v1.pk))
    assert copy.version == 2
    assert not copy.is_active
    assert kader_of(copy) == replace(kader_of(framework_v1), version=2)
    assert Framework.objects.get(is_active=True) == framework_v1


def test_activating_a_version_switches_the_one_in_use(framework_v1):
    copy = new_version_from(framework_v1)
    assert activate(copy) == []
    assert list(Framework.objects.filter(is_active=True)) == [copy]


def test_a_version_without_a_catch_all_rule_is_not_activated(framework_v1):
    copy = new_version_from(framework_v1)
    copy.rules.filter(order=7).delete()
    problems = activate(frameworks_with_parts().get(pk=copy.pk))
    assert problems == ["De laatste regel moet voor alle andere gevallen gelden."]
    assert Framework.objects.get(is_active=True) == framework_v1
