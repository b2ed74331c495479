"""The beheerder's upkeep of the register: merging organisations, handing over partnerships,
the lists in the admin without 403, and each change in the audit log."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Role
from evaluations.models import EvaluationAnswer, EvaluationQuestion, EvaluationStatus
from partnerships.models import Organisation, Participation, PolicyDomain
from partnerships.organisations import MergeRefused, merge_organisations
from partnerships.reassigning import reassign_partnerships
from tests.factories import (
    EvaluationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MERGE = reverse("partnerships:organisation_merge")


def test_merging_moves_every_participation_and_removes_the_duplicate(beheerder_client):
    keep = OrganisationFactory(name="Gemeente Vlaardingen", place="", website="")
    duplicate = OrganisationFactory(
        name="Gem. Vlaardingen", place="Vlaardingen", website="https://vlaardingen.nl"
    )
    moved = ParticipationFactory.create_batch(2, organisation=duplicate)
    ParticipationFactory(organisation=keep)

    preview = beheerder_client.post(MERGE, {"keep": keep.pk, "duplicate": duplicate.pk})
    assert "2 deelnemers gaan over" in preview.content.decode()
    assert Organisation.objects.filter(pk=duplicate.pk).exists()  # nothing happened yet

    response = beheerder_client.post(
        MERGE, {"keep": keep.pk, "duplicate": duplicate.pk, "bevestigen": "1"}, follow=True
    )
    assert "Gem. Vlaardingen is samengevoegd met Gemeente Vlaardingen" in (
        response.content.decode()
    )
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Participation.objects.filter(organisation=keep).count() == 3
    for participation in moved:
        participation.refresh_from_db()
        assert participation.organisation == keep
        # The move is in the participation's own history.
        assert participation.history.first().organisation_id == keep.pk
    keep.refresh_from_db()
    assert (keep.place, keep.website) == ("Vlaardingen", "https://vlaardingen.nl")
    event = AuditEvent.objects.filter(object_type="partnerships.organisation").first()
    assert event.actor_name == "beheerder"
    assert "samengevoegd met Gem. Vlaardingen" in event.object_repr


def test_a_merge_that_would_put_one_organisation_twice_in_a_partnership_is_refused(
    beheerder_client,
):
    keep, duplicate = OrganisationFactory(), OrganisationFactory()
    shared = PartnershipFactory(name="Regionale Uitvoeringsdienst")
    ParticipationFactory(partnership=shared, organisation=keep)
    ParticipationFactory(partnership=shared, organisation=duplicate)

    preview = beheerder_client.post(MERGE, {"keep": keep.pk, "duplicate": duplicate.pk})
    text = preview.content.decode()
    assert "doen allebei mee aan Regionale Uitvoeringsdienst" in text
    assert "Ja, voeg samen" not in text
    response = beheerder_client.post(
        MERGE, {"keep": keep.pk, "duplicate": duplicate.pk, "bevestigen": "1"}
    )
    assert "Een organisatie kan maar één keer deelnemen" in response.content.decode()
    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Participation.objects.filter(partnership=shared).count() == 2
    with pytest.raises(MergeRefused):
        merge_organisations(keep, duplicate)


def test_merging_an_organisation_with_itself_is_refused(beheerder_client):
    organisation = OrganisationFactory()
    response = beheerder_client.post(
        MERGE, {"keep": organisation.pk, "duplicate": organisation.pk, "bevestigen": "1"}
    )
    assert "Kies twee verschillende organisaties" in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_handover_raises_the_version_so_an_open_edit_form_sees_a_conflict(
    accounthouder, other_accounthouder
):
    partnership = PartnershipFactory(account_holder=accounthouder, deputy=other_accounthouder)
    opened_version = partnership.version
    reassign_partnerships(accounthouder, other_accounthouder)
    partnership.refresh_from_db()
    assert partnership.version == opened_version + 1
    # Nobody is accounthouder and deputy of the same partnership.
    assert (partnership.account_holder, partnership.deputy) == (other_accounthouder, None)


def test_handover_to_the_same_person_is_refused(beheerder_client, accounthouder, own_partnership):
    response = beheerder_client.post(
        reverse("partnerships:reassign"),
        {"leaving": accounthouder.pk, "successor": accounthouder.pk, "bevestigen": "1"},
    )
    assert "twee verschillende personen" in response.content.decode()
    own_partnership.refresh_from_db()
    assert own_partnership.account_holder == accounthouder


def test_only_active_accounthouders_can_take_over(beheerder_client, accounthouder, lezer):
    gone = UserFactory(username="vertrokken", role=Role.ACCOUNTHOUDER, is_active=False)
    PartnershipFactory(account_holder=accounthouder)
    response = beheerder_client.post(
        reverse("partnerships:reassign"),
        {"leaving": accounthouder.pk, "successor": lezer.pk, "bevestigen": "1"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    options = beheerder_client.get(reverse("partnerships:reassign")).content.decode()
    assert f'value="{gone.pk}"' not in options


# The lists the beheerder keeps in the admin: reachable, and every change in the audit log.
ADMIN_LISTS = [
    "admin:partnerships_policydomain_changelist",
    "admin:partnerships_budgetprogramme_changelist",
    "admin:evaluations_evaluationquestion_changelist",
    "admin:evaluations_planningcalendar_changelist",
    "admin:governance_framework_changelist",
    "admin:accounts_auditevent_changelist",
]


@pytest.fixture
def staff_beheerder_client(beheerder, client):
    # A beheerder made through the people pages is staff (accounts/people.py).
    beheerder.is_staff = True
    beheerder.save(update_fields=["is_staff"])
    client.force_login(beheerder)
    return client


@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_the_beheerder_opens_every_list_of_the_beheer_page_without_403(
    staff_beheerder_client, name
):
    assert staff_beheerder_client.get(reverse(name)).status_code == 200
    beheer = staff_beheerder_client.get(reverse("beheer:index")).content.decode()
    assert f'href="{reverse(name)}"' in beheer


def test_the_beheerder_keeps_organisations_in_the_admin_too(staff_beheerder_client):
    organisation = OrganisationFactory()
    url = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    assert staff_beheerder_client.get(url).status_code == 200


def test_a_lezer_with_staff_status_still_gets_no_reference_list(lezer, client):
    lezer.is_staff = True
    lezer.save(update_fields=["is_staff"])
    client.force_login(lezer)
    url = reverse("admin:partnerships_policydomain_changelist")
    assert client.get(url).status_code == 403


def test_reference_list_changes_in_the_admin_are_in_the_audit_log(staff_beheerder_client):
    response = staff_beheerder_client.post(
        reverse("admin:partnerships_policydomain_add"), {"name": "Klimaat en energie"}
    )
    assert response.status_code == 302
    domain = PolicyDomain.objects.get(name="Klimaat en energie")
    event = AuditEvent.objects.get(object_type="partnerships.policydomain", object_id=domain.pk)
    assert (event.action, event.actor_name) == ("create", "beheerder")


def test_new_evaluations_use_the_current_questions_earlier_ones_keep_theirs(
    staff_beheerder_client, frozen_today
):
    earlier = EvaluationFactory(due_date=date(2026, 9, 1))
    earlier.start(frozen_today)
    earlier_questions = list(earlier.answers.values_list("question__text", flat=True))
    old = EvaluationQuestion.objects.get(text="Politieke aandachtspunten")

    # The beheerder switches one question off and adds one, in the admin.
    change = reverse("admin:evaluations_evaluationquestion_change", args=[old.pk])
    response = staff_beheerder_client.post(
        change, {"text": old.text, "order": old.order, "is_active": ""}
    )
    assert response.status_code == 302
    add = reverse("admin:evaluations_evaluationquestion_add")
    staff_beheerder_client.post(
        add, {"text": "Is de samenwerking nog nodig?", "order": 99, "is_active": "on"}
    )

    later = EvaluationFactory(due_date=date(2026, 10, 1))
    later.start(frozen_today)
    later_questions = set(later.answers.values_list("question__text", flat=True))
    assert "Is de samenwerking nog nodig?" in later_questions
    assert "Politieke aandachtspunten" not in later_questions
    earlier.refresh_from_db()
    assert earlier.status == EvaluationStatus.IN_UITVOERING
    assert list(earlier.answers.values_list("question__text", flat=True)) == earlier_questions
    assert EvaluationAnswer.objects.filter(question=old).count() == 1
    assert AuditEvent.objects.filter(object_type="evaluations.evaluationquestion").count() == 2


def test_motives_show_as_named_choices_in_the_admin(admin_client):
    partnership = PartnershipFactory(motives=["efficiency"])
    page = admin_client.get(reverse("admin:partnerships_partnership_change", args=[partnership.pk]))
    text = page.content.decode()
    assert 'type="checkbox" name="motives" value="efficiency"' in text
    assert '["efficiency"]' not in text


def test_the_admins_user_pages_send_the_beheerder_to_the_people_pages(staff_beheerder_client):
    for admin_url, page in [
        ("admin:accounts_user_changelist", "beheer:user_list"),
        ("admin:accounts_user_add", "beheer:user_create"),
    ]:
        response = staff_beheerder_client.get(reverse(admin_url))
        assert response.status_code == 302
        assert response["Location"] == reverse(page)


def test_the_audit_log_shows_times_in_the_municipalitys_zone_and_says_no_utc(
    staff_beheerder_client, time_machine
):
    # Stored in UTC, shown as the clock in the town hall read it (winter: UTC+1).
    time_machine.move_to(datetime(2026, 12, 2, 17, 32, tzinfo=UTC), tick=False)
    PolicyDomain.objects.create(name="Klimaat")
    page = staff_beheerder_client.get(reverse("admin:accounts_auditevent_changelist"))
    html = page.content.decode()
    assert "2 december 2026 18:32" in html
    assert "17:32" not in html
    assert "UTC" not in html
