"""The afwegingskader of DESIGN.md 4.1, case by case, without a database."""

from dataclasses import replace
from decimal import Decimal

import pytest

from governance.scoring import (
    Answers,
    AnswersError,
    NoRuleMatched,
    RuleSpec,
    describe_rule,
    evaluate,
    kader_problems,
    prefill_k4,
    prefill_q1,
)
from governance.tiers import Tier

from .kader_v1 import KADER_V1

PZB = Tier.POLITIEK_ZEER_BELANGRIJK
PB = Tier.POLITIEK_BELANGRIJK
BB = Tier.BESTUURLIJK_BELANGRIJK
AB = Tier.AMBTELIJK_BELANGRIJK

RAAD = "raad bevoegd"
GEVOELIG = "politiek gevoelig"
BEIDE = f"2 kwalificaties ({RAAD}, {GEVOELIG})"

# (K1, K2, K3, K4), (Q1, Q2) -> score, qualifier count, rule, tier, explanation
CASES = [
    # Rule 1: S >= 6 and Q >= 1, and both sides of S = 6.
    ((2, 2, 2, 0), (True, False), 6, 1, 1, PZB, f"S = 6 ≥ 6 en 1 kwalificatie ({RAAD})"),
    ((2, 2, 1, 1), (True, False), 6, 1, 1, PZB, f"S = 6 ≥ 6 en 1 kwalificatie ({RAAD})"),
    ((0, 2, 2, 2), (False, True), 6, 1, 1, PZB, f"S = 6 ≥ 6 en 1 kwalificatie ({GEVOELIG})"),
    ((2, 2, 2, 2), (False, True), 8, 1, 1, PZB, f"S = 8 ≥ 6 en 1 kwalificatie ({GEVOELIG})"),
    ((2, 2, 2, 2), (True, True), 8, 2, 1, PZB, f"S = 8 ≥ 6 en {BEIDE}"),
    ((2, 2, 2, 0), (True, True), 6, 2, 1, PZB, f"S = 6 ≥ 6 en {BEIDE}"),
    ((2, 2, 1, 0), (True, False), 5, 1, 3, PB, f"S = 5 ≥ 4 en 1 kwalificatie ({RAAD})"),
    ((2, 2, 2, 2), (False, False), 8, 0, 5, BB, "S = 8 ≥ 2 en geen kwalificatie"),
    # Rule 2: S >= 4 and Q = 2, and both sides of S = 4.
    ((1, 1, 1, 1), (True, True), 4, 2, 2, PZB, f"S = 4 ≥ 4 en {BEIDE}"),
    ((2, 1, 1, 1), (True, True), 5, 2, 2, PZB, f"S = 5 ≥ 4 en {BEIDE}"),
    ((1, 1, 1, 0), (True, True), 3, 2, 4, PB, f"S = 3 ≥ 2 en {BEIDE}"),
    # Rule 3: S >= 4 and Q >= 1, and both sides of S = 4.
    ((1, 1, 1, 1), (True, False), 4, 1, 3, PB, f"S = 4 ≥ 4 en 1 kwalificatie ({RAAD})"),
    ((2, 1, 1, 1), (True, False), 5, 1, 3, PB, f"S = 5 ≥ 4 en 1 kwalificatie ({RAAD})"),
    ((2, 1, 1, 1), (False, True), 5, 1, 3, PB, f"S = 5 ≥ 4 en 1 kwalificatie ({GEVOELIG})"),
    ((2, 2, 1, 0), (False, True), 5, 1, 3, PB, f"S = 5 ≥ 4 en 1 kwalificatie ({GEVOELIG})"),
    ((1, 1, 1, 0), (True, False), 3, 1, 5, BB, f"S = 3 ≥ 2 en 1 kwalificatie ({RAAD})"),
    ((1, 1, 1, 1), (False, False), 4, 0, 5, BB, "S = 4 ≥ 2 en geen kwalificatie"),
    # Rule 4: S >= 2 and Q2 = yes, and both sides of S = 2.
    ((1, 1, 0, 0), (False, True), 2, 1, 4, PB, f"S = 2 ≥ 2 en 1 kwalificatie ({GEVOELIG})"),
    ((0, 0, 2, 1), (False, True), 3, 1, 4, PB, f"S = 3 ≥ 2 en 1 kwalificatie ({GEVOELIG})"),
    ((1, 0, 0, 0), (False, True), 1, 1, 6, BB, f"S = 1 en 1 kwalificatie ({GEVOELIG})"),
    ((1, 1, 0, 0), (True, False), 2, 1, 5, BB, f"S = 2 ≥ 2 en 1 kwalificatie ({RAAD})"),
    # Rule 5: S >= 2, and both sides of S = 2.
    ((0, 0, 0, 2), (False, False), 2, 0, 5, BB, "S = 2 ≥ 2 en geen kwalificatie"),
    ((0, 1, 1, 1), (False, False), 3, 0, 5, BB, "S = 3 ≥ 2 en geen kwalificatie"),
    ((1, 1, 1, 2), (False, False), 5, 0, 5, BB, "S = 5 ≥ 2 en geen kwalificatie"),
    ((0, 0, 0, 1), (False, False), 1, 0, 7, AB, "S = 1 en geen kwalificatie"),
    # Rule 6: Q >= 1, and both sides of Q = 1.
    ((0, 0, 0, 0), (True, False), 0, 1, 6, BB, f"S = 0 en 1 kwalificatie ({RAAD})"),
    ((0, 0, 0, 0), (False, True), 0, 1, 6, BB, f"S = 0 en 1 kwalificatie ({GEVOELIG})"),
    ((0, 0, 0, 1), (True, True), 1, 2, 6, BB, f"S = 1 en {BEIDE}"),
    ((0, 1, 0, 0), (True, False), 1, 1, 6, BB, f"S = 1 en 1 kwalificatie ({RAAD})"),
    # Rule 7: otherwise.
    ((0, 0, 0, 0), (False, False), 0, 0, 7, AB, "S = 0 en geen kwalificatie"),
    ((1, 0, 0, 0), (False, False), 1, 0, 7, AB, "S = 1 en geen kwalificatie"),
    ((0, 0, 1, 0), (False, False), 1, 0, 7, AB, "S = 1 en geen kwalificatie"),
]


def answers(k: tuple[int, int, int, int], q: tuple[bool, bool]) -> Answers:
    return Answers(
        criteria=dict(zip(("K1", "K2", "K3", "K4"), k, strict=True)),
        qualifiers={"Q1": q[0], "Q2": q[1]},
    )


@pytest.mark.parametrize(
    ("k", "q", "score", "count", "rule", "tier", "explanation"),
    CASES,
    ids=[f"K{'-'.join(map(str, c[0]))}_Q{int(c[1][0])}{int(c[1][1])}" for c in CASES],
)
def test_version_1_advises_the_tier_of_the_first_matching_rule(
    k, q, score, count, rule, tier, explanation
):
    outcome = evaluate(KADER_V1, answers(k, q))
    assert (outcome.score, outcome.qualifier_count, outcome.rule) == (score, count, rule)
    assert outcome.tier == tier
    assert outcome.explanation == explanation


def test_the_case_table_covers_every_rule_of_version_1():
    assert len(CASES) >= 30
    assert {case[4] for case in CASES} == {1, 2, 3, 4, 5, 6, 7}


def test_a_missing_answer_is_refused():
    incomplete = Answers(criteria={"K1": 1, "K2": 1, "K3": 1}, qualifiers={"Q1": True, "Q2": True})
    with pytest.raises(AnswersError, match="K4"):
        evaluate(KADER_V1, incomplete)


def test_an_answer_that_is_not_an_option_is_refused():
    with pytest.raises(AnswersError, match="K1"):
        evaluate(KADER_V1, answers((3, 0, 0, 0), (False, False)))


def test_a_missing_qualifier_answer_is_refused():
    with pytest.raises(AnswersError, match="Q2"):
        evaluate(KADER_V1, Answers({"K1": 0, "K2": 0, "K3": 0, "K4": 0}, {"Q1": True}))


def test_other_thresholds_in_a_new_version_change_the_outcome():
    stricter = replace(
        KADER_V1,
        version=2,
        rules=(RuleSpec(1, PZB, min_score=7, min_qualifiers=1), *KADER_V1.rules[1:]),
    )
    six_with_raad = answers((2, 2, 2, 0), (True, False))
    assert evaluate(KADER_V1, six_with_raad).tier == PZB
    assert evaluate(stricter, six_with_raad).tier == PB


def test_a_kader_without_a_catch_all_rule_cannot_be_used():
    without_last = replace(KADER_V1, rules=KADER_V1.rules[:-1])
    assert "De laatste regel moet voor alle andere gevallen gelden." in kader_problems(without_last)
    with pytest.raises(NoRuleMatched):
        evaluate(without_last, answers((0, 0, 0, 0), (False, False)))


def test_version_1_has_no_problems():
    assert kader_problems(KADER_V1) == []
    assert KADER_V1.max_score == 8


def test_a_rule_on_an_unknown_qualifier_is_a_problem():
    broken = replace(KADER_V1, rules=(RuleSpec(1, PB, required_qualifier="Q9"), KADER_V1.rules[-1]))
    assert "Regel 1 vraagt een onbekende kwalificatie." in kader_problems(broken)


@pytest.mark.parametrize(
    ("rule_number", "words"),
    [
        (1, "S ≥ 6 en minstens 1 kwalificatie"),
        (2, "S ≥ 4 en minstens 2 kwalificaties"),
        (4, "S ≥ 2 en politiek gevoelig (Q2)"),
        (6, "minstens 1 kwalificatie"),
        (7, "in alle andere gevallen"),
    ],
)
def test_rules_are_described_in_words(rule_number, words):
    assert describe_rule(KADER_V1, KADER_V1.rules[rule_number - 1]) == words


@pytest.mark.parametrize(
    ("contributions", "value", "reason_part"),
    [
        ([], 0, "geen financiële bijdrage begroot"),
        ([(2026, Decimal("0"))], 0, "geen financiële bijdrage begroot"),
        ([(2026, Decimal("99999.99"))], 0, "€ 99.999,99 (2026). Dat is minder dan € 100.000."),
        ([(2026, Decimal("100000"))], 1, "€ 100.000 (2026). Dat is € 100.000 of meer."),
        ([(2025, Decimal("999999.99"))], 1, "€ 999.999,99 (2025)"),
        ([(2026, Decimal("1000000"))], 2, "€ 1.000.000 (2026). Dat is € 1.000.000 of meer."),
        ([(2024, Decimal("1000"))] * 3 + [(2027, Decimal("2500000"))], 2, "(2027)"),
        ([(2024, Decimal("150000")), (2025, Decimal("40000"))], 1, "€ 150.000 (2024)"),
    ],
)
def test_k4_is_prefilled_from_the_largest_yearly_financial_contribution(
    contributions, value, reason_part
):
    prefilled = prefill_k4(contributions)
    assert prefilled.value == value
    assert reason_part.replace("€ ", "€\u00a0") in prefilled.reason
    assert prefilled.reason.endswith(f"Daarom staat K4 op {value}.")


@pytest.mark.parametrize(
    ("label", "own_body", "raadsregeling", "value", "reason_part"),
    [
        ("Openbaar lichaam (Wgr)", True, False, True, "een eigen orgaan"),
        ("Bedrijfsvoeringsorganisatie (Wgr)", True, False, True, "wettelijke rol"),
        ("Centrumgemeente", False, True, True, "raadsregeling. De raad is dus bevoegd"),
        ("Stichting", False, False, False, "Ga na of de raad toch bevoegd is"),
        ("Centrumgemeente", False, False, False, "geen raadsregeling"),
    ],
)
def test_q1_is_prefilled_from_legal_form_and_regulation(
    label, own_body, raadsregeling, value, reason_part
):
    prefilled = prefill_q1(label, own_body, raadsregeling)
    assert prefilled.value is value
    assert reason_part in prefilled.reason
