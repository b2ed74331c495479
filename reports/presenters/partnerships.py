"""Presenters of the register's documents: a partnership's dossier and the paragraaf
verbonden partijen (BBV art. 15).

The public dossier is built from an explicit list of public facts; internal fields are only
read when `public` is False, so nothing internal can reach the public PDF by accident.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from evaluations.models import Evaluation
from governance.as_of import PartnershipInYear, YearFigures, in_year, partnerships_in_year
from governance.models import Assessment, TierDecision
from partnerships.choices import (
    ADDED_VALUE_IN_PLAIN_WORDS,
    AddedValuePerspective,
    BBVCategory,
    ContributionKind,
)
from partnerships.models import FinancialPosition, Partnership
from partnerships.tiers import Tier
from reports.presenters.evaluations import EvaluationBlock, answers_prefetch, evaluation_block
from samenwerkingswijzer.formatting import (
    NOT_ASSESSED,
    NOTHING,
    date_long,
    date_short,
    euro_whole,
    round_euro,
    tier_label,
    yes_no,
)
from samenwerkingswijzer.pdf import PrintDocument, TocEntry


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class PartnerRow:
    name: str
    kind: str
    role: str
    share: str
    website: str = ""


@dataclass(frozen=True)
class ContributionRow:
    year: int
    kind: str
    budgeted: str
    actual: str
    budget_line: str


@dataclass(frozen=True)
class DecisionRow:
    date: str
    body: str
    reference: str
    title: str
    url: str = ""


@dataclass
class Chapter:
    entry: TocEntry
    facts: list[Fact] = field(default_factory=list)


@dataclass
class PartnershipDossier:
    """Everything the dossier of one partnership prints, public or internal variant."""

    doc: PrintDocument
    public: bool
    name: str
    general: Chapter
    governance: Chapter
    topics_entry: TocEntry
    political_topics: str
    partners_entry: TocEntry
    partners: list[PartnerRow]
    finances_entry: TocEntry
    contributions_entry: TocEntry
    contributions: list[ContributionRow]
    positions: list[FinancialPositionBlock]
    evaluations_entry: TocEntry
    evaluations: list[EvaluationBlock]
    decisions_entry: TocEntry
    decisions: list[DecisionRow]
    internal: Chapter | None


def dossier_queryset(*, public: bool) -> QuerySet[Partnership]:
    """The partnership with every related row the dossier reads, in a fixed number of queries."""
    evaluations = Evaluation.objects.order_by("due_date", "pk")
    if public:
        evaluations = evaluations.filter(published=True)
    else:
        evaluations = evaluations.prefetch_related(answers_prefetch())
    queryset = Partnership.objects.select_related(
        "policy_domain", "budget_programme"
    ).prefetch_related(
        "participations__organisation",
        "contributions",
        "financial_positions",
        "decisions",
        Prefetch("evaluations", queryset=evaluations),
        Prefetch("tier_decisions", queryset=TierDecision.objects.order_by("-year")),
    )
    if public:
        return queryset.published()
    return queryset.select_related("account_holder", "deputy").prefetch_related(
        Prefetch(
            "assessments",
            queryset=Assessment.objects.select_related("assessed_by").order_by(
                "-assessed_on", "-created_at"
            ),
        )
    )


def build_dossier(p: Partnership, *, public: bool, today: date) -> PartnershipDossier:
    """`p` must come from `dossier_queryset(public=...)` with the same `public`."""
    variant = "Openbare versie" if public else "Interne versie, niet openbaar"
    doc = PrintDocument(
        title=f"Dossier {p.name}",
        subtitle="Samenwerkingsverband",
        version=variant,
        dated=today,
        filename=f"dossier-{p.slug}{'' if public else '-intern'}.pdf",
    )
    decisions = list(p.tier_decisions.all())
    latest_decision = decisions[0] if decisions else None

    general = Chapter(doc.add("algemeen", "Algemeen"), _general_facts(p, public=public))
    governance = Chapter(doc.add("governance", "Vorm en sturing"), _governance_facts(p))
    topics_title = "Politiek relevante onderwerpen"
    if latest_decision and latest_decision.political_topics:
        topics_title += f" (kadernota {latest_decision.year})"
    topics_entry = doc.add("onderwerpen", topics_title, level=2)
    partners_entry = doc.add("partners", "Partners")
    finances_entry = doc.add("financien", "Bijdragen en financiën")
    contributions_entry = doc.add("bijdragen", "Bijdragen van de gemeente", level=2)
    positions = (
        [financial_position_block(fp) for fp in p.financial_positions.all()]
        if p.is_verbonden_partij
        else []
    )
    for position in positions:
        doc.add(position.anchor, position.title, level=2)
    evaluations_entry = doc.add("evaluaties", "Evaluaties")
    evaluations = [evaluation_block(e, public=public) for e in p.evaluations.all()]
    for evaluation in evaluations:
        doc.add(evaluation.anchor, evaluation.heading, level=2)
    decisions_entry = doc.add("besluiten", "Besluiten")
    internal = None
    if not public:
        internal = Chapter(
            doc.add("intern", "Interne gegevens"), _internal_facts(p, latest_decision)
        )

    return PartnershipDossier(
        doc=doc,
        public=public,
        name=p.name,
        general=general,
        governance=governance,
        topics_entry=topics_entry,
        political_topics=(latest_decision.political_topics if latest_decision else "")
        or "Nog niet vastgesteld",
        partners_entry=partners_entry,
        partners=[
            PartnerRow(
                pa.organisation.name,
                pa.organisation.get_kind_display(),
                pa.get_role_display(),
                f"{pa.share:.2f}".replace(".", ",") + "%" if pa.share is not None else "–",
                pa.organisation.website,
            )
            for pa in p.participations.all()
        ],
        finances_entry=finances_entry,
        contributions_entry=contributions_entry,
        contributions=[
            ContributionRow(
                c.year,
                c.get_kind_display(),
                euro_whole(c.budgeted),
                euro_whole(c.actual),
                c.budget_line or "–",
            )
            for c in p.contributions.all()
        ],
        positions=positions,
        evaluations_entry=evaluations_entry,
        evaluations=evaluations,
        decisions_entry=decisions_entry,
        decisions=[
            DecisionRow(
                date_short(d.date), d.get_body_display(), d.reference or NOTHING, d.title, d.url
            )
            for d in p.decisions.all()
        ],
        internal=internal,
    )


def _general_facts(p: Partnership, *, public: bool) -> list[Fact]:
    perspective = (
        AddedValuePerspective(p.added_value_perspective) if p.added_value_perspective else None
    )
    facts = [
        Fact("Opgave", p.description),
        Fact("Doelen", p.goals or "–"),
        Fact("Openbaar belang", p.public_interest or "–"),
        Fact("Motieven", ", ".join(p.motive_labels()) or "–"),
        # For inwoners in plain words, as on the public page; inside in the samenwerkingswijzer's.
        Fact(
            "Wat de samenwerking oplevert" if public else "Perspectief op meerwaarde",
            (ADDED_VALUE_IN_PLAIN_WORDS[perspective] if public else perspective.label)
            if perspective
            else "–",
        ),
        Fact("Aard van de samenwerking", p.get_nature_display()),
        Fact("Beleidsveld", str(p.policy_domain) if p.policy_domain else "–"),
        Fact("Begrotingsprogramma", str(p.budget_programme) if p.budget_programme else "–"),
        Fact("Portefeuillehouder", p.portfolio_holder or "–"),
        Fact("Status", p.get_status_display()),
        Fact("Begonnen op", date_long(p.start_date)),
        Fact("Loopt tot", date_long(p.end_date) if p.end_date else "Onbepaalde tijd"),
        Fact(
            "Opzegtermijn",
            f"{p.notice_period_months} maanden" if p.notice_period_months is not None else "–",
        ),
        Fact("Website", p.website or "–"),
        Fact("Evaluatie voor het einde", _lead_time(p) if p.end_date else "Geen einddatum"),
        Fact("Laatst bijgewerkt", date_long(timezone.localdate(p.updated_at))),
    ]
    if p.published:
        facts.append(Fact("Openbare pagina", settings.SITE_URL.rstrip("/") + p.get_public_url()))
    return facts


def _lead_time(p: Partnership) -> str:
    """As the governance regime says it (rule E4)."""
    months = "1 maand" if p.evaluation_lead_months == 1 else f"{p.evaluation_lead_months} maanden"
    return f"{months} voor het einde van de looptijd"


def _governance_facts(p: Partnership) -> list[Fact]:
    facts = [
        Fact("Juridische vorm", p.get_legal_form_display()),
        Fact("Raads- of collegeregeling", p.get_regulation_display() or "–"),
        Fact("Wettelijk verplicht", yes_no(p.legally_required)),
        Fact("Bevoegdheden overgedragen", yes_no(p.powers_transferred)),
        Fact("Vestigingsplaats", p.registered_office or "–"),
        Fact("Belangrijkheid", tier_label(p.tier_enum)),
        Fact("Bron belangrijkheid", p.tier_source),
        Fact("Verbonden partij", yes_no(p.is_verbonden_partij)),
        Fact("Vertegenwoordiging", p.representatives or "–"),
    ]
    if p.is_verbonden_partij:
        category = p.bbv_category
        facts += [
            Fact("Categorie (BBV)", category.label if category else "–"),
            Fact("Bestuurlijk belang", p.bestuurlijk_belang or "–"),
            Fact("Financieel belang", p.financieel_belang or "–"),
        ]
    return facts


def _internal_facts(p: Partnership, decision: TierDecision | None) -> list[Fact]:
    assessment = next(iter(p.assessments.all()), None)
    facts = [
        Fact("Accounthouder", str(p.account_holder) if p.account_holder else "–"),
        Fact("Plaatsvervangend accounthouder", str(p.deputy) if p.deputy else "–"),
        Fact("Openbaar gepubliceerd", yes_no(p.published)),
        Fact(
            f"Mandaat van het college (kadernota {decision.year})" if decision else "Mandaat",
            (decision.mandate if decision else "") or "Nog niet vastgesteld",
        ),
    ]
    if decision and decision.motivation:
        facts.append(Fact("Motivering afwijking van het advies", decision.motivation))
    if assessment:
        facts += [
            Fact(
                "Laatste afweging",
                f"{date_long(assessment.assessed_on)} door {assessment.assessed_by}",
            ),
            Fact(
                "Uitkomst afweging",
                f"{assessment.explanation}: {Tier(assessment.advised_tier).label}",
            ),
            Fact("Gekozen belangrijkheid", Tier(assessment.chosen_tier).label),
        ]
        if assessment.motivation:
            facts.append(Fact("Motivering afwijking afweging", assessment.motivation))
    else:
        facts.append(Fact("Laatste afweging", NOT_ASSESSED))
    facts.append(Fact("Interne notities", p.internal_notes or "–"))
    return facts


# --- Paragraaf verbonden partijen ----------------------------------------------------


@dataclass
class FinancialPositionBlock:
    year: int
    interest_begin: str
    interest_end: str
    equity_begin: str
    equity_end: str
    debt_begin: str
    debt_end: str
    result: str
    risks: str

    @property
    def anchor(self) -> str:
        return f"positie-{self.year}"

    @property
    def title(self) -> str:
        return f"Financiële positie {self.year}"


def financial_position_block(fp: FinancialPosition) -> FinancialPositionBlock:
    return FinancialPositionBlock(
        year=fp.year,
        interest_begin=fp.interest_begin or "–",
        interest_end=fp.interest_end or "–",
        equity_begin=euro_whole(fp.equity_begin),
        equity_end=euro_whole(fp.equity_end),
        debt_begin=euro_whole(fp.debt_begin),
        debt_end=euro_whole(fp.debt_end),
        result=euro_whole(fp.result),
        risks=fp.risks or "Geen risico's gemeld.",
    )


@dataclass(frozen=True)
class YearContribution:
    """What the municipality put in during the year: money, and apart from it personele
    inzet and in natura."""

    kind: str
    budgeted: str
    actual: str


@dataclass
class VerbondenPartij:
    anchor: str
    name: str
    legal_form: str
    registered_office: str
    public_interest: str
    bestuurlijk_belang: str
    financieel_belang: str
    representatives: str
    ran: str  # when it started or ended within the year, else ""
    contributions: list[YearContribution]
    position: FinancialPositionBlock | None


@dataclass(frozen=True)
class OverviewRow:
    name: str
    contribution: str
    equity_end: str
    debt_end: str
    result: str


@dataclass
class BBVChapter:
    entry: TocEntry
    category: str
    parties: list[VerbondenPartij]
    overview: list[OverviewRow]
    total_contribution: str
    total_result: str
    # A slice of the chapter that goes on from the part before (documents in parts).
    continued: bool = False


@dataclass
class VerbondenPartijenReport:
    doc: PrintDocument
    year: int
    introduction_entry: TocEntry
    chapters: list[BBVChapter]
    missing_figures: list[str]


def verbonden_partijen_queryset(year: int) -> QuerySet[Partnership]:
    """Every verbonden partij that ran in some part of `year`, with that year's figures."""
    return partnerships_in_year(
        year, Partnership.objects.filter(is_verbonden_partij=True), figures=True, positions=True
    ).order_by("name")


def _printed(amount: Decimal | None) -> Decimal:
    """An amount as the document prints it (whole euros), to add up printed totals."""
    return round_euro(amount, whole=True) if amount is not None else Decimal(0)


def _ran(p: Partnership, year: int, ended_on: date | None) -> str:
    parts = []
    if p.start_date.year == year:
        parts.append(f"gestart op {date_long(p.start_date)}")
    if ended_on is not None and ended_on.year == year:
        parts.append(f"beëindigd op {date_long(ended_on)}")
    return ", ".join(parts)


def _ended_on(p: Partnership) -> date | None:
    archived_at = p.archived_at  # type: ignore[attr-defined]
    ends = [d for d in (p.end_date, archived_at and timezone.localdate(archived_at)) if d]
    return min(ends) if ends else None


def _year_contributions(figures: YearFigures) -> list[YearContribution]:
    rows = []
    if figures.contribution is not None:
        rows.append(
            YearContribution(
                ContributionKind.FINANCIEEL.label,
                euro_whole(figures.contribution),
                euro_whole(figures.contribution_actual),
            )
        )
    for kind, row in (
        (ContributionKind.PERSONEEL, figures.personnel),
        (ContributionKind.IN_NATURA, figures.in_kind),
    ):
        if row is not None:
            rows.append(
                YearContribution(kind.label, euro_whole(row.budgeted), euro_whole(row.actual))
            )
    return rows


def build_verbonden_partijen(year: int, *, today: date) -> VerbondenPartijenReport:
    partnerships = [in_year(p, year) for p in verbonden_partijen_queryset(year)]
    missing = [p.partnership.name for p in partnerships if p.figures.position is None]
    doc = PrintDocument(
        title=f"Paragraaf verbonden partijen {year}",
        subtitle="Volgens artikel 15 van het Besluit begroting en verantwoording (BBV)",
        period=str(year),
        dated=today,
        filename=f"paragraaf-verbonden-partijen-{year}.pdf",
    )
    introduction_entry = doc.add("inleiding", "Inleiding")
    by_category: dict[BBVCategory, list[PartnershipInYear]] = defaultdict(list)
    for p in partnerships:
        by_category[p.partnership.bbv_category or BBVCategory.OVERIG].append(p)

    chapters = []
    for category in BBVCategory:
        entry = doc.add(f"bbv-{category.value}", category.label)
        parties, overview = [], []
        contributions = results = Decimal(0)
        for member in by_category[category]:
            sv, fp = member.partnership, member.figures.position
            # The totals add up the rounded amounts printed in the rows above them.
            contributions += _printed(member.figures.contribution)
            results += _printed(fp.result if fp else None)
            doc.add(f"vp-{sv.pk}", sv.name, level=2)
            position = financial_position_block(fp) if fp else None
            parties.append(
                VerbondenPartij(
                    anchor=f"vp-{sv.pk}",
                    name=sv.name,
                    legal_form=sv.get_legal_form_display(),
                    registered_office=sv.registered_office or "–",
                    public_interest=sv.public_interest or "–",
                    bestuurlijk_belang=sv.bestuurlijk_belang or "–",
                    financieel_belang=sv.financieel_belang or "–",
                    representatives=sv.representatives or "–",
                    ran=_ran(sv, year, _ended_on(sv)),
                    contributions=_year_contributions(member.figures),
                    position=position,
                )
            )
            overview.append(
                OverviewRow(
                    sv.name,
                    euro_whole(member.figures.contribution),
                    position.equity_end if position else "–",
                    position.debt_end if position else "–",
                    position.result if position else "–",
                )
            )
        chapters.append(
            BBVChapter(
                entry,
                category.label,
                parties,
                overview,
                euro_whole(contributions),
                euro_whole(results),
            )
        )
    return VerbondenPartijenReport(doc, year, introduction_entry, chapters, missing)
