"""The evaluation rules E1 to E5 (docs/rulebook.md), tested without a database."""

from datetime import date

import pytest

from evaluations.models import EvaluationKind
from evaluations.planning import (
    Kind,
    PartnershipFacts,
    PlanningContext,
    add_months,
    end_of_month,
    milestone_problems,
    plan,
)
from governance.evaluation_duties import TierChange, applies_since, tier_history
from partnerships.tiers import Tier

PZB = Tier.POLITIEK_ZEER_BELANGRIJK
PB = Tier.POLITIEK_BELANGRIJK
BB = Tier.BESTUURLIJK_BELANGRIJK
AB = Tier.AMBTELIJK_BELANGRIJK
KADERNOTA_2026 = date(2026, 7, 1)  # the default kadernota date of the P&C calendar


def context(today: date) -> PlanningContext:
    years = range(today.year - 10, today.year + 6)
    return PlanningContext(today=today, jaarrekening_dates={y: date(y, 6, 30) for y in years})


def keys(facts: PartnershipFacts, today: date) -> list[str]:
    return [p.rule_key for p in plan(facts, context(today))]


def test_kinds_match_the_model_choices():
    assert {k.value for k in Kind} == set(EvaluationKind.values)


def test_verbindend_leiden_is_evaluated_three_months_before_the_end():
    """Looptijd 1 Oct 2017 to 30 Sept 2020, evaluated 3 months before the end."""
    facts = PartnershipFacts(tier=None, start_date=date(2017, 10, 1), end_date=date(2020, 9, 30))
    planned = plan(facts, context(date(2017, 10, 1)))
    assert [(p.kind, p.due_date, p.rule, p.rule_key) for p in planned] == [
        (Kind.EINDE_LOOPTIJD, date(2020, 6, 30), "E4", "E4:2020")
    ]


@pytest.mark.parametrize(
    ("end_date", "lead_months", "due"),
    [
        (date(2020, 9, 30), 3, date(2020, 6, 30)),
        (date(2023, 5, 31), 3, date(2023, 2, 28)),
        (date(2024, 5, 31), 3, date(2024, 2, 29)),
        (date(2025, 3, 31), 1, date(2025, 2, 28)),
        (date(2026, 1, 15), 2, date(2025, 11, 15)),
        (date(2027, 12, 31), 12, date(2026, 12, 31)),
    ],
)
def test_end_of_term_due_date_clamps_to_the_end_of_the_month(end_date, lead_months, due):
    facts = PartnershipFacts(
        tier=None, start_date=date(2015, 1, 1), end_date=end_date, lead_months=lead_months
    )
    (planned,) = plan(facts, context(date(2025, 1, 1)))
    assert planned.due_date == due


def test_governance_zorg_en_veiligheid_milestones_fit_its_looptijd():
    """Looptijd 2022-2023, evaluatie eerste jaar Dec 2022, eindevaluatie Dec 2023."""
    facts = PartnershipFacts(
        tier=Tier.BESTUURLIJK_BELANGRIJK, start_date=date(2022, 1, 1), end_date=date(2023, 12, 31)
    )
    first_year, final = end_of_month(2022, 12), end_of_month(2023, 12)
    assert (first_year, final) == (date(2022, 12, 31), date(2023, 12, 31))
    assert milestone_problems(facts, first_year) == []
    assert milestone_problems(facts, final) == []
    # The rules add only the einde-looptijd evaluation: 4 years is past the end of the term.
    assert keys(facts, date(2021, 12, 1)) == ["E4:2023"]


def test_milestone_outside_the_looptijd_or_of_an_ended_partnership_is_refused():
    facts = PartnershipFacts(tier=None, start_date=date(2022, 1, 1), end_date=date(2023, 12, 31))
    assert milestone_problems(facts, date(2021, 12, 1)) == [
        "Deze datum ligt voor de start van het samenwerkingsverband."
    ]
    assert len(milestone_problems(facts, date(2025, 6, 1))) == 1
    ended = PartnershipFacts(tier=None, start_date=date(2022, 1, 1), ended=True)
    assert "beëindigd" in milestone_problems(ended, date(2022, 6, 1))[0]


def test_politiek_zeer_belangrijk_gets_yearly_and_four_yearly_evaluations_on_the_raad_agenda():
    facts = PartnershipFacts(tier=Tier.POLITIEK_ZEER_BELANGRIJK, start_date=date(2020, 3, 1))
    planned = plan(facts, context(date(2026, 1, 10)))
    yearly = [p for p in planned if p.rule == "E1"]
    full = [p for p in planned if p.rule == "E2"]
    assert [p.due_date for p in yearly] == [date(y, 6, 30) for y in range(2026, 2031)]
    assert [p.rule_key for p in yearly] == [f"E1:{y}" for y in range(2026, 2031)]
    # Four years after the start (overdue, never done), then four years later.
    assert [(p.due_date, p.on_council_agenda) for p in full] == [
        (date(2024, 3, 1), True),
        (date(2028, 3, 1), True),
    ]
    assert all(p.kind == Kind.VOLLEDIG for p in full)


def test_politiek_belangrijk_gets_only_the_yearly_evaluation():
    facts = PartnershipFacts(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 3, 1))
    assert keys(facts, date(2026, 1, 10)) == [f"E1:{y}" for y in range(2026, 2031)]


def test_bestuurlijk_belangrijk_gets_a_volledige_evaluatie_off_the_raad_agenda():
    facts = PartnershipFacts(tier=Tier.BESTUURLIJK_BELANGRIJK, start_date=date(2023, 9, 1))
    planned = plan(facts, context(date(2026, 1, 10)))
    assert [(p.rule_key, p.due_date, p.on_council_agenda) for p in planned] == [
        ("E3:2027", date(2027, 9, 1), False)
    ]


def test_ambtelijk_belangrijk_without_end_date_gets_nothing():
    facts = PartnershipFacts(tier=Tier.AMBTELIJK_BELANGRIJK, start_date=date(2010, 1, 1))
    assert plan(facts, context(date(2026, 1, 10))) == []


def test_partnership_without_tier_gets_only_the_end_of_term_evaluation():
    facts = PartnershipFacts(tier=None, start_date=date(2024, 1, 1), end_date=date(2027, 12, 31))
    assert keys(facts, date(2026, 1, 10)) == ["E4:2027"]


def test_volledige_evaluatie_counts_from_the_last_completed_one():
    facts = PartnershipFacts(
        tier=Tier.BESTUURLIJK_BELANGRIJK,
        start_date=date(2010, 1, 1),
        completed_full_evaluations=(date(2019, 5, 1), date(2025, 4, 15)),
    )
    assert keys(facts, date(2026, 1, 10)) == ["E3:2029"]


def test_overdue_volledige_evaluatie_stays_with_the_next_ones_from_this_year_on():
    facts = PartnershipFacts(tier=Tier.POLITIEK_ZEER_BELANGRIJK, start_date=date(2012, 3, 1))
    full = [p.rule_key for p in plan(facts, context(date(2026, 1, 10))) if p.rule == "E2"]
    # Due 2016 and never done: still planned (overdue); then 2028 within the horizon.
    assert full == ["E2:2016", "E2:2028"]


def test_open_ended_looptijd_plans_up_to_the_horizon_only():
    facts = PartnershipFacts(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2000, 1, 1))
    planned = plan(facts, context(date(2026, 11, 22)))
    assert max(p.due_date for p in planned) == date(2030, 6, 30)


def test_nothing_is_planned_after_the_end_of_the_looptijd():
    facts = PartnershipFacts(
        tier=Tier.POLITIEK_ZEER_BELANGRIJK, start_date=date(2024, 1, 1), end_date=date(2027, 9, 30)
    )
    assert keys(facts, date(2026, 1, 10)) == ["E1:2026", "E1:2027", "E4:2027"]


def test_nothing_is_planned_before_the_start():
    facts = PartnershipFacts(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2027, 8, 1))
    assert keys(facts, date(2026, 1, 10)) == ["E1:2028", "E1:2029", "E1:2030"]


def test_ended_partnership_gets_no_evaluations():
    facts = PartnershipFacts(
        tier=Tier.POLITIEK_ZEER_BELANGRIJK,
        start_date=date(2017, 10, 1),
        end_date=date(2027, 9, 30),
        ended=True,
    )
    assert plan(facts, context(date(2026, 1, 10))) == []


def test_open_yearly_evaluation_of_last_year_stays_planned_while_the_tier_asks_for_it():
    facts = PartnershipFacts(
        tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 1, 1), open_yearly_years={2025}
    )
    assert keys(facts, date(2026, 1, 10))[0] == "E1:2025"
    lowered = PartnershipFacts(
        tier=Tier.BESTUURLIJK_BELANGRIJK, start_date=date(2023, 1, 1), open_yearly_years={2025}
    )
    assert "E1:2025" not in keys(lowered, date(2026, 1, 10))


def test_yearly_evaluation_follows_the_calendar_of_each_year():
    ctx = PlanningContext(
        today=date(2026, 1, 1),
        jaarrekening_dates={y: date(y, 7, 2 + y - 2026) for y in range(2026, 2031)},
    )
    facts = PartnershipFacts(tier=Tier.POLITIEK_BELANGRIJK, start_date=date(2020, 1, 1))
    assert [p.due_date for p in plan(facts, ctx)][:2] == [date(2026, 7, 2), date(2027, 7, 3)]


def test_add_months_goes_back_across_a_year():
    assert add_months(date(2021, 2, 28), -3) == date(2020, 11, 28)
    assert add_months(date(2020, 2, 29), 48) == date(2024, 2, 29)
    assert add_months(date(2020, 2, 29), 12) == date(2021, 2, 28)


def overdue(facts: PartnershipFacts, today: date, ctx: PlanningContext | None = None) -> list:
    return [p for p in plan(facts, ctx or context(today)) if p.due_date < today]


# The worked examples of docs/rulebook.md, "When a rule begins to apply".


def test_example_1_started_in_1914_gets_one_volledige_evaluatie_a_year_after_the_kadernota():
    facts = PartnershipFacts(
        tier=PZB, start_date=date(1914, 12, 1), tier_history=(TierChange(KADERNOTA_2026, PZB),)
    )
    today = date(2026, 7, 2)
    planned = plan(facts, context(today))
    full = [(p.rule_key, p.due_date, p.on_council_agenda) for p in planned if p.rule == "E2"]
    # Not due 1 December 1918, and not a second one this year; the next is beyond the horizon.
    assert full == [("E2:2027", date(2027, 7, 1), True)]
    assert [p.rule_key for p in planned if p.rule == "E1"] == [f"E1:{y}" for y in range(2027, 2031)]
    assert overdue(facts, today) == []


def test_example_1_the_cycle_counts_from_the_last_completed_one_when_that_is_later():
    facts = PartnershipFacts(
        tier=PZB,
        start_date=date(1914, 12, 1),
        completed_full_evaluations=(date(2024, 5, 1),),
        tier_history=(TierChange(KADERNOTA_2026, PZB),),
    )
    assert [p.rule_key for p in plan(facts, context(date(2026, 7, 2))) if p.rule == "E2"] == [
        "E2:2028"
    ]


def test_example_1_a_volledige_evaluatie_done_long_ago_counts_from_the_tier_instead():
    facts = PartnershipFacts(
        tier=BB,
        start_date=date(1914, 12, 1),
        completed_full_evaluations=(date(2015, 3, 1),),
        tier_history=(TierChange(KADERNOTA_2026, BB),),
    )
    (full,) = plan(facts, context(date(2026, 7, 2)))
    assert (full.rule_key, full.due_date, full.on_council_agenda) == (
        "E3:2027",
        date(2027, 7, 1),
        False,
    )


@pytest.mark.parametrize(
    ("decisions", "afwegingen"),
    [
        # A kadernota on 1 December (the beheerder's calendar).
        ([(date(2026, 12, 1), 2026, PB)], []),
        # An afweging on 1 December, no kadernota decision yet.
        ([], [(date(2026, 12, 1), PB)]),
        # The kadernota decision of 2026 (1 July), recorded on 1 December.
        ([(KADERNOTA_2026, 2026, PB)], []),
    ],
    ids=["kadernota-1-december", "afweging-1-december", "recorded-1-december"],
)
def test_example_2_a_tier_decided_on_1_december_is_first_evaluated_at_next_years_jaarrekening(
    decisions, afwegingen
):
    history = tier_history(decisions, afwegingen)
    facts = PartnershipFacts(tier=PB, start_date=date(2020, 1, 1), tier_history=history)
    today = date(2026, 12, 1)
    planned = plan(facts, context(today))
    assert planned[0].rule_key == "E1:2027"
    assert planned[0].due_date == date(2027, 6, 30)
    assert "E1:2026" not in [p.rule_key for p in planned]
    assert overdue(facts, today) == []


def test_example_2_an_afweging_before_the_jaarrekening_asks_for_this_years_evaluation():
    facts = PartnershipFacts(
        tier=PB, start_date=date(2020, 1, 1), tier_history=(TierChange(date(2026, 3, 1), PB),)
    )
    assert keys(facts, date(2026, 3, 1))[0] == "E1:2026"


def test_example_3_a_moved_jaarrekening_date_moves_the_yearly_evaluation():
    facts = PartnershipFacts(
        tier=PB, start_date=date(2020, 1, 1), tier_history=(TierChange(KADERNOTA_2026, PB),)
    )
    today = date(2026, 12, 1)
    moved = PlanningContext(
        today=today,
        jaarrekening_dates={
            y: date(y, 7, 8) if y == 2027 else date(y, 6, 30) for y in range(2026, 2031)
        },
    )
    assert plan(facts, moved)[0].due_date == date(2027, 7, 8)
    assert overdue(facts, today, moved) == []


def test_example_3_a_kadernota_after_the_jaarrekening_leaves_no_evaluation_behind():
    # The beheerder moves the kadernota of 2026 to 1 December: the tier applies from then.
    facts = PartnershipFacts(
        tier=PZB,
        start_date=date(2018, 1, 1),
        tier_history=(TierChange(date(2026, 12, 1), PZB),),
    )
    today = date(2026, 12, 1)
    assert [p.rule_key for p in plan(facts, context(today))][:2] == ["E1:2027", "E2:2027"]
    assert next(p for p in plan(facts, context(today)) if p.rule == "E2").due_date == date(
        2027, 12, 1
    )
    assert overdue(facts, today) == []


def test_example_4_raised_lowered_and_raised_again_counts_from_the_last_raise():
    history = tier_history(
        [
            (date(2024, 7, 1), 2024, PZB),
            (date(2025, 7, 1), 2025, BB),
            (KADERNOTA_2026, 2026, PZB),
        ],
        [(date(2024, 3, 1), PZB)],
    )
    assert [c.tier for c in history] == [PZB, BB, PZB]
    facts = PartnershipFacts(tier=PZB, start_date=date(2010, 1, 1), tier_history=history)
    today = date(2026, 7, 2)
    planned = plan(facts, context(today))
    assert [p.rule_key for p in planned if p.rule == "E2"] == ["E2:2027"]
    assert next(p.rule_key for p in planned if p.rule == "E1") == "E1:2027"
    assert overdue(facts, today) == []


def test_example_4_from_politiek_belangrijk_to_zeer_belangrijk_the_yearly_rule_runs_on():
    history = tier_history([(date(2024, 7, 1), 2024, PB), (KADERNOTA_2026, 2026, PZB)], [])
    facts = PartnershipFacts(tier=PZB, start_date=date(2010, 1, 1), tier_history=history)
    planned = plan(facts, context(date(2026, 3, 1)))
    # E1 has applied since 2024, so this year's yearly evaluation stays; E2 starts at the raise.
    assert next(p.rule_key for p in planned if p.rule == "E1") == "E1:2026"
    assert [p.rule_key for p in planned if p.rule == "E2"] == ["E2:2027"]


def test_example_4_lowered_to_ambtelijk_plans_no_recurring_evaluation():
    history = tier_history([(date(2024, 7, 1), 2024, PZB), (KADERNOTA_2026, 2026, AB)], [])
    facts = PartnershipFacts(tier=AB, start_date=date(2010, 1, 1), tier_history=history)
    assert plan(facts, context(date(2026, 7, 2))) == []


def test_after_a_decision_a_new_afweging_is_advice_and_does_not_restart_the_run():
    history = tier_history([(date(2024, 7, 1), 2024, PZB)], [(date(2025, 3, 1), BB)])
    assert history == (TierChange(date(2024, 7, 1), PZB),)
    assert applies_since(history, frozenset({PZB})) == date(2024, 7, 1)


def test_afwegingen_before_the_first_decision_count_as_the_start_of_the_run():
    history = tier_history(
        [(KADERNOTA_2026, 2026, BB)], [(date(2025, 1, 10), PB), (date(2025, 6, 1), BB)]
    )
    assert history == (TierChange(date(2025, 1, 10), PB), TierChange(date(2025, 6, 1), BB))
    assert applies_since(history, frozenset({BB})) == date(2025, 6, 1)


def test_without_a_dated_tier_the_rules_count_from_the_start():
    assert applies_since((), frozenset({PB})) is None
    assert applies_since((TierChange(date(2025, 1, 1), AB),), frozenset({PB})) is None


def test_a_volledige_evaluatie_due_soon_after_the_tier_began_keeps_its_four_year_date():
    facts = PartnershipFacts(
        tier=PZB, start_date=date(2022, 9, 1), tier_history=(TierChange(KADERNOTA_2026, PZB),)
    )
    full = [p for p in plan(facts, context(date(2026, 7, 2))) if p.rule == "E2"]
    assert [p.due_date for p in full] == [date(2026, 9, 1), date(2030, 9, 1)]
