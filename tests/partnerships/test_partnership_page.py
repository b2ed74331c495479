"""The partnership page: every field, the parts, the history, and who may do what."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.choices import Status
from partnerships.models import Partnership
from tests.factories import (
    ContributionFactory,
    DecisionFactory,
    FinancialPositionFactory,
    ParticipationFactory,
    PartnershipFactory,
)

from .helpers import editor_data, history_changes, history_entries, html


def detail_url(partnership):
    return reverse("dossiers:partnership_detail", args=[partnership.pk])


def history_url(partnership):
    return reverse("partnerships:partnership_history", args=[partnership.pk])


def test_page_shows_every_part_including_internal_notes(lezer_client):
    partnership = PartnershipFactory(
        verbonden_partij=True,
        name="Holland Rijnland",
        internal_notes="Let op: begroting onder druk.",
        website="https://hollandrijnland.example",
    )
    ParticipationFactory(
        partnership=partnership,
        organisation__name="Gemeente Leiden",
        role="penvoerder",
        share=Decimal("12.5"),
    )
    ContributionFactory(
        partnership=partnership, year=2025, budgeted=Decimal("250000"), actual=Decimal("248000.10")
    )
    FinancialPositionFactory(partnership=partnership, year=2025)
    DecisionFactory(partnership=partnership, title="Instemming met de gewijzigde regeling")

    page = html(lezer_client.get(detail_url(partnership)))

    for text in [
        "Holland Rijnland",
        "Let op: begroting onder druk.",
        "Gemeenschappelijke regelingen",
        "Gemeente Leiden",
        "Penvoerder of trekker",
        "12,5%",
        "€\xa0250.000",
        "€\xa0248.000,10",
        "€\xa01.100.000",
        "Instemming met de gewijzigde regeling",
        'id="kop-belangrijkheid"',
        'id="kop-evaluaties"',
        'id="kop-geschiedenis"',
    ]:
        assert text in page, text


def test_lezer_sees_the_page_but_no_edit_or_archive_button(lezer_client, own_partnership):
    page = html(lezer_client.get(detail_url(own_partnership)))

    assert own_partnership.name in page
    assert "Bewerken" not in page
    assert "Archiveren" not in page


def test_the_page_links_to_its_internal_dossier(lezer_client, own_partnership):
    page = html(lezer_client.get(detail_url(own_partnership)))
    dossier = reverse("reports:partnership_dossier", args=[own_partnership.pk])

    assert f'href="{dossier}">Dossier als pdf' in page


def test_own_accounthouder_sees_edit_but_not_archive(accounthouder_client, own_partnership):
    page = html(accounthouder_client.get(detail_url(own_partnership)))

    assert "Bewerken" in page
    assert "Archiveren" not in page


def test_beheerder_sees_edit_and_archive(beheerder_client, own_partnership):
    page = html(beheerder_client.get(detail_url(own_partnership)))

    assert "Bewerken" in page
    assert "Archiveren" in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("lezer_client", 403),
        ("other_accounthouder_client", 403),
        ("accounthouder_client", 200),
        ("beheerder_client", 200),
    ],
)
def test_who_may_open_the_edit_form(request, own_partnership, persona, status):
    client = request.getfixturevalue(persona)
    url = reverse("dossiers:partnership_update", args=[own_partnership.pk])

    assert client.get(url).status_code == status


def test_other_accounthouder_cannot_save_changes(
    other_accounthouder, other_accounthouder_client, own_partnership
):
    data = editor_data(other_accounthouder, own_partnership)
    data["name"] = "Overgenomen"
    url = reverse("dossiers:partnership_update", args=[own_partnership.pk])

    response = other_accounthouder_client.post(url, data)

    assert response.status_code == 403
    own_partnership.refresh_from_db()
    assert own_partnership.name != "Overgenomen"


def test_deputy_may_edit(other_accounthouder, other_accounthouder_client, own_partnership):
    own_partnership.deputy = other_accounthouder
    own_partnership.save()
    url = reverse("dossiers:partnership_update", args=[own_partnership.pk])

    assert other_accounthouder_client.get(url).status_code == 200


@pytest.mark.parametrize("persona", ["lezer_client"])
def test_lezer_cannot_create(db, request, persona):
    client = request.getfixturevalue(persona)

    assert client.get(reverse("dossiers:partnership_create")).status_code == 403


def test_beheerder_archives_and_nothing_is_deleted(beheerder_client, own_partnership):
    ParticipationFactory(partnership=own_partnership)
    url = reverse("dossiers:partnership_archive", args=[own_partnership.pk])

    confirm = beheerder_client.get(url)
    response = beheerder_client.post(url)

    assert "Er wordt niets verwijderd" in html(confirm)
    assert response.status_code == 302
    own_partnership.refresh_from_db()
    assert own_partnership.status == Status.BEEINDIGD
    assert own_partnership.participations.count() == 1
    page = beheerder_client.get(detail_url(own_partnership))
    assert "gearchiveerd" in html(page)
    assert history_entries(page)[0].startswith("Samenwerkingsverband gewijzigd door")
    changes = history_changes(beheerder_client.get(history_url(own_partnership)))
    assert ("Status", "Actief", "Beëindigd") in changes


@pytest.mark.parametrize("persona", ["accounthouder_client", "lezer_client"])
def test_only_beheerder_may_archive(request, own_partnership, persona):
    client = request.getfixturevalue(persona)
    url = reverse("dossiers:partnership_archive", args=[own_partnership.pk])

    assert client.post(url).status_code == 403
    own_partnership.refresh_from_db()
    assert own_partnership.status == Status.ACTIEF


def test_page_shows_the_latest_changes_and_the_history_page_every_change(
    lezer_client, own_partnership
):
    for number in range(25):
        own_partnership.goals = f"Doel {number}"
        own_partnership.save()

    detail = lezer_client.get(detail_url(own_partnership))
    history = lezer_client.get(history_url(own_partnership))

    assert "Bekijk de hele geschiedenis" in html(detail)
    assert len(history_entries(detail)) == 5
    assert len(history_entries(history)) == 26  # 25 changes and the creation
    assert history_changes(history)[0] == ("Doelen", "Doel 23", "Doel 24")


def test_history_writes_a_changed_amount_as_the_page_does(lezer_client, own_partnership):
    contribution = ContributionFactory(partnership=own_partnership, budgeted=Decimal("125000"))
    contribution.budgeted = Decimal("130000.50")
    contribution.save()

    history = history_changes(lezer_client.get(history_url(own_partnership)))

    assert history[0][1:] == ("€\xa0125.000", "€\xa0130.000,50")


def test_latest_changes_name_the_part_and_who_changed_it(lezer_client, accounthouder):
    partnership = PartnershipFactory()
    ParticipationFactory(partnership=partnership, organisation__name="Gemeente Leiden")
    ContributionFactory(partnership=partnership, year=2025)
    FinancialPositionFactory(partnership=partnership, year=2024)
    decision = DecisionFactory(partnership=partnership, title="Instemming met de regeling")
    decision._history_user = accounthouder
    decision.title = "Instemming met de gewijzigde regeling"
    decision.save()

    history = history_entries(lezer_client.get(detail_url(partnership)))

    # Only the latest 5: the partnership's own creation is not among them.
    assert [entry.split(" op ")[0] for entry in history] == [
        f"Besluit: Instemming met de gewijzigde regeling gewijzigd door {accounthouder}",
        "Besluit: Instemming met de regeling toegevoegd door het systeem",
        "Financiële positie 2024 toegevoegd door het systeem",
        "Bijdrage 2025 (financieel) toegevoegd door het systeem",
        "Partner Gemeente Leiden toegevoegd door het systeem",
    ]


def _partnership_with(parts):
    partnership = PartnershipFactory(verbonden_partij=True)
    for number in range(parts):
        ParticipationFactory(partnership=partnership)
        ContributionFactory(partnership=partnership, year=2000 + number)
        FinancialPositionFactory(partnership=partnership, year=2000 + number)
        DecisionFactory(partnership=partnership)
        # Each change adds history records to show as well.
        partnership.goals = f"Doel {number}"
        partnership.save()
    return Partnership.objects.get(pk=partnership.pk)


def test_page_runs_the_same_number_of_queries_for_few_and_many_parts(lezer_client):
    few, many = _partnership_with(3), _partnership_with(30)

    with CaptureQueriesContext(connection) as few_queries:
        assert lezer_client.get(detail_url(few)).status_code == 200
    with CaptureQueriesContext(connection) as many_queries:
        assert lezer_client.get(detail_url(many)).status_code == 200

    assert len(many_queries) == len(few_queries)
    # Session and user (3), the partnership and its four parts (5), governance and evaluations
    # (4), the latest changes (1), saving the session (3 with the test's savepoint).
    assert len(many_queries) <= 16
