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

from django.db.models import Prefetch, QuerySet

from evaluations.models import Evaluation
from evaluations.reports import EvaluationBlock, answers_prefetch, evaluation_block
from governance.models import Assessment, TierDecision
from governance.tiers import Tier
from samenwerkingswijzer.pdf import PrintDocument, TocEntry, date_nl, euro, yes_no

from .choices import BBVCategory
from .models import FinancialPosition, Partnership


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
        status=variant,
        dated=today,
        filename=f"dossier-{p.slug}{'' if public else '-intern'}.pdf",
    )
    decisions = list(p.tier_decisions.all())
    latest_decision = decisions[0] if decisions else None

    general = Chapter(doc.add("algemeen", "Algemeen"), _general_facts(p))
    governance = Chapter(doc.add("governance", "Vorm en sturing"), _governance_facts(p))
    topics_entry = doc.add("onderwerpen", "Politiek relevante onderwerpen", level=2)
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
            )
            for pa in p.participations.all()
        ],
        finances_entry=finances_entry,
        contributions_entry=contributions_entry,
        contributions=[
            ContributionRow(
                c.year,
                c.get_kind_display(),
                euro(c.budgeted),
                euro(c.actual),
                c.budget_line or "–",
            )
            for c in p.contributions.all()
        ],
        positions=positions,
        evaluations_entry=evaluations_entry,
        evaluations=evaluations,
        decisions_entry=decisions_entry,
        decisions=[
            DecisionRow(date_nl(d.date), d.get_body_display(), d.reference or "–", d.title)
            for d in p.decisions.all()
        ],
        internal=internal,
    )


def _general_facts(p: Partnership) -> list[Fact]:
    return [
        Fact("Opgave", p.description),
        Fact("Doelen", p.goals or "–"),
        Fact("Openbaar belang", p.public_interest or "–"),
        Fact("Motieven", ", ".join(p.motive_labels()) or "–"),
        Fact(
            "Perspectief op meerwaarde",
            p.get_added_value_perspective_display() if p.added_value_perspective else "–",
        ),
        Fact("Aard van de samenwerking", p.get_nature_display()),
        Fact("Beleidsveld", str(p.policy_domain) if p.policy_domain else "–"),
        Fact("Begrotingsprogramma", str(p.budget_programme) if p.budget_programme else "–"),
        Fact("Portefeuillehouder", p.portfolio_holder or "–"),
        Fact("Status", p.get_status_display()),
        Fact("Looptijd", p.looptijd_display()),
        Fact(
            "Opzegtermijn",
            f"{p.notice_period_months} maanden" if p.notice_period_months is not None else "–",
        ),
        Fact("Website", p.website or "–"),
    ]


def _governance_facts(p: Partnership) -> list[Fact]:
    facts = [
        Fact("Juridische vorm", p.get_legal_form_display()),
        Fact("Raads- of collegeregeling", p.get_regulation_display() or "–"),
        Fact("Wettelijk verplicht", yes_no(p.legally_required)),
        Fact("Bevoegdheden overgedragen", yes_no(p.powers_transferred)),
        Fact("Vestigingsplaats", p.registered_office or "–"),
        Fact("Belangrijkheid", Tier(p.tier).label if p.tier else "Nog niet afgewogen"),
        Fact("Bron belangrijkheid", p.tier_source),
        Fact("Verbonden partij", yes_no(p.is_verbonden_partij)),
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
        Fact("Vertegenwoordigers", p.representatives or "–"),
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
                f"{date_nl(assessment.assessed_on)} door {assessment.assessed_by}",
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
        facts.append(Fact("Laatste afweging", "Nog niet afgewogen"))
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
        equity_begin=euro(fp.equity_begin),
        equity_end=euro(fp.equity_end),
        debt_begin=euro(fp.debt_begin),
        debt_end=euro(fp.debt_end),
        result=euro(fp.result),
        risks=fp.risks or "Geen risico's gemeld.",
    )


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
    position: FinancialPositionBlock | None


@dataclass(frozen=True)
class OverviewRow:
    name: str
    equity_end: str
    debt_end: str
    result: str


@dataclass
class BBVChapter:
    entry: TocEntry
    category: str
    parties: list[VerbondenPartij]
    overview: list[OverviewRow]
    total_result: str


@dataclass
class VerbondenPartijenReport:
    doc: PrintDocument
    year: int
    introduction_entry: TocEntry
    chapters: list[BBVChapter]
    missing_figures: list[str]


def verbonden_partijen_queryset(year: int) -> QuerySet[Partnership]:
    return (
        Partnership.objects.active()
        .filter(is_verbonden_partij=True)
        .prefetch_related(
            Prefetch(
                "financial_positions",
                queryset=FinancialPosition.objects.filter(year=year),
                to_attr="year_positions",
            )
        )
        .order_by("name")
    )


def build_verbonden_partijen(year: int, *, today: date) -> VerbondenPartijenReport:
    partnerships = list(verbonden_partijen_queryset(year))
    missing = [p.name for p in partnerships if not p.year_positions]  # type: ignore[attr-defined]
    doc = PrintDocument(
        title=f"Paragraaf verbonden partijen {year}",
        subtitle="Volgens artikel 15 van het Besluit begroting en verantwoording (BBV)",
        period=str(year),
        status="Concept" if missing or not partnerships else "Vastgesteld",
        dated=today,
        filename=f"paragraaf-verbonden-partijen-{year}.pdf",
    )
    introduction_entry = doc.add("inleiding", "Inleiding")
    by_category: dict[BBVCategory, list[Partnership]] = defaultdict(list)
    for p in partnerships:
        by_category[p.bbv_category or BBVCategory.OVERIG].append(p)

    chapters = []
    for category in BBVCategory:
        members = by_category[category]
        entry = doc.add(f"bbv-{category.value}", category.label)
        parties = []
        results = Decimal(0)
        for p in members:
            fp = p.year_positions[0] if p.year_positions else None  # type: ignore[attr-defined]
            results += fp.result if fp and fp.result is not None else Decimal(0)
            doc.add(f"vp-{p.pk}", p.name, level=2)
            parties.append(
                VerbondenPartij(
                    anchor=f"vp-{p.pk}",
                    name=p.name,
                    legal_form=p.get_legal_form_display(),
                    registered_office=p.registered_office or "–",
                    public_interest=p.public_interest or "–",
                    bestuurlijk_belang=p.bestuurlijk_belang or "–",
                    financieel_belang=p.financieel_belang or "–",
                    representatives=p.representatives or "–",
                    position=financial_position_block(fp) if fp else None,
                )
            )
        overview = [
            OverviewRow(
                party.name,
                party.position.equity_end if party.position else "–",
                party.position.debt_end if party.position else "–",
                party.position.result if party.position else "–",
            )
            for party in parties
        ]
        chapters.append(BBVChapter(entry, category.label, parties, overview, euro(results)))
    return VerbondenPartijenReport(doc, year, introduction_entry, chapters, missing)
