"""Partner organisations: list, add and edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Organisation
from tests.factories import OrganisationFactory, ParticipationFactory
from tests.html_page import attr, find, find_all, parse, text

from .helpers import html, shows

LIST_URL = reverse("partnerships:organisation_list")
CREATE_URL = reverse("partnerships:organisation_create")


def test_list_shows_organisations_with_their_number_of_partnerships(lezer_client):
    leiden = OrganisationFactory(name="Gemeente Leiden")
    ParticipationFactory.create_batch(2, organisation=leiden)
    OrganisationFactory(name="Waterschap Rijnland", kind="waterschap")

    response = lezer_client.get(LIST_URL, {"q": "leiden"})

    rows = [
        (row.record.name, row.record.partnership_count)
        for row in response.context["table"].paginated_rows
    ]
    assert rows == [("Gemeente Leiden", 2)]
    assert "Nieuwe organisatie" not in html(response)


def test_accounthouder_adds_an_organisation(accounthouder_client):
    response = accounthouder_client.post(
        CREATE_URL,
        {
            "name": "Stichting Cultuurhuis",
            "kind": "maatschappelijke_organisatie",
            "place": "Leiden",
            "website": "cultuurhuis.example",
        },
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.website == "https://cultuurhuis.example"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "kind": "gemeente"}, "Dit veld is verplicht."),
        (
            {"name": "X", "kind": "sekte"},
            "Selecteer een geldige keuze. sekte is geen beschikbare keuze.",
        ),
        ({"name": "X", "kind": "gemeente", "website": "http://"}, "Voer een geldige URL in."),
        (
            {"name": "Gemeente Leiden", "kind": "gemeente"},
            "Er is al een organisatie met deze naam.",
        ),
    ],
)
def test_bad_organisation_input_shows_message_and_saves_nothing(
    accounthouder_client, data, message
):
    OrganisationFactory(name="Gemeente Leiden")

    response = accounthouder_client.post(CREATE_URL, data)

    assert response.status_code == 200
    assert shows(response, message)
    assert Organisation.objects.count() == 1


def test_lezer_cannot_add_or_edit_organisations(lezer_client):
    organisation = OrganisationFactory()

    assert lezer_client.get(CREATE_URL).status_code == 403
    url = reverse("partnerships:organisation_update", args=[organisation.pk])
    assert lezer_client.post(url, {"name": "Anders", "kind": "gemeente"}).status_code == 403


def test_beheerder_renames_an_organisation(beheerder_client):
    organisation = OrganisationFactory(name="Gemeente Leiderdorp")
    url = reverse("partnerships:organisation_update", args=[organisation.pk])

    beheerder_client.post(url, {"name": "Gemeente Leiderdorp (nieuw)", "kind": "gemeente"})

    organisation.refresh_from_db()
    assert organisation.name == "Gemeente Leiderdorp (nieuw)"


def test_organisation_list_query_count_does_not_grow(lezer_client):
    OrganisationFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        lezer_client.get(LIST_URL)
    for organisation in OrganisationFactory.create_batch(30):
        ParticipationFactory(organisation=organisation)
    with CaptureQueriesContext(connection) as many:
        lezer_client.get(LIST_URL)

    assert len(many) == len(few)


def test_organisation_name_leads_to_its_partnerships_and_lezer_gets_no_edit_link(lezer_client):
    leiden = OrganisationFactory(name="Gemeente Leiden")
    ParticipationFactory(organisation=leiden, partnership__name="Sleutelstad")
    ParticipationFactory(partnership__name="Zonder Leiden")

    links = find_all(parse(lezer_client.get(LIST_URL)), "a")
    partnerships = lezer_client.get(
        reverse("partnerships:partnership_list"), {"organisation": leiden.pk}
    )

    to_partnerships = [attr(link, "href") for link in links if text(link) == "Gemeente Leiden"]
    assert to_partnerships == [f"/intern/samenwerkingsverbanden/?organisation={leiden.pk}"]
    assert not [link for link in links if text(link).endswith("bewerken")]
    assert [row.record.name for row in partnerships.context["table"].paginated_rows] == [
        "Sleutelstad"
    ]


def test_partner_filter_shows_the_partner_by_name_with_a_link_to_clear_it(lezer_client):
    leiden = OrganisationFactory(name="Gemeente Leiden")
    OrganisationFactory.create_batch(3)
    ParticipationFactory(organisation=leiden, partnership__name="Sleutelstad")

    page = parse(
        lezer_client.get(
            reverse("partnerships:partnership_list"),
            {"organisation": leiden.pk, "status": "actief"},
        )
    )

    (partner,) = [line for line in find_all(page, "p") if text(line).startswith("Partner:")]
    assert text(find(partner, "strong")) == "Gemeente Leiden"
    clear = find(partner, "a")
    assert attr(clear, "href") == "?status=actief"
    assert text(clear).startswith("(filter wissen")
    kept = find(page, "input", type="hidden", name="organisation")
    assert attr(kept, "value") == str(leiden.pk)
    # No list of every organisation to choose from: the search field finds partners by name.
    assert not find_all(page, "select", name="organisation")


def test_partner_filter_on_a_removed_organisation_says_so_and_shows_nothing(lezer_client):
    ParticipationFactory(partnership__name="Sleutelstad")

    response = lezer_client.get(reverse("partnerships:partnership_list"), {"organisation": 999999})

    assert "Deze partner bestaat niet (meer)" in html(response)
    assert list(response.context["table"].paginated_rows) == []


def test_accounthouder_gets_an_edit_link_per_organisation(accounthouder_client):
    organisation = OrganisationFactory(name="Gemeente Leiden")

    page = parse(accounthouder_client.get(LIST_URL))

    edit = find(page, "a", string="Gemeente Leiden bewerken")
    assert attr(edit, "href") == organisation.get_absolute_url()
