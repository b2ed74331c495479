"""Dutch error pages in the site's layout, as a visitor sees them in production (DEBUG off)."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template import loader
from django.test import Client, override_settings
from django.urls import include, path

from samenwerkingswijzer.urls import urlpatterns as site_urlpatterns
from tests.html_page import attr, find_all, parse


@login_not_required
def crash(request):
    raise RuntimeError("geheime-interne-fout in de code")


def refuse(request):
    raise PermissionDenied("interne reden")


@login_not_required
def bad(request):
    raise SuspiciousOperation("interne reden")


urlpatterns = [
    path("test/kapot/", crash),
    path("test/verboden/", refuse),
    path("test/ongeldig/", bad),
    path("", include(site_urlpatterns)),
]

PRODUCTION = override_settings(DEBUG=False, ROOT_URLCONF=__name__)


def visitor() -> Client:
    return Client(raise_request_exception=False)


def assert_site_page(content: str) -> None:
    page = parse(content)
    assert (page.name, attr(page, "lang")) == ("html", "nl")
    assert find_all(page, "header", class_="site-header")
    assert "css/theme.css" in content
    assert "Traceback" not in content
    assert "interne" not in content


@pytest.fixture(autouse=True)
def production():
    with PRODUCTION:
        yield


@pytest.mark.django_db
def test_a_missing_page_says_so_in_dutch_with_a_way_back():
    response = visitor().get("/bestaat-niet/")
    assert response.status_code == 404
    text = response.content.decode()
    assert_site_page(text)
    assert "Deze pagina bestaat niet" in text
    assert 'href="/"' in text


@pytest.mark.django_db
def test_refused_access_says_so_in_dutch_with_a_way_back(lezer_client):
    response = lezer_client.get("/test/verboden/")
    assert response.status_code == 403
    text = response.content.decode()
    assert_site_page(text)
    assert "U heeft geen toegang tot deze pagina" in text
    assert 'href="/intern/"' in text


@pytest.mark.django_db
def test_a_bad_request_says_so_in_dutch():
    response = visitor().get("/test/ongeldig/")
    assert response.status_code == 400
    text = response.content.decode()
    assert_site_page(text)
    assert "Dit verzoek kunnen we niet verwerken" in text


@pytest.mark.django_db
def test_a_crash_shows_the_dutch_page_without_a_stack_trace():
    response = visitor().get("/test/kapot/")
    assert response.status_code == 500
    text = response.content.decode()
    assert_site_page(text)
    assert "Er ging iets mis" in text
    assert "geheime-interne-fout" not in text
    assert 'href="/"' in text


def test_the_crash_page_renders_without_a_database_or_request():
    # Without the django_db mark any query fails: the page must not need one.
    page = loader.get_template("500.html").render()
    assert_site_page(page)
    response = visitor().get("/test/kapot/")
    assert response.status_code == 500
    assert response.content.decode() == page


@pytest.mark.django_db
def test_an_expired_form_says_so_in_dutch():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    text = response.content.decode()
    assert_site_page(text)
    assert "Het formulier is verlopen" in text
    assert "niet opgeslagen" in text
    assert "CSRF" not in text
