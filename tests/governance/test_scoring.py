"""The afwegingskader of docs/rulebook.md, case by case, without a database."""

import itertools
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    rule_problems,
)
from partnerships.tiers import Tier

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


def test_the_outcome_names_its_rule_by_number_and_condition():
    outcome = evaluate(KADER_V1, answers((1, 1, 0, 0), (False, True)))
    assert (outcome.rule, outcome.rule_text) == (4, "S ≥ 2 en politiek gevoelig (Q2)")


def renumbered(kader, rules):
    return replace(kader, rules=tuple(replace(r, number=n) for n, r in enumerate(rules, 1)))


def test_a_version_with_a_rule_removed_and_renumbered_names_the_rule_that_matched():
    # Rule 3 removed: the old rules 4 to 7 are now 3 to 6.
    kader = renumbered(KADER_V1, [r for r in KADER_V1.rules if r.number != 3])
    assert kader_problems(kader) == []
    nothing = evaluate(kader, answers((0, 0, 0, 0), (False, False)))
    assert (nothing.rule, nothing.rule_text, nothing.tier) == (6, "in alle andere gevallen", AB)
    five_raad = evaluate(kader, answers((2, 2, 1, 0), (True, False)))
    assert (five_raad.rule, five_raad.rule_text, five_raad.tier) == (4, "S ≥ 2", BB)


def test_a_removed_rule_without_renumbering_is_a_problem_but_never_a_crash():
    kader = replace(KADER_V1, rules=tuple(r for r in KADER_V1.rules if r.number != 3))
    assert kader_problems(kader) == [
        "Nummer de regels 1 tot en met 6, zonder gaten of dubbele nummers (ontbreekt: 3)."
    ]
    outcome = evaluate(kader, answers((0, 0, 0, 0), (False, False)))
    assert (outcome.rule, outcome.rule_text) == (7, "in alle andere gevallen")


@pytest.mark.parametrize(
    ("numbers", "problem"),
    [
        ((1, 2, 2, 3), "(dubbel: 2; ontbreekt: 4)."),
        ((2, 1, 3), "zonder gaten of dubbele nummers, in volgorde."),
        ((1, 2, 4), "(ontbreekt: 3)."),
    ],
)
def test_rules_must_be_numbered_one_to_n_in_order(numbers, problem):
    rules = [RuleSpec(n, BB, min_score=2) for n in numbers[:-1]] + [RuleSpec(numbers[-1], AB)]
    problems = rule_problems(rules, None)
    assert len(problems) == 1
    assert problems[0].endswith(problem)


def test_only_the_last_rule_may_be_without_conditions():
    rules = [RuleSpec(1, BB), RuleSpec(2, PB, min_score=4), RuleSpec(3, AB)]
    assert rule_problems(rules, None) == [
        "Regel 1 geldt altijd, dus de regels erna worden nooit gebruikt. Alleen de laatste "
        "regel mag zonder voorwaarden zijn."
    ]
    assert rule_problems([], None) == [
        "Er zijn geen regels. Maak minstens één regel voor alle gevallen."
    ]


ALL_ANSWERS = [
    (k, q)
    for k in itertools.product((0, 1, 2), repeat=4)
    for q in itertools.product((False, True), repeat=2)
]

condition_rules = st.builds(
    RuleSpec,
    number=st.just(0),
    tier=st.sampled_from(list(Tier)),
    min_score=st.integers(0, 8),
    min_qualifiers=st.integers(0, 2),
    required_qualifier=st.sampled_from(["", "Q1", "Q2"]),
).filter(lambda rule: not rule.is_catch_all)


@st.composite
def kader_versions(draw):
    """Version 1 with rules removed, changed or added, renumbered or left with gaps."""
    kept = draw(st.lists(st.sampled_from(KADER_V1.rules[:-1]), unique=True).map(sorted_rules))
    added = draw(st.lists(condition_rules, max_size=3))
    middle = draw(st.permutations(kept + added))
    rules = [*middle, RuleSpec(0, draw(st.sampled_from(list(Tier))))]
    if draw(st.booleans()):
        numbers = range(1, len(rules) + 1)  # renumbered 1 to n: a valid version
    else:  # numbers with gaps, as after a removal that was not renumbered
        numbers = sorted(
            draw(st.sets(st.integers(1, 30), min_size=len(rules), max_size=len(rules)))
        )
    return replace(
        KADER_V1,
        version=2,
        rules=tuple(replace(r, number=n) for n, r in zip(numbers, rules, strict=True)),
    )


def sorted_rules(rules):
    return sorted(rules, key=lambda rule: rule.number)


@pytest.mark.fuzz
@settings(max_examples=60, deadline=None)
@given(kader=kader_versions())
def test_every_answer_on_every_version_names_the_rule_that_matched(kader):
    if [r.number for r in kader.rules] == list(range(1, len(kader.rules) + 1)):
        assert kader_problems(kader) == []
    by_number = {rule.number: rule for rule in kader.rules}
    for k, q in ALL_ANSWERS:
        outcome = evaluate(kader, answers(k, q))
        rule = by_number[outcome.rule]
        assert outcome.tier == rule.tier
        assert outcome.rule_text == describe_rule(kader, rule)
        # The explanation shows the score against the threshold of that rule.
        threshold = re.search(r"S = \d+ ≥ (\d+)", outcome.explanation)
        assert (int(threshold.group(1)) if threshold else 0) == rule.min_score
        assert outcome.score >= rule.min_score
        # No rule numbered lower matches: it is the first by number, not by position.
        earlier = [r for r in kader.rules if r.number < rule.number]
        assert not [
            r
            for r in earlier
            if outcome.score >= r.min_score
            and outcome.qualifier_count >= r.min_qualifiers
            and (not r.required_qualifier or q[int(r.required_qualifier[1]) - 1])
        ]
