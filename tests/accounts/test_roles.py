"""Roles as designed: archiving, reactivating and publishing are the beheerder's; an
accounthouder edits the organisations that take part in their own partnerships."""

import pytest
from django.urls import reverse

from evaluations.models import EvaluationStatus
from partnerships.models import Status
from tests.factories import (
    EvaluationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)
from tests.page_forms import form_data
from tests.partnerships.helpers import editor_data

BEHEERDER_ONLY = {
    "lezer": False,
    "accounthouder": False,
    "other_accounthouder": False,
    "beheerder": True,
}


@pytest.mark.parametrize(
    "permission",
    [
        "partnerships.archive_partnership",
        "partnerships.reactivate_partnership",
        "partnerships.publish_partnership",
        "evaluations.publish_evaluation",
        "evaluations.reopen_evaluation",
    ],
)
def test_archiving_reactivating_publishing_and_reopening_are_for_the_beheerder(
    request, db, own_partnership, permission
):
    obj = own_partnership
    if permission.startswith("evaluations."):
        obj = EvaluationFactory(partnership=own_partnership, completed=True)
    allowed = {
        persona: request.getfixturevalue(persona).has_perm(permission, obj)
        for persona in BEHEERDER_ONLY
    }
    assert allowed == BEHEERDER_ONLY


def test_an_accounthouder_edits_only_organisations_of_their_own_partnerships(
    accounthouder, other_accounthouder, beheerder, lezer, own_partnership
):
    partner = ParticipationFactory(partnership=own_partnership).organisation
    deputy_of = PartnershipFactory(deputy=other_accounthouder)
    deputy_partner = ParticipationFactory(partnership=deputy_of).organisation
    stranger = OrganisationFactory()
    perm = "partnerships.change_organisation"
    assert accounthouder.has_perm(perm, partner)
    assert not accounthouder.has_perm(perm, stranger)
    assert not accounthouder.has_perm(perm, deputy_partner)
    assert other_accounthouder.has_perm(perm, deputy_partner)
    assert not other_accounthouder.has_perm(perm, partner)
    assert all(beheerder.has_perm(perm, o) for o in (partner, deputy_partner, stranger))
    assert not any(lezer.has_perm(perm, o) for o in (partner, deputy_partner, stranger))


def rename(client, organisation, name):
    url = reverse("partnerships:organisation_update", args=[organisation.pk])
    page = client.get(url)
    if page.status_code != 200:
        return page
    data = form_data(page.content, "name")
    data["name"] = name
    return client.post(url, data)


def test_renaming_an_organisation_outside_ones_partnerships_is_refused(
    accounthouder_client, own_partnership
):
    partner = ParticipationFactory(partnership=own_partnership).organisation
    stranger = OrganisationFactory(name="Waterschap Aa en Maas")
    assert rename(accounthouder_client, stranger, "Overgenomen").status_code == 403
    stranger.refresh_from_db()
    assert stranger.name == "Waterschap Aa en Maas"
    assert rename(accounthouder_client, partner, "GGD Hart voor Brabant").status_code == 302
    partner.refresh_from_db()
    assert partner.name == "GGD Hart voor Brabant"


def test_the_beheerder_renames_any_organisation(beheerder_client):
    stranger = OrganisationFactory(name="Waterschap Aa en Maas")
    assert rename(beheerder_client, stranger, "Waterschap De Dommel").status_code == 302
    stranger.refresh_from_db()
    assert stranger.name == "Waterschap De Dommel"


def reactivate_through_the_edit_form(client, user, partnership):
    data = editor_data(user, partnership)
    data["status"] = Status.ACTIEF
    url = reverse("dossiers:partnership_update", args=[partnership.pk])
    return client.post(url, data)


def test_an_accounthouder_cannot_reactivate_an_ended_partnership(
    accounthouder, accounthouder_client
):
    ended = PartnershipFactory(account_holder=accounthouder, archived=True)
    page = accounthouder_client.get(reverse("dossiers:partnership_update", args=[ended.pk]))
    assert 'name="status"' in page.content.decode()
    assert "disabled" in page.content.decode().split('name="status"')[1].split(">")[0]
    reactivate_through_the_edit_form(accounthouder_client, accounthouder, ended)
    ended.refresh_from_db()
    assert ended.status == Status.BEEINDIGD


def test_the_beheerder_reactivates_an_ended_partnership(beheerder, beheerder_client):
    ended = PartnershipFactory(archived=True)
    response = reactivate_through_the_edit_form(beheerder_client, beheerder, ended)
    assert response.status_code == 302
    ended.refresh_from_db()
    assert ended.status == Status.ACTIEF


def publish_evaluation(client, evaluation):
    url = reverse("evaluations:evaluation_update", args=[evaluation.pk])
    data = form_data(client.get(url).content, "conclusion")
    data["published"] = "on"
    return client.post(url, data)


def test_an_accounthouder_cannot_publish_an_evaluation(accounthouder_client, own_partnership):
    evaluation = EvaluationFactory(
        partnership=own_partnership, status=EvaluationStatus.IN_UITVOERING, published=False
    )
    publish_evaluation(accounthouder_client, evaluation)
    evaluation.refresh_from_db()
    assert evaluation.published is False


def test_the_beheerder_publishes_an_evaluation(beheerder_client, own_partnership):
    evaluation = EvaluationFactory(
        partnership=own_partnership, status=EvaluationStatus.IN_UITVOERING, published=False
    )
    assert publish_evaluation(beheerder_client, evaluation).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.published is True
