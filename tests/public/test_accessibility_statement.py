"""The toegankelijkheidsverklaring: status, scope, how it was tested, limits, contact, date."""

import pytest
from pytest_django.asserts import assertInHTML

pytestmark = pytest.mark.django_db


def test_statement_names_status_norm_testing_limits_contact_and_date(client):
    response = client.get("/toegankelijkheid/")

    html = response.content.decode()
    assert response.status_code == 200
    assertInHTML("<h1>Toegankelijkheidsverklaring</h1>", html)
    for text in (
        "C – eerste maatregelen genomen",
        "WCAG 2.1, niveau A en AA",
        "Hoe hebben we getest?",
        "axe-core",
        "Wat werkt nog niet goed?",
        "Laat het ons weten",
        "Nationale ombudsman",
        "22 november 2026",
    ):
        assert text in html, text


def test_statement_shows_the_contact_address_when_configured(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "toegankelijkheid@voorbeeldstad.example"

    html = client.get("/toegankelijkheid/").content.decode()

    assert 'href="mailto:toegankelijkheid@voorbeeldstad.example"' in html


def test_every_public_page_links_to_the_statement_in_the_footer(client):
    for url in ("/", "/open-data/", "/toegankelijkheid/"):
        assert 'href="/toegankelijkheid/"' in client.get(url).content.decode()
