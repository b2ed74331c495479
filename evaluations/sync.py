"""Applies the evaluation plan (evaluations/planning.py) to the database.

Idempotent, as docs/rulebook.md prescribes: missing evaluations are created once (by
rule_key), planned ones follow moved facts, planned ones that no longer follow from the rules
become vervallen with the reason, and started, completed, lapsed or hand-planned ones are
never touched. A fixed number of queries per run, however many partnerships.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from governance.evaluation_duties import TierChange, tier_history
from governance.models import Assessment, TierDecision
from partnerships.choices import Status
from partnerships.models import Partnership
from partnerships.tiers import Tier

from .models import Evaluation, EvaluationKind, EvaluationStatus, PlanningCalendar
from .planning import (
    HORIZON_YEARS,
    PartnershipFacts,
    PlannedEvaluation,
    PlanningContext,
    plan,
)

CHANGE_REASON = "Planning volgens de regels E1-E4"
LAPSED_BY_RULES = "Volgt niet meer uit de planningsregels (belangrijkheid of looptijd gewijzigd)."
LAPSED_BY_END = "Het samenwerkingsverband is beëindigd."

PLANNING_FIELDS = ("start_date", "end_date", "evaluation_lead_months", "status", "tier")


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    lapsed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.lapsed)


@dataclass(frozen=True)
class CalendarDates:
    """The P&C dates the rules read, per year: the beheerder's calendar, else the defaults."""

    kadernota: dict[int, date]
    jaarrekening: dict[int, date]


def calendar_dates(years: Iterable[int]) -> CalendarDates:
    """The kadernota and jaarrekening date of each of `years`, in one query."""
    wanted = set(years)
    stored = {
        year: (kadernota, jaarrekening)
        for year, kadernota, jaarrekening in PlanningCalendar.objects.filter(
            year__in=wanted
        ).values_list("year", "kadernota_date", "jaarrekening_date")
    }
    kadernota, jaarrekening = {}, {}
    for year in wanted:
        if year in stored:
            kadernota[year], jaarrekening[year] = stored[year]
        else:
            default = PlanningCalendar.default_for(year)
            kadernota[year], jaarrekening[year] = default.kadernota_date, default.jaarrekening_date
    return CalendarDates(kadernota=kadernota, jaarrekening=jaarrekening)


def tier_histories(
    partnership_ids: list[int] | None,
) -> tuple[dict[int, list[tuple[int, Tier]]], dict[int, list[tuple[date, Tier]]]]:
    """Per partnership its kadernota decisions (year, tier) and assessments (day, tier).

    Two queries for any number of partnerships (None: all).
    """
    decisions = TierDecision.objects.order_by()
    assessments = Assessment.objects.order_by()
    if partnership_ids is not None:
        decisions = decisions.filter(partnership_id__in=partnership_ids)
        assessments = assessments.filter(partnership_id__in=partnership_ids)
    decided: dict[int, list[tuple[int, Tier]]] = defaultdict(list)
    for pid, year, tier in decisions.values_list("partnership_id", "year", "tier"):
        decided[pid].append((year, Tier(tier)))
    assessed: dict[int, list[tuple[date, Tier]]] = defaultdict(list)
    for pid, day, tier in assessments.values_list("partnership_id", "assessed_on", "chosen_tier"):
        assessed[pid].append((day, Tier(tier)))
    return decided, assessed


def facts_of(
    partnership: Partnership,
    evaluations: list[Evaluation],
    today: date,
    history: tuple[TierChange, ...] = (),
) -> PartnershipFacts:
    """The planning facts of a partnership, from its record, evaluations and tier history."""
    completed_full = tuple(
        e.completed_on or e.due_date
        for e in evaluations
        if e.kind == EvaluationKind.VOLLEDIG and e.status == EvaluationStatus.AFGEROND
    )
    open_yearly = frozenset(
        e.due_date.year
        for e in evaluations
        if e.rule == "E1" and e.is_open and e.due_date.year < today.year
    )
    return PartnershipFacts(
        tier=partnership.tier_enum,
        start_date=partnership.start_date,
        end_date=partnership.end_date,
        lead_months=partnership.evaluation_lead_months,
        ended=partnership.status == Status.BEEINDIGD,
        completed_full_evaluations=completed_full,
        open_yearly_years=open_yearly,
        tier_history=history,
    )


@transaction.atomic
def sync_evaluations(
    partnerships: QuerySet[Partnership] | None = None, today: date | None = None
) -> SyncResult:
    """Brings the planned evaluations of `partnerships` (default: all) in line with the rules."""
    today = today or date.today()
    queryset = Partnership.objects.all() if partnerships is None else partnerships
    # Locking the partnerships serialises concurrent runs, so none plans a key twice.
    rows = list(queryset.only("pk", *PLANNING_FIELDS).select_for_update())
    if not rows:
        return SyncResult()
    evaluations: dict[int, list[Evaluation]] = defaultdict(list)
    existing = Evaluation.objects.order_by()
    if partnerships is not None:
        existing = existing.filter(partnership__in=[p.pk for p in rows])
    for evaluation in existing:
        evaluations[evaluation.partnership_id].append(evaluation)

    ids = None if partnerships is None else [p.pk for p in rows]
    decided, assessed = tier_histories(ids)
    open_years = {
        e.due_date.year
        for partnership_evaluations in evaluations.values()
        for e in partnership_evaluations
        if e.rule == "E1" and e.is_open and e.due_date.year < today.year
    }
    years = set(range(today.year, today.year + HORIZON_YEARS + 1)) | open_years
    years |= {year for rows_of in decided.values() for year, _ in rows_of}
    dates = calendar_dates(years)
    facts = {
        p.pk: facts_of(
            p,
            evaluations[p.pk],
            today,
            # A kadernota decision applies from the kadernota date of its year.
            tier_history(
                [(dates.kadernota[year], year, tier) for year, tier in decided.get(p.pk, [])],
                assessed.get(p.pk, []),
            ),
        )
        for p in rows
    }
    context = PlanningContext(today=today, jaarrekening_dates=dates.jaarrekening)

    to_create: list[Evaluation] = []
    to_update: list[Evaluation] = []
    for partnership in rows:
        planned = {p.rule_key: p for p in plan(facts[partnership.pk], context)}
        create, update = _reconcile(partnership, planned, evaluations[partnership.pk])
        to_create += create
        to_update += update

    result = SyncResult(created=len(to_create), updated=len(to_update))
    result.lapsed = sum(1 for e in to_update if e.status == EvaluationStatus.VERVALLEN)
    result.updated -= result.lapsed
    if to_create:
        bulk_create_with_history(to_create, Evaluation, default_change_reason=CHANGE_REASON)
    if to_update:
        bulk_update_with_history(
            to_update,
            Evaluation,
            [
                "due_date",
                "kind",
                "on_council_agenda",
                "status",
                "lapse_reason",
                "rule_key",
                "version",
            ],
            default_change_reason=CHANGE_REASON,
        )
    return result


def _reconcile(
    partnership: Partnership, planned: dict[str, PlannedEvaluation], existing: list[Evaluation]
) -> tuple[list[Evaluation], list[Evaluation]]:
    """What to create and what to change so that `existing` matches `planned`."""
    known_keys = {e.rule_key for e in existing if e.rule_key}
    create = [
        Evaluation(
            partnership_id=partnership.pk,
            kind=p.kind.value,
            due_date=p.due_date,
            rule=p.rule,
            rule_key=p.rule_key,
            on_council_agenda=p.on_council_agenda,
        )
        for key, p in planned.items()
        if key not in known_keys
    ]
    update = []
    for evaluation in existing:
        # Only what the rules planned and nobody has started yet is the planner's to change.
        if not evaluation.rule or evaluation.status != EvaluationStatus.GEPLAND:
            continue
        wanted = planned.get(evaluation.rule_key)
        if wanted is None:
            evaluation.status = EvaluationStatus.VERVALLEN
            evaluation.lapse_reason = (
                LAPSED_BY_END if partnership.status == Status.BEEINDIGD else LAPSED_BY_RULES
            )
            # Freeing the key lets the rules plan the same occurrence again if the facts
            # return; a lapse by hand keeps its key, so that decision stays.
            evaluation.rule_key = ""
        elif (evaluation.due_date, evaluation.kind, evaluation.on_council_agenda) != (
            wanted.due_date,
            wanted.kind.value,
            wanted.on_council_agenda,
        ):
            evaluation.due_date = wanted.due_date
            evaluation.kind = wanted.kind.value
            evaluation.on_council_agenda = wanted.on_council_agenda
        else:
            continue
        evaluation.version += 1
        update.append(evaluation)
    return create, update
