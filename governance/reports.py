"""Presenter of the kadernota document: every partnership grouped by its tier.

One query per kind of related row, whatever the number of partnerships, and block layout in
the template: the kadernota of 300 partnerships must render in a few seconds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from evaluations.models import Evaluation, EvaluationStatus
from partnerships.models import Contribution, Partnership
from samenwerkingswijzer.pdf import PrintDocument, TocEntry, date_nl, euro

from .models import TierDecision
from .tiers import Tier

NOT_ASSESSED = "Nog niet afgewogen"


@dataclass(frozen=True)
class ContributionLine:
    kind: str
    budgeted: str
    previous_budgeted: str
    previous_actual: str


@dataclass(frozen=True)
class PlannedEvaluation:
    due: str
    kind: str
    council: bool


@dataclass
class KadernotaItem:
    """One partnership in the kadernota."""

    name: str
    legal_form: str
    portfolio_holder: str
    tier_source: str
    agreed: bool  # raad and college fixed political topics or a mandate this year
    political_topics: str
    mandate: str
    contributions: list[ContributionLine]
    total_budgeted: str
    evaluations: list[PlannedEvaluation]


@dataclass
class TierChapter:
    entry: TocEntry
    items: list[KadernotaItem]


@dataclass(frozen=True)
class TierCount:
    tier: str
    count: int
    decided: int
    budgeted: str


@dataclass(frozen=True)
class TierChange:
    name: str
    previous: str
    current: str


@dataclass
class KadernotaReport:
    doc: PrintDocument
    year: int
    previous_year: int
    summary_entry: TocEntry
    counts: list[TierCount]
    total_count: int
    total_budgeted: str
    chapters: list[TierChapter]
    changes_entry: TocEntry
    changes: list[TierChange]


def kadernota_partnerships(year: int) -> QuerySet[Partnership]:
    """Active partnerships with exactly the related rows the kadernota prints."""
    return (
        Partnership.objects.active()
        .only(
            "name",
            "legal_form",
            "portfolio_holder",
            "tier",
            "tier_decided_year",
            "status",
        )
        .prefetch_related(
            Prefetch(
                "tier_decisions",
                queryset=TierDecision.objects.filter(year__in=[year, year - 1]).only(
                    "partnership_id", "year", "tier", "political_topics", "mandate"
                ),
                to_attr="kadernota_decisions",
            ),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.filter(year__in=[year, year - 1]).only(
                    "partnership_id", "year", "kind", "budgeted", "actual"
                ),
                to_attr="kadernota_contributions",
            ),
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.filter(due_date__year=year)
                .exclude(status=EvaluationStatus.VERVALLEN)
                .only("partnership_id", "kind", "title", "due_date", "on_council_agenda")
                .order_by("due_date", "pk"),
                to_attr="kadernota_evaluations",
            ),
        )
        .order_by("name")
    )


def build_kadernota(year: int, *, today: date) -> KadernotaReport:
    partnerships = list(kadernota_partnerships(year))
    decided = sum(1 for p in partnerships if _decision(p, year) is not None)
    doc = PrintDocument(
        title=f"Samenwerkingsverbanden bij de kadernota {year}",
        subtitle="Overzicht per belangrijkheid, met politiek relevante onderwerpen en mandaat",
        period=str(year),
        status="Vastgesteld" if partnerships and decided == len(partnerships) else "Concept",
        dated=today,
        filename=f"kadernota-{year}-samenwerkingsverbanden.pdf",
    )
    summary_entry = doc.add("samenvatting", "Samenvatting")

    grouped: dict[str, list[KadernotaItem]] = defaultdict(list)
    budget_by_tier: dict[str, Decimal] = defaultdict(Decimal)
    decided_by_tier: dict[str, int] = defaultdict(int)
    for p in partnerships:
        item, budgeted = _item(p, year)
        grouped[p.tier].append(item)
        budget_by_tier[p.tier] += budgeted
        decided_by_tier[p.tier] += _decision(p, year) is not None

    order = [t.value for t in Tier] + [""]
    labels = {t.value: t.label for t in Tier} | {"": NOT_ASSESSED}
    chapters, counts = [], []
    for key in order:
        if key == "" and not grouped[key]:
            continue
        # Chapters only: each partnership is a PDF bookmark, and a printed list of hundreds
        # of names would add pages and a costly second layout pass for the page numbers.
        entry = doc.add(f"tier-{key or 'geen'}", labels[key])
        chapters.append(TierChapter(entry, grouped[key]))
        counts.append(
            TierCount(
                labels[key], len(grouped[key]), decided_by_tier[key], euro(budget_by_tier[key])
            )
        )
    changes_entry = doc.add("wijzigingen", f"Wijzigingen in belangrijkheid sinds {year - 1}")
    return KadernotaReport(
        doc=doc,
        year=year,
        previous_year=year - 1,
        summary_entry=summary_entry,
        counts=counts,
        total_count=len(partnerships),
        total_budgeted=euro(sum(budget_by_tier.values(), Decimal(0))),
        chapters=chapters,
        changes_entry=changes_entry,
        changes=_changes(partnerships, year),
    )


def _decision(partnership: Partnership, year: int) -> TierDecision | None:
    return next((d for d in partnership.kadernota_decisions if d.year == year), None)  # type: ignore[attr-defined]


def _item(p: Partnership, year: int) -> tuple[KadernotaItem, Decimal]:
    decision = _decision(p, year)
    lines: dict[str, dict[int, Contribution]] = defaultdict(dict)
    for c in p.kadernota_contributions:  # type: ignore[attr-defined]
        lines[c.get_kind_display()][c.year] = c
    contributions = []
    budgeted = Decimal(0)
    for kind, by_year in sorted(lines.items()):
        current, previous = by_year.get(year), by_year.get(year - 1)
        budgeted += current.budgeted if current else Decimal(0)
        contributions.append(
            ContributionLine(
                kind=kind,
                budgeted=euro(current.budgeted) if current else "–",
                previous_budgeted=euro(previous.budgeted) if previous else "–",
                previous_actual=euro(previous.actual) if previous else "–",
            )
        )
    item = KadernotaItem(
        name=p.name,
        legal_form=p.get_legal_form_display(),
        portfolio_holder=p.portfolio_holder or "–",
        tier_source=p.tier_source,
        agreed=decision is not None and bool(decision.political_topics or decision.mandate),
        political_topics=(decision.political_topics if decision else "") or "Nog niet vastgesteld",
        mandate=(decision.mandate if decision else "") or "Nog niet vastgesteld",
        contributions=contributions,
        total_budgeted=euro(budgeted),
        evaluations=[
            PlannedEvaluation(
                date_nl(e.due_date), e.title or e.get_kind_display(), e.on_council_agenda
            )
            for e in p.kadernota_evaluations  # type: ignore[attr-defined]
        ],
    )
    return item, budgeted


def _changes(partnerships: list[Partnership], year: int) -> list[TierChange]:
    """Partnerships whose tier this year differs from the tier fixed last year."""
    changes = []
    for p in partnerships:
        previous = next((d for d in p.kadernota_decisions if d.year == year - 1), None)  # type: ignore[attr-defined]
        current = _decision(p, year)
        current_tier = current.tier if current else p.tier
        if previous is None and current is None:
            continue
        if previous is not None and previous.tier == current_tier:
            continue
        changes.append(
            TierChange(
                name=p.name,
                previous=Tier(previous.tier).label if previous else "Niet vastgesteld",
                current=(Tier(current_tier).label if current_tier else NOT_ASSESSED)
                + ("" if current else " (advies)"),
            )
        )
    return changes
