"""The public overview at /: what an inwoner or raadslid sees, filters and query budget."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertInHTML

from partnerships.choices import ContributionKind, LegalForm, Status
from partnerships.models import Partnership
from partnerships.tiers import Tier
from tests.factories import (
    ContributionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyDomainFactory,
)
from tests.html_page import attr, find, find_all, parse, text

from .conftest import THIS_YEAR

pytestmark = pytest.mark.django_db


def names_on(response) -> list[str]:
    return [row.record.name for row in response.context["table"].paginated_rows]


def test_anonymous_visitor_sees_only_published_partnerships(client):
    PartnershipFactory(name="Openbaar verband")
    PartnershipFactory(name="Verborgen verband", unpublished=True)

    response = client.get("/")

    assert response.status_code == 200
    assert names_on(response) == ["Openbaar verband"]
    assert "Verborgen verband" not in response.content.decode()


def test_an_ended_or_starting_partnership_says_so_under_its_name(client):
    PartnershipFactory(name="Loopt", status=Status.ACTIEF)
    PartnershipFactory(name="Gestopt", status=Status.BEEINDIGD)
    PartnershipFactory(name="Begint", status=Status.IN_VOORBEREIDING)

    rows = find_all(parse(client.get("/").content.decode()), "tr")
    headers = {text(find(row, "a")): text(find(row, "th")) for row in rows[1:]}

    assert headers == {
        "Begint": "Begint In voorbereiding",
        "Gestopt": "Gestopt Beëindigd",
        "Loopt": "Loopt",
    }


def test_row_shows_domain_legal_form_tier_looptijd_and_this_years_contribution(client):
    partnership = PartnershipFactory(
        name="GGD Zuid",
        policy_domain=PolicyDomainFactory(name="Gezondheid"),
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        tier=Tier.POLITIEK_BELANGRIJK,
    )
    ContributionFactory(partnership=partnership, year=THIS_YEAR, budgeted=Decimal("1250000"))
    # Neither last year's money nor personele inzet count as this year's financial contribution.
    ContributionFactory(partnership=partnership, year=THIS_YEAR - 1, budgeted=Decimal("999"))
    ContributionFactory(
        partnership=partnership,
        year=THIS_YEAR,
        kind=ContributionKind.PERSONEEL,
        budgeted=Decimal("777"),
    )

    html = client.get("/").content.decode()

    for shown in (
        "GGD Zuid",
        "Gezondheid",
        "Openbaar lichaam (Wgr)",
        "Politiek belangrijk",
        "€\xa01.250.000",
        f"Bijdrage {THIS_YEAR}",
    ):
        assert shown in html
    # Neither date breaks over two lines.
    assertInHTML(
        '<span class="text-nowrap">01-01-2020</span> – '
        '<span class="text-nowrap">onbepaalde tijd</span>',
        html,
    )
    assert "1.250.999" not in html
    assert "1.250.777" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tier=politiek_zeer_belangrijk", ["Zeer belangrijk"]),
        ("legal_form=nv", ["Zeer belangrijk"]),
        ("verbonden_partij=ja", ["Zeer belangrijk"]),
        ("verbonden_partij=nee", ["Ambtelijk"]),
        ("status=beeindigd", ["Ambtelijk"]),
        ("domain=DOMAIN", ["Ambtelijk"]),
        ("tier=ambtelijk_belangrijk&status=actief", []),
    ],
)
def test_each_filter_narrows_the_list_and_is_a_plain_url(client, query, expected):
    cultuur = PolicyDomainFactory(name="Cultuur")
    PartnershipFactory(
        name="Zeer belangrijk",
        tier=Tier.POLITIEK_ZEER_BELANGRIJK,
        legal_form=LegalForm.NV,
        is_verbonden_partij=True,
    )
    PartnershipFactory(
        name="Ambtelijk",
        tier=Tier.AMBTELIJK_BELANGRIJK,
        status=Status.BEEINDIGD,
        policy_domain=cultuur,
    )

    response = client.get("/?" + query.replace("DOMAIN", str(cultuur.pk)))

    assert names_on(response) == expected


@pytest.mark.parametrize("term", ["waterschap", "WATERSCHAP limburg", "afvalinzameling", "Regio"])
def test_search_finds_name_description_and_partner_names(client, term):
    partnership = PartnershipFactory(
        name="Regio Afval", description="Gezamenlijke afvalinzameling in de regio."
    )
    ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Waterschap Limburg")
    )
    PartnershipFactory(name="Iets anders", description="Niets hiervan.")

    assert names_on(client.get("/", {"q": term})) == ["Regio Afval"]


def test_search_on_a_partner_shared_by_two_partners_lists_the_partnership_once(client):
    partnership = PartnershipFactory(name="Twee gemeenten")
    for name in ("Gemeente Beesel", "Gemeente Venlo"):
        ParticipationFactory(partnership=partnership, organisation=OrganisationFactory(name=name))
    ContributionFactory(partnership=partnership, year=THIS_YEAR, budgeted=Decimal("1000"))

    response = client.get("/", {"q": "gemeente"})

    assert names_on(response) == ["Twee gemeenten"]
    assert "€\xa01.000<" in response.content.decode()  # not doubled by the partner join


def test_counts_per_tier_follow_the_other_filters_and_link_to_their_filter(client):
    PartnershipFactory.create_batch(2, tier=Tier.POLITIEK_BELANGRIJK)
    PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK, status=Status.BEEINDIGD)
    PartnershipFactory(tier=Tier.AMBTELIJK_BELANGRIJK)
    PartnershipFactory(tier="")

    counts = {
        row["label"]: row["count"]
        for row in client.get("/", {"status": "actief", "tier": "politiek_belangrijk"}).context[
            "tier_counts"
        ]
    }
    assert counts == {
        "Politiek zeer belangrijk": 0,
        "Politiek belangrijk": 2,
        "Bestuurlijk belangrijk": 0,
        "Ambtelijk belangrijk": 1,
        "Nog niet afgewogen": 1,
    }
    html = client.get("/", {"status": "actief"}).content.decode()
    # The filter link lands on the results, not at the top of the page.
    assert 'href="?status=actief&amp;tier=ambtelijk_belangrijk#resultaten"' in html


def test_result_count_and_pages_follow_the_chosen_tier(client, make_register):
    made = make_register(30)
    # The stored effective tier, as governance writes it (a targeted update).
    Partnership.objects.filter(pk__in=[p.pk for p in made[:27]]).update(
        tier=Tier.BESTUURLIJK_BELANGRIJK
    )

    response = client.get("/", {"tier": "bestuurlijk_belangrijk", "page": 2})

    html = response.content.decode()
    assert "27 samenwerkingsverbanden gevonden" in html
    assert "Pagina 2 van 2" in html
    assert len(names_on(response)) == 2


def test_sorted_column_says_so_to_screen_readers(client):
    PartnershipFactory(name="B", tier=Tier.AMBTELIJK_BELANGRIJK)
    PartnershipFactory(name="A", tier=Tier.POLITIEK_ZEER_BELANGRIJK)
    PartnershipFactory(name="C", tier=Tier.BESTUURLIJK_BELANGRIJK)

    response = client.get("/", {"sort": "-tier"})

    html = response.content.decode()
    assert names_on(response) == ["B", "C", "A"]  # least important first when descending
    assert 'aria-sort="descending"' in html
    assert text(find(parse(html), "caption")).endswith("gesorteerd op belangrijkheid (aflopend)")
    assert html.count("aria-sort=") == 1


def test_sort_on_looptijd_puts_open_ended_last_among_equal_starts(client):
    from datetime import date

    PartnershipFactory(name="Open", start_date=date(2020, 1, 1), end_date=None)
    PartnershipFactory(name="Kort", start_date=date(2020, 1, 1), end_date=date(2021, 1, 1))
    PartnershipFactory(name="Later", start_date=date(2022, 1, 1))

    assert names_on(client.get("/", {"sort": "looptijd"})) == ["Kort", "Open", "Later"]


def test_long_list_is_paginated_with_links_that_keep_the_filter(client, make_register):
    make_register(30)

    response = client.get("/", {"q": "register", "page": 2})

    html = response.content.decode()
    assert len(names_on(response)) == 5
    assert 'aria-current="page"' in html
    assert "?q=register&amp;page=1" in html
    assert "30 samenwerkingsverbanden gevonden" in html


def test_invalid_filter_value_gets_a_dutch_message_next_to_the_field(client):
    PartnershipFactory()

    response = client.get("/", {"tier": "heel_belangrijk"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_tier_error"' in html
    assert "Selecteer een geldige keuze" in html


def test_every_filter_field_has_a_visible_label(client):
    html = client.get("/").content.decode()

    page = parse(html)
    for field in ("q", "tier", "domain", "legal_form", "verbonden_partij", "status"):
        label = find(page, "label", for_=f"id_{field}")
        assert text(label)
        assert "visually-hidden" not in (attr(label, "class") or "")


def overview_queries(client, query: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/", query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.slow
@pytest.mark.parametrize(
    "query",
    [
        {},
        # Matches rows with 10 and with 200 partnerships, so the rows are rendered both times.
        {"q": "partner", "verbonden_partij": "nee", "domain": "DOMAIN", "sort": "-looptijd"},
    ],
)
def test_overview_query_count_does_not_grow_with_the_register(client, make_register, query):
    made = make_register(10)
    if "domain" in query:
        query = {**query, "domain": made[0].policy_domain_id}
    with_ten = overview_queries(client, query)

    make_register_more = make_register(190)
    assert len(make_register_more) == 190
    with_two_hundred = overview_queries(client, query)

    assert with_ten == with_two_hundred
    assert client.get("/", query).context["result_count"] > 25  # more than one page
    # Counts per tier, the policy domains for the form, the chosen one, the page's rows.
    assert with_two_hundred <= 4


def test_result_summary_repeats_the_chosen_filters_in_words(client):
    domain = PolicyDomainFactory(name="Veiligheid")
    PartnershipFactory(policy_domain=domain, tier=Tier.POLITIEK_BELANGRIJK)

    html = client.get("/", {"domain": domain.pk, "tier": "politiek_belangrijk"}).content.decode()

    assert "1 samenwerkingsverband gevonden voor" in html
    (summary,) = [p for p in find_all(parse(html), "p") if "gevonden voor" in text(p)]
    assert sorted(text(chosen) for chosen in find_all(summary, "strong")) == [
        "Politiek belangrijk",
        "Veiligheid",
    ]
    assert "belangrijkheid: Politiek belangrijk" in text(summary)
    assert "beleidsveld: Veiligheid" in text(summary)
