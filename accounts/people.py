"""The beheerder's work on people: create a colleague, give and take roles, deactivate.

Each step writes one line to the audit log in words a beheerder reads back ("rol
accounthouder gegeven"), next to the generic lines the signals write for every save.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest

from . import audit
from .models import AuditAction, AuditResult, Role, User
from .signals import end_sessions_of


def _record(action: AuditAction, user: User, what: str) -> None:
    audit.record(
        action,
        AuditResult.SUCCESS,
        object_type=audit.object_type_of(User),
        object_id=user.pk,
        object_repr=f"{user} ({user.get_username()}): {what}",
    )


def roles_of(user: User) -> set[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return {role for role in Role if role.value in names}


@transaction.atomic
def create_user(
    *, username: str, first_name: str, last_name: str, email: str, roles: Iterable[Role]
) -> User:
    """A new colleague with a password nobody knows: they choose their own through the link
    we send (or "wachtwoord vergeten", which skips accounts without a usable password)."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(secrets.token_urlsafe(32))
    user.save()
    _record(AuditAction.CREATE, user, "gebruiker aangemaakt")
    set_roles(user, roles)
    return user


@transaction.atomic
def set_roles(user: User, roles: Iterable[Role]) -> tuple[set[Role], set[Role]]:
    """Give and take roles so the user has exactly `roles`; returns (given, taken)."""
    wanted = set(roles)
    current = roles_of(user)
    given, taken = wanted - current, current - wanted
    groups = {group.name: group for group in Group.objects.filter(name__in=[r.value for r in Role])}
    if given:
        user.groups.add(*(groups[role.value] for role in given))
    if taken:
        user.groups.remove(*(groups[role.value] for role in taken))
    # The admin is part of the beheerder's work (reference lists, calendar, kader).
    is_staff = Role.BEHEERDER in wanted
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    for role in sorted(given):
        _record(AuditAction.UPDATE, user, f"rol {role.label.lower()} gegeven")
    for role in sorted(taken):
        _record(AuditAction.UPDATE, user, f"rol {role.label.lower()} afgenomen")
    user.__dict__.pop("_role_names", None)
    return given, taken


@transaction.atomic
def deactivate(user: User) -> int:
    """The account can no longer log in and every session ends now; the user's name stays
    on the partnerships, history and audit lines that mention them. Returns sessions ended."""
    ended = end_sessions_of(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _record(AuditAction.UPDATE, user, "gedeactiveerd")
    return ended


@transaction.atomic
def reactivate(user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    _record(AuditAction.UPDATE, user, "weer actief gemaakt")


def send_password_link(user: User, request: HttpRequest) -> None:
    """Mail the user a link to choose a password: the password reset's own token and page."""
    from .password_reset import send_password_set_link

    send_password_set_link(user, request)
    _record(AuditAction.UPDATE, user, f"link voor een wachtwoord gestuurd naar {user.email}")
