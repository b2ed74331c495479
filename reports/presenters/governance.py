"""Presenter of the kadernota document: every partnership that runs in the year, grouped by
its tier in that year (governance/as_of.py).

One query per kind of related row, whatever the number of partnerships, and block layout in
the template: the kadernota of 300 partnerships must render in a few seconds. Every printed
total is the sum of the rounded amounts printed above it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from evaluations.models import Evaluation, EvaluationStatus
from governance.as_of import (
    NOT_ASSESSED,
    PartnershipInYear,
    TierInYear,
    in_year,
    partnerships_in_year,
)
from partnerships.choices import ContributionKind
from partnerships.models import Contribution, Partnership
from partnerships.tiers import Tier
from samenwerkingswijzer.formatting import date_long, euro_whole, round_euro
from samenwerkingswijzer.pdf import PrintDocument, TocEntry


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
    contribution: Decimal  # this year's budgeted money as printed (whole euros)
    evaluations: list[PlannedEvaluation]


@dataclass
class TierChapter:
    entry: TocEntry
    items: list[KadernotaItem]
    # A slice of the chapter that goes on from the part before (documents in parts).
    continued: bool = False


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
    """The partnerships that run in `year`, with exactly the related rows the kadernota prints."""
    return (
        partnerships_in_year(
            year,
            Partnership.objects.only("name", "legal_form", "portfolio_holder"),
            figures=True,
            decision=True,
        )
        .prefetch_related(
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
    partnerships = [in_year(p, year) for p in kadernota_partnerships(year)]
    doc = PrintDocument(
        title=f"Samenwerkingsverbanden bij de kadernota {year}",
        subtitle="Overzicht per belangrijkheid, met politiek relevante onderwerpen en mandaat",
        period=str(year),
        dated=today,
        filename=f"kadernota-{year}-samenwerkingsverbanden.pdf",
    )
    summary_entry = doc.add("samenvatting", "Samenvatting")

    grouped: dict[str, list[KadernotaItem]] = defaultdict(list)
    decided_by_tier: dict[str, int] = defaultdict(int)
    for p in partnerships:
        grouped[p.tier.tier].append(_item(p))
        decided_by_tier[p.tier.tier] += p.decision is not None

    order = [t.value for t in Tier] + [""]
    labels = {t.value: t.label for t in Tier} | {"": NOT_ASSESSED}
    chapters, counts = [], []
    printed_total = Decimal(0)
    for key in order:
        if key == "" and not grouped[key]:
            continue
        # Chapters only: each partnership is a PDF bookmark, and a printed list of hundreds
        # of names would add pages and a costly second layout pass for the page numbers.
        entry = doc.add(f"tier-{key or 'geen'}", labels[key])
        chapters.append(TierChapter(entry, grouped[key]))
        budgeted = sum((item.contribution for item in grouped[key]), Decimal(0))
        printed_total += budgeted
        counts.append(
            TierCount(labels[key], len(grouped[key]), decided_by_tier[key], euro_whole(budgeted))
        )
    changes_entry = doc.add("wijzigingen", f"Wijzigingen in belangrijkheid sinds {year - 1}")
    return KadernotaReport(
        doc=doc,
        year=year,
        previous_year=year - 1,
        summary_entry=summary_entry,
        counts=counts,
        total_count=len(partnerships),
        total_budgeted=euro_whole(printed_total),
        chapters=chapters,
        changes_entry=changes_entry,
        changes=[change for p in partnerships if (change := _change(p)) is not None],
    )


def _contribution_line(
    kind: str, current: Contribution | None, previous: Contribution | None
) -> ContributionLine | None:
    if current is None and previous is None:
        return None
    return ContributionLine(
        kind=kind,
        budgeted=euro_whole(current.budgeted if current else None),
        previous_budgeted=euro_whole(previous.budgeted if previous else None),
        previous_actual=euro_whole(previous.actual if previous else None),
    )


def _item(p: PartnershipInYear) -> KadernotaItem:
    now, before = p.figures, p.previous_figures
    lines = []
    if now.contribution is not None or before.contribution is not None:
        lines.append(
            ContributionLine(
                kind=ContributionKind.FINANCIEEL.label,
                budgeted=euro_whole(now.contribution),
                previous_budgeted=euro_whole(before.contribution),
                previous_actual=euro_whole(before.contribution_actual),
            )
        )
    # Personele inzet and in natura stand apart: they are never part of the contribution.
    for kind, current, previous in (
        (ContributionKind.PERSONEEL, now.personnel, before.personnel),
        (ContributionKind.IN_NATURA, now.in_kind, before.in_kind),
    ):
        if (line := _contribution_line(kind.label, current, previous)) is not None:
            lines.append(line)
    decision = p.decision
    partnership = p.partnership
    return KadernotaItem(
        name=partnership.name,
        legal_form=partnership.get_legal_form_display(),
        portfolio_holder=partnership.portfolio_holder or "–",
        tier_source=p.tier.source,
        agreed=decision is not None and bool(decision.political_topics or decision.mandate),
        political_topics=(decision.political_topics if decision else "") or "Nog niet vastgesteld",
        mandate=(decision.mandate if decision else "") or "Nog niet vastgesteld",
        contributions=lines,
        contribution=round_euro(now.contribution or 0, whole=True),
        evaluations=[
            PlannedEvaluation(
                date_long(e.due_date), e.title or e.get_kind_display(), e.on_council_agenda
            )
            for e in partnership.kadernota_evaluations  # type: ignore[attr-defined]
        ],
    )


def _tier_text(tier: TierInYear) -> str:
    if not tier.tier:
        return NOT_ASSESSED
    return tier.label + ("" if tier.decided_year else " (advies)")


def _change(p: PartnershipInYear) -> TierChange | None:
    """A partnership whose tier in the year differs from its tier the year before."""
    if p.tier.tier == p.previous_tier.tier:
        return None
    return TierChange(p.partnership.name, _tier_text(p.previous_tier), _tier_text(p.tier))
