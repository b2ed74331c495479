"""Factories for every model, with traits for the states tests need."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from accounts.models import Role, User
from evaluations.models import Evaluation, EvaluationKind, EvaluationStatus
from evaluations.replanning import replan, tier_facts_changed
from governance.models import Assessment, TierDecision
from partnerships.choices import (
    ContributionKind,
    DecisionBody,
    LegalForm,
    Nature,
    OrganisationKind,
    ParticipationRole,
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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.example")
    password = factory.django.Password("wachtwoord-voor-tests")

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).value))


class PolicyDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyDomain
        django_get_or_create = ("name",)

    # Unique per call: a shared name would tie partnerships of unrelated tests together.
    name = factory.Sequence(lambda n: f"Beleidsveld {n}")


class BudgetProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetProgramme
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda p: f"Programma {p.number}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.GEMEENTE
    place = "Voorbeeldstad"


class ReplanningFactory(factory.django.DjangoModelFactory):
    """Creates the row, then lets the tier and the evaluation plan follow, as the app's
    processes do (evaluations/replanning.py)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        tier_facts_changed([obj.partnership_id])
        return obj


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A partnership whose evaluation plan follows from the facts it is given; a `tier`
    given here stands for a decision or assessment the test does not need as a row."""

    class Meta:
        model = Partnership

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        partnership = super()._create(model_class, *args, **kwargs)
        replan([partnership.pk])
        return partnership

    name = factory.Sequence(lambda n: f"Samenwerkingsverband {n}")
    description = "Samen werken aan een maatschappelijke opgave."
    goals = "Betere dienstverlening voor inwoners."
    public_interest = "Een veilige en gezonde leefomgeving."
    motives = factory.LazyFunction(lambda: ["ambitie", "efficiency"])
    nature = Nature.GEZAMENLIJKE_UITVOERING
    policy_domain = factory.SubFactory(PolicyDomainFactory)
    legal_form = LegalForm.OVEREENKOMST
    start_date = date(2020, 1, 1)
    status = Status.ACTIEF
    portfolio_holder = "Wethouder De Vries"
    account_holder = factory.SubFactory(UserFactory, role=Role.ACCOUNTHOUDER)
    published = True

    class Params:
        archived = factory.Trait(status=Status.BEEINDIGD)
        unpublished = factory.Trait(published=False)
        verbonden_partij = factory.Trait(
            is_verbonden_partij=True,
            legal_form=LegalForm.OPENBAAR_LICHAAM,
            bestuurlijk_belang="De burgemeester is lid van het algemeen bestuur.",
            financieel_belang="Jaarlijkse bijdrage volgens de verdeelsleutel.",
        )


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ParticipationRole.DEELNEMER
    share = Decimal("25.00")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2026
    kind = ContributionKind.FINANCIEEL
    budgeted = Decimal("10000.00")


class FinancialPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialPosition

    partnership = factory.SubFactory(PartnershipFactory, verbonden_partij=True)
    year = 2026
    equity_begin = Decimal("1000000.00")
    equity_end = Decimal("1100000.00")
    debt_begin = Decimal("500000.00")
    debt_end = Decimal("450000.00")
    result = Decimal("100000.00")
    interest_begin = "3% van de stemmen"
    interest_end = "3% van de stemmen"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    partnership = factory.SubFactory(PartnershipFactory)
    body = DecisionBody.COLLEGE
    date = date(2020, 1, 1)
    reference = factory.Sequence(lambda n: f"2020-{n:04d}")
    title = "Besluit tot deelname"


class TierDecisionFactory(ReplanningFactory):
    class Meta:
        model = TierDecision

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2026
    tier = Tier.BESTUURLIJK_BELANGRIJK
    decided_by = factory.SubFactory(UserFactory, role=Role.BEHEERDER)


class AssessmentFactory(ReplanningFactory):
    """An assessment; `framework` must be given (the seeded version 1 in most tests)."""

    class Meta:
        model = Assessment

    partnership = factory.SubFactory(PartnershipFactory)
    assessed_on = date(2026, 3, 1)
    assessed_by = factory.SubFactory(UserFactory, role=Role.ACCOUNTHOUDER)
    criterion_answers = factory.LazyFunction(lambda: {"K1": 1, "K2": 1, "K3": 0, "K4": 0})
    qualifier_answers = factory.LazyFunction(lambda: {"Q1": False, "Q2": False})
    score = 2
    qualifier_count = 0
    matched_rule = 5
    explanation = "S = 2 ≥ 2"
    advised_tier = Tier.BESTUURLIJK_BELANGRIJK
    chosen_tier = Tier.BESTUURLIJK_BELANGRIJK


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    partnership = factory.SubFactory(PartnershipFactory)
    kind = EvaluationKind.TUSSENTIJDS
    due_date = date(2026, 12, 1)
    status = EvaluationStatus.GEPLAND

    class Params:
        completed = factory.Trait(
            status=EvaluationStatus.AFGEROND,
            completed_on=date(2026, 6, 1),
            conclusion="De samenwerking levert op wat is afgesproken.",
            advice="voortzetten",
        )
