"""Creating and editing a partnership with its partners and contributions."""

from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import Contribution, Participation, Partnership
from tests.factories import ContributionFactory, OrganisationFactory, ParticipationFactory
from tests.html_page import find, find_all, parse

from .helpers import (
    editor_data,
    history_changes,
    history_entries,
    html,
    new_partnership_data,
    shows,
)

CREATE_URL = reverse("dossiers:partnership_create")


def update_url(partnership):
    return reverse("dossiers:partnership_update", args=[partnership.pk])


@pytest.fixture
def two_organisations(db):
    return OrganisationFactory(name="Gemeente Leiden"), OrganisationFactory(
        name="Provincie Zuid-Holland"
    )


def with_partners_and_years(data, organisations):
    first, second = organisations
    data.update(
        {
            "participations-0-organisation": str(first.pk),
            "participations-0-role": "penvoerder",
            "participations-0-share": "60",
            "participations-1-organisation": str(second.pk),
            "participations-1-role": "deelnemer",
            "participations-1-share": "40",
        }
    )
    for row, year in enumerate((2024, 2025, 2026)):
        data.update(
            {
                f"contributions-{row}-year": str(year),
                f"contributions-{row}-kind": "financieel",
                f"contributions-{row}-budgeted": "125000.00",
            }
        )
    return data


def register_counts():
    return (
        Partnership.objects.count(),
        Participation.objects.count(),
        Contribution.objects.count(),
    )


def test_accounthouder_creates_partnership_with_two_partners_and_three_years(
    accounthouder, accounthouder_client, two_organisations
):
    data = with_partners_and_years(new_partnership_data(accounthouder), two_organisations)

    response = accounthouder_client.post(CREATE_URL, data)

    partnership = Partnership.objects.get(name="Regionale Energiestrategie")
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    assert partnership.account_holder == accounthouder
    assert sorted(p.organisation.name for p in partnership.participations.all()) == [
        "Gemeente Leiden",
        "Provincie Zuid-Holland",
    ]
    assert [c.year for c in partnership.contributions.all()] == [2024, 2025, 2026]
    page = accounthouder_client.get(partnership.get_absolute_url())
    assert "Provincie Zuid-Holland" in html(page)
    assert "€\xa0125.000" in html(page)


def test_edit_shows_the_change_in_the_history(
    accounthouder, accounthouder_client, two_organisations
):
    accounthouder_client.post(
        CREATE_URL, with_partners_and_years(new_partnership_data(accounthouder), two_organisations)
    )
    partnership = Partnership.objects.get()
    data = editor_data(accounthouder, partnership)
    data["name"] = "Regionale Energiestrategie Holland Rijnland"
    data["participations-0-share"] = "55"

    response = accounthouder_client.post(update_url(partnership), data)

    assert response.status_code == 302
    page = accounthouder_client.get(partnership.get_absolute_url())
    assert "Regionale Energiestrategie Holland Rijnland" in html(page)
    latest = [entry.split(" op ")[0] for entry in history_entries(page)]
    assert f"Samenwerkingsverband gewijzigd door {accounthouder}" in latest
    assert f"Partner Gemeente Leiden gewijzigd door {accounthouder}" in latest
    history = accounthouder_client.get(
        reverse("partnerships:partnership_history", args=[partnership.pk])
    )
    changes = history_changes(history)
    assert (
        "Naam",
        "Regionale Energiestrategie",
        "Regionale Energiestrategie Holland Rijnland",
    ) in changes
    assert [change[1:] for change in changes if change[1:] == ("60%", "55%")]


def test_accounthouder_cannot_publish_or_hand_over_a_partnership(
    accounthouder, accounthouder_client, other_accounthouder
):
    data = new_partnership_data(
        accounthouder, published="on", account_holder=str(other_accounthouder.pk)
    )
    form_page = html(accounthouder_client.get(CREATE_URL))

    accounthouder_client.post(CREATE_URL, data)

    partnership = Partnership.objects.get()
    assert 'name="published"' not in form_page
    assert 'name="account_holder"' not in form_page
    assert partnership.published is False
    assert partnership.account_holder == accounthouder


def test_beheerder_publishes_and_chooses_the_accounthouder(
    beheerder, beheerder_client, accounthouder
):
    data = new_partnership_data(beheerder, published="on", account_holder=str(accounthouder.pk))

    beheerder_client.post(CREATE_URL, data)

    partnership = Partnership.objects.get()
    assert partnership.published is True
    assert partnership.account_holder == accounthouder


def test_motives_are_checkboxes_saved_as_a_list(accounthouder, accounthouder_client):
    form_page = html(accounthouder_client.get(CREATE_URL))
    data = new_partnership_data(accounthouder, motives=["efficiency", "horizon"])

    accounthouder_client.post(CREATE_URL, data)

    assert 'name="motives" value="efficiency"' in form_page
    assert Partnership.objects.get().motives == ["efficiency", "horizon"]


def test_partner_row_can_be_removed_and_history_keeps_it(
    accounthouder, accounthouder_client, own_partnership
):
    ParticipationFactory(partnership=own_partnership, organisation__name="Waterschap Rijnland")
    data = editor_data(accounthouder, own_partnership)
    data["participations-0-DELETE"] = "on"

    accounthouder_client.post(update_url(own_partnership), data)

    assert not own_partnership.participations.exists()
    latest = history_entries(accounthouder_client.get(own_partnership.get_absolute_url()))
    assert latest[0].startswith(f"Partner Waterschap Rijnland verwijderd door {accounthouder}")


# Every bad input of the issue: (what is posted, the message, the field it stands next to).
BAD_INPUTS = [
    pytest.param({"name": ""}, "Dit veld is verplicht.", "id_name", id="empty name"),
    pytest.param(
        {"name": "x" * 201},
        "Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 201).",
        "id_name",
        id="overlong name",
    ),
    pytest.param(
        {"start_date": "2025-06-01", "end_date": "2025-01-01"},
        "De einddatum ligt voor de startdatum.",
        "id_end_date",
        id="end before start",
    ),
    pytest.param(
        {"contributions-0-year": "2025", "contributions-0-budgeted": "-5"},
        "Vul een bedrag van 0 of meer in.",
        "id_contributions-0-budgeted",
        id="negative amount",
    ),
    pytest.param(
        {"participations-0-organisation": "ORG1", "participations-0-share": "-1"},
        "Een aandeel ligt tussen 0 en 100%.",
        "id_participations-0-share",
        id="share below 0",
    ),
    pytest.param(
        {"participations-0-organisation": "ORG1", "participations-0-share": "100.5"},
        "Een aandeel ligt tussen 0 en 100%.",
        "id_participations-0-share",
        id="share above 100",
    ),
    pytest.param(
        {
            "participations-0-organisation": "ORG1",
            "participations-0-share": "60",
            "participations-1-organisation": "ORG2",
            "participations-1-share": "50",
        },
        "Dat mag niet meer dan 100% zijn.",
        "id_participations-1-share",
        id="shares above 100 together",
    ),
    pytest.param(
        {"participations-0-organisation": "ORG1", "participations-1-organisation": "ORG1"},
        "Gemeente Leiden staat al bij de partners.",
        "id_participations-1-organisation",
        id="same organisation twice",
    ),
    pytest.param(
        {
            "contributions-0-year": "2025",
            "contributions-0-budgeted": "10",
            "contributions-1-year": "2025",
            "contributions-1-budgeted": "20",
        },
        "Er staat al een bijdrage van de soort financieel voor 2025.",
        "id_contributions-1-year",
        id="same kind and year twice",
    ),
    pytest.param(
        {"legal_form": "piratenschip"},
        "Selecteer een geldige keuze. piratenschip is geen beschikbare keuze.",
        "id_legal_form",
        id="legal form not offered",
    ),
    pytest.param(
        {"motives": ["ambitie", "vliegen"]},
        "Selecteer een geldige keuze. vliegen is geen beschikbare keuze.",
        "id_motives",
        id="motive not offered",
    ),
    pytest.param(
        {"website": "geen adres"}, "Voer een geldige URL in.", "id_website", id="malformed url"
    ),
    pytest.param(
        {
            "decisions-0-body": "raad",
            "decisions-0-date": "2024-02-01",
            "decisions-0-title": "Instemming",
            "decisions-0-url": "raad.nl/besluit 12",
        },
        "Voer een geldige URL in.",
        "id_decisions-0-url",
        id="malformed decision link",
    ),
]


def _resolve_organisations(changes, organisations):
    names = {"ORG1": organisations[0].pk, "ORG2": organisations[1].pk}
    return {
        key: str(names.get(value, value)) if isinstance(value, str) else value
        for key, value in changes.items()
    }


@pytest.mark.parametrize(("changes", "message", "field_id"), BAD_INPUTS)
def test_bad_input_on_create_shows_message_next_to_field_and_saves_nothing(
    accounthouder, accounthouder_client, two_organisations, changes, message, field_id
):
    data = new_partnership_data(accounthouder)
    data.update(_resolve_organisations(changes, two_organisations))

    response = accounthouder_client.post(CREATE_URL, data)

    assert response.status_code == 200
    assert shows(response, message)
    # Crispy renders the message under the field, linked to it by aria-describedby.
    assert f'id="error_1_{field_id}"' in html(response)
    assert f'href="#{field_id}"' in html(response), "the error summary links to the field"
    assert register_counts() == (0, 0, 0)


@pytest.mark.parametrize(("changes", "message", "field_id"), BAD_INPUTS)
def test_bad_input_on_edit_leaves_the_partnership_as_it_was(
    accounthouder,
    accounthouder_client,
    own_partnership,
    two_organisations,
    changes,
    message,
    field_id,
):
    ParticipationFactory(
        partnership=own_partnership, organisation=two_organisations[1], share=Decimal("10")
    )
    ContributionFactory(partnership=own_partnership, year=2020)
    before = Partnership.objects.values().get(pk=own_partnership.pk)
    # Put the bad rows after the existing partner and contribution (row 0 of each).
    data = editor_data(accounthouder, own_partnership)
    shifted = {}
    for key, value in _resolve_organisations(changes, two_organisations).items():
        prefix, _, rest = key.partition("-")
        if prefix in {"participations", "contributions"} and rest:
            row, _, name = rest.partition("-")
            key = f"{prefix}-{int(row) + 1}-{name}"
        shifted[key] = value
    data.update(shifted)
    # The edit form shows one empty row; a browser without JS gets more by saving in between.
    for prefix, default in (
        ("participations", ("role", "deelnemer")),
        ("contributions", ("kind", "financieel")),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = "4"
        for row in (2, 3):
            data.setdefault(f"{prefix}-{row}-{default[0]}", default[1])

    response = accounthouder_client.post(update_url(own_partnership), data)

    assert response.status_code == 200
    assert shows(response, message)
    assert Partnership.objects.values().get(pk=own_partnership.pk) == before
    assert register_counts() == (1, 1, 1)
    assert own_partnership.participations.get().share == Decimal("10")


def test_failure_halfway_through_saving_leaves_the_database_as_it_was(
    accounthouder, accounthouder_client, two_organisations, monkeypatch
):
    from partnerships import forms

    def broken_save(self, commit=True):
        raise RuntimeError("schijf vol")

    # The partnership and its partners are saved by then; the contributions fail.
    monkeypatch.setattr(forms.BaseContributionFormSet, "save", broken_save)
    data = with_partners_and_years(new_partnership_data(accounthouder), two_organisations)

    with pytest.raises(RuntimeError):
        accounthouder_client.post(CREATE_URL, data)

    assert register_counts() == (0, 0, 0)


def test_failure_halfway_through_an_edit_keeps_the_old_values(
    accounthouder, accounthouder_client, own_partnership, monkeypatch
):
    from partnerships import forms

    monkeypatch.setattr(forms.BaseContributionFormSet, "save", lambda self, commit=True: 1 / 0)
    data = editor_data(accounthouder, own_partnership)
    data["name"] = "Nieuwe naam"

    with pytest.raises(ZeroDivisionError):
        accounthouder_client.post(update_url(own_partnership), data)

    own_partnership.refresh_from_db()
    assert own_partnership.name != "Nieuwe naam"
    assert own_partnership.version == 1


def test_a_value_both_changed_is_a_conflict_and_the_first_change_kept(
    accounthouder, accounthouder_client, beheerder, beheerder_client, own_partnership
):
    # Both open the edit form of the same record.
    accounthouder_form = editor_data(accounthouder, own_partnership)
    beheerder_form = editor_data(beheerder, own_partnership)
    accounthouder_form["goals"] = "Doelen volgens de accounthouder."
    beheerder_form["goals"] = "Doelen volgens de beheerder."

    first = accounthouder_client.post(update_url(own_partnership), accounthouder_form)
    second = beheerder_client.post(update_url(own_partnership), beheerder_form)

    assert first.status_code == 302
    assert second.status_code == 409
    assert shows(second, "Uw collega heeft hetzelfde veranderd")
    assert shows(second, "Mijn keuze: Doelen volgens de beheerder.")
    assert shows(second, "Keuze van mijn collega: Doelen volgens de accounthouder.")
    own_partnership.refresh_from_db()
    assert own_partnership.goals == "Doelen volgens de accounthouder."


@pytest.mark.parametrize(
    ("choice", "kept"),
    [("mine", "Na het conflict bewust gekozen."), ("theirs", "Doelen van de collega.")],
)
def test_after_a_conflict_the_users_choice_is_saved(
    accounthouder, accounthouder_client, beheerder, beheerder_client, own_partnership, choice, kept
):
    stale = editor_data(beheerder, own_partnership)
    colleague = editor_data(accounthouder, own_partnership)
    colleague["goals"] = "Doelen van de collega."
    accounthouder_client.post(update_url(own_partnership), colleague)
    stale["goals"] = "Na het conflict bewust gekozen."
    conflict = beheerder_client.post(update_url(own_partnership), stale)
    page = conflict.context["form"].data.copy()

    without_choice = beheerder_client.post(update_url(own_partnership), page)
    assert without_choice.status_code == 409, "a conflict shown must be decided"
    page["keep-f-goals"] = choice
    response = beheerder_client.post(update_url(own_partnership), page)

    assert response.status_code == 302
    own_partnership.refresh_from_db()
    assert own_partnership.goals == kept


def test_values_only_one_of_two_changed_merge_by_themselves(
    accounthouder, accounthouder_client, beheerder, beheerder_client, own_partnership
):
    stale = editor_data(beheerder, own_partnership)
    colleague = editor_data(accounthouder, own_partnership)
    colleague["goals"] = "Doelen van de collega."
    accounthouder_client.post(update_url(own_partnership), colleague)
    stale["portfolio_holder"] = "Wethouder Jansen"

    response = beheerder_client.post(update_url(own_partnership), stale, follow=True)

    assert response.redirect_chain
    assert shows(response, "Die wijzigingen zijn bewaard: Doelen.")
    own_partnership.refresh_from_db()
    assert (own_partnership.goals, own_partnership.portfolio_holder) == (
        "Doelen van de collega.",
        "Wethouder Jansen",
    )


def test_a_tampered_base_makes_every_difference_a_conflict(
    beheerder, beheerder_client, own_partnership
):
    data = editor_data(beheerder, own_partnership)
    data["base"] = "vervalst"
    data["goals"] = "Nieuwe doelen."

    response = beheerder_client.post(update_url(own_partnership), data)

    assert response.status_code == 409
    own_partnership.refresh_from_db()
    assert own_partnership.goals != "Nieuwe doelen."


def test_form_offers_three_empty_partner_and_contribution_rows_without_javascript(
    accounthouder_client,
):
    page = parse(accounthouder_client.get(CREATE_URL))

    assert find(page, "select", name="participations-2-organisation")
    assert find(page, "input", name="contributions-2-year")
    assert not find_all(page, "script")


def test_accounthouder_cannot_end_a_partnership_through_the_edit_form(
    accounthouder, accounthouder_client, own_partnership
):
    data = editor_data(accounthouder, own_partnership)
    data["status"] = "beeindigd"

    response = accounthouder_client.post(update_url(own_partnership), data)

    assert shows(response, "Selecteer een geldige keuze. beeindigd is geen beschikbare keuze.")
    own_partnership.refresh_from_db()
    assert own_partnership.status == "actief"


def test_beheerder_may_set_status_ended_in_the_form(beheerder, beheerder_client, own_partnership):
    data = editor_data(beheerder, own_partnership)
    data["status"] = "beeindigd"

    beheerder_client.post(update_url(own_partnership), data)

    own_partnership.refresh_from_db()
    assert own_partnership.status == "beeindigd"
