"""The internal tables open at the results after filtering, sorting or paging, and the
partnership page leads back to the table as it was."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PartnershipFactory
from tests.html_page import attr, find, find_all, parse

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:partnership_list")


def test_filter_form_sort_and_page_links_of_the_register_end_at_the_results(lezer_client):
    PartnershipFactory.create_batch(51)  # more than one page of 50
    page = parse(lezer_client.get(LIST, {"sort": "name"}))

    results = find(page, "section", id="resultaten")
    assert attr(results, "tabindex") == "-1"
    assert find(results, "h2", id="kop-resultaten")
    assert attr(find(page, "form", method="get"), "action") == f"{LIST}#resultaten"
    sort_links = find_all(results, "a", class_="sort-link")
    page_links = find_all(find(results, "nav"), "a", class_="page-link")
    assert sort_links
    assert page_links
    for link in sort_links + page_links:
        assert attr(link, "href").endswith("#resultaten"), attr(link, "href")


def test_sort_links_of_the_other_tables_end_at_the_results_too(lezer_client):
    OrganisationFactory()
    page = parse(lezer_client.get(reverse("partnerships:organisation_list")))

    results = find(page, "section", id="resultaten")
    sort_links = find_all(find(results, "thead"), "a")
    assert sort_links
    assert all(attr(a, "href").endswith("#resultaten") for a in sort_links)


def breadcrumb_href(response) -> str:
    return attr(find(find(parse(response), "nav", aria_label="Kruimelpad"), "a"), "href")


def test_the_partnership_page_leads_back_to_the_table_as_it_was(lezer_client):
    partnership = PartnershipFactory()
    came_from = f"http://testserver{LIST}?q=zorg&status=actief&page=2"

    response = lezer_client.get(partnership.get_absolute_url(), headers={"referer": came_from})

    assert breadcrumb_href(response) == f"{LIST}?q=zorg&status=actief&page=2#resultaten"
    # Opened some other way: the whole table.
    assert breadcrumb_href(lezer_client.get(partnership.get_absolute_url())) == LIST
