"""Archiving (beëindigen) and reactivating a partnership: never delete, keep the history.

Status is a planning fact: archiving lapses the planned evaluations, reactivating plans them
again. The partnership's version is raised, so an edit form opened before stays aware of it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from partnerships.choices import Status
from partnerships.models import Partnership

from .replanning import replan


@transaction.atomic
def archive(partnership: Partnership) -> Partnership:
    return _set_status(partnership, Status.BEEINDIGD)


@transaction.atomic
def reactivate(partnership: Partnership) -> Partnership:
    return _set_status(partnership, Status.ACTIEF)


def _set_status(partnership: Partnership, status: str) -> Partnership:
    # Take the row's write lock first, then read it: the history records what is stored.
    Partnership.objects.filter(pk=partnership.pk).update(version=F("version") + 1)
    current = Partnership.objects.get(pk=partnership.pk)
    if current.status != status:
        current.status = status
        current.save(update_fields=["status", "updated_at"])
        replan([current.pk])
    return current
