"""The icon in the browser tab and the municipality's own logo in the header."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.test import Client

from tests.html_page import attr, find, find_all, parse

pytestmark = pytest.mark.django_db


def test_favicon_ico_answers_without_login_and_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith("img/favicon.svg")
    # WhiteNoise serves it from the collected files; the test client has none collected.
    assert finders.find("img/favicon.svg")


@pytest.mark.parametrize("address", ["/", "/toegankelijkheid/", "/accounts/login/"])
def test_public_pages_link_the_icon(client, address):
    icon = find(parse(client.get(address)), "link", rel="icon")

    assert attr(icon, "href").endswith("img/favicon.svg")


def test_internal_pages_link_the_icon(lezer_client):
    icon = find(parse(lezer_client.get("/intern/")), "link", rel="icon")

    assert attr(icon, "href").endswith("img/favicon.svg")


def header_of(client: Client, address: str):
    return find(parse(client.get(address)), "header", class_="site-header")


def test_without_a_logo_the_header_shows_the_name(client, settings):
    settings.SITE_LOGO_URL = ""
    settings.MUNICIPALITY_NAME = "Gemeente Testdorp"

    header = header_of(client, "/")

    assert find_all(header, "img") == []
    assert find(header, "span", class_="site-municipality", string="Gemeente Testdorp")


def test_a_configured_logo_shows_on_public_pages_with_the_name_as_alt_text(client, settings):
    settings.SITE_LOGO_URL = "img/favicon.svg"
    settings.MUNICIPALITY_NAME = "Gemeente Testdorp"

    logo = find(header_of(client, "/"), "img", class_="site-logo")

    assert attr(logo, "alt") == "Gemeente Testdorp"
    assert attr(logo, "src").endswith("/img/favicon.svg")


def test_a_configured_logo_shows_on_internal_pages(lezer_client, settings):
    settings.SITE_LOGO_URL = "/static/img/gemeente.svg"
    settings.MUNICIPALITY_NAME = "Gemeente Testdorp"

    header = header_of(lezer_client, "/intern/")
    logo = find(header, "img", class_="site-logo")

    assert attr(logo, "src") == "/static/img/gemeente.svg"
    assert attr(logo, "alt") == "Gemeente Testdorp"
    assert find_all(header, "span", class_="site-municipality") == []


def test_a_logo_from_another_site_stops_the_start_with_a_message():
    # Pages load nothing from other sites (Content-Security-Policy img-src 'self').
    started = subprocess.run(
        [sys.executable, "-c", "import samenwerkingswijzer.settings"],
        cwd=Path(django_settings.BASE_DIR),
        env={**os.environ, "SITE_LOGO_URL": "https://cdn.example.nl/logo.png"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert started.returncode != 0
    assert "SITE_LOGO_URL is een bestand in static/ of een pad op deze site." in started.stderr
