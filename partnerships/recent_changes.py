"""The latest changes of a partnership and its parts, for its page: who changed what, when.

One query (a UNION over the five history tables) instead of the full history's five plus
the field-by-field comparison; the full history has its own page (partnership_history).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast

from .choices import ContributionKind
from .history import ACTIONS
from .models import Contribution, Decision, FinancialPosition, Participation, Partnership

KINDS = {str(value): str(label).lower() for value, label in ContributionKind.choices}
TEXT = CharField()
COLUMNS = (
    "source",
    "changed_at",
    "change",
    "first_name",
    "last_name",
    "username",
    "first",
    "second",
)


@dataclass(frozen=True)
class RecentChange:
    """One saved change, without the fields: the subject, what happened, who and when."""

    when: datetime
    who: str
    subject: str
    action: str


def _rows(history: Any, key: str, pk: int, source: str, first: Any, second: Any) -> QuerySet[Any]:
    # Every part of the UNION selects the same columns in the same order.
    return (
        history.filter(**{key: pk})
        .order_by()
        .annotate(
            source=Value(source, output_field=TEXT),
            changed_at=F("history_date"),
            change=F("history_type"),
            first_name=F("history_user__first_name"),
            last_name=F("history_user__last_name"),
            username=F("history_user__username"),
            first=first,
            second=second,
        )
        .values_list(*COLUMNS)
    )


def _subject(source: str, first: str | None, second: str | None) -> str:
    if source == "partner":
        return f"Partner {first or ''}".strip()
    if source == "bijdrage":
        return f"Bijdrage {first} ({KINDS.get(second or '', second)})"
    if source == "positie":
        return f"Financiële positie {first}"
    if source == "besluit":
        return f"Besluit: {first}"
    return "Samenwerkingsverband"


def _who(first_name: str | None, last_name: str | None, username: str | None) -> str:
    # As User.__str__: the full name, else the username; no user means a script or import.
    if username is None:
        return "het systeem"
    return f"{first_name} {last_name}".strip() or username


def recent_changes(partnership: Partnership, limit: int) -> list[RecentChange]:
    """The `limit` latest changes of the partnership and its parts, newest first."""
    blank = Value("", output_field=TEXT)
    pk = partnership.pk
    parts = [
        _rows(Partnership.history, "id", pk, "verband", blank, blank),  # type: ignore[attr-defined]
        _rows(
            Participation.history,  # type: ignore[attr-defined]
            "partnership_id",
            pk,
            "partner",
            F("organisation__name"),
            blank,
        ),
        _rows(
            Contribution.history,  # type: ignore[attr-defined]
            "partnership_id",
            pk,
            "bijdrage",
            Cast("year", TEXT),
            F("kind"),
        ),
        _rows(
            FinancialPosition.history,  # type: ignore[attr-defined]
            "partnership_id",
            pk,
            "positie",
            Cast("year", TEXT),
            blank,
        ),
        _rows(Decision.history, "partnership_id", pk, "besluit", F("title"), blank),  # type: ignore[attr-defined]
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by("-changed_at")[:limit]
    return [
        RecentChange(
            when=changed_at,
            who=_who(first_name, last_name, username),
            subject=_subject(source, first, second),
            action=ACTIONS.get(change, change),
        )
        for source, changed_at, change, first_name, last_name, username, first, second in rows
    ]
