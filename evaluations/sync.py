"""Applies the evaluation plan (evaluations/planning.py) to the database.

Idempotent, as DESIGN.md 4.2 prescribes: missing evaluations are created once (by rule_key),
planned ones follow moved facts, planned ones that no longer follow from the rules become
vervallen with the reason, and started, completed, lapsed or hand-planned ones are never
touched. A few queries per run, however many partnerships.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partnerships.choices import Status
from partnerships.models import Partnership

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


def jaarrekening_dates(years: Iterable[int]) -> dict[int, date]:
    """The jaarrekening date per year: the beheerder's calendar, else the default."""
    wanted = set(years)
    stored = dict(
        PlanningCalendar.objects.filter(year__in=wanted).values_list("year", "jaarrekening_date")
    )
    return {y: stored.get(y) or PlanningCalendar.default_for(y).jaarrekening_date for y in wanted}


def facts_of(
    partnership: Partnership, evaluations: list[Evaluation], today: date
) -> PartnershipFacts:
    """The planning facts of a partnership, from its record and its evaluations."""
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

    facts = {p.pk: facts_of(p, evaluations[p.pk], today) for p in rows}
    years = set(range(today.year, today.year + HORIZON_YEARS + 1))
    for f in facts.values():
        years.update(f.open_yearly_years)
    context = PlanningContext(today=today, jaarrekening_dates=jaarrekening_dates(years))

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
