"""Requesting a new password: the site's own Dutch pages, the same answer for every address,
and a limit per hour per address and per e-mail address."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from pytest_django.asserts import assertInHTML

from accounts.models import Role
from tests.factories import UserFactory
from tests.html_page import attr, find, find_all, parse, text

REQUEST = "/accounts/password_reset/"
LINK = re.compile(r"(https?://\S+/accounts/reset/\S+/)")


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def jansen(db):
    return UserFactory(username="jansen", email="j.jansen@gemeente.example", role=Role.LEZER)


def ask(client: Client, email: str):
    return client.post(REQUEST, {"email": email}, follow=True)


def test_the_login_page_links_to_the_password_reset(client, db):
    page = client.get("/accounts/login/").content.decode()
    assertInHTML('<a href="/accounts/password_reset/">Wachtwoord vergeten?</a>', page)


def test_the_request_page_is_dutch_in_the_sites_layout(client, db):
    page = parse(client.get(REQUEST))
    assert (page.name, attr(page, "lang")) == ("html", "nl")
    assert find_all(page, "header", class_="site-header")
    assert "Nieuw wachtwoord aanvragen" in text(page)
    assert text(find(page, "label", for_="id_email")) == "E-mailadres"


def test_known_and_unknown_addresses_get_exactly_the_same_answer(client, jansen):
    known = ask(client, "j.jansen@gemeente.example")
    unknown = ask(Client(REMOTE_ADDR="10.0.0.2"), "niemand@gemeente.example")
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert "Als het e-mailadres bij ons bekend is" in known.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["j.jansen@gemeente.example"]


def test_the_mail_is_dutch_and_its_link_sets_a_new_password(client, jansen, settings):
    settings.SITE_URL = "https://samenwerking.gemeente.example"
    # A forged Host header does not end up in the link.
    client.post(REQUEST, {"email": "j.jansen@gemeente.example"}, HTTP_HOST="localhost")
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor de Samenwerkingswijzer"
    assert "Kies dan via deze link een nieuw wachtwoord" in message.body
    link = LINK.search(message.body).group(1)
    assert link.startswith("https://samenwerking.gemeente.example/accounts/reset/")
    page = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert "Nieuw wachtwoord kiezen" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url,
        {"new_password1": "lange zin als wachtwoord", "new_password2": "lange zin als wachtwoord"},
        follow=True,
    )
    assert "Uw wachtwoord is gewijzigd" in done.content.decode()
    jansen.refresh_from_db()
    assert jansen.check_password("lange zin als wachtwoord")
    # The link works once.
    again = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert "Deze link werkt niet meer" in again.content.decode()


def test_requests_for_one_email_address_are_limited(jansen, settings):
    statuses = []
    for n in range(5):
        response = ask(Client(REMOTE_ADDR=f"10.0.1.{n}"), "J.Jansen@gemeente.example")
        statuses.append(response.status_code)
    assert statuses == [200] * 5
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL == 3


def test_requests_from_one_address_are_limited(client, db, settings):
    for n in range(8):
        UserFactory(username=f"medewerker{n}", email=f"m{n}@gemeente.example", role=Role.LEZER)
    answers = {ask(client, f"m{n}@gemeente.example").content for n in range(8)}
    assert len(answers) == 1, "over the limit the page says the same"
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS == 5
    # Another address is not affected.
    ask(Client(REMOTE_ADDR="10.0.2.1"), "m7@gemeente.example")
    assert len(mail.outbox) == 6


def test_the_limit_lifts_after_the_hour(client, jansen):
    for _ in range(4):
        ask(client, "j.jansen@gemeente.example")
    assert len(mail.outbox) == 3
    cache.clear()  # what the cache does when the hour has passed
    ask(client, "j.jansen@gemeente.example")
    assert len(mail.outbox) == 4
