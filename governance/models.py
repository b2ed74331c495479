"""The afwegingskader as versioned data, assessments, and the kadernota tier decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.tiers import TIER_CHOICES, Tier
from samenwerkingswijzer.validators import (
    LINE_LENGTH,
    NOTES_LENGTH,
    PLAUSIBLE_DATE,
    PLAUSIBLE_YEAR,
    TEXT_LENGTH,
    lines,
    one_line,
)


class Framework(models.Model):
    """One version of the afwegingskader. Assessments keep the version they used."""

    version = models.PositiveSmallIntegerField("versie", unique=True)
    name = models.CharField("naam", max_length=150, validators=one_line())
    is_active = models.BooleanField("in gebruik", default=False)
    notes = models.TextField(
        "toelichting", blank=True, max_length=NOTES_LENGTH, validators=lines(NOTES_LENGTH)
    )
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)

    class Meta:
        verbose_name = "afwegingskader"
        verbose_name_plural = "afwegingskaders"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_framework"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (versie {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("admin:governance_framework_change", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        """A version in use, or used by an afweging, keeps its parts: change means a new version.

        Assessments keep the version they used, so changing its questions afterwards would
        change what those afwegingen meant.
        """
        return self.pk is not None and (self.is_active or self.assessments.exists())


class Prefill(models.TextChoices):
    NONE = "", "Niet vooraf ingevuld"
    CONTRIBUTIONS = "contributions", "Uit de financiële bijdragen"
    LEGAL_ROLE = "legal_role", "Uit de juridische vorm en regeling"


class Criterion(models.Model):
    """A criterion (K1..K4) with its answer options and their points."""

    framework = models.ForeignKey(Framework, models.CASCADE, related_name="criteria")
    code = models.CharField("code", max_length=10, validators=one_line())
    text = models.CharField("vraag", max_length=300, validators=one_line())
    help_text = models.TextField(
        "uitleg", blank=True, max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    # A list of {"label": ..., "points": ...}, in the order shown.
    options = models.JSONField("antwoorden")
    prefill = models.CharField(
        "vooraf ingevuld", max_length=20, choices=Prefill.choices, blank=True
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "criterium"
        verbose_name_plural = "criteria"
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="criterion_code_per_framework"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def get_absolute_url(self) -> str:
        return self.framework.get_absolute_url()


class Qualifier(models.Model):
    """A yes/no qualifier (Q1, Q2) that can lift the advised tier."""

    framework = models.ForeignKey(Framework, models.CASCADE, related_name="qualifiers")
    code = models.CharField("code", max_length=10, validators=one_line())
    text = models.CharField("vraag", max_length=300, validators=one_line())
    short_label = models.CharField(
        "korte naam",
        max_length=60,
        validators=one_line(),
        help_text="Bijvoorbeeld 'raad bevoegd'.",
    )
    help_text = models.TextField(
        "uitleg", blank=True, max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    prefill = models.CharField(
        "vooraf ingevuld", max_length=20, choices=Prefill.choices, blank=True
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "kwalificatie"
        verbose_name_plural = "kwalificaties"
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="qualifier_code_per_framework"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def get_absolute_url(self) -> str:
        return self.framework.get_absolute_url()


class TierRule(models.Model):
    """An ordered rule: the first whose conditions hold gives the advised tier."""

    framework = models.ForeignKey(Framework, models.CASCADE, related_name="rules")
    order = models.PositiveSmallIntegerField("volgorde")
    min_score = models.PositiveSmallIntegerField("minimale score S", default=0)
    min_qualifiers = models.PositiveSmallIntegerField("minimaal aantal kwalificaties Q", default=0)
    required_qualifier = models.CharField(
        "vereiste kwalificatie",
        max_length=10,
        blank=True,
        validators=one_line(),
        help_text="Code, bijvoorbeeld Q2.",
    )
    tier = models.CharField("belangrijkheid", max_length=30, choices=TIER_CHOICES)

    class Meta:
        verbose_name = "regel"
        verbose_name_plural = "regels"
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "order"], name="rule_order_per_framework"),
        ]

    def __str__(self) -> str:
        return f"Regel {self.order}: {self.get_tier_display()}"

    def get_absolute_url(self) -> str:
        return self.framework.get_absolute_url()


class Assessment(models.Model):
    """A dated, signed afweging of one partnership, with the outcome it gave."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="assessments"
    )
    framework = models.ForeignKey(Framework, models.PROTECT, related_name="assessments")
    assessed_on = models.DateField("datum", validators=PLAUSIBLE_DATE)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, verbose_name="afgewogen door"
    )
    criterion_answers = models.JSONField("antwoorden criteria", default=dict)
    qualifier_answers = models.JSONField("antwoorden kwalificaties", default=dict)
    score = models.PositiveSmallIntegerField("score S")
    qualifier_count = models.PositiveSmallIntegerField("aantal kwalificaties Q")
    matched_rule = models.PositiveSmallIntegerField("regel")
    explanation = models.CharField("uitleg", max_length=LINE_LENGTH, validators=one_line())
    advised_tier = models.CharField(
        "geadviseerde belangrijkheid", max_length=30, choices=TIER_CHOICES
    )
    chosen_tier = models.CharField("gekozen belangrijkheid", max_length=30, choices=TIER_CHOICES)
    motivation = models.TextField(
        "motivering afwijking", blank=True, max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    created_at = models.DateTimeField("vastgelegd", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "afweging"
        verbose_name_plural = "afwegingen"
        ordering = ["-assessed_on", "-created_at"]
        get_latest_by = ["assessed_on", "created_at"]

    def __str__(self) -> str:
        return f"Afweging {self.partnership} {self.assessed_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:assessment", args=[self.partnership_id])

    @property
    def deviates(self) -> bool:
        return self.chosen_tier != self.advised_tier


class TierDecision(models.Model):
    """The tier that raad and college fixed for a partnership at the kadernota of a year."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="tier_decisions"
    )
    year = models.PositiveSmallIntegerField("kadernota", validators=PLAUSIBLE_YEAR)
    tier = models.CharField("belangrijkheid", max_length=30, choices=TIER_CHOICES)
    political_topics = models.TextField(
        "politiek relevante onderwerpen",
        blank=True,
        max_length=TEXT_LENGTH,
        validators=lines(TEXT_LENGTH),
    )
    mandate = models.TextField(
        "mandaat van het college", blank=True, max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    motivation = models.TextField(
        "motivering afwijking van het advies",
        blank=True,
        max_length=TEXT_LENGTH,
        validators=lines(TEXT_LENGTH),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, verbose_name="vastgelegd door"
    )
    created_at = models.DateTimeField("vastgelegd", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "besluit belangrijkheid"
        verbose_name_plural = "besluiten belangrijkheid"
        ordering = ["-year"]
        get_latest_by = "year"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="one_tier_decision_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_tier_display()} (kadernota {self.year})"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:kadernota", args=[self.year])


class TierRegime(models.Model):
    """What a tier asks: information to the raad, risk analyses, evaluations, instruments."""

    tier = models.CharField("belangrijkheid", max_length=30, choices=TIER_CHOICES, unique=True)
    role_division = models.TextField(
        "rolverdeling", max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    council_information = models.TextField(
        "informatie aan de raad", max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    risk_analyses_per_year = models.PositiveSmallIntegerField("risicoanalyses per jaar", default=0)
    evaluation = models.TextField(
        "evaluatie", max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    instruments = models.TextField(
        "afspraken en instrumenten", max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )

    class Meta:
        verbose_name = "governance regime per belangrijkheid"
        verbose_name_plural = "governance regimes per belangrijkheid"
        ordering = ["tier"]

    def __str__(self) -> str:
        return Tier(self.tier).label

    def get_absolute_url(self) -> str:
        return reverse("admin:governance_tierregime_change", args=[self.pk])
