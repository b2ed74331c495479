"""Evaluations of partnerships, the standard questions, and the P&C calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from partnerships.tiers import Tier
from samenwerkingswijzer.validators import (
    NOTES_LENGTH,
    PLAUSIBLE_DATE,
    PLAUSIBLE_YEAR,
    TEXT_LENGTH,
    lines,
    one_line,
    validate_lines,
)


class EvaluationKind(models.TextChoices):
    JAARLIJKS = "jaarlijks", "Jaarlijkse evaluatie"
    VOLLEDIG = "volledig", "Volledige evaluatie"
    EINDE_LOOPTIJD = "einde_looptijd", "Einde-looptijd evaluatie"
    MIJLPAAL = "mijlpaal", "Mijlpaal"
    TUSSENTIJDS = "tussentijds", "Tussentijdse evaluatie"


class EvaluationStatus(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    IN_UITVOERING = "in_uitvoering", "In uitvoering"
    AFGEROND = "afgerond", "Afgerond"
    VERVALLEN = "vervallen", "Vervallen"


# Planned or running: what still has to happen, on the dashboard, the agenda and reminders.
OPEN_STATUSES = (EvaluationStatus.GEPLAND, EvaluationStatus.IN_UITVOERING)


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def open(self) -> EvaluationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Advice(models.TextChoices):
    VOORTZETTEN = "voortzetten", "Voortzetten"
    BIJSTUREN = "bijsturen", "Voortzetten met bijsturing"
    HEROVERWEGEN = "heroverwegen", "Heroverwegen"
    BEEINDIGEN = "beeindigen", "Beëindigen"


class AnswerStatus(models.TextChoices):
    GOED = "goed", "Goed"
    AANDACHT = "aandacht", "Aandacht"
    ZORG = "zorg", "Zorg"
    NVT = "nvt", "N.v.t."


class PlanningCalendar(models.Model):
    """The dates of the P&C documents in the raad for one year."""

    year = models.PositiveSmallIntegerField("jaar", unique=True, validators=PLAUSIBLE_YEAR)
    kadernota_date = models.DateField("kadernota in de raad", validators=PLAUSIBLE_DATE)
    jaarrekening_date = models.DateField("jaarrekening in de raad", validators=PLAUSIBLE_DATE)
    begroting_date = models.DateField("begroting in de raad", validators=PLAUSIBLE_DATE)

    class Meta:
        verbose_name = "P&C-kalender"
        verbose_name_plural = "P&C-kalender"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"P&C-kalender {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("admin:evaluations_planningcalendar_change", args=[self.pk])

    @classmethod
    def default_for(cls, year: int) -> PlanningCalendar:
        """Sensible dates when the beheerder has not set the year (not saved)."""
        return cls(
            year=year,
            kadernota_date=date(year, 7, 1),
            jaarrekening_date=date(year, 6, 30),
            begroting_date=date(year, 11, 10),
        )


class EvaluationQuestion(models.Model):
    """A standard evaluation question (docs/rulebook.md, section 4), kept by the beheerder."""

    text = models.CharField("vraag", max_length=300, validators=one_line())
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    is_active = models.BooleanField("in gebruik", default=True)

    class Meta:
        verbose_name = "evaluatievraag"
        verbose_name_plural = "evaluatievragen"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("admin:evaluations_evaluationquestion_change", args=[self.pk])


REOPEN_REASON = "Heropend door een beheerder: de afronding is ongedaan gemaakt"


class Evaluation(models.Model):
    """An evaluation of a partnership: planned by rule or by hand, then carried out."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField("soort", max_length=20, choices=EvaluationKind.choices)
    title = models.CharField("omschrijving", max_length=200, blank=True, validators=one_line())
    due_date = models.DateField("uiterlijk klaar op", validators=PLAUSIBLE_DATE)
    # The rule that planned it and its key (e.g. "E1:2026"); empty when planned by hand.
    rule = models.CharField("regel", max_length=5, blank=True)
    rule_key = models.CharField(max_length=40, blank=True, editable=False)
    status = models.CharField(
        "status", max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.GEPLAND
    )
    # A reason is typed in a text area, so it may run over several lines.
    lapse_reason = models.CharField(
        "reden vervallen", max_length=300, blank=True, validators=[validate_lines]
    )
    on_council_agenda = models.BooleanField("op de agenda van de raad", default=False)
    council_agenda_date = models.DateField(
        "datum raadsagenda", null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    conclusion = models.TextField(
        "conclusie", blank=True, max_length=NOTES_LENGTH, validators=lines(NOTES_LENGTH)
    )
    advice = models.CharField("advies", max_length=20, choices=Advice.choices, blank=True)
    lessons_learned = models.TextField(
        "lessen", blank=True, max_length=NOTES_LENGTH, validators=lines(NOTES_LENGTH)
    )
    published = models.BooleanField("openbaar", default=False)
    started_on = models.DateField("gestart op", null=True, blank=True, validators=PLAUSIBLE_DATE)
    completed_on = models.DateField("afgerond op", null=True, blank=True, validators=PLAUSIBLE_DATE)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="afgerond door",
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)
    objects = EvaluationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = "evaluatie"
        verbose_name_plural = "evaluaties"
        ordering = ["due_date", "pk"]
        constraints = [
            # The planner never plans the same rule occurrence twice.
            models.UniqueConstraint(
                fields=["partnership", "rule_key"],
                condition=~models.Q(rule_key=""),
                name="evaluation_rule_key_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return (
            f"{self.title or self.get_kind_display()} {self.partnership} ({self.due_date:%d-%m-%Y})"
        )

    def get_absolute_url(self) -> str:
        return reverse("evaluations:evaluation_detail", args=[self.pk])

    def clean(self) -> None:
        if self.status == EvaluationStatus.VERVALLEN and not self.lapse_reason:
            raise ValidationError({"lapse_reason": "Geef aan waarom de evaluatie vervalt."})

    @property
    def is_completed(self) -> bool:
        return self.status == EvaluationStatus.AFGEROND

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date < (today or date.today())

    @property
    def asks_council_agenda_date(self) -> bool:
        """A volledige evaluatie of a politiek zeer belangrijk partnership goes to the raad."""
        return self.on_council_agenda or (
            self.kind == EvaluationKind.VOLLEDIG
            and self.partnership.tier == Tier.POLITIEK_ZEER_BELANGRIJK
        )

    @property
    def can_start(self) -> bool:
        return self.status == EvaluationStatus.GEPLAND

    def start(self, today: date) -> None:
        """Begin the evaluation: one empty answer per active standard question."""
        self.status = EvaluationStatus.IN_UITVOERING
        self.started_on = today
        self.save(update_fields=["status", "started_on", "version", "updated_at"])
        answered = set(self.answers.values_list("question_id", flat=True))
        missing = EvaluationQuestion.objects.filter(is_active=True).exclude(pk__in=answered)
        bulk_create_with_history(
            [EvaluationAnswer(evaluation=self, question=q) for q in missing], EvaluationAnswer
        )

    def complete(self, user: Any, today: date) -> None:
        """Record the evaluation as afgerond; from now on only a beheerder may change it."""
        self.status = EvaluationStatus.AFGEROND
        self.completed_on = today
        self.completed_by = user
        self.save(update_fields=["status", "completed_on", "completed_by", "version", "updated_at"])

    def reopen(self) -> None:
        """Undo the completion (a beheerder's correction): in uitvoering again, answers kept."""
        self.status = EvaluationStatus.IN_UITVOERING
        self.completed_on = None
        self.completed_by = None
        # The history says why the completion disappeared.
        self._change_reason = REOPEN_REASON  # type: ignore[attr-defined]
        self.save(update_fields=["status", "completed_on", "completed_by", "version", "updated_at"])

    def lapse(self, reason: str) -> None:
        """It will not be carried out (vervallen); kept, with the reason, never deleted."""
        self.status = EvaluationStatus.VERVALLEN
        self.lapse_reason = reason
        self.save(update_fields=["status", "lapse_reason", "version", "updated_at"])

    def completion_problems(self, answers: list[EvaluationAnswer]) -> list[str]:
        """What is still missing before the evaluation can be completed (Dutch, for the user)."""
        problems = []
        if self.status != EvaluationStatus.IN_UITVOERING:
            problems.append("Alleen een evaluatie die in uitvoering is, kunt u afronden.")
        unanswered = [a.question.text for a in answers if not a.status]
        if unanswered:
            problems.append("Geef bij elke vraag een oordeel. Nog open: " + "; ".join(unanswered))
        if not self.conclusion.strip():
            problems.append("Schrijf een conclusie.")
        if not self.advice:
            problems.append("Kies een advies.")
        return problems


class ReminderLog(models.Model):
    """A reminder mailed about an evaluation, so that the next run does not send it again."""

    class Reason(models.TextChoices):
        DUE_SOON = "binnenkort", "Binnenkort klaar"
        OVERDUE = "verlopen", "Verlopen"

    evaluation = models.ForeignKey(Evaluation, models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="ontvanger"
    )
    reason = models.CharField("reden", max_length=20, choices=Reason.choices)
    sent_at = models.DateTimeField("verstuurd", auto_now_add=True)

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "recipient", "reason"], name="reminder_once_per_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Herinnering {self.get_reason_display().lower()}: {self.evaluation}"

    def get_absolute_url(self) -> str:
        return self.evaluation.get_absolute_url()


class EvaluationAnswer(models.Model):
    """The answer to one standard question in one evaluation."""

    evaluation = models.ForeignKey(Evaluation, models.CASCADE, related_name="answers")
    question = models.ForeignKey(EvaluationQuestion, models.PROTECT, related_name="answers")
    status = models.CharField("oordeel", max_length=10, choices=AnswerStatus.choices, blank=True)
    note = models.TextField(
        "toelichting", blank=True, max_length=TEXT_LENGTH, validators=lines(TEXT_LENGTH)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        ordering = ["question__order", "question__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "question"], name="answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return self.evaluation.get_absolute_url()
