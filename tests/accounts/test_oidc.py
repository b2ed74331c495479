"""Single sign-on, end to end: the app against a real OpenID Connect provider.

The provider (django-oidc-provider, `tests/oidc_provider/`) runs in a second process on a
free port; the app runs in the live test server. A `requests.Session` is the browser: it
follows the redirects and fills in the provider's login form, as a person would.
"""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings as django_settings

from accounts import oidc
from accounts.models import AuditAction, AuditEvent, Role, User
from tests.page_forms import form_data

pytestmark = [
    pytest.mark.oidc,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CLIENT_ID = "samenwerkingswijzer"
CLIENT_SECRET = "geheim-alleen-voor-de-test"
PASSWORD = "provider-wachtwoord"
PEOPLE = [
    # Anna is in the team of accounthouders and in the group of all staff.
    ("anna", "Anna", "de Vries", ["SWW-Accounthouders", "Medewerkers"]),
    # Piet's groups give no access.
    ("piet", "Piet", "Bakker", ["Kantine"]),
]
MAPPING = {"SWW-Accounthouders": "accounthouder", "Medewerkers": "lezer"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory) -> Iterator[str]:
    """The provider's issuer URL, while its process runs."""
    url = f"http://127.0.0.1:{free_port()}"
    setup = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{live_server.url}/accounts/oidc/callback/"],
        "post_logout_redirect_uris": [f"{live_server.url}/"],
        "users": [
            {
                "username": username,
                "password": PASSWORD,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@organisatie.example",
                "groups": groups,
            }
            for username, first, last, groups in PEOPLE
        ],
    }
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "TEST_PROVIDER_URL": url,
        "TEST_PROVIDER_DB": str(tmp_path_factory.mktemp("provider") / "provider.sqlite3"),
        "TEST_PROVIDER_SETUP": json.dumps(setup),
    }
    log = tmp_path_factory.mktemp("provider-log") / "provider.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve"],
            cwd=Path(django_settings.BASE_DIR),
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            issuer = f"{url}/openid"
            wait_until_up(f"{issuer}/.well-known/openid-configuration", process, log)
            yield issuer
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"De testprovider stopte: {log.read_text()}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"De testprovider startte niet binnen een minuut: {log.read_text()}")


@pytest.fixture
def sso(settings, provider):
    settings.OIDC_ISSUER = provider
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_GROUP_ROLES = dict(MAPPING)
    # The app's test settings hash passwords quickly; nothing else here is test-only.
    oidc.discover.cache_clear()
    return settings


def sign_in(app: str, username: str, browser: requests.Session | None = None):
    """Click the provider's button on our login page, log in at the provider, come back."""
    browser = browser or requests.Session()
    login_page = browser.get(f"{app}/accounts/login/?next=/intern/")
    button = form_data(login_page.text, "next")  # the provider's button is a GET form
    at_provider = browser.get(f"{app}/accounts/oidc/authenticate/", params=button)
    assert urlsplit(at_provider.url).path == "/login/", at_provider.url
    assert "Testorganisatie: inloggen" in at_provider.text
    fields = form_data(at_provider.text, "username")
    fields.update(username=username, password=PASSWORD)
    back = browser.post(at_provider.url, data=fields)
    return browser, back


def roles_of(username_claim: str) -> set[str]:
    user = User.objects.get(username=username_claim)
    return set(user.groups.values_list("name", flat=True))


def test_a_user_in_a_mapped_group_signs_in_as_accounthouder(live_server, sso):
    browser, back = sign_in(live_server.url, "anna")
    assert back.url == f"{live_server.url}/intern/"
    assert "Ingelogd als Anna de Vries" in back.text

    user = User.objects.get(email="anna@organisatie.example")
    assert user.get_full_name() == "Anna de Vries"
    assert roles_of(user.username) == {Role.ACCOUNTHOUDER.value, Role.LEZER.value}
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.LOGIN).exists()

    # Logging out ends the session at the provider too: the next sign-in asks again.
    home = browser.get(back.url)
    logout = form_data(home.text, "csrfmiddlewaretoken")
    after = browser.post(f"{live_server.url}/accounts/logout/", data=logout)
    assert after.url == f"{live_server.url}/"
    again = browser.get(f"{live_server.url}/accounts/oidc/authenticate/")
    assert "Testorganisatie: inloggen" in again.text


def test_a_user_without_a_mapped_group_is_refused_with_a_clear_message(live_server, sso):
    _, back = sign_in(live_server.url, "piet")
    assert urlsplit(back.url).path == "/accounts/login/"
    assert "u hebt nog geen toegang tot Samenwerkingswijzer" in back.text
    assert "Ingelogd als" not in back.text
    assert not User.objects.filter(email="piet@organisatie.example").exists()
    assert "Ingelogd als" not in requests.get(f"{live_server.url}/intern/").text


def test_a_role_whose_group_no_longer_maps_is_gone_at_the_next_login(live_server, sso):
    sign_in(live_server.url, "anna")
    username = User.objects.get(email="anna@organisatie.example").username
    assert Role.ACCOUNTHOUDER.value in roles_of(username)

    # The beheerder changes the mapping: the accounthouders' group no longer gives a role.
    sso.OIDC_GROUP_ROLES = {"Medewerkers": "lezer"}
    browser, back = sign_in(live_server.url, "anna")
    assert back.url == f"{live_server.url}/intern/"
    assert roles_of(username) == {Role.LEZER.value}
    # What she could do as accounthouder is refused now.
    assert browser.get(f"{live_server.url}/intern/samenwerkingsverbanden/nieuw/").status_code == 403

    # No group maps at all: refused, and the last role is gone too.
    sso.OIDC_GROUP_ROLES = {}
    _, refused = sign_in(live_server.url, "anna")
    assert "u hebt nog geen toegang tot Samenwerkingswijzer" in refused.text
    assert roles_of(username) == set()
