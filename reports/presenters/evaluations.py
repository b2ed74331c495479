"""Presenters of the evaluation documents: the jaarrekening and the lange termijn agenda.

Everything a print template shows is computed here; the templates only read attributes.
Evaluations are read as the planner (evaluations/sync.py) left them; nothing is planned here.
Each partnership is shown with its tier in the year of the document or of the evaluation
(governance/as_of.py), not with today's tier.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from evaluations.models import Evaluation, EvaluationAnswer, EvaluationStatus
from governance.as_of import (
    TierInYear,
    in_year,
    partnerships_in_year,
    tier_in_year_filter,
    tiers_in_year,
)
from partnerships.models import Partnership
from partnerships.tiers import Tier
from samenwerkingswijzer.formatting import date_long, yes_no
from samenwerkingswijzer.pdf import PrintDocument, TocEntry

# The tiers whose evaluations the raad receives with the jaarrekening (docs/rulebook.md, section 3).
POLITICAL_TIERS = (Tier.POLITIEK_ZEER_BELANGRIJK, Tier.POLITIEK_BELANGRIJK)
AGENDA_YEARS = 5


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
        due=date_long(evaluation.due_date),
        status=evaluation.get_status_display(),
        completed_on=date_long(evaluation.completed_on) if evaluation.completed_on else "",
        on_council_agenda=(
            date_long(evaluation.council_agenda_date)
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
    # A slice of the chapter that goes on from the part before (documents in parts).
    continued: bool = False


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


def jaarrekening_partnerships(year: int) -> QuerySet[Partnership]:
    """The partnerships that were politiek (zeer) belangrijk in `year` and have evaluations
    due that year, with those evaluations in `year_evaluations`."""
    evaluations = Evaluation.objects.filter(due_date__year=year).exclude(
        status=EvaluationStatus.VERVALLEN
    )
    return (
        partnerships_in_year(year, Partnership.objects.only("name", "portfolio_holder"))
        .filter(tier_in_year_filter(POLITICAL_TIERS))
        .filter(Exists(evaluations.filter(partnership=OuterRef("pk"))))
        .prefetch_related(
            Prefetch(
                "evaluations",
                queryset=evaluations.prefetch_related(answers_prefetch()).order_by(
                    "due_date", "pk"
                ),
                to_attr="year_evaluations",
            )
        )
        .order_by("name")
    )


def build_jaarrekening(year: int, *, today: date) -> JaarrekeningReport:
    partnerships = [in_year(p, year) for p in jaarrekening_partnerships(year)]
    evaluations = [
        (p, e)
        for p in partnerships
        for e in p.partnership.year_evaluations  # type: ignore[attr-defined]
    ]
    open_count = sum(1 for _p, e in evaluations if not e.is_completed)
    doc = PrintDocument(
        title=f"Evaluaties samenwerkingsverbanden bij de jaarrekening {year}",
        subtitle="Politiek zeer belangrijke en politiek belangrijke samenwerkingsverbanden",
        period=str(year),
        dated=today,
        filename=f"jaarrekening-{year}-evaluaties.pdf",
    )
    summary_entry = doc.add("overzicht", "Overzicht")
    summary = [
        SummaryRow(
            p.partnership.name,
            p.tier.label,
            e.title or e.get_kind_display(),
            e.get_status_display(),
            e.get_advice_display() if e.advice else "–",
        )
        # Stable: within a tier the partnerships stay by name, their evaluations by date.
        for p, e in sorted(evaluations, key=lambda pair: pair[0].tier.rank)
    ]
    chapters = []
    for tier in POLITICAL_TIERS:
        entry = doc.add(f"tier-{tier.value}", tier.label)
        members = []
        for p in partnerships:
            if p.tier.tier != tier.value:
                continue
            members.append(
                JaarrekeningPartnership(
                    name=p.partnership.name,
                    anchor=f"sv-{p.pk}",
                    tier=tier.label,
                    tier_source=p.tier.source,
                    portfolio_holder=p.partnership.portfolio_holder or "–",
                    evaluations=[
                        evaluation_block(e, public=False)
                        for e in p.partnership.year_evaluations  # type: ignore[attr-defined]
                    ],
                )
            )
            doc.add(f"sv-{p.pk}", p.partnership.name, level=2)
        chapters.append(JaarrekeningChapter(entry, members))
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
    # All the year's evaluations: `rows` of a slice in a document in parts holds only some.
    count: int
    # A slice of the chapter that goes on from the part before (documents in parts).
    continued: bool = False


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
        )
        .order_by("due_date", "partnership__name", "pk")
    )


def build_lange_termijn_agenda(first_year: int, *, today: date) -> LangeTermijnAgenda:
    last_year = first_year + AGENDA_YEARS - 1
    doc = PrintDocument(
        title="Lange termijn agenda evaluaties",
        subtitle="Evaluaties van samenwerkingsverbanden per jaar",
        period=f"{first_year} – {last_year}",
        dated=today,
        filename=f"lange-termijn-agenda-{first_year}-{last_year}.pdf",
    )
    by_year: dict[int, list[Evaluation]] = {y: [] for y in range(first_year, last_year + 1)}
    for evaluation in agenda_evaluations(first_year, last_year):
        by_year[evaluation.due_date.year].append(evaluation)
    # Each row shows the partnership's tier in the year the evaluation is due: one query a year.
    tiers = {
        y: tiers_in_year(y, {e.partnership_id for e in evaluations})
        for y, evaluations in by_year.items()
        if evaluations
    }
    years = [
        AgendaYear(
            entry=doc.add(f"jaar-{y}", f"Evaluaties in {y}"),
            year=y,
            rows=_agenda_rows(evaluations, tiers.get(y, {}), today),
            council_count=sum(1 for e in evaluations if e.on_council_agenda),
            count=len(evaluations),
        )
        for y, evaluations in by_year.items()
    ]
    return LangeTermijnAgenda(
        doc, first_year, last_year, years, total=sum(len(y.rows) for y in years)
    )


def _agenda_rows(
    evaluations: Iterable[Evaluation], tiers: dict[int, TierInYear], today: date
) -> list[AgendaRow]:
    return [
        AgendaRow(
            due=date_long(e.due_date),
            partnership=e.partnership.name,
            tier=tiers[e.partnership_id].label,
            kind=e.title or e.get_kind_display(),
            council=yes_no(e.on_council_agenda),
            status=("Te laat" if e.is_overdue(today) else e.get_status_display()),
            overdue=e.is_overdue(today),
        )
        for e in evaluations
    ]
