"""Who may do what: every permission of the application, in one place.

Roles come from groups (accounts.Role); object rules from the partnership's accounthouder
and deputy. Views ask `user.has_perm(name, obj)`; templates ask `{% has_perm %}`.
"""

from typing import Any

import rules
from django.db.models import Q

from .models import Role


@rules.predicate
def is_beheerder(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.BEHEERDER))


@rules.predicate
def is_accounthouder(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.ACCOUNTHOUDER))


@rules.predicate
def is_lezer(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.LEZER))


def _partnership_of(obj: Any) -> Any:
    """The partnership an object belongs to (the object itself for a partnership)."""
    return getattr(obj, "partnership", obj)


@rules.predicate
def is_own_partnership(user: Any, obj: Any) -> bool:
    partnership = _partnership_of(obj)
    if partnership is None or not user.is_authenticated:
        return False
    return user.pk in (partnership.account_holder_id, partnership.deputy_id)


@rules.predicate
def is_completed_evaluation(user: Any, evaluation: Any) -> bool:
    return evaluation is not None and evaluation.is_completed


@rules.predicate
def takes_part_in_own_partnership(user: Any, organisation: Any) -> bool:
    """The organisation is a partner in a partnership the user keeps (accounthouder or deputy).

    Without an organisation the question is whether the user may edit organisations at all
    (the list shows the edit links); the edit page asks again for its organisation.
    """
    if organisation is None:
        return True
    if not user.is_authenticated or organisation.pk is None:
        return False
    return bool(
        organisation.participations.filter(
            Q(partnership__account_holder=user) | Q(partnership__deputy=user)
        ).exists()
    )


reads_internal = is_lezer | is_accounthouder | is_beheerder
edits_own = is_beheerder | (is_accounthouder & is_own_partnership)

rules.add_perm("partnerships.view_internal", reads_internal)
rules.add_perm("partnerships.add_partnership", is_accounthouder | is_beheerder)
rules.add_perm("partnerships.change_partnership", edits_own)
# Archiving, reactivating and publishing are the beheerder's (an accounthouder proposes them).
rules.add_perm("partnerships.archive_partnership", is_beheerder)
rules.add_perm("partnerships.reactivate_partnership", is_beheerder)
rules.add_perm("partnerships.publish_partnership", is_beheerder)
rules.add_perm("partnerships.delete_partnership", is_beheerder)
rules.add_perm("partnerships.add_organisation", is_accounthouder | is_beheerder)
rules.add_perm(
    "partnerships.change_organisation",
    is_beheerder | (is_accounthouder & takes_part_in_own_partnership),
)

rules.add_perm("governance.add_assessment", edits_own)
rules.add_perm("governance.decide_tiers", is_beheerder)
rules.add_perm("governance.change_framework", is_beheerder)

rules.add_perm("evaluations.add_evaluation", edits_own)
rules.add_perm(
    "evaluations.change_evaluation", is_beheerder | (edits_own & ~is_completed_evaluation)
)
rules.add_perm("evaluations.publish_evaluation", is_beheerder)
# Undoing a completion is the beheerder's, like every change after completing.
rules.add_perm("evaluations.reopen_evaluation", is_beheerder)
rules.add_perm("evaluations.change_planningcalendar", is_beheerder)

rules.add_perm("accounts.manage_users", is_beheerder)
rules.add_perm("partnerships.reassign_partnerships", is_beheerder)
rules.add_perm("partnerships.merge_organisations", is_beheerder)

rules.add_perm("reports.view_reports", reads_internal)
rules.add_perm("reports.record_adoption", is_beheerder)

# A lost phone: the beheerder removes the app (and the recovery codes) in the admin, so the next
# login sets up a new one. Nobody sees or copies a secret there (OTP_ADMIN_HIDE_SENSITIVE_DATA).
rules.add_perm("otp_totp.view_totpdevice", is_beheerder)
rules.add_perm("otp_totp.delete_totpdevice", is_beheerder)
rules.add_perm("otp_static.view_staticdevice", is_beheerder)
rules.add_perm("otp_static.delete_staticdevice", is_beheerder)
rules.add_perm("imports.import_register", is_beheerder)
