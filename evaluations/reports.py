"""Presenters of the evaluation documents: the jaarrekening and the lange termijn agenda.

Everything a print template shows is computed here; the templates only read attributes.
Evaluations are read as the planner (evaluations/sync.py) left them; nothing is planned here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from governance.tiers import Tier
from partnerships.models import Partnership
from samenwerkingswijzer.pdf import PrintDocument, TocEntry, date_nl, yes_no

from .models import Evaluation, EvaluationAnswer, EvaluationStatus

# The tiers whose evaluations the raad receives with the jaarrekening (seed 001).
POLITICAL_TIERS = (Tier.POLITIEK_ZEER_BELANGRIJK, Tier.POLITIEK_BELANGRIJK)
AGENDA_YEARS = 5


def tier_label(partnership: Partnership) -> str:
    return Tier(partnership.tier).label if partnership.tier else "Nog niet afgewogen"


@dataclass(frozen=True)
class AnswerRow:
    question: str
    status: str
    note: str


@dataclass
class EvaluationBlock:
    """One evaluation as the documents print it."""

    anchor: str
    title: str
    kind: str
    due: str
    status: str
    completed_on: str
    on_council_agenda: str
    conclusion: str
    advice: str
    lessons_learned: str = ""
    answers: list[AnswerRow] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.title} ({self.due})"


def evaluation_block(evaluation: Evaluation, *, public: bool) -> EvaluationBlock:
    """The public variant leaves out the answers and lessons: only the outcome is published."""
    answers = (
        []
        if public
        else [
            AnswerRow(
                a.question.text, a.get_status_display() or "Nog niet beantwoord", a.note or ""
            )
            for a in evaluation.answers.all()
        ]
    )
    return EvaluationBlock(
        anchor=f"evaluatie-{evaluation.pk}",
        title=evaluation.title or evaluation.get_kind_display(),
        kind=evaluation.get_kind_display(),
        due=date_nl(evaluation.due_date),
        status=evaluation.get_status_display(),
        completed_on=date_nl(evaluation.completed_on) if evaluation.completed_on else "",
        on_council_agenda=(
            date_nl(evaluation.council_agenda_date)
            if evaluation.council_agenda_date
            else yes_no(evaluation.on_council_agenda)
        ),
        conclusion=evaluation.conclusion,
        advice=evaluation.get_advice_display() if evaluation.advice else "Nog geen advies",
        lessons_learned="" if public else evaluation.lessons_learned,
        answers=answers,
    )


def answers_prefetch() -> Prefetch:
    return Prefetch(
        "answers",
        queryset=EvaluationAnswer.objects.select_related("question").order_by(
            "question__order", "question__pk"
        ),
    )


# --- Jaarrekening ---------------------------------------------------------------------


@dataclass
class JaarrekeningPartnership:
    name: str
    anchor: str
    tier: str
    tier_source: str
    portfolio_holder: str
    evaluations: list[EvaluationBlock]


@dataclass
class JaarrekeningChapter:
    entry: TocEntry
    partnerships: list[JaarrekeningPartnership]


@dataclass(frozen=True)
class SummaryRow:
    partnership: str
    tier: str
    kind: str
    status: str
    advice: str


@dataclass
class JaarrekeningReport:
    """The year's evaluations of the politiek (zeer) belangrijke partnerships."""

    doc: PrintDocument
    year: int
    summary_entry: TocEntry
    summary: list[SummaryRow]
    open_count: int
    chapters: list[JaarrekeningChapter]


def jaarrekening_evaluations(year: int) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(
            due_date__year=year, partnership__tier__in=[t.value for t in POLITICAL_TIERS]
        )
        .exclude(status=EvaluationStatus.VERVALLEN)
        .select_related("partnership")
        .prefetch_related(answers_prefetch())
        .order_by("partnership__name", "due_date", "pk")
    )


def build_jaarrekening(year: int, *, today: date) -> JaarrekeningReport:
    evaluations = list(jaarrekening_evaluations(year))
    open_count = sum(1 for e in evaluations if not e.is_completed)
    doc = PrintDocument(
        title=f"Evaluaties samenwerkingsverbanden bij de jaarrekening {year}",
        subtitle="Politiek zeer belangrijke en politiek belangrijke samenwerkingsverbanden",
        period=str(year),
        status="Concept" if open_count or not evaluations else "Vastgesteld",
        dated=today,
        filename=f"jaarrekening-{year}-evaluaties.pdf",
    )
    summary_entry = doc.add("overzicht", "Overzicht")
    summary = [
        SummaryRow(
            e.partnership.name,
            tier_label(e.partnership),
            e.title or e.get_kind_display(),
            e.get_status_display(),
            e.get_advice_display() if e.advice else "–",
        )
        for e in sorted(
            evaluations, key=lambda e: (Tier(e.partnership.tier).rank, e.partnership.name)
        )
    ]
    chapters = []
    for tier in POLITICAL_TIERS:
        entry = doc.add(f"tier-{tier.value}", tier.label)
        groups: dict[int, JaarrekeningPartnership] = {}
        for e in evaluations:
            if e.partnership.tier != tier.value:
                continue
            partnership = e.partnership
            if partnership.pk not in groups:
                groups[partnership.pk] = JaarrekeningPartnership(
                    name=partnership.name,
                    anchor=f"sv-{partnership.pk}",
                    tier=tier.label,
                    tier_source=partnership.tier_source,
                    portfolio_holder=partnership.portfolio_holder or "–",
                    evaluations=[],
                )
                doc.add(f"sv-{partnership.pk}", partnership.name, level=2)
            groups[partnership.pk].evaluations.append(evaluation_block(e, public=False))
        chapters.append(JaarrekeningChapter(entry, list(groups.values())))
    return JaarrekeningReport(doc, year, summary_entry, summary, open_count, chapters)


# --- Lange termijn agenda ------------------------------------------------------------


@dataclass(frozen=True)
class AgendaRow:
    due: str
    partnership: str
    tier: str
    kind: str
    council: str
    status: str
    overdue: bool


@dataclass
class AgendaYear:
    entry: TocEntry
    year: int
    rows: list[AgendaRow]
    council_count: int


@dataclass
class LangeTermijnAgenda:
    """The evaluation plan for the first year and the four after it."""

    doc: PrintDocument
    first_year: int
    last_year: int
    years: list[AgendaYear]
    total: int


def agenda_evaluations(first_year: int, last_year: int) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(due_date__year__gte=first_year, due_date__year__lte=last_year)
        .exclude(status=EvaluationStatus.VERVALLEN)
        .select_related("partnership")
        .only(
            "kind",
            "title",
            "due_date",
            "status",
            "on_council_agenda",
            "council_agenda_date",
            "partnership__name",
            "partnership__tier",
        )
        .order_by("due_date", "partnership__name", "pk")
    )


def build_lange_termijn_agenda(first_year: int, *, today: date) -> LangeTermijnAgenda:
    last_year = first_year + AGENDA_YEARS - 1
    doc = PrintDocument(
        title="Lange termijn agenda evaluaties",
        subtitle="Evaluaties van samenwerkingsverbanden per jaar",
        period=f"{first_year} – {last_year}",
        status=f"Stand van {date_nl(today)}",
        dated=today,
        filename=f"lange-termijn-agenda-{first_year}-{last_year}.pdf",
    )
    by_year: dict[int, list[Evaluation]] = {y: [] for y in range(first_year, last_year + 1)}
    for evaluation in agenda_evaluations(first_year, last_year):
        by_year[evaluation.due_date.year].append(evaluation)
    years = [
        AgendaYear(
            entry=doc.add(f"jaar-{y}", f"Evaluaties in {y}"),
            year=y,
            rows=_agenda_rows(evaluations, today),
            council_count=sum(1 for e in evaluations if e.on_council_agenda),
        )
        for y, evaluations in by_year.items()
    ]
    return LangeTermijnAgenda(
        doc, first_year, last_year, years, total=sum(len(y.rows) for y in years)
    )


def _agenda_rows(evaluations: Iterable[Evaluation], today: date) -> list[AgendaRow]:
    return [
        AgendaRow(
            due=date_nl(e.due_date),
            partnership=e.partnership.name,
            tier=tier_label(e.partnership),
            kind=e.title or e.get_kind_display(),
            council=yes_no(e.on_council_agenda),
            status=("Te laat" if e.is_overdue(today) else e.get_status_display()),
            overdue=e.is_overdue(today),
        )
        for e in evaluations
    ]
