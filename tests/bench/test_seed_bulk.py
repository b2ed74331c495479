"""seed_bulk: the benchmark's register is reproducible, sized as asked and consistent."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count

from evaluations.models import Evaluation
from governance.models import Assessment, TierDecision
from partnerships.models import Organisation, Partnership

TODAY = date(2026, 6, 1)


def seed(partnerships: int, seed: int = 7) -> None:
    call_command("seed_bulk", partnerships=partnerships, organisations=60, seed=seed, today=TODAY)


def snapshot() -> list[tuple]:
    """What a user would see of the register, independent of primary keys."""
    rows = []
    for p in Partnership.objects.prefetch_related(
        "participations__organisation", "contributions", "evaluations"
    ).order_by("slug"):
        rows.append(
            (
                p.name,
                p.slug,
                p.legal_form,
                p.tier,
                p.tier_decided_year,
                p.published,
                p.start_date,
                p.end_date,
                sorted(x.organisation.name for x in p.participations.all()),
                sorted((c.year, c.kind, c.budgeted, c.actual) for c in p.contributions.all()),
                sorted((e.kind, e.due_date, e.status) for e in p.evaluations.all()),
            )
        )
    return rows


def wipe() -> None:
    Partnership.objects.all().delete()
    Organisation.objects.all().delete()


@pytest.mark.slow
@pytest.mark.django_db
def test_same_seed_and_date_build_the_same_register():
    seed(12)
    first = snapshot()
    wipe()
    seed(12)
    assert snapshot() == first


@pytest.mark.slow
@pytest.mark.django_db
def test_another_seed_builds_another_register():
    seed(12, seed=1)
    first = snapshot()
    wipe()
    seed(12, seed=2)
    assert snapshot() != first


@pytest.mark.django_db
def test_builds_the_asked_number_with_two_to_twelve_partners_each():
    seed(40)
    assert Partnership.objects.count() == 40
    assert Organisation.objects.count() == 60
    partner_counts = Partnership.objects.annotate(n=Count("participations")).values_list(
        "n", flat=True
    )
    assert all(2 <= n <= 12 for n in partner_counts)
    for p in Partnership.objects.prefetch_related("participations", "contributions"):
        shares = sum(x.share for x in p.participations.all())
        assert Decimal("99") <= shares <= Decimal("101")
        years = {c.year for c in p.contributions.all()}
        if not p.is_archived:
            assert len(years) >= 2, "several years of contributions"
    assert Partnership.objects.filter(published=True).exists()
    assert Partnership.objects.filter(published=False).exists()


@pytest.mark.django_db
def test_effective_tier_follows_the_latest_decision_else_the_latest_assessment():
    seed(60)
    decided = undecided = 0
    for p in Partnership.objects.all():
        decisions = TierDecision.objects.filter(partnership=p).order_by("-year")
        assessments = Assessment.objects.filter(partnership=p).order_by("-assessed_on")
        if decisions:
            decided += 1
            assert p.tier == decisions[0].tier
            assert p.tier_decided_year == decisions[0].year
            assert p.tier_source == f"vastgesteld bij kadernota {decisions[0].year}"
        elif assessments:
            undecided += 1
            assert p.tier == assessments[0].chosen_tier
            assert p.tier_source == "advies, nog niet vastgesteld"
        else:
            assert p.tier_source == "nog niet afgewogen"
    assert decided
    assert undecided
    explanations = set(Assessment.objects.values_list("explanation", flat=True))
    assert all(text.startswith("S = ") for text in explanations), "the kader's own words"


@pytest.mark.django_db
def test_evaluations_include_completed_published_and_overdue_ones():
    seed(80)
    evaluations = Evaluation.objects.all()
    assert evaluations.filter(status="afgerond", published=True).exists()
    assert evaluations.filter(status="gepland", due_date__lt=TODAY).exists(), "overdue"
    assert evaluations.filter(status="gepland", due_date__gte=TODAY).exists()


@pytest.mark.django_db
def test_running_twice_adds_partnerships_with_unique_public_addresses():
    seed(10)
    seed(10)
    slugs = list(Partnership.objects.values_list("slug", flat=True))
    assert len(slugs) == 20
    assert len(set(slugs)) == 20
    assert Organisation.objects.count() == 60, "the pool is reused, not duplicated"
