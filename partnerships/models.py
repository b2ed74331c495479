"""The register: partnerships, their partners, contributions, finances and decisions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Case, DecimalField, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from partnerships.tiers import TIER_CHOICES, Tier
from samenwerkingswijzer.formatting import NOT_ASSESSED, date_short, euro
from samenwerkingswijzer.sorting import NameOrder, sort_key
from samenwerkingswijzer.validators import (
    NOTES_LENGTH,
    PLAUSIBLE_DATE,
    PLAUSIBLE_YEAR,
    TEXT_LENGTH,
    lines,
    one_line,
)

from .choices import (
    BBV_CATEGORY_BY_LEGAL_FORM,
    AddedValuePerspective,
    BBVCategory,
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


def _slug_base(name: str) -> str:
    return slugify(name)[:200] or "samenwerkingsverband"


def money_field(verbose_name: str, **kwargs: Any) -> models.DecimalField[Any, Any]:
    """Euros with cents, as Decimal (never a float)."""
    money = models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)
    # Read by the change history to write the value as an amount; not part of the schema.
    money.is_money = True  # type: ignore[attr-defined]
    return money


# The type of a computed amount: as the money fields store it.
MONEY_OUTPUT = DecimalField(max_digits=14, decimal_places=2)

NOT_NEGATIVE = [MinValueValidator(Decimal("0"), "Vul een bedrag van 0 of meer in.")]


class ChecksInPython:
    """A model whose check constraints are also validated in Python, with a Dutch message
    (clean() and the field validators). The constraints stay the database's safety net;
    validating them in a form would cost a query each, for every row of an import."""

    def get_constraints(self) -> list[tuple[type[models.Model], Sequence[models.BaseConstraint]]]:
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()  # type: ignore[misc]
        ]


class PolicyDomain(models.Model):
    """A policy domain (beleidsveld), a reference list kept by the beheerder."""

    name = models.CharField("naam", max_length=100, unique=True, validators=one_line())

    class Meta:
        verbose_name = "beleidsveld"
        verbose_name_plural = "beleidsvelden"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership_list") + f"?policy_domain={self.pk}"


class BudgetProgramme(models.Model):
    """A programme of the municipal budget (begrotingsprogramma)."""

    number = models.PositiveSmallIntegerField("nummer", unique=True)
    name = models.CharField("naam", max_length=150, validators=one_line())

    class Meta:
        verbose_name = "begrotingsprogramma"
        verbose_name_plural = "begrotingsprogramma's"
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership_list") + f"?budget_programme={self.pk}"


class Organisation(models.Model):
    """A partner organisation: a government, a company, an association, ..."""

    name = models.CharField("naam", max_length=200, unique=True, validators=one_line())
    kind = models.CharField("soort", max_length=40, choices=OrganisationKind.choices)
    place = models.CharField("plaats", max_length=100, blank=True, validators=one_line())
    website = models.URLField("website", blank=True, validators=one_line())
    history = HistoricalRecords()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:organisation_update", args=[self.pk])


def name_order() -> NameOrder:
    """Partnerships by name as people read them, by the indexed `name_key` on SQLite."""
    return NameOrder("name", key="name_key")


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    """Every write of the ORM keeps `name_key` equal to `sort_key(name)`: save() and the
    bulk writes below; only raw SQL can leave it behind (a name then sorts out of place)."""

    def bulk_create(  # type: ignore[override]
        self, objs: Iterable[Any], *args: Any, **kwargs: Any
    ) -> list[Any]:
        objs = list(objs)
        for partnership in objs:
            partnership.name_key = sort_key(partnership.name)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(  # type: ignore[override]
        self, objs: Iterable[Any], fields: Iterable[str], *args: Any, **kwargs: Any
    ) -> int:
        fields = list(fields)
        if "name" in fields:
            objs = list(objs)
            for partnership in objs:
                partnership.name_key = sort_key(partnership.name)
            fields.append("name_key")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        if "name" in kwargs and "name_key" not in kwargs:
            # bulk_update passes both, as expressions; a name alone is a text.
            if not isinstance(kwargs["name"], str):
                raise TypeError("Update a partnership's name with a text, or name_key with it.")
            kwargs["name_key"] = sort_key(kwargs["name"])
        return super().update(**kwargs)

    def by_name(self, *, descending: bool = False) -> PartnershipQuerySet:
        # Descending reverses ties too, so that the index serves both directions.
        if descending:
            return self.order_by(name_order().desc(), "-pk")
        return self.order_by(name_order().asc(), "pk")

    def published(self) -> PartnershipQuerySet:
        # `IN (true)` rather than a bare boolean test: SQLite then uses the (published, …) indexes.
        return self.filter(published__in=[True])

    def active(self) -> PartnershipQuerySet:
        return self.exclude(status=Status.BEEINDIGD)

    def of_user(self, user: Any) -> PartnershipQuerySet:
        return self.filter(Q(account_holder=user) | Q(deputy=user))

    def by_tier_rank(self, *, descending: bool = False) -> PartnershipQuerySet:
        """From most to least important tier, "nog niet afgewogen" last; then by name."""
        rank = Case(
            *(When(tier=tier.value, then=Value(tier.rank)) for tier in Tier),
            default=Value(len(Tier) + 1),
            output_field=IntegerField(),
        )
        return self.annotate(tier_rank=rank).order_by(
            "-tier_rank" if descending else "tier_rank", name_order().asc(), "pk"
        )

    def with_contribution(
        self, year: int, *, name: str = "contribution", default: Decimal | None = None
    ) -> PartnershipQuerySet:
        """Annotate `name` with the municipality's contribution in `year`.

        The one definition every page, table, open-data file, afweging (K4) and document
        uses: the budgeted money of that year (kind financieel); None, or `default`, when
        there is none. Personele inzet and in natura are never added to it: they are shown
        apart. A subquery, not a join, so that a filter on partners cannot multiply it.
        """
        amount: Any = Subquery(
            Contribution.objects.financial()
            .filter(partnership=OuterRef("pk"), year=year)
            .order_by()
            .values("budgeted")[:1],
            output_field=MONEY_OUTPUT,
        )
        if default is not None:
            amount = Coalesce(amount, Value(default), output_field=MONEY_OUTPUT)
        return self.annotate(**{name: amount})


SLUG_ATTEMPTS = 5


class Partnership(ChecksInPython, models.Model):
    """A samenwerkingsverband: the central record of the register."""

    name = models.CharField("naam", max_length=200, validators=one_line())
    # sort_key(name), kept by save() and the queryset's bulk writes: the index that sorts
    # 20,000 names on SQLite (samenwerkingswijzer/sorting.py).
    name_key = models.TextField(editable=False, default="")
    slug = models.SlugField(
        "adres op de openbare site", max_length=220, unique=True, editable=False
    )
    description = models.TextField(
        "opgave",
        max_length=TEXT_LENGTH,
        validators=lines(TEXT_LENGTH),
        help_text="Welke opgave pakt de samenwerking aan?",
    )
    goals = models.TextField(
        "doelen",
        blank=True,
        max_length=TEXT_LENGTH,
        validators=lines(TEXT_LENGTH),
        help_text="Wat wil de gemeente ermee bereiken?",
    )
    public_interest = models.TextField(
        "openbaar belang",
        blank=True,
        max_length=TEXT_LENGTH,
        validators=lines(TEXT_LENGTH),
        help_text="Welk openbaar belang dient de samenwerking (BBV)?",
    )
    motives = models.JSONField("motieven", default=list, blank=True)
    added_value_perspective = models.PositiveSmallIntegerField(
        "perspectief op meerwaarde", choices=AddedValuePerspective.choices, null=True, blank=True
    )
    nature = models.CharField("aard van de samenwerking", max_length=40, choices=Nature.choices)
    policy_domain = models.ForeignKey(
        PolicyDomain, models.PROTECT, verbose_name="beleidsveld", null=True, blank=True
    )
    budget_programme = models.ForeignKey(
        BudgetProgramme, models.PROTECT, verbose_name="begrotingsprogramma", null=True, blank=True
    )
    legal_form = models.CharField("juridische vorm", max_length=40, choices=LegalForm.choices)
    regulation = models.CharField(
        "raads- of collegeregeling", max_length=20, choices=Regulation.choices, blank=True
    )
    legally_required = models.BooleanField("wettelijk verplicht", default=False)
    powers_transferred = models.BooleanField("bevoegdheden overgedragen", default=False)
    is_verbonden_partij = models.BooleanField(
        "verbonden partij",
        default=False,
        help_text="De gemeente heeft een bestuurlijk én een financieel belang (BBV art. 1).",
    )
    bestuurlijk_belang = models.TextField(
        "bestuurlijk belang", blank=True, max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    financieel_belang = models.TextField(
        "financieel belang", blank=True, max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    registered_office = models.CharField(
        "vestigingsplaats", max_length=100, blank=True, validators=one_line()
    )
    website = models.URLField("website", blank=True, validators=one_line())
    start_date = models.DateField("startdatum", validators=PLAUSIBLE_DATE)
    end_date = models.DateField(
        "einddatum",
        null=True,
        blank=True,
        validators=PLAUSIBLE_DATE,
        help_text="Leeg: onbepaalde tijd.",
    )
    notice_period_months = models.PositiveSmallIntegerField(
        "opzegtermijn (maanden)", null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    evaluation_lead_months = models.PositiveSmallIntegerField(
        "evalueren hoeveel maanden voor het einde",
        default=3,
        validators=[MaxValueValidator(60)],
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.ACTIEF
    )
    portfolio_holder = models.CharField(
        "portefeuillehouder", max_length=150, blank=True, validators=one_line()
    )
    account_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name="accounthouder",
        null=True,
        blank=True,
        related_name="account_partnerships",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name="plaatsvervangend accounthouder",
        null=True,
        blank=True,
        related_name="deputy_partnerships",
    )
    representatives = models.TextField(
        "vertegenwoordigers",
        blank=True,
        max_length=TEXT_LENGTH,
        validators=lines(TEXT_LENGTH),
        help_text="Wie vertegenwoordigt de gemeente in welk orgaan?",
    )
    published = models.BooleanField("openbaar gepubliceerd", default=False)
    internal_notes = models.TextField(
        "interne notities",
        blank=True,
        max_length=NOTES_LENGTH,
        validators=lines(NOTES_LENGTH),
        help_text="Nooit openbaar zichtbaar.",
    )
    # The effective tier (docs/rulebook.md, section 2) is kept here, stored by the processes
    # that record an assessment or a tier decision, so tables filter and count on one column.
    tier = models.CharField("belangrijkheid", max_length=30, choices=TIER_CHOICES, blank=True)
    tier_decided_year = models.PositiveSmallIntegerField(
        "vastgesteld bij kadernota", null=True, blank=True, validators=PLAUSIBLE_YEAR
    )
    # Optimistic locking: every save through a form raises it; a stale form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)
    history = HistoricalRecords(excluded_fields=["name_key", "version", "updated_at"])

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = "samenwerkingsverband"
        verbose_name_plural = "samenwerkingsverbanden"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="partnership_end_after_start",
            ),
        ]
        indexes = [
            # The order of the overview and the internal table (by_name(), the id breaking
            # ties), so that a page reads its rows from the index instead of sorting them all.
            models.Index("published", name_order(), "id", name="partnership_pub_name_order"),
            models.Index(name_order(), "id", name="partnership_name_order"),
            models.Index(fields=["published", "name"]),
            models.Index(fields=["published", "tier"]),
            models.Index(fields=["name"]),
            models.Index(fields=["tier"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            # A save of an existing row never writes what only the system keeps: the effective
            # tier (governance/effective_tier.py) and the version (samenwerkingswijzer/editing.py)
            # are written by targeted updates, so a form saved at the same time cannot revert them.
            kwargs["update_fields"] = WRITABLE_FIELDS
        self.name_key = sort_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        if self.slug:
            super().save(*args, **kwargs)
            return
        # Two partnerships with the same name saved at the same moment both find the slug free;
        # the one that loses the race takes the next free slug instead of failing.
        for attempt in range(SLUG_ATTEMPTS):
            self.slug = self._unique_slug()
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                taken = Partnership.objects.filter(slug=self.slug).exclude(pk=self.pk).exists()
                if not taken or attempt == SLUG_ATTEMPTS - 1:
                    raise

    def get_absolute_url(self) -> str:
        return reverse("dossiers:partnership_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public:partnership_detail", args=[self.slug])

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "De einddatum ligt voor de startdatum."})
        unknown = set(self.motives or []) - set(Motive.values)
        if unknown:
            raise ValidationError({"motives": "Kies motieven uit de lijst."})

    @classmethod
    def give_free_slugs(cls, partnerships: Sequence[Partnership]) -> None:
        """Slugs for new partnerships saved together in bulk: free in the database and
        different from each other. Two queries, plus one for each name already taken."""
        bases = [_slug_base(partnership.name) for partnership in partnerships]
        taken = set(cls.objects.filter(slug__in=bases).values_list("slug", flat=True))
        for partnership, base in zip(partnerships, bases, strict=True):
            slug, n = base, 2
            if slug in taken:
                taken |= set(
                    cls.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
                )
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            partnership.slug = slug

    def _unique_slug(self) -> str:
        base = _slug_base(self.name)
        slug, n = base, 2
        while Partnership.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def tier_enum(self) -> Tier | None:
        return Tier(self.tier) if self.tier else None

    @property
    def tier_source(self) -> str:
        """Where the effective tier comes from, in the words the UI shows."""
        if not self.tier:
            return NOT_ASSESSED.lower()
        if self.tier_decided_year:
            return f"vastgesteld bij kadernota {self.tier_decided_year}"
        return "advies, nog niet vastgesteld"

    @property
    def bbv_category(self) -> BBVCategory | None:
        if not self.is_verbonden_partij:
            return None
        return BBV_CATEGORY_BY_LEGAL_FORM.get(self.legal_form, BBVCategory.OVERIG)

    @property
    def is_archived(self) -> bool:
        return self.status == Status.BEEINDIGD

    def motive_labels(self) -> list[str]:
        labels = dict(Motive.choices)
        return [labels[m] for m in self.motives if m in labels]

    def looptijd_display(self) -> str:
        start = date_short(self.start_date)
        end = date_short(self.end_date) if self.end_date else "onbepaalde tijd"
        return f"{start} – {end}"


class Participation(models.Model):
    """An organisation taking part in a partnership, with its role and share."""

    partnership = models.ForeignKey(
        Partnership,
        models.CASCADE,
        related_name="participations",
        verbose_name="samenwerkingsverband",
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="participations", verbose_name="organisatie"
    )
    role = models.CharField(
        "rol", max_length=20, choices=ParticipationRole.choices, default=ParticipationRole.DEELNEMER
    )
    share = models.DecimalField(
        "aandeel (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0"), "Een aandeel ligt tussen 0 en 100%%."),
            MaxValueValidator(Decimal("100"), "Een aandeel ligt tussen 0 en 100%%."),
        ],
        help_text="Verdeelsleutel of stemverhouding.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "deelname"
        verbose_name_plural = "deelnemers"
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="participation_once_per_partnership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def financial(self) -> ContributionQuerySet:
        """Money only (kind financieel), as `PartnershipQuerySet.with_contribution` counts it."""
        return self.filter(kind=ContributionKind.FINANCIEEL)


class Contribution(ChecksInPython, models.Model):
    """What the municipality puts in, per year and kind (money in euros, never a float)."""

    partnership = models.ForeignKey(
        Partnership,
        models.CASCADE,
        related_name="contributions",
        verbose_name="samenwerkingsverband",
    )
    year = models.PositiveSmallIntegerField("jaar", validators=PLAUSIBLE_YEAR)
    kind = models.CharField(
        "soort",
        max_length=20,
        choices=ContributionKind.choices,
        default=ContributionKind.FINANCIEEL,
    )
    budgeted = money_field("begroot (€)", validators=NOT_NEGATIVE)
    actual = money_field("werkelijk (€)", null=True, blank=True, validators=NOT_NEGATIVE)
    budget_line = models.CharField(
        "begrotingspost", max_length=150, blank=True, validators=one_line()
    )
    note = models.CharField("toelichting", max_length=300, blank=True, validators=one_line())
    history = HistoricalRecords()

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = "bijdrage"
        verbose_name_plural = "bijdragen"
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "kind"], name="contribution_once_per_year_and_kind"
            ),
            models.CheckConstraint(
                condition=Q(budgeted__gte=0), name="contribution_budgeted_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {euro(self.budgeted)}"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()


class FinancialPosition(models.Model):
    """The figures BBV art. 15 asks of a verbonden partij, per year."""

    partnership = models.ForeignKey(
        Partnership,
        models.CASCADE,
        related_name="financial_positions",
        verbose_name="samenwerkingsverband",
    )
    year = models.PositiveSmallIntegerField("jaar", validators=PLAUSIBLE_YEAR)
    equity_begin = money_field("eigen vermogen 1 januari (€)", null=True, blank=True)
    equity_end = money_field("eigen vermogen 31 december (€)", null=True, blank=True)
    debt_begin = money_field("vreemd vermogen 1 januari (€)", null=True, blank=True)
    debt_end = money_field("vreemd vermogen 31 december (€)", null=True, blank=True)
    result = money_field("financieel resultaat (€)", null=True, blank=True)
    interest_begin = models.CharField(
        "belang van de gemeente 1 januari", max_length=200, blank=True, validators=one_line()
    )
    interest_end = models.CharField(
        "belang van de gemeente 31 december", max_length=200, blank=True, validators=one_line()
    )
    risks = models.TextField(
        "risico's zonder maatregelen",
        blank=True,
        max_length=TEXT_LENGTH,
        validators=lines(TEXT_LENGTH),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "financiële positie"
        verbose_name_plural = "financiële posities"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="financial_position_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.year}"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()


class Decision(models.Model):
    """A decision about a partnership: by which body, when, with its reference and link."""

    partnership = models.ForeignKey(
        Partnership, models.CASCADE, related_name="decisions", verbose_name="samenwerkingsverband"
    )
    body = models.CharField("orgaan", max_length=30, choices=DecisionBody.choices)
    date = models.DateField("datum", validators=PLAUSIBLE_DATE)
    reference = models.CharField("kenmerk", max_length=100, blank=True, validators=one_line())
    title = models.CharField("onderwerp", max_length=300, validators=one_line())
    url = models.URLField("link", blank=True, validators=one_line())
    history = HistoricalRecords()

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.date:%d-%m-%Y}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()


# Every column a save of an existing partnership writes (see Partnership.save).
SYSTEM_FIELDS = frozenset({"id", "tier", "tier_decided_year", "version", "created_at"})
WRITABLE_FIELDS = tuple(
    f.name for f in Partnership._meta.concrete_fields if f.name not in SYSTEM_FIELDS
)
