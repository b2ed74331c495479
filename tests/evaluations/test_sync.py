"""The plan applied to the database: idempotent, following the facts, never rewriting history."""

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from evaluations.archiving import archive
from evaluations.models import Evaluation, EvaluationKind, EvaluationStatus, PlanningCalendar
from evaluations.replanning import replan, tier_facts_changed
from evaluations.sync import LAPSED_BY_END, LAPSED_BY_RULES, sync_evaluations
from evaluations.tier_deciding import record_tier_decisions
from governance.models import Framework, TierDecision
from partnerships.models import Partnership
from partnerships.tiers import Tier
from tests.factories import (
    AssessmentFactory,
    EvaluationFactory,
    PartnershipFactory,
    TierDecisionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date.today()
YEAR = TODAY.year


def statuses(partnership: Partnership) -> dict[str, str]:
    return dict(
        Evaluation.objects.filter(partnership=partnership)
        .exclude(rule_key="")
        .values_list("rule_key", "status")
    )


def snapshot() -> list[tuple]:
    return list(
        Evaluation.objects.order_by("pk").values_list(
            "pk", "rule_key", "status", "due_date", "version", "lapse_reason"
        )
    )


def test_saving_a_partnership_with_a_tier_plans_its_evaluations():
    partnership = PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2015, 1, 1))
    expected = {f"E1:{y}" for y in range(YEAR, YEAR + 5)}
    assert set(statuses(partnership)) == expected
    assert set(statuses(partnership).values()) == {EvaluationStatus.GEPLAND}


def test_running_the_sync_twice_changes_nothing_the_second_time(accounthouder):
    PartnershipFactory.create_batch(
        3,
        tier=Tier.POLITIEK_ZEER_BELANGRIJK,
        start_date=date(2012, 5, 1),
        end_date=date(2029, 6, 30),
        account_holder=accounthouder,
    )
    PartnershipFactory(
        tier=Tier.BESTUURLIJK_BELANGRIJK, start_date=date(2019, 1, 1), account_holder=accounthouder
    )
    first = sync_evaluations(today=TODAY)
    before = snapshot()
    second = sync_evaluations(today=TODAY)
    assert not second.changed
    assert snapshot() == before
    assert Evaluation.objects.count() == len(before) > 0
    assert not first.changed  # the saves already planned everything


def test_raising_the_tier_adds_the_evaluations_the_new_tier_asks_for():
    partnership = PartnershipFactory(tier=Tier.AMBTELIJK_BELANGRIJK, start_date=date(2024, 2, 1))
    assert statuses(partnership) == {}
    TierDecisionFactory(partnership=partnership, year=YEAR, tier=Tier.POLITIEK_ZEER_BELANGRIJK)
    planned = statuses(partnership)
    # The kadernota of this year (1 July) comes after its jaarrekening (30 June): the first
    # yearly evaluation is next year's (docs/rulebook.md, when a rule begins to apply).
    assert set(planned) == {f"E1:{y}" for y in range(YEAR + 1, YEAR + 5)} | {"E2:2028"}
    full = Evaluation.objects.get(partnership=partnership, rule_key="E2:2028")
    assert full.kind == EvaluationKind.VOLLEDIG
    assert full.on_council_agenda
    assert full.due_date == date(2028, 2, 1)


def test_lowering_the_tier_marks_the_surplus_planned_ones_vervallen_with_the_reason():
    partnership = PartnershipFactory(
        tier=Tier.POLITIEK_ZEER_BELANGRIJK, start_date=date(2024, 2, 1)
    )
    started = Evaluation.objects.get(partnership=partnership, rule_key=f"E1:{YEAR + 1}")
    started.status = EvaluationStatus.IN_UITVOERING
    started.save()
    TierDecisionFactory(partnership=partnership, year=YEAR, tier=Tier.BESTUURLIJK_BELANGRIJK)

    lapsed = Evaluation.objects.filter(partnership=partnership, status=EvaluationStatus.VERVALLEN)
    assert lapsed.count() == 5  # four yearly ones and the volledige evaluatie on the raad agenda
    assert {e.lapse_reason for e in lapsed} == {LAPSED_BY_RULES}
    assert {e.rule for e in lapsed} == {"E1", "E2"}
    started.refresh_from_db()
    assert started.status == EvaluationStatus.IN_UITVOERING
    # The volledige evaluatie now follows rule E3, off the raad agenda.
    e3 = Evaluation.objects.get(partnership=partnership, rule_key="E3:2028")
    assert (e3.status, e3.on_council_agenda) == (EvaluationStatus.GEPLAND, False)


def test_raising_the_tier_again_plans_the_same_occurrence_anew():
    partnership = PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 1, 1))
    decision = TierDecisionFactory(
        partnership=partnership, year=YEAR, tier=Tier.AMBTELIJK_BELANGRIJK
    )
    record_tier_decisions(
        YEAR,
        {
            partnership.pk: {
                "tier": Tier.POLITIEK_BELANGRIJK,
                "political_topics": "",
                "mandate": "",
                "motivation": "",
            }
        },
        decision.decided_by,
    )
    assert statuses(partnership)[f"E1:{YEAR + 1}"] == EvaluationStatus.GEPLAND
    assert Evaluation.objects.filter(status=EvaluationStatus.VERVALLEN).count() == 5


def test_a_completed_evaluation_never_changes():
    partnership = PartnershipFactory(
        tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 1, 1), end_date=date(YEAR + 2, 9, 30)
    )
    done = Evaluation.objects.get(partnership=partnership, rule_key=f"E1:{YEAR + 1}")
    done.status = EvaluationStatus.AFGEROND
    done.completed_on = TODAY
    done.save()
    before = Evaluation.objects.filter(pk=done.pk).values().get()

    PlanningCalendar.objects.create(
        year=YEAR + 1,
        kadernota_date=date(YEAR + 1, 7, 1),
        jaarrekening_date=date(YEAR + 1, 7, 3),
        begroting_date=date(YEAR + 1, 11, 10),
    )
    Partnership.objects.filter(pk=partnership.pk).update(
        tier=Tier.AMBTELIJK_BELANGRIJK, end_date=date(YEAR + 3, 12, 31)
    )
    sync_evaluations(today=TODAY)

    assert Evaluation.objects.filter(pk=done.pk).values().get() == before


def test_moving_the_end_date_moves_the_planned_end_of_term_evaluation():
    partnership = PartnershipFactory(start_date=date(2020, 1, 1), end_date=date(YEAR + 1, 9, 30))
    evaluation = Evaluation.objects.get(partnership=partnership, rule="E4")
    assert evaluation.due_date == date(YEAR + 1, 6, 30)
    partnership.end_date = date(YEAR + 1, 5, 31)
    partnership.save()
    replan([partnership.pk])  # what the edit page does after a change of looptijd
    evaluation.refresh_from_db()
    assert (evaluation.due_date, evaluation.status) == (date(YEAR + 1, 2, 28), "gepland")
    assert evaluation.version == 2
    assert Evaluation.objects.filter(partnership=partnership).count() == 1


def test_the_beheerders_calendar_moves_the_yearly_evaluations():
    partnership = PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 1, 1))
    PlanningCalendar.objects.create(
        year=YEAR + 2,
        kadernota_date=date(YEAR + 2, 7, 1),
        jaarrekening_date=date(YEAR + 2, 7, 9),
        begroting_date=date(YEAR + 2, 11, 10),
    )
    result = sync_evaluations(today=TODAY)
    assert (result.updated, result.created, result.lapsed) == (1, 0, 0)
    moved = Evaluation.objects.get(partnership=partnership, rule_key=f"E1:{YEAR + 2}")
    assert moved.due_date == date(YEAR + 2, 7, 9)


def test_hand_planned_milestones_are_left_alone():
    partnership = PartnershipFactory(start_date=date(2022, 1, 1), end_date=date(2023, 12, 31))
    milestones = [
        EvaluationFactory(
            partnership=partnership,
            kind=EvaluationKind.MIJLPAAL,
            title=title,
            due_date=due,
        )
        for title, due in [
            ("Evaluatie eerste jaar", date(2022, 12, 31)),
            ("Eindevaluatie en verantwoording ZonMw", date(2023, 12, 31)),
        ]
    ]
    archive(partnership)
    for milestone in milestones:
        milestone.refresh_from_db()
        assert milestone.status == EvaluationStatus.GEPLAND


def test_ending_a_partnership_lapses_its_planned_evaluations_and_plans_no_new_ones():
    partnership = PartnershipFactory(tier=Tier.BESTUURLIJK_BELANGRIJK, start_date=date(2024, 1, 1))
    archive(partnership)
    (evaluation,) = Evaluation.objects.filter(partnership=partnership)
    assert (evaluation.status, evaluation.lapse_reason) == ("vervallen", LAPSED_BY_END)
    assert not sync_evaluations(today=TODAY).changed


def test_last_years_open_yearly_evaluation_stays_overdue_when_the_year_turns():
    partnership = PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 1, 1))
    next_year = date(YEAR + 1, 1, 2)
    result = sync_evaluations(today=next_year)
    assert result.lapsed == 0
    assert result.created == 1  # the new fifth year of the horizon
    this_year = Evaluation.objects.get(partnership=partnership, rule_key=f"E1:{YEAR}")
    assert this_year.is_overdue(next_year)


def test_the_sync_runs_a_fixed_number_of_queries(django_assert_max_num_queries, accounthouder):
    PartnershipFactory.create_batch(
        2, tier=Tier.POLITIEK_ZEER_BELANGRIJK, account_holder=accounthouder
    )
    with django_assert_max_num_queries(12) as few:
        sync_evaluations(today=date(YEAR + 1, 1, 2))
    PartnershipFactory.create_batch(
        20, tier=Tier.POLITIEK_ZEER_BELANGRIJK, account_holder=accounthouder
    )
    Evaluation.objects.filter(rule_key__startswith=f"E1:{YEAR + 5}").delete()
    with django_assert_max_num_queries(12) as many:
        sync_evaluations(today=date(YEAR + 1, 1, 2))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_plan_evaluations_command_reports_what_it_did(capsys):
    partnership = PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 1, 1))
    Evaluation.objects.filter(partnership=partnership).delete()
    call_command("plan_evaluations")
    assert capsys.readouterr().out.strip() == "5 gepland, 0 verschoven, 0 vervallen."
    call_command("plan_evaluations")
    assert capsys.readouterr().out.strip() == "0 gepland, 0 verschoven, 0 vervallen."


def test_a_kadernota_tier_decision_replans_through_governance(beheerder):
    partnership = PartnershipFactory(start_date=date(2020, 1, 1))
    assert statuses(partnership) == {}
    TierDecisionFactory(
        partnership=partnership, year=YEAR, tier=Tier.POLITIEK_BELANGRIJK, decided_by=beheerder
    )
    assert set(statuses(partnership)) == {f"E1:{y}" for y in range(YEAR + 1, YEAR + 5)}


def test_an_assessment_recorded_without_a_form_still_replans():
    partnership = PartnershipFactory(start_date=date(2020, 1, 1))
    AssessmentFactory(
        partnership=partnership,
        framework=Framework.objects.get(version=1),
        chosen_tier=Tier.BESTUURLIJK_BELANGRIJK,
    )
    # Four years after the start (2024) lies before the afweging (1 March 2026): the first
    # volledige evaluatie is due 12 months after it, not two years overdue.
    (full,) = Evaluation.objects.filter(partnership=partnership)
    assert (full.rule_key, full.due_date) == ("E3:2027", date(2027, 3, 1))


# The worked examples of docs/rulebook.md, "When a rule begins to apply", in the database.
# Each step runs on the day it happens; nothing it plans may be overdue on that day.


def decide(partnership, year, tier, user, today):
    """A kadernota decision recorded on `today`, as the kadernota round does it."""
    TierDecision.objects.create(partnership=partnership, year=year, tier=tier, decided_by=user)
    return tier_facts_changed([partnership.pk], today=today)


def plan_on(partnership, today) -> dict[str, date]:
    """The open rule-planned evaluations after a step, by key."""
    return dict(
        Evaluation.objects.filter(
            partnership=partnership,
            status__in=[EvaluationStatus.GEPLAND, EvaluationStatus.IN_UITVOERING],
        )
        .exclude(rule_key="")
        .values_list("rule_key", "due_date")
    )


def assert_nothing_overdue(partnership, today):
    late = {k: d for k, d in plan_on(partnership, today).items() if d < today}
    assert late == {}


def test_example_1_started_in_1914_gets_one_volledige_evaluatie_a_year_after_the_kadernota(
    beheerder,
):
    partnership = PartnershipFactory(name="BNG Bank", start_date=date(1914, 12, 1))
    today = date(2026, 12, 1)
    decide(partnership, 2026, Tier.POLITIEK_ZEER_BELANGRIJK, beheerder, today)
    planned = plan_on(partnership, today)
    assert {k: d for k, d in planned.items() if k.startswith("E2")} == {"E2:2027": date(2027, 7, 1)}
    assert sorted(k for k in planned if k.startswith("E1")) == [
        f"E1:{y}" for y in range(2027, 2031)
    ]
    assert_nothing_overdue(partnership, today)
    assert not sync_evaluations(today=today).changed


def test_example_2_an_afweging_on_1_december_is_first_evaluated_at_next_years_jaarrekening(
    accounthouder,
):
    partnership = PartnershipFactory(start_date=date(2020, 1, 1))
    today = date(2026, 12, 1)
    AssessmentFactory.build(
        partnership=partnership,
        framework=Framework.objects.get(version=1),
        assessed_by=accounthouder,
        assessed_on=today,
        advised_tier=Tier.POLITIEK_BELANGRIJK,
        chosen_tier=Tier.POLITIEK_BELANGRIJK,
    ).save()
    tier_facts_changed([partnership.pk], today=today)
    planned = plan_on(partnership, today)
    assert min(planned.values()) == date(2027, 6, 30)
    assert "E1:2026" not in planned
    assert_nothing_overdue(partnership, today)


@pytest.mark.parametrize("kadernota", [date(2026, 7, 1), date(2026, 12, 1)])
def test_example_2_a_kadernota_decision_recorded_on_1_december(beheerder, kadernota):
    PlanningCalendar.objects.create(
        year=2026,
        kadernota_date=kadernota,
        jaarrekening_date=date(2026, 6, 30),
        begroting_date=date(2026, 11, 10),
    )
    partnership = PartnershipFactory(start_date=date(2020, 1, 1))
    today = date(2026, 12, 1)
    decide(partnership, 2026, Tier.POLITIEK_BELANGRIJK, beheerder, today)
    planned = plan_on(partnership, today)
    assert sorted(planned) == [f"E1:{y}" for y in range(2027, 2031)]
    assert_nothing_overdue(partnership, today)


def test_example_3_moving_the_jaarrekening_in_the_admin_replans_at_once(beheerder):
    partnership = PartnershipFactory(start_date=date(2020, 1, 1))
    decide(partnership, YEAR, Tier.POLITIEK_BELANGRIJK, beheerder, TODAY)
    assert plan_on(partnership, TODAY)[f"E1:{YEAR + 1}"] == date(YEAR + 1, 6, 30)

    beheerder.is_staff = True
    beheerder.save()
    client = Client()
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:evaluations_planningcalendar_add"),
        {
            "year": YEAR + 1,
            "kadernota_date": f"{YEAR + 1}-07-01",
            "jaarrekening_date": f"{YEAR + 1}-07-08",
            "begroting_date": f"{YEAR + 1}-11-10",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "De evaluaties zijn opnieuw gepland: 0 gepland, 1 verschoven, 0 vervallen." in (
        response.content.decode()
    )
    assert plan_on(partnership, TODAY)[f"E1:{YEAR + 1}"] == date(YEAR + 1, 7, 8)
    assert_nothing_overdue(partnership, TODAY)

    calendar = PlanningCalendar.objects.get(year=YEAR + 1)
    client.post(
        reverse("admin:evaluations_planningcalendar_delete", args=[calendar.pk]),
        {"post": "yes"},
    )
    assert plan_on(partnership, TODAY)[f"E1:{YEAR + 1}"] == date(YEAR + 1, 6, 30)


def test_example_3_a_later_kadernota_date_leaves_no_overdue_evaluation(beheerder):
    partnership = PartnershipFactory(start_date=date(2018, 1, 1))
    today = date(2026, 12, 1)
    decide(partnership, 2026, Tier.POLITIEK_ZEER_BELANGRIJK, beheerder, today)
    PlanningCalendar.objects.create(
        year=2026,
        kadernota_date=date(2026, 12, 1),
        jaarrekening_date=date(2026, 6, 30),
        begroting_date=date(2026, 11, 10),
    )
    result = replan(today=today)
    assert (result.created, result.updated, result.lapsed) == (0, 1, 0)  # E2: 1 July -> 1 Dec
    assert plan_on(partnership, today)["E2:2027"] == date(2027, 12, 1)
    assert_nothing_overdue(partnership, today)


def test_example_4_raised_lowered_and_raised_again(beheerder):
    partnership = PartnershipFactory(start_date=date(2010, 1, 1))
    steps = [
        (date(2024, 7, 1), 2024, Tier.POLITIEK_ZEER_BELANGRIJK),
        (date(2025, 7, 1), 2025, Tier.BESTUURLIJK_BELANGRIJK),
        (date(2026, 7, 1), 2026, Tier.POLITIEK_ZEER_BELANGRIJK),
    ]
    for day, year, tier in steps:
        before = set(Evaluation.objects.values_list("pk", flat=True))
        decide(partnership, year, tier, beheerder, day)
        new = Evaluation.objects.exclude(pk__in=before)
        assert new.exists()
        assert all(e.due_date >= day for e in new), f"overdue when planned on {day}"
    planned = plan_on(partnership, date(2026, 7, 1))
    # Only the last run of politiek zeer belangrijk counts: E2 a year after 1 July 2026.
    assert {k: d for k, d in planned.items() if k.startswith("E2")} == {"E2:2027": date(2027, 7, 1)}
    assert min(k for k in planned if k.startswith("E1")) == "E1:2027"
    assert not [k for k in planned if k.startswith("E3")]
    # The yearly evaluation of 2025 (due the day before the tier was lowered) lapsed with it.
    lapsed = Evaluation.objects.get(partnership=partnership, rule="E1", due_date=date(2025, 6, 30))
    assert lapsed.status == EvaluationStatus.VERVALLEN


def test_the_tier_history_costs_the_same_queries_for_many_partnerships(
    django_assert_max_num_queries, beheerder
):
    for partnership in PartnershipFactory.create_batch(3):
        TierDecision.objects.create(
            partnership=partnership, year=YEAR, tier=Tier.POLITIEK_BELANGRIJK, decided_by=beheerder
        )
    tier_facts_changed(Partnership.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(20) as few:
        sync_evaluations(today=TODAY)
    for partnership in PartnershipFactory.create_batch(15):
        TierDecision.objects.create(
            partnership=partnership,
            year=YEAR - 1,
            tier=Tier.BESTUURLIJK_BELANGRIJK,
            decided_by=beheerder,
        )
    tier_facts_changed(Partnership.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(20) as many:
        sync_evaluations(today=TODAY)
    assert len(many.captured_queries) == len(few.captured_queries)
