"""Adding rows and new partner organisations on the edit page, without JavaScript."""

import pytest
from django.urls import reverse

from partnerships.forms import CHOOSE_ONE_ORGANISATION, ParticipationFormSet
from partnerships.models import Contribution, Organisation, Participation, Partnership
from tests.factories import ContributionFactory, OrganisationFactory, ParticipationFactory
from tests.html_page import attr, find, find_all, parse
from tests.page_forms import form_data

from .helpers import editor_data, html, shows

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("dossiers:partnership_create")


def update_url(partnership):
    return reverse("dossiers:partnership_update", args=[partnership.pk])


def stored_state():
    """Everything an add-row post must leave alone, history included."""
    return (
        list(Partnership.objects.values()),
        list(Participation.objects.values()),
        list(Contribution.objects.values()),
        list(Organisation.objects.values()),
        Partnership.history.count(),
        Participation.history.count(),
        Contribution.history.count(),
        Organisation.history.count(),
    )


@pytest.fixture
def with_rows(own_partnership):
    ParticipationFactory(partnership=own_partnership)
    ContributionFactory(partnership=own_partnership, year=2024)
    return own_partnership


def test_adding_a_row_saves_nothing_and_keeps_what_was_typed(
    accounthouder, accounthouder_client, with_rows
):
    data = editor_data(accounthouder, with_rows)
    data.update(
        {
            "goals": "Nog niet opgeslagen doelen.",
            "contributions-1-year": "2025",
            "contributions-1-budgeted": "not a number",  # not checked when adding a row
            "add_row": "contributions",
        }
    )
    before = stored_state()

    response = accounthouder_client.post(update_url(with_rows), data)

    assert response.status_code == 200
    assert stored_state() == before
    page = parse(response)
    assert find(page, "input", name="contributions-TOTAL_FORMS", value="3")
    assert find(page, "input", name="contributions-1-year", value="2025")
    assert find(page, "input", name="contributions-1-budgeted", value="not a number")
    assert "Nog niet opgeslagen doelen." in html(response)
    assert find(page, "input", name="base", value=data["base"])
    # No messages: the user is not done yet.
    assert not find_all(page, class_="is-invalid")
    assert not find_all(page, class_="alert-danger")
    new_year = find(page, "input", name="contributions-2-year")
    assert "autofocus" in dict(new_year.attributes)
    assert find(page, "fieldset", id="contributions-3")


def test_the_added_row_saves_with_the_next_save(accounthouder, accounthouder_client, with_rows):
    data = editor_data(accounthouder, with_rows)
    data.update(
        {
            "contributions-1-year": "2025",
            "contributions-1-kind": "financieel",
            "contributions-1-budgeted": "500",
        }
    )
    added = accounthouder_client.post(update_url(with_rows), {**data, "add_row": "contributions"})
    data = form_data(added.content, "contributions-TOTAL_FORMS")
    data.update(
        {
            "contributions-2-year": "2026",
            "contributions-2-kind": "financieel",
            "contributions-2-budgeted": "1000",
        }
    )

    response = accounthouder_client.post(update_url(with_rows), data)

    assert response.status_code == 302
    assert sorted(with_rows.contributions.values_list("year", flat=True)) == [2024, 2025, 2026]


def test_after_adding_a_row_a_colleagues_edit_is_still_noticed(
    accounthouder, accounthouder_client, beheerder, beheerder_client, with_rows
):
    mine = editor_data(accounthouder, with_rows)
    mine["goals"] = "Mijn doelen."
    added = accounthouder_client.post(update_url(with_rows), {**mine, "add_row": "participations"})
    colleague = editor_data(beheerder, with_rows)
    colleague["goals"] = "Doelen van de collega."
    assert beheerder_client.post(update_url(with_rows), colleague).status_code == 302

    response = accounthouder_client.post(
        update_url(with_rows), form_data(added.content, "participations-TOTAL_FORMS")
    )

    assert response.status_code == 409
    with_rows.refresh_from_db()
    assert with_rows.goals == "Doelen van de collega."


def test_at_the_most_rows_the_button_is_gone_and_says_so(accounthouder, accounthouder_client):
    page = accounthouder_client.get(CREATE_URL)
    assert find(parse(page), "button", name="add_row", value="participations")
    data = form_data(page.content, "participations-TOTAL_FORMS")
    offered = ParticipationFormSet(prefix="participations").rows_offered
    data["participations-TOTAL_FORMS"] = str(offered)

    response = accounthouder_client.post(CREATE_URL, {**data, "add_row": "participations"})

    page = parse(response)
    assert find(page, "input", name="participations-TOTAL_FORMS", value=str(offered))
    assert not find_all(page, "button", name="add_row", value="participations")
    assert find(page, "button", name="add_row", value="contributions")
    assert shows(response, "Meer regels passen niet op deze pagina.")
    assert not Partnership.objects.exists()


def test_enter_in_a_field_saves_rather_than_adds_a_row(accounthouder_client, own_partnership):
    # A browser's Enter presses the form's first submit button.
    form = find(
        parse(accounthouder_client.get(update_url(own_partnership))), "form", id="formulier"
    )
    first = find_all(form, "button", type="submit")[0]
    assert attr(first, "name") is None


def test_a_new_organisation_is_added_and_linked_in_the_same_save(
    accounthouder, accounthouder_client, own_partnership
):
    data = editor_data(accounthouder, own_partnership)
    data.update(
        {
            "participations-0-new_organisation": "Stichting  Nieuw Licht",
            "participations-0-new_organisation_kind": "maatschappelijke_organisatie",
            "participations-0-role": "deelnemer",
        }
    )

    response = accounthouder_client.post(update_url(own_partnership), data)

    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Stichting Nieuw Licht")
    assert organisation.kind == "maatschappelijke_organisatie"
    assert own_partnership.participations.get().organisation == organisation
    record = organisation.history.get()
    assert record.history_user == accounthouder
    assert record.history_change_reason == f"Toegevoegd als partner bij {own_partnership.name}"


def test_a_new_name_that_exists_links_that_organisation(
    accounthouder, accounthouder_client, own_partnership
):
    existing = OrganisationFactory(name="Gemeente Leiden")
    data = editor_data(accounthouder, own_partnership)
    data.update(
        {
            "participations-0-new_organisation": "gemeente leiden",
            "participations-0-role": "deelnemer",
        }
    )

    response = accounthouder_client.post(update_url(own_partnership), data)

    assert response.status_code == 302
    assert Organisation.objects.count() == 1
    assert own_partnership.participations.get().organisation == existing


def test_a_chosen_and_a_new_organisation_together_ask_to_choose(
    accounthouder, accounthouder_client, own_partnership
):
    chosen = OrganisationFactory(name="Gemeente Leiden")
    data = editor_data(accounthouder, own_partnership)
    data.update(
        {
            "participations-0-organisation": str(chosen.pk),
            "participations-0-new_organisation": "Stichting Nieuw Licht",
            "participations-0-role": "deelnemer",
        }
    )
    before = stored_state()

    response = accounthouder_client.post(update_url(own_partnership), data)

    assert response.status_code == 200
    assert shows(response, CHOOSE_ONE_ORGANISATION)
    assert stored_state() == before


def test_a_row_without_any_organisation_still_asks_for_one(
    accounthouder, accounthouder_client, own_partnership
):
    data = editor_data(accounthouder, own_partnership)
    data["participations-0-role"] = "deelnemer"
    data["participations-0-share"] = "10"

    response = accounthouder_client.post(update_url(own_partnership), data)

    assert response.status_code == 200
    assert find(
        parse(response), "select", name="participations-0-organisation", class_="is-invalid"
    )
    assert not own_partnership.participations.exists()


def test_the_same_new_name_twice_is_refused(accounthouder, accounthouder_client, own_partnership):
    data = editor_data(accounthouder, own_partnership)
    data["participations-TOTAL_FORMS"] = "2"
    for row in (0, 1):
        data[f"participations-{row}-new_organisation"] = "Stichting Nieuw Licht"
        data[f"participations-{row}-role"] = "deelnemer"

    response = accounthouder_client.post(update_url(own_partnership), data)

    assert response.status_code == 200
    assert shows(response, "Stichting Nieuw Licht staat al bij de partners.")
    assert not Organisation.objects.exists()
