"""The audit log: every login event, refused access and register change, with six fields."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory

from accounts import audit
from accounts.models import AuditAction, AuditEvent, AuditResult, Role, User
from accounts.signals import REGISTER_APPS, audited_models
from tests import factories

PASSWORD = "wachtwoord-voor-tests"


def assert_complete(event: AuditEvent, *, actor: str, action: str, result: str, origin: str):
    """The six fields of BIO 8.15.01: actor, time (UTC), action, object, result, origin."""
    assert event.actor_name == actor
    assert event.time.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - event.time) < timedelta(minutes=1)
    assert event.action == action
    assert event.object_type
    assert event.object_repr
    assert event.result == result
    assert event.origin == origin


@pytest.fixture
def web_request(beheerder):
    """A request by the beheerder from 10.0.0.7, as AuditMiddleware makes it known."""
    request = RequestFactory().post("/intern/", REMOTE_ADDR="10.0.0.7")
    request.user = beheerder
    token = audit.current_request.set(request)
    yield request
    audit.current_request.reset(token)


REGISTER_FACTORIES = [
    factories.PartnershipFactory,
    factories.OrganisationFactory,
    factories.PolicyDomainFactory,
    factories.BudgetProgrammeFactory,
    factories.ParticipationFactory,
    factories.ContributionFactory,
    factories.FinancialPositionFactory,
    factories.DecisionFactory,
    factories.TierDecisionFactory,
    factories.EvaluationFactory,
    factories.UserFactory,
]


@pytest.mark.parametrize("factory", REGISTER_FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_create_update_and_delete_of_register_data_are_logged(factory, web_request):
    instance = factory()
    label = instance._meta.label_lower
    instance.save()
    pk = str(instance.pk)
    instance.delete()

    events = AuditEvent.objects.filter(object_type=label, object_id=pk).order_by("pk")
    actions = [e.action for e in events]
    assert actions[0] == AuditAction.CREATE
    assert AuditAction.UPDATE in actions
    assert actions[-1] == AuditAction.DELETE
    for event in events:
        assert_complete(
            event, actor="beheerder", action=event.action, result="success", origin="10.0.0.7"
        )
        assert event.actor == web_request.user


def test_assessment_changes_are_logged(web_request):
    from governance.models import Framework

    assessment = factories.AssessmentFactory(framework=Framework.objects.get(version=1))
    event = AuditEvent.objects.get(
        object_type="governance.assessment", object_id=str(assessment.pk)
    )
    assert_complete(event, actor="beheerder", action="create", result="success", origin="10.0.0.7")


def test_every_register_model_users_and_groups_are_audited():
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    expected = {
        model
        for label in REGISTER_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges)
    }
    assert set(audited_models()) == expected | {User, Group}
    assert len(expected) >= 15


def test_role_change_of_a_user_is_logged(web_request, lezer):
    lezer.groups.add(Group.objects.get(name=Role.BEHEERDER))
    event = AuditEvent.objects.filter(object_type="accounts.user", object_id=str(lezer.pk)).first()
    assert event is not None
    assert_complete(event, actor="beheerder", action="update", result="success", origin="10.0.0.7")


def test_change_outside_a_web_request_is_logged_as_system(db):
    partnership = factories.PartnershipFactory()
    event = AuditEvent.objects.get(
        object_type="partnerships.partnership", object_id=str(partnership.pk)
    )
    assert_complete(event, actor="systeem", action="create", result="success", origin="systeem")
    assert event.actor is None


def test_change_through_a_page_names_the_user_and_address(db):
    admin = factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.force_login(admin)
    response = client.post("/admin/auth/group/add/", {"name": "griffie"})
    assert response.status_code == 302
    group = Group.objects.get(name="griffie")
    event = AuditEvent.objects.get(object_type="auth.group", object_id=str(group.pk))
    assert_complete(event, actor="admin", action="create", result="success", origin="192.0.2.10")
    assert event.object_repr == "griffie"


def test_login_and_logout_are_logged(lezer):
    client = Client(REMOTE_ADDR="192.0.2.20")
    response = client.post("/accounts/login/", {"username": "lezer", "password": PASSWORD})
    assert response.status_code == 302
    client.post("/accounts/logout/")
    login, logout = AuditEvent.objects.filter(action__in=["login", "logout"]).order_by("pk")
    assert_complete(login, actor="lezer", action="login", result="success", origin="192.0.2.20")
    assert_complete(logout, actor="lezer", action="logout", result="success", origin="192.0.2.20")
    assert login.object_type == "accounts.user"


def test_failed_login_is_logged_without_the_password(lezer):
    client = Client(REMOTE_ADDR="192.0.2.30")
    client.post("/accounts/login/", {"username": "lezer", "password": "geheim-Wachtwoord-42"})
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert_complete(
        event, actor="lezer", action="login_failed", result="failure", origin="192.0.2.30"
    )
    for row in AuditEvent.objects.values_list():
        assert not any("geheim-Wachtwoord-42" in str(value) for value in row)


def test_refused_access_is_logged(db):
    no_role = factories.UserFactory(username="zonderrol")
    client = Client(REMOTE_ADDR="192.0.2.40")
    client.force_login(no_role)
    response = client.get("/intern/samenwerkingsverbanden/?q=geheim")
    assert response.status_code == 403
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_DENIED)
    assert_complete(
        event, actor="zonderrol", action="access_denied", result="denied", origin="192.0.2.40"
    )
    assert event.object_repr == "GET /intern/samenwerkingsverbanden/"


def test_request_refused_by_csrf_protection_is_logged(db):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.50")
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_DENIED)
    assert_complete(
        event, actor="anoniem", action="access_denied", result="denied", origin="192.0.2.50"
    )


def test_audit_log_cannot_be_changed_or_deleted(web_request):
    event = audit.record(
        AuditAction.LOGIN, AuditResult.SUCCESS, object_type="accounts.user", object_repr="x"
    )
    event.result = AuditResult.FAILURE
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(result=AuditResult.FAILURE)


def test_deleting_a_user_keeps_their_events(web_request, lezer):
    factories.PartnershipFactory()
    actor = web_request.user
    web_request.user.delete()
    assert AuditEvent.objects.filter(actor_name=actor.username).exists()


def test_beheerder_reads_the_audit_log_in_the_admin_and_cannot_change_it(beheerder):
    beheerder.is_staff = True
    beheerder.save()
    factories.PartnershipFactory(name="Veiligheidsregio Zuid")
    event = AuditEvent.objects.filter(object_repr="Veiligheidsregio Zuid").first()
    client = Client()
    client.force_login(beheerder)
    listing = client.get("/admin/accounts/auditevent/")
    assert listing.status_code == 200
    assert "Veiligheidsregio Zuid" in listing.text
    detail = client.get(f"/admin/accounts/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.text
    assert client.post(f"/admin/accounts/auditevent/{event.pk}/delete/").status_code == 403
    assert client.get("/admin/accounts/auditevent/add/").status_code == 403


def test_lezer_cannot_read_the_audit_log(lezer):
    lezer.is_staff = True
    lezer.save()
    client = Client()
    client.force_login(lezer)
    assert client.get("/admin/accounts/auditevent/").status_code == 403


def test_the_beheerders_people_steps_are_logged_with_all_six_fields(web_request, lezer):
    from accounts import people
    from partnerships.reassigning import reassign_partnerships

    colleague = people.create_user(
        username="nieuw",
        first_name="Nina",
        last_name="Nieuw",
        email="n.nieuw@gemeente.example",
        roles=[Role.ACCOUNTHOUDER],
    )
    people.set_roles(colleague, [Role.LEZER])
    partnership = factories.PartnershipFactory(account_holder=colleague)
    people.deactivate(colleague)
    reassign_partnerships(colleague, web_request.user, by=web_request.user)

    lines = AuditEvent.objects.filter(
        object_type="accounts.user",
        object_id=str(colleague.pk),
        object_repr__startswith="Nina Nieuw (nieuw): ",
    ).order_by("pk")
    assert [e.object_repr.split(": ", 1)[1] for e in lines] == [
        "gebruiker aangemaakt",
        "rol accounthouder gegeven",
        "rol lezer gegeven",
        "rol accounthouder afgenomen",
        "gedeactiveerd",
    ]
    handover = AuditEvent.objects.get(
        object_type="partnerships.partnership",
        object_id=str(partnership.pk),
        object_repr__contains="overgedragen",
    )
    for event in [*lines, handover]:
        assert_complete(
            event, actor="beheerder", action=event.action, result="success", origin="10.0.0.7"
        )
