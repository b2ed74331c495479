"""Merging two organisations that are the same one, entered twice.

Every link to the duplicate moves to the organisation that stays (each record saved, so its
history and the audit log show the move), empty details of the one that stays are filled from
the duplicate, and then the duplicate is deleted. A merge that would make one organisation
take part twice in the same partnership is refused: the beheerder decides which of the two
participations (role, share) is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from simple_history.models import HistoricalChanges

from accounts import audit
from accounts.models import AuditAction, AuditResult
from samenwerkingswijzer.formatting import count_of

from .models import Organisation, Partnership

# Details the one that stays takes over from the duplicate when it has none of its own.
FILLED_FROM_DUPLICATE = ("place", "website")


@dataclass(frozen=True)
class MergePreview:
    """What a merge would do, or why it cannot."""

    moving: dict[str, int]  # per kind of record (plural, Dutch): how many move over
    problems: list[str]

    @property
    def total(self) -> int:
        return sum(self.moving.values())


def _links() -> list[models.ForeignObject[Any, Any]]:
    """Every foreign key to an organisation, except those of the history tables."""
    return [
        relation.remote_field
        for relation in Organisation._meta.related_objects
        if relation.one_to_many and not issubclass(relation.related_model, HistoricalChanges)
    ]


def merge_preview(keep: Organisation, duplicate: Organisation) -> MergePreview:
    if keep.pk == duplicate.pk:
        return MergePreview({}, ["Kies twee verschillende organisaties."])
    moving = {}
    for link in _links():
        count = link.model._default_manager.filter(**{link.name: duplicate}).count()
        if count:
            moving[str(link.model._meta.verbose_name_plural)] = count
    both = (
        Partnership.objects.filter(participations__organisation=duplicate)
        .filter(participations__organisation=keep)
        .order_by("name")
        .values_list("name", flat=True)
    )
    problems = [
        f"{keep} en {duplicate} doen allebei mee aan {name}. Een organisatie kan maar één keer "
        f"deelnemen. Haal bij dat samenwerkingsverband eerst één van de twee weg (kies welke "
        f"rol en welk aandeel kloppen), en voeg daarna samen."
        for name in both
    ]
    return MergePreview(moving, problems)


class MergeRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@transaction.atomic
def merge_organisations(keep: Organisation, duplicate: Organisation) -> MergePreview:
    """Move everything of `duplicate` to `keep` and delete `duplicate`; all or nothing."""
    # Lock both, so a participation added to the duplicate meanwhile waits for the merge.
    locked = {
        o.pk: o
        for o in Organisation.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
    }
    if len(locked) != 2:
        raise MergeRefused(["Een van de twee organisaties bestaat niet meer."])
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    preview = merge_preview(keep, duplicate)
    if preview.problems:
        raise MergeRefused(preview.problems)
    for link in _links():
        for record in link.model._default_manager.filter(**{link.name: duplicate}):
            setattr(record, link.name, keep)
            record.save(update_fields=[link.name])
    filled = [
        name
        for name in FILLED_FROM_DUPLICATE
        if not getattr(keep, name) and getattr(duplicate, name)
    ]
    for name in filled:
        setattr(keep, name, getattr(duplicate, name))
    if filled:
        keep.save(update_fields=filled)
    name, pk = str(duplicate), duplicate.pk
    duplicate.delete()
    audit.record(
        AuditAction.UPDATE,
        AuditResult.SUCCESS,
        object_type=audit.object_type_of(Organisation),
        object_id=keep.pk,
        object_repr=f"{keep}: samengevoegd met {name} (id {pk}), "
        f"{count_of(preview.total, 'koppeling', 'koppelingen')} overgezet",
    )
    return preview
