"""Which documents the raad adopted: the only reason a cover may say "Vastgesteld"."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from samenwerkingswijzer.formatting import date_long


class AdoptableDocument(models.TextChoices):
    """The year documents of the reports page; the values are their URL slugs."""

    KADERNOTA = "kadernota", "Kadernota"
    JAARREKENING = "jaarrekening", "Jaarrekening"
    LANGE_TERMIJN_AGENDA = "lange-termijn-agenda", "Lange termijn agenda"
    VERBONDEN_PARTIJEN = "verbonden-partijen", "Paragraaf verbonden partijen"


class DocumentAdoption(models.Model):
    """The raad adopted one year's document, on a date; a beheerder recorded it."""

    document = models.CharField("document", max_length=40, choices=AdoptableDocument.choices)
    year = models.PositiveSmallIntegerField(
        "jaar", validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    adopted_on = models.DateField("vastgesteld door de raad op")
    reference = models.CharField(
        "kenmerk raadsbesluit",
        max_length=100,
        blank=True,
        help_text="Bijvoorbeeld het nummer van het raadsbesluit. Mag leeg blijven.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name="vastgelegd door",
    )
    recorded_at = models.DateTimeField("vastgelegd op", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "vaststelling door de raad"
        verbose_name_plural = "vaststellingen door de raad"
        ordering = ["-year", "document"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "year"], name="document_adopted_once_per_year"
            ),
        ]
        permissions = [
            ("record_adoption", "Kan vastleggen dat de raad een document heeft vastgesteld"),
        ]

    def __str__(self) -> str:
        adopted_on = date_long(self.adopted_on)
        return f"{self.get_document_display()} {self.year}, vastgesteld op {adopted_on}"

    def get_absolute_url(self) -> str:
        return f"{reverse('reports:index')}?year={self.year}"


class DocumentJob(models.Model):
    """One year document for one version of the register: queued, made by a worker, then kept.

    The same document, year and data version is made once: asking again finds this row. The
    PDF lies in a file under MEDIA_ROOT, not in the database: a jaarrekening of a large register
    runs to tens of megabytes, which a download then streams from disk instead of holding in
    memory, and which stay out of the database backups.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "In de wachtrij"
        RUNNING = "running", "Wordt gemaakt"
        DONE = "done", "Klaar"
        FAILED = "failed", "Mislukt"

    document = models.CharField("document", max_length=40, choices=AdoptableDocument.choices)
    year = models.PositiveSmallIntegerField(
        "jaar", validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    data_version = models.CharField("versie van de gegevens", max_length=64)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField("verwerkt", default=0)
    total = models.PositiveIntegerField("totaal", default=0)
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    error = models.CharField("melding", max_length=300, blank=True)
    file = models.FileField("bestand", upload_to="documenten/%Y/", blank=True)
    filename = models.CharField("bestandsnaam", max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gevraagd door",
    )
    created_at = models.DateTimeField("gevraagd op", auto_now_add=True)
    started_at = models.DateTimeField("begonnen op", null=True, blank=True)
    finished_at = models.DateTimeField("klaar op", null=True, blank=True)

    class Meta:
        verbose_name = "document in de maak"
        verbose_name_plural = "documenten in de maak"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "year", "data_version"], name="document_made_once_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()} {self.year} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("reports:document_job", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
