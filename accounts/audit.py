"""Writing the audit log: who did what to which object, when, from where, with what result.

The request being handled is kept in a context variable by `AuditMiddleware`, so signal
handlers deep in a save can still name the actor and the origin address.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.http import HttpRequest

from samenwerkingswijzer.security import client_ip

from .models import AuditAction, AuditEvent, AuditResult

SYSTEM = "systeem"
ANONYMOUS = "anoniem"

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)
# Who acts when there is no request: a management command run for a named user.
current_actor: ContextVar[Any] = ContextVar("current_actor", default=None)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Changes made inside are recorded as `user`'s, also without a request."""
    token = current_actor.set(user)
    try:
        yield
    finally:
        current_actor.reset(token)


def _actor_of(request: HttpRequest | None) -> tuple[Any, str]:
    user = getattr(request, "user", None) if request is not None else current_actor.get()
    if user is None:
        return None, SYSTEM
    if not user.is_authenticated:
        return None, ANONYMOUS
    return user, user.get_username()


def object_type_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def record(
    action: AuditAction,
    result: AuditResult,
    *,
    object_type: str,
    object_id: object = "",
    object_repr: str,
    request: HttpRequest | None = None,
    actor: Any = None,
    actor_name: str = "",
) -> AuditEvent:
    """Append one event. Actor and origin come from the request unless given."""
    request = request if request is not None else current_request.get()
    if actor is None and not actor_name:
        actor, actor_name = _actor_of(request)
    origin = (client_ip(request) if request is not None else "") or SYSTEM
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=actor_name[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:255],
        object_repr=object_repr[:200],
        result=result,
        origin=origin[:64],
    )


def record_created(instances: Sequence[models.Model], *, actor: Any) -> None:
    """One creation event per instance, written at once: for rows saved in bulk, which send
    no signals (the import)."""
    request = current_request.get()
    origin = (client_ip(request) if request is not None else "") or SYSTEM
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor,
            actor_name=actor.get_username()[:150],
            action=AuditAction.CREATE,
            object_type=object_type_of(type(instance)),
            object_id=str(instance.pk),
            object_repr=str(instance)[:200],
            result=AuditResult.SUCCESS,
            origin=origin[:64],
        )
        for instance in instances
    )


def record_change(action: AuditAction, instance: models.Model) -> AuditEvent:
    actor, actor_name = _actor_of(current_request.get())
    if action == AuditAction.DELETE and actor is not None and actor == instance:
        # A user who deletes their own account: the row the event would point to is gone.
        actor = None
    return record(
        action,
        AuditResult.SUCCESS,
        object_type=object_type_of(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance),
        actor=actor,
        actor_name=actor_name,
    )
