"""After filtering, sorting or paging the overview opens at the results, and the way back keeps
the filters: no 16 to 23 tabs from the top of the page to the table."""

import pytest
from django.urls import reverse

from tests.factories import PartnershipFactory
from tests.html_page import attr, find, find_all, parse, text

pytestmark = pytest.mark.django_db


def test_the_results_are_a_focusable_anchor_that_filters_and_sorting_land_on(client, make_register):
    make_register(30)  # more than one page of 25
    page = parse(client.get("/", {"q": "Register"}))

    results = find(page, "section", id="resultaten")
    assert attr(results, "tabindex") == "-1"
    assert text(find(results, "h2")) == "Resultaten"
    assert attr(find(page, "form", method="get"), "action") == "/#resultaten"
    sort_links = find_all(results, "a", class_="sort-link")
    page_links = find_all(find(results, "nav"), "a", class_="page-link")
    assert sort_links
    assert page_links
    for link in sort_links + page_links:
        assert attr(link, "href").endswith("#resultaten"), attr(link, "href")
    assert attr(page_links[-1], "href") == "?q=Register&page=2#resultaten"


def back_link(response):
    (link,) = [a for a in find_all(parse(response), "a") if text(a).startswith("Terug naar")]
    return text(link), attr(link, "href")


def test_back_from_a_partnership_keeps_the_filters_it_was_found_with(client):
    partnership = PartnershipFactory(name="Zorg en Veiligheid")
    url = reverse("public:partnership_detail", args=[partnership.slug])

    response = client.get(url, headers={"referer": "http://testserver/?q=zorg&sort=-name&page=2"})

    assert back_link(response) == (
        "Terug naar de resultaten",
        "/?q=zorg&sort=-name&page=2#resultaten",
    )
    assert "Referer" in response["Vary"]


@pytest.mark.parametrize(
    "referer",
    [
        None,
        "http://testserver/",
        "http://testserver/open-data/?q=zorg",
        "https://elders.example/?q=zorg",
    ],
)
def test_without_a_search_to_return_to_the_link_goes_to_all_partnerships(client, referer):
    partnership = PartnershipFactory()
    url = reverse("public:partnership_detail", args=[partnership.slug])
    headers = {"referer": referer} if referer else {}

    response = client.get(url, headers=headers)

    assert back_link(response) == ("Terug naar alle samenwerkingsverbanden", "/")
