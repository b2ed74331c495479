"""Which tier asks for which recurring evaluation, and since when (docs/rulebook.md, E1-E4).

One table, read by the evaluation planner (evaluations/planning.py) and by the governance
regime (governance/regime.py), so that the regime never promises an evaluation the planner
does not plan. Pure: no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from partnerships.tiers import Tier

FULL_CYCLE_YEARS = 4


@dataclass(frozen=True)
class Duty:
    """A recurring evaluation a tier asks for (rules E1 to E3)."""

    rule: str
    kind: str  # an evaluations.models.EvaluationKind value
    tiers: frozenset[Tier]
    regime_line: str
    on_council_agenda: bool = False


YEARLY = Duty(
    rule="E1",
    kind="jaarlijks",
    tiers=frozenset({Tier.POLITIEK_ZEER_BELANGRIJK, Tier.POLITIEK_BELANGRIJK}),
    regime_line="Elk jaar een evaluatie, besproken bij de jaarrekening.",
)
FULL_ON_COUNCIL_AGENDA = Duty(
    rule="E2",
    kind="volledig",
    tiers=frozenset({Tier.POLITIEK_ZEER_BELANGRIJK}),
    regime_line=f"Elke {FULL_CYCLE_YEARS} jaar een volledige evaluatie, op de agenda van de raad.",
    on_council_agenda=True,
)
FULL_BY_COLLEGE = Duty(
    rule="E3",
    kind="volledig",
    tiers=frozenset({Tier.BESTUURLIJK_BELANGRIJK}),
    regime_line=f"Elke {FULL_CYCLE_YEARS} jaar een volledige evaluatie door het college.",
)
DUTIES: tuple[Duty, ...] = (YEARLY, FULL_ON_COUNCIL_AGENDA, FULL_BY_COLLEGE)

NO_DUTY_LINE = (
    "Er is geen vaste evaluatie. De accounthouder kan zelf een evaluatie plannen als dat nodig is."
)


def duties_for(tier: Tier | None) -> tuple[Duty, ...]:
    """The recurring evaluations `tier` asks for, in the order of the rules."""
    return tuple(duty for duty in DUTIES if tier in duty.tiers)


def full_duty_for(tier: Tier | None) -> Duty | None:
    """E2 or E3: the volledige evaluatie of `tier`, if it asks for one."""
    return next((d for d in duties_for(tier) if d.kind == "volledig"), None)


def end_of_term_line(end_date: date, lead_months: int) -> str:
    """E4, in words: every partnership with an end date."""
    months = "1 maand" if lead_months == 1 else f"{lead_months} maanden"
    return (
        f"Een evaluatie {months} voor het einde van de looptijd "
        f"({end_date.day}-{end_date.month:02d}-{end_date.year}), als basis voor het besluit "
        "over verlengen of stoppen."
    )


def regime_lines(tier: Tier | None, end_date: date | None, lead_months: int) -> list[str]:
    """The evaluation sentences of the governance regime: exactly what the rules plan."""
    lines = [duty.regime_line for duty in duties_for(tier)]
    if end_date is not None:
        lines.append(end_of_term_line(end_date, lead_months))
    if not lines and tier is not None:
        lines.append(NO_DUTY_LINE)
    return lines


@dataclass(frozen=True)
class TierChange:
    """From `since` on, the effective tier of a partnership was `tier`."""

    since: date
    tier: Tier | None


def tier_history(
    decisions: Iterable[tuple[date, int, Tier]], assessments: Iterable[tuple[date, Tier]]
) -> tuple[TierChange, ...]:
    """The effective tier over time, oldest first, one entry per change.

    `decisions` are (the day it applies, kadernota year, tier); `assessments` are (assessed on,
    chosen tier), both in any order. As for the effective tier today: once there is a
    decision, the one of the latest kadernota counts; before that, the latest assessment.
    """
    # At one day, assessments come before decisions: a decision outranks them.
    events = sorted(
        [(day, 0, 0, tier) for day, tier in assessments]
        + [(day, 1, year, tier) for day, year, tier in decisions],
        key=lambda event: (event[0], event[1], event[2]),
    )
    history: list[TierChange] = []
    decided_year: int | None = None
    for day, is_decision, year, tier in events:
        if is_decision:
            if decided_year is not None and year < decided_year:
                continue  # an older kadernota recorded late does not undo a newer one
            decided_year = year
        elif decided_year is not None:
            continue  # after a decision an afweging is advice only
        if not history or history[-1].tier != tier:
            history.append(TierChange(day, tier))
    return tuple(history)


def applies_since(history: Iterable[TierChange], tiers: frozenset[Tier]) -> date | None:
    """The day the current uninterrupted run of `tiers` began, or None when unknown.

    None when the history is empty or does not end in one of `tiers`: then there is no dated
    record of the tier and the rules count as if it applied from the start.
    """
    since: date | None = None
    for change in history:
        since = (since or change.since) if change.tier in tiers else None
    return since
