"""Fill the database with N realistic partnerships for the benchmark (bench/README.md).

Reproducible: the same --seed and --today give the same register. Fast: every table is
written with bulk_create in batches, so simple-history rows are not made (not needed here).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.text import slugify

from accounts.models import Role, User
from evaluations.models import (
    Advice,
    AnswerStatus,
    Evaluation,
    EvaluationAnswer,
    EvaluationKind,
    EvaluationQuestion,
    EvaluationStatus,
)
from governance.framework import active_framework, kader_of
from governance.models import Assessment, Framework, TierDecision
from governance.scoring import Answers, Kader, evaluate
from partnerships.choices import (
    AddedValuePerspective,
    ContributionKind,
    DecisionBody,
    LegalForm,
    Motive,
    Nature,
    OrganisationKind,
    ParticipationRole,
    Regulation,
    Status,
)
from partnerships.models import (
    BudgetProgramme,
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    Partnership,
    PolicyDomain,
)
from partnerships.tiers import Tier

BATCH = 1000


def _words(text: str) -> list[str]:
    return text.split()


PLACES = _words(
    "Alkmaar Almelo Almere Amersfoort Apeldoorn Arnhem Assen Breda Delft Deventer Doetinchem "
    "Dordrecht Ede Eindhoven Emmen Enschede Gouda Groningen Haarlem Harderwijk Heerenveen "
    "Heerlen Helmond Hengelo Hilversum Hoorn Kampen Leeuwarden Leiden Lelystad Maastricht "
    "Meppel Middelburg Nijmegen Oss Purmerend Roermond Roosendaal Schiedam Sittard Sneek "
    "Tiel Tilburg Utrecht Venlo Vlissingen Weert Zaandam Zeist Zoetermeer Zutphen Zwolle "
    "Maassluis Vlaardingen Drachten Terneuzen Goes Veenendaal Woerden Wageningen Venray "
    "Kerkrade Brunssum Valkenburg Gennep Boxtel Veghel Uden Waalwijk Oosterhout Bergen Heiloo "
    "Schagen Katwijk Noordwijk Lisse Hillegom Gorinchem Culemborg Barneveld Nunspeet Elburg "
    "Steenwijk Hardenberg Coevorden Hoogeveen Winschoten Veendam Stadskanaal Delfzijl Dokkum "
    "Franeker Harlingen Bolsward Tynaarlo Noordenveld Zuidhorn Westerkwartier Borne Oldenzaal"
)
REGIONS = (
    "Holland Rijnland",
    "Zuid-Limburg",
    "Noord-Limburg",
    "Midden-Holland",
    "Drechtsteden",
    "Twente",
    "Achterhoek",
    "Gooi en Vechtstreek",
    "West-Brabant",
    "Hart van Brabant",
    "Rivierenland",
    "Noord-Veluwe",
    "Zuid-Holland Zuid",
    "Food Valley",
    "Fryslân",
    "Groningen",
    "Drenthe",
    "IJsselland",
    "Flevoland",
    "Zeeland",
    "Kennemerland",
    "Utrecht-West",
    "Rotterdam-Rijnmond",
    "Haaglanden",
)
PROVINCES = _words(
    "Groningen Fryslân Drenthe Overijssel Flevoland Gelderland Utrecht Noord-Holland "
    "Zuid-Holland Zeeland Noord-Brabant Limburg"
)
ORGANISATION_PATTERNS: tuple[tuple[str, str], ...] = (
    (OrganisationKind.GEMEENTE, "Gemeente {place}"),
    (OrganisationKind.GEMEENSCHAPPELIJKE_REGELING, "GGD {region}"),
    (OrganisationKind.GEMEENSCHAPPELIJKE_REGELING, "Veiligheidsregio {region}"),
    (OrganisationKind.GEMEENSCHAPPELIJKE_REGELING, "Omgevingsdienst {region}"),
    (OrganisationKind.ZORG_WELZIJN, "Stichting Welzijn {place}"),
    (OrganisationKind.ONDERWIJS_KENNIS, "Hogeschool {place}"),
    (OrganisationKind.BEDRIJF, "Energie {place} BV"),
    (OrganisationKind.COOPERATIE, "Energiecoöperatie {place}"),
    (OrganisationKind.MAATSCHAPPELIJKE_ORGANISATIE, "Woonstichting {place}"),
    (OrganisationKind.POLITIE_JUSTITIE, "Veiligheidshuis {region}"),
    (OrganisationKind.OVERIG, "Ondernemersvereniging {place}"),
)
TOPICS = (
    "Regionaal Werkbedrijf",
    "Jeugdhulp",
    "Beschermd Wonen",
    "Afvalinzameling",
    "Omgevingsdienst",
    "Veiligheidsregio",
    "Regionale Energiestrategie",
    "Economic Board",
    "Leerplicht en RMC",
    "Zorg en Veiligheid",
    "Recreatieschap",
    "Belastingsamenwerking",
    "ICT-samenwerking",
    "Inkoopbureau",
    "Woningmarktregio",
    "Cultuurfonds",
    "Mobiliteitsplatform",
    "Ondermijningsaanpak",
    "Schuldhulpverlening",
    "Sportakkoord",
    "Warmtenet",
    "Glasvezelcoöperatie",
    "Bibliotheeknetwerk",
    "Archiefdienst",
    "Vervoer op maat",
    "Erfgoedcentrum",
)
DOMAINS = (
    "Sociaal domein",
    "Veiligheid",
    "Economie",
    "Duurzaamheid",
    "Cultuur",
    "Wonen",
    "Mobiliteit",
    "Bedrijfsvoering",
    "Onderwijs",
    "Gezondheid",
)
PROGRAMMES = (
    "Bestuur en dienstverlening",
    "Veiligheid",
    "Verkeer en vervoer",
    "Economie",
    "Onderwijs",
    "Sport, cultuur en recreatie",
    "Sociaal domein",
    "Volksgezondheid en milieu",
)
WGR_OWN_BODY = sorted(LegalForm.with_own_body())
# Common forms are listed more than once: most partnerships are agreements and networks.
LEGAL_FORMS = [
    *WGR_OWN_BODY,
    LegalForm.CENTRUMGEMEENTE,
    LegalForm.STICHTING,
    LegalForm.VERENIGING,
    LegalForm.COOPERATIE,
    LegalForm.BV,
    LegalForm.NV,
    *[LegalForm.CONVENANT] * 3,
    *[LegalForm.OVEREENKOMST] * 4,
    *[LegalForm.NETWERK] * 3,
]
TIERS = list(Tier)


@dataclass
class Rows:
    """The child rows of all partnerships, collected before one bulk insert per table."""

    participations: list[Participation] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    positions: list[FinancialPosition] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    tier_decisions: list[TierDecision] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    completed: list[Evaluation] = field(default_factory=list)


class BulkSeeder:
    """Builds the register in memory from one random generator, then inserts it in bulk."""

    def __init__(self, seed: int, today: date, organisations: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.today = today
        self.organisation_count = organisations

    def run(self, count: int) -> dict[str, int]:
        beheerder, holders = self.users()
        domains, programmes = self.reference_lists()
        pool = self.organisations()
        framework = self.framework()
        kader = kader_of(framework)
        partnerships = [self.partnership(i, domains, programmes, holders) for i in range(count)]
        self.assign_slugs(partnerships)
        rows = Rows()
        for partnership in partnerships:
            self.children(partnership, pool, rows)
            self.governance(partnership, framework, kader, beheerder, holders, rows)
            self.evaluations(partnership, beheerder, rows)
        Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
        # Children were built before their parent had a pk; Django copies it in on insert.
        Participation.objects.bulk_create(rows.participations, batch_size=BATCH)
        Contribution.objects.bulk_create(rows.contributions, batch_size=BATCH)
        FinancialPosition.objects.bulk_create(rows.positions, batch_size=BATCH)
        Decision.objects.bulk_create(rows.decisions, batch_size=BATCH)
        Assessment.objects.bulk_create(rows.assessments, batch_size=BATCH)
        TierDecision.objects.bulk_create(rows.tier_decisions, batch_size=BATCH)
        Evaluation.objects.bulk_create(rows.evaluations, batch_size=BATCH)
        answers = self.answers(rows.completed)
        EvaluationAnswer.objects.bulk_create(answers, batch_size=BATCH)
        return {
            "samenwerkingsverbanden": len(partnerships),
            "organisaties": len(pool),
            "deelnames": len(rows.participations),
            "bijdragen": len(rows.contributions),
            "afwegingen": len(rows.assessments),
            "besluiten belangrijkheid": len(rows.tier_decisions),
            "evaluaties": len(rows.evaluations),
        }

    def users(self) -> tuple[User, list[User]]:
        """One beheerder (also accounthouder of some) and 40 accounthouders, unusable passwords."""
        groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
        beheerder, created = User.objects.get_or_create(
            username="bulk-beheerder",
            defaults={"first_name": "Bea", "last_name": "Beheer", "is_staff": True},
        )
        if created:
            beheerder.set_unusable_password()
            beheerder.save()
            beheerder.groups.add(groups[Role.BEHEERDER])
        holders = [beheerder]
        for n in range(1, 41):
            user, created = User.objects.get_or_create(
                username=f"bulk-accounthouder-{n:02d}",
                defaults={"first_name": "Account", "last_name": f"Houder {n:02d}"},
            )
            if created:
                user.set_unusable_password()
                user.save()
                user.groups.add(groups[Role.ACCOUNTHOUDER])
            holders.append(user)
        return beheerder, holders

    def reference_lists(self) -> tuple[list[PolicyDomain], list[BudgetProgramme]]:
        domains = [PolicyDomain.objects.get_or_create(name=name)[0] for name in DOMAINS]
        programmes = [
            BudgetProgramme.objects.get_or_create(number=n, defaults={"name": name})[0]
            for n, name in enumerate(PROGRAMMES, start=1)
        ]
        return domains, programmes

    def organisations(self) -> list[Organisation]:
        """A pool of organisations; names that already exist are reused, not duplicated."""
        wanted: dict[str, tuple[str, str]] = {}
        candidates = [
            (kind, pattern.format(place=place, region=region))
            for kind, pattern in ORGANISATION_PATTERNS
            for place, region in zip(PLACES, REGIONS * 5, strict=False)
        ]
        candidates += [(OrganisationKind.PROVINCIE, f"Provincie {p}") for p in PROVINCES]
        candidates += [
            (OrganisationKind.RIJK, "Ministerie van BZK"),
            (OrganisationKind.RIJK, "Rijkswaterstaat"),
        ]
        self.rng.shuffle(candidates)
        for kind, name in candidates:
            if len(wanted) == self.organisation_count:
                break
            place = name.split()[-1] if kind == OrganisationKind.GEMEENTE else ""
            wanted.setdefault(name, (kind, place))
        existing = set(Organisation.objects.filter(name__in=wanted).values_list("name", flat=True))
        Organisation.objects.bulk_create(
            [
                Organisation(name=name, kind=kind, place=place)
                for name, (kind, place) in wanted.items()
                if name not in existing
            ],
            batch_size=BATCH,
        )
        by_name = Organisation.objects.in_bulk(list(wanted), field_name="name")
        return [by_name[name] for name in wanted]

    def framework(self) -> Framework:
        """The active afwegingskader, seeded as version 1 by governance's migration."""
        found = active_framework()
        if found is None:
            raise CommandError("Er is geen actief afwegingskader: voer eerst migrate uit.")
        return found

    def partnership(
        self,
        index: int,
        domains: list[PolicyDomain],
        programmes: list[BudgetProgramme],
        holders: list[User],
    ) -> Partnership:
        rng = self.rng
        topic, region = rng.choice(TOPICS), rng.choice(REGIONS)
        legal_form = rng.choice(LEGAL_FORMS)
        start = date(rng.randint(1995, self.today.year - 1), rng.randint(1, 12), 1)
        end = None
        if rng.random() < 0.3:
            end = date(start.year + rng.randint(2, 35), rng.choice((6, 12)), 30)
        status = Status.ACTIEF
        if end and end < self.today:
            status = Status.BEEINDIGD
        elif start.year >= self.today.year - 1 and rng.random() < 0.2:
            status = Status.IN_VOORBEREIDING
        verbonden = legal_form in LegalForm.with_own_body() or (
            legal_form in LegalForm.private_bodies() and rng.random() < 0.6
        )
        holder, deputy = rng.sample(holders, 2)
        return Partnership(
            name=f"{topic} {region} {index + 1:04d}",
            description=f"{topic}: samen met de partners in {region} een opgave aanpakken.",
            goals="Betere dienstverlening en lagere kosten voor inwoners en ondernemers.",
            public_interest=f"Een goed georganiseerd {rng.choice(DOMAINS).lower()} in {region}.",
            motives=rng.sample(Motive.values, rng.randint(1, 3)),
            added_value_perspective=rng.choice(AddedValuePerspective.values),
            nature=rng.choice(Nature.values),
            policy_domain=rng.choice(domains),
            budget_programme=rng.choice(programmes),
            legal_form=legal_form,
            regulation=(
                rng.choice(Regulation.values) if legal_form in LegalForm.wgr_forms() else ""
            ),
            legally_required=rng.random() < 0.2,
            powers_transferred=legal_form in LegalForm.with_own_body() and rng.random() < 0.5,
            is_verbonden_partij=verbonden,
            bestuurlijk_belang="Zetel in het algemeen bestuur." if verbonden else "",
            financieel_belang="Jaarlijkse bijdrage volgens de verdeelsleutel." if verbonden else "",
            registered_office=rng.choice(PLACES),
            start_date=start,
            end_date=end,
            notice_period_months=rng.choice((None, 6, 12, 24)),
            status=status,
            portfolio_holder=f"Wethouder {rng.choice(('De Vries', 'Jansen', 'Bakker', 'Visser'))}",
            account_holder=holder,
            deputy=deputy,
            representatives="De portefeuillehouder in het algemeen bestuur.",
            published=rng.random() < 0.7,
            internal_notes="Interne notitie voor de accounthouder.",
        )

    def assign_slugs(self, partnerships: list[Partnership]) -> None:
        """bulk_create skips save(), which makes the slug: make unique ones here."""
        taken = set(Partnership.objects.values_list("slug", flat=True))
        for partnership in partnerships:
            base = slugify(partnership.name)[:200]
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            partnership.slug = slug

    def children(self, partnership: Partnership, pool: list[Organisation], rows: Rows) -> None:
        rng = self.rng
        partners = rng.sample(pool, rng.randint(2, 12))
        share = (Decimal(100) / len(partners)).quantize(Decimal("0.01"))
        for i, organisation in enumerate(partners):
            role = (
                ParticipationRole.PENVOERDER
                if i == 0
                else rng.choice([ParticipationRole.DEELNEMER] * 4 + [ParticipationRole.FINANCIER])
            )
            rows.participations.append(
                Participation(
                    partnership=partnership, organisation=organisation, role=role, share=share
                )
            )
        size = Decimal(round(10 ** rng.uniform(3.5, 6.6)))
        first = max(partnership.start_date.year, self.today.year - 4)
        last = self.today.year + 1
        if partnership.end_date:
            last = min(last, partnership.end_date.year)
        for year in range(first, last + 1):
            budgeted = (size * Decimal(rng.uniform(0.9, 1.15))).quantize(Decimal("1.00"))
            actual = None
            if year < self.today.year:
                actual = (budgeted * Decimal(rng.uniform(0.85, 1.1))).quantize(Decimal("1.00"))
            rows.contributions.append(
                Contribution(
                    partnership=partnership,
                    year=year,
                    kind=ContributionKind.FINANCIEEL,
                    budgeted=budgeted,
                    actual=actual,
                    budget_line=f"Programma {partnership.budget_programme.number}",  # type: ignore[union-attr]
                )
            )
            if rng.random() < 0.3:
                rows.contributions.append(
                    Contribution(
                        partnership=partnership,
                        year=year,
                        kind=ContributionKind.PERSONEEL,
                        budgeted=Decimal(rng.randint(1, 40) * 1000),
                        note="Uren van de accounthouder en beleidsadviseurs.",
                    )
                )
        if partnership.is_verbonden_partij:
            equity = Decimal(round(10 ** rng.uniform(5, 8)))
            for year in (self.today.year - 2, self.today.year - 1):
                rows.positions.append(
                    FinancialPosition(
                        partnership=partnership,
                        year=year,
                        equity_begin=equity,
                        equity_end=equity * Decimal("1.03"),
                        debt_begin=equity / 2,
                        debt_end=equity / Decimal("2.1"),
                        result=equity * Decimal("0.03"),
                        interest_begin=f"{share}% van de stemmen",
                        interest_end=f"{share}% van de stemmen",
                        risks="Geen materiële risico's zonder maatregelen.",
                    )
                )
        rows.decisions.append(
            Decision(
                partnership=partnership,
                body=rng.choice((DecisionBody.RAAD, DecisionBody.COLLEGE)),
                date=partnership.start_date - timedelta(days=rng.randint(30, 200)),
                reference=f"{partnership.start_date.year}-{rng.randint(1, 9999):04d}",
                title=f"Besluit tot deelname aan {partnership.name}",
            )
        )

    def governance(
        self,
        partnership: Partnership,
        framework: Framework,
        kader: Kader,
        beheerder: User,
        holders: list[User],
        rows: Rows,
    ) -> None:
        """Assessments and tier decisions; the effective tier on the partnership follows them."""
        rng = self.rng
        if rng.random() < 0.1:
            return  # nog niet afgewogen
        chosen: Tier = Tier.AMBTELIJK_BELANGRIJK
        assessed_years = sorted(rng.sample(range(self.today.year - 3, self.today.year + 1), 2))
        for year in assessed_years[: rng.randint(1, 2)]:
            answers = {code: rng.randint(0, 2) for code in ("K1", "K2", "K3", "K4")}
            q1 = partnership.legal_form in LegalForm.with_own_body() or rng.random() < 0.2
            q2 = rng.random() < 0.3
            outcome = evaluate(kader, Answers(criteria=answers, qualifiers={"Q1": q1, "Q2": q2}))
            advised = outcome.tier
            deviates = rng.random() < 0.05
            chosen = rng.choice(TIERS) if deviates else advised
            rows.assessments.append(
                Assessment(
                    partnership=partnership,
                    framework=framework,
                    assessed_on=date(year, rng.randint(1, 4), rng.randint(1, 28)),
                    assessed_by=rng.choice(holders),
                    criterion_answers=answers,
                    qualifier_answers={"Q1": q1, "Q2": q2},
                    score=outcome.score,
                    qualifier_count=outcome.qualifier_count,
                    matched_rule=outcome.rule,
                    explanation=outcome.explanation,
                    advised_tier=advised,
                    chosen_tier=chosen,
                    motivation="De raad wil nauw betrokken blijven." if chosen != advised else "",
                )
            )
        partnership.tier, partnership.tier_decided_year = chosen, None
        if rng.random() < 0.6:
            for year in range(self.today.year - rng.randint(0, 2), self.today.year + 1):
                rows.tier_decisions.append(
                    TierDecision(
                        partnership=partnership,
                        year=year,
                        tier=chosen,
                        political_topics="Kosten en kwaliteit van de uitvoering.",
                        mandate="Het college stemt in met de begroting binnen de kaders.",
                        decided_by=beheerder,
                    )
                )
            partnership.tier_decided_year = self.today.year

    def evaluations(self, partnership: Partnership, beheerder: User, rows: Rows) -> None:
        """Completed evaluations of past years (some published) and the planned ones."""
        rng = self.rng
        if partnership.tier in ("", Tier.AMBTELIJK_BELANGRIJK):
            return
        yearly = partnership.tier in (Tier.POLITIEK_ZEER_BELANGRIJK, Tier.POLITIEK_BELANGRIJK)
        for year in range(self.today.year - 2, self.today.year + 2):
            if not yearly and year % 4 != partnership.start_date.year % 4:
                continue
            kind = EvaluationKind.JAARLIJKS if yearly else EvaluationKind.VOLLEDIG
            due = date(year, 6, 30)
            evaluation = Evaluation(
                partnership=partnership,
                kind=kind,
                due_date=due,
                rule="E1" if yearly else "E3",
                rule_key=f"{'E1' if yearly else 'E3'}:{year}",
            )
            # Most past evaluations are done; some are overdue, as in every real register.
            if due < self.today and rng.random() < 0.85:
                evaluation.status = EvaluationStatus.AFGEROND
                evaluation.completed_on = due - timedelta(days=rng.randint(0, 40))
                evaluation.completed_by = beheerder
                evaluation.conclusion = "De samenwerking levert op wat is afgesproken."
                evaluation.advice = rng.choice(Advice.values)
                evaluation.published = rng.random() < 0.5
                rows.completed.append(evaluation)
            rows.evaluations.append(evaluation)
        if partnership.end_date and partnership.end_date >= self.today:
            rows.evaluations.append(
                Evaluation(
                    partnership=partnership,
                    kind=EvaluationKind.EINDE_LOOPTIJD,
                    due_date=partnership.end_date - timedelta(days=91),
                    rule="E4",
                    rule_key=f"E4:{partnership.end_date.isoformat()}",
                )
            )

    def answers(self, completed: list[Evaluation]) -> list[EvaluationAnswer]:
        questions = list(EvaluationQuestion.objects.filter(is_active=True))
        statuses = [AnswerStatus.GOED] * 5 + [AnswerStatus.AANDACHT] * 2 + [AnswerStatus.ZORG]
        return [
            EvaluationAnswer(
                evaluation=evaluation,
                question=question,
                status=self.rng.choice(statuses),
                note="Besproken met de partners.",
            )
            for evaluation in completed
            for question in questions
        ]


class Command(BaseCommand):
    help = "Vult de database met N realistische samenwerkingsverbanden voor de benchmark."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnerships", type=int, default=5000)
        parser.add_argument("--organisations", type=int, default=400)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=date.today(),
            help="Peildatum (JJJJ-MM-DD); met dezelfde seed en peildatum dezelfde gegevens.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seeder = BulkSeeder(options["seed"], options["today"], options["organisations"])
        with transaction.atomic():
            counts = seeder.run(options["partnerships"])
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Aangemaakt: {summary}."))
