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
