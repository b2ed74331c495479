"""The afwegingskader as a pure function: a kader version and answers in, an outcome out.

No database here: governance/framework.py adapts the Framework rows to these dataclasses and
stores the outcome on an Assessment. Version 1 of the kader is written out in docs/rulebook.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from partnerships.tiers import Tier
from samenwerkingswijzer.formatting import euro

T = TypeVar("T")

# K4 pre-fill thresholds (docs/rulebook.md): the largest budgeted financial contribution in a year.
K4_HIGH = Decimal("1000000")
K4_SOME = Decimal("100000")


@dataclass(frozen=True)
class Option:
    """One answer to a criterion, with the points it gives."""

    label: str
    points: int


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    text: str
    options: tuple[Option, ...]
    help_text: str = ""
    prefill: str = ""

    def option_for(self, points: int) -> Option | None:
        return next((option for option in self.options if option.points == points), None)


@dataclass(frozen=True)
class QualifierSpec:
    code: str
    text: str
    short_label: str
    help_text: str = ""
    prefill: str = ""


@dataclass(frozen=True)
class RuleSpec:
    """Rule `number` holds when S ≥ min_score, Q ≥ min_qualifiers and the required one is yes."""

    number: int
    tier: Tier
    min_score: int = 0
    min_qualifiers: int = 0
    required_qualifier: str = ""

    @property
    def is_catch_all(self) -> bool:
        return not (self.min_score or self.min_qualifiers or self.required_qualifier)


@dataclass(frozen=True)
class Kader:
    """One version of the afwegingskader: criteria, qualifiers and rules in their order."""

    version: int
    criteria: tuple[CriterionSpec, ...]
    qualifiers: tuple[QualifierSpec, ...]
    rules: tuple[RuleSpec, ...]

    def qualifier(self, code: str) -> QualifierSpec | None:
        return next((q for q in self.qualifiers if q.code == code), None)

    @property
    def max_score(self) -> int:
        return sum(max((o.points for o in c.options), default=0) for c in self.criteria)


@dataclass(frozen=True)
class Answers:
    """Points per criterion code, yes/no per qualifier code."""

    criteria: Mapping[str, int]
    qualifiers: Mapping[str, bool]


@dataclass(frozen=True)
class Outcome:
    """The advice; `rule` is the number of the rule that matched, `rule_text` its condition."""

    score: int
    qualifier_count: int
    rule: int
    tier: Tier
    explanation: str
    rule_text: str = ""


@dataclass(frozen=True)
class Prefilled(Generic[T]):
    """A value proposed from the facts, with the reason the page shows next to it."""

    value: T
    reason: str


class AnswersError(ValueError):
    """The answers do not fit the kader (a missing or unknown answer)."""


class NoRuleMatched(ValueError):
    """The kader has no rule for these answers: its last rule is not a catch-all."""


def evaluate(kader: Kader, answers: Answers) -> Outcome:
    """Score the answers and return the first rule that matches, with its explanation."""
    score = 0
    for criterion in kader.criteria:
        points = answers.criteria.get(criterion.code)
        if points is None:
            raise AnswersError(f"Geen antwoord op {criterion.code}.")
        if criterion.option_for(points) is None:
            raise AnswersError(f"{points} is geen antwoord op {criterion.code}.")
        score += points
    for qualifier in kader.qualifiers:
        if qualifier.code not in answers.qualifiers:
            raise AnswersError(f"Geen antwoord op {qualifier.code}.")
    yes = [q for q in kader.qualifiers if answers.qualifiers[q.code]]
    yes_codes = {q.code for q in yes}
    # By number, not by position: the first rule is the one numbered lowest.
    for rule in sorted(kader.rules, key=lambda rule: rule.number):
        if (
            score >= rule.min_score
            and len(yes) >= rule.min_qualifiers
            and (not rule.required_qualifier or rule.required_qualifier in yes_codes)
        ):
            return Outcome(
                score=score,
                qualifier_count=len(yes),
                rule=rule.number,
                tier=rule.tier,
                explanation=_explain(score, yes, rule),
                rule_text=describe_rule(kader, rule),
            )
    raise NoRuleMatched(f"Geen regel van versie {kader.version} past bij S = {score}.")


def _explain(score: int, yes: list[QualifierSpec], rule: RuleSpec) -> str:
    score_part = f"S = {score} ≥ {rule.min_score}" if rule.min_score else f"S = {score}"
    if not yes:
        return f"{score_part} en geen kwalificatie"
    labels = ", ".join(q.short_label for q in yes)
    noun = "kwalificatie" if len(yes) == 1 else "kwalificaties"
    return f"{score_part} en {len(yes)} {noun} ({labels})"


def describe_rule(kader: Kader, rule: RuleSpec) -> str:
    """The rule's condition in words, e.g. "S ≥ 4 en minstens 1 kwalificatie"."""
    parts = []
    if rule.min_score:
        parts.append(f"S ≥ {rule.min_score}")
    if rule.min_qualifiers:
        noun = "kwalificatie" if rule.min_qualifiers == 1 else "kwalificaties"
        parts.append(f"minstens {rule.min_qualifiers} {noun}")
    if rule.required_qualifier:
        qualifier = kader.qualifier(rule.required_qualifier)
        label = qualifier.short_label if qualifier else rule.required_qualifier
        parts.append(f"{label} ({rule.required_qualifier})")
    return " en ".join(parts) if parts else "in alle andere gevallen"


def kader_problems(kader: Kader) -> list[str]:
    """Why a kader version cannot be used yet; empty when it can be activated."""
    problems = []
    if not kader.criteria:
        problems.append("Er zijn geen criteria.")
    codes = [c.code for c in kader.criteria] + [q.code for q in kader.qualifiers]
    if len(set(codes)) != len(codes):
        problems.append("Elke code mag maar één keer voorkomen.")
    for criterion in kader.criteria:
        points = [o.points for o in criterion.options]
        if len(points) < 2:
            problems.append(f"{criterion.code} heeft minstens twee antwoorden nodig.")
        if len(set(points)) != len(points):
            problems.append(
                f"Elk antwoord van {criterion.code} moet een ander aantal punten geven."
            )
    problems += rule_problems(kader.rules, {q.code for q in kader.qualifiers})
    return problems


def rule_problems(rules: Iterable[RuleSpec], qualifier_codes: set[str] | None) -> list[str]:
    """Why a version's rules do not work as a whole (Dutch, for the beheerder; empty: they do).

    The rules are numbered 1, 2, 3 … without gaps or doubles, in that order; only the last
    one has no conditions, so every answer has exactly one first matching rule.
    `qualifier_codes` None: the qualifiers are checked elsewhere (at activation).
    """
    ordered = list(rules)
    problems = []
    if not ordered:
        return ["Er zijn geen regels. Maak minstens één regel voor alle gevallen."]
    numbers = [rule.number for rule in ordered]
    if numbers != list(range(1, len(ordered) + 1)):
        doubles = sorted({n for n in numbers if numbers.count(n) > 1})
        missing = sorted(set(range(1, len(ordered) + 1)) - set(numbers))
        detail = []
        if doubles:
            detail.append("dubbel: " + ", ".join(map(str, doubles)))
        if missing:
            detail.append("ontbreekt: " + ", ".join(map(str, missing)))
        problems.append(
            f"Nummer de regels 1 tot en met {len(ordered)}, zonder gaten of dubbele nummers"
            + (f" ({'; '.join(detail)})." if detail else ", in volgorde.")
        )
    for rule in ordered:
        if (
            qualifier_codes is not None
            and rule.required_qualifier
            and rule.required_qualifier not in qualifier_codes
        ):
            problems.append(f"Regel {rule.number} vraagt een onbekende kwalificatie.")
    last = max(ordered, key=lambda rule: rule.number)
    if not last.is_catch_all:
        problems.append("De laatste regel moet voor alle andere gevallen gelden.")
    for rule in ordered:
        if rule.is_catch_all and rule.number < last.number:
            problems.append(
                f"Regel {rule.number} geldt altijd, dus de regels erna worden nooit gebruikt. "
                "Alleen de laatste regel mag zonder voorwaarden zijn."
            )
    return problems


def prefill_k4(financial_contributions: Iterable[tuple[int, Decimal]]) -> Prefilled[int]:
    """K4 from the largest budgeted financial contribution in one year: (year, amount) pairs."""
    largest = max(financial_contributions, key=lambda pair: (pair[1], pair[0]), default=None)
    if largest is None or largest[1] <= 0:
        return Prefilled(0, "Er is geen financiële bijdrage begroot. Daarom staat K4 op 0.")
    year, amount = largest
    text = f"De grootste begrote financiële bijdrage in één jaar is {euro(amount)} ({year})."
    if amount >= K4_HIGH:
        return Prefilled(2, f"{text} Dat is {euro(K4_HIGH)} of meer. Daarom staat K4 op 2.")
    if amount >= K4_SOME:
        return Prefilled(1, f"{text} Dat is {euro(K4_SOME)} of meer. Daarom staat K4 op 1.")
    return Prefilled(0, f"{text} Dat is minder dan {euro(K4_SOME)}. Daarom staat K4 op 0.")


def prefill_q1(legal_form_label: str, wgr_own_body: bool, raadsregeling: bool) -> Prefilled[bool]:
    """Q1 (raad bevoegd) from the legal form and the regulation."""
    if wgr_own_body:
        return Prefilled(
            True,
            f"De vorm is {legal_form_label}: een gemeenschappelijke regeling met een eigen "
            "orgaan. De raad heeft daarin een wettelijke rol.",
        )
    if raadsregeling:
        return Prefilled(True, "Het is een raadsregeling. De raad is dus bevoegd.")
    return Prefilled(
        False,
        f"De vorm is {legal_form_label} en het is geen raadsregeling. Ga na of de raad toch "
        "bevoegd is of een wettelijke rol heeft.",
    )
