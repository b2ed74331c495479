"""The evaluation rules E1 to E5 of docs/rulebook.md as pure functions.

The facts of one partnership go in, the evaluations it should have come out. No database:
evaluations/sync.py builds the facts and applies the plan. Which tier asks for which
recurring evaluation is in governance/evaluation_duties.py, which the regime reads too.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from governance.evaluation_duties import (
    FULL_CYCLE_YEARS,
    YEARLY,
    Duty,
    TierChange,
    applies_since,
    full_duty_for,
)
from partnerships.tiers import Tier

HORIZON_YEARS = 4  # the lange termijn agenda: the current year and the next four
# A volledige evaluatie that was due before its rule applied is due this long after that moment.
CATCH_UP_MONTHS = 12


class Kind(StrEnum):
    """The kinds the rules plan; the values equal evaluations.models.EvaluationKind."""

    JAARLIJKS = "jaarlijks"
    VOLLEDIG = "volledig"
    EINDE_LOOPTIJD = "einde_looptijd"
    MIJLPAAL = "mijlpaal"
    TUSSENTIJDS = "tussentijds"


@dataclass(frozen=True)
class PlanningContext:
    """What all partnerships share in one planning run: today and the P&C calendar."""

    today: date
    # The jaarrekening date in the raad per year; must cover every year in `yearly_years`.
    jaarrekening_dates: Mapping[int, date]

    @property
    def first_year(self) -> int:
        return self.today.year

    @property
    def horizon_end(self) -> date:
        return date(self.today.year + HORIZON_YEARS, 12, 31)


@dataclass(frozen=True)
class PartnershipFacts:
    """The facts of one partnership that the rules read."""

    tier: Tier | None
    start_date: date
    end_date: date | None = None
    lead_months: int = 3
    ended: bool = False
    completed_full_evaluations: tuple[date, ...] = ()
    # Years before this one whose yearly evaluation is still open: they stay in the plan
    # (overdue) as long as the tier asks for them, instead of lapsing when the year turns.
    open_yearly_years: frozenset[int] = field(default_factory=frozenset)
    # The effective tier over time, oldest first (governance.evaluation_duties.tier_history).
    # Empty: no dated record, the rules count as if the tier applied from the start.
    tier_history: tuple[TierChange, ...] = ()

    def duty_since(self, duty: Duty) -> date | None:
        """The day the rule of `duty` began to apply: its tiers' current uninterrupted run."""
        return applies_since(self.tier_history, duty.tiers)


@dataclass(frozen=True)
class PlannedEvaluation:
    """One evaluation the rules ask for. `rule_key` identifies it across runs."""

    kind: Kind
    due_date: date
    rule: str
    rule_key: str
    on_council_agenda: bool = False


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months (negative: back); the day clamps to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of_month(year: int, month: int) -> date:
    """The last day of a month: a milestone "December 2022" is due on 31 December 2022."""
    return date(year, month, calendar.monthrange(year, month)[1])


def yearly_years(facts: PartnershipFacts, context: PlanningContext) -> list[int]:
    """The years whose jaarrekening date E1 reads, oldest first."""
    years = set(range(context.first_year, context.first_year + HORIZON_YEARS + 1))
    years |= {year for year in facts.open_yearly_years if year < context.first_year}
    return sorted(years)


def plan(facts: PartnershipFacts, context: PlanningContext) -> list[PlannedEvaluation]:
    """The evaluations that follow from the rules E1 to E4, by due date.

    A beëindigd partnership gets none. Dates after the end of the looptijd are not
    planned: the einde-looptijd evaluation (E4) takes their place.
    """
    if facts.ended:
        return []
    planned = [*_yearly(facts, context), *_full(facts, context), *_end_of_term(facts, context)]
    return sorted(planned, key=lambda p: (p.due_date, p.rule_key))


def _within_term(facts: PartnershipFacts, day: date) -> bool:
    return facts.start_date < day and (facts.end_date is None or day <= facts.end_date)


def _yearly(facts: PartnershipFacts, context: PlanningContext) -> Iterable[PlannedEvaluation]:
    """E1: politiek (zeer) belangrijk, every year on the jaarrekening date.

    The first is the first jaarrekening date after the rule began to apply.
    """
    if facts.tier not in YEARLY.tiers:
        return
    since = facts.duty_since(YEARLY)
    for year in yearly_years(facts, context):
        due = context.jaarrekening_dates[year]
        if _within_term(facts, due) and (since is None or due > since):
            yield PlannedEvaluation(Kind.JAARLIJKS, due, YEARLY.rule, f"E1:{year}")


def first_full_due(facts: PartnershipFacts, since: date | None) -> date:
    """E2/E3's next due date: 4 years after the last completed one, else after the start;
    when that lies before the rule began to apply, 12 months after that moment."""
    base = max(facts.completed_full_evaluations, default=facts.start_date)
    due = add_months(base, 12 * FULL_CYCLE_YEARS)
    if since is not None and due < since:
        due = add_months(since, CATCH_UP_MONTHS)
    return due


def _full(facts: PartnershipFacts, context: PlanningContext) -> Iterable[PlannedEvaluation]:
    """E2 and E3: a volledige evaluatie every 4 years (first_full_due, then 4 years on)."""
    duty = full_duty_for(facts.tier)
    if duty is None:
        return
    due = first_full_due(facts, facts.duty_since(duty))
    first = True
    while due <= context.horizon_end and (facts.end_date is None or due <= facts.end_date):
        # The first one is planned even when overdue; later ones only from this year on,
        # so a long-overdue evaluation does not fill the past with more overdue ones.
        if first or due.year >= context.first_year:
            yield PlannedEvaluation(
                Kind.VOLLEDIG,
                due,
                duty.rule,
                f"{duty.rule}:{due.year}",
                on_council_agenda=duty.on_council_agenda,
            )
        first = False
        due = add_months(due, 12 * FULL_CYCLE_YEARS)


def _end_of_term(facts: PartnershipFacts, context: PlanningContext) -> Iterable[PlannedEvaluation]:
    """E4: the lead time before the end date (30 Sept, 3 months → 30 June)."""
    if facts.end_date is None:
        return
    due = max(add_months(facts.end_date, -facts.lead_months), facts.start_date)
    if due <= context.horizon_end:
        yield PlannedEvaluation(Kind.EINDE_LOOPTIJD, due, "E4", f"E4:{facts.end_date.year}")


def milestone_problems(facts: PartnershipFacts, due_date: date) -> list[str]:
    """E5: why a milestone planned by hand on `due_date` cannot be planned (empty: it can)."""
    problems = []
    if facts.ended:
        problems.append("Het samenwerkingsverband is beëindigd: plan geen nieuwe evaluaties.")
    if due_date < facts.start_date:
        problems.append("Deze datum ligt voor de start van het samenwerkingsverband.")
    if facts.end_date is not None and due_date > add_months(facts.end_date, 12):
        problems.append("Deze datum ligt meer dan een jaar na het einde van de looptijd.")
    return problems
