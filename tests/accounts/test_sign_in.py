"""The login page with and without local login, and what the provider's settings do."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import authenticate
from django.test import Client

from accounts import oidc
from accounts.models import Role
from tests.factories import UserFactory

LOGIN = "/accounts/login/"
BUTTON = "Inloggen met uw organisatieaccount"


@pytest.fixture
def sso_on(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = "https://login.gemeente.example/realms/medewerkers"
    settings.OIDC_RP_CLIENT_ID = "samenwerkingswijzer"
    oidc.discover.cache_clear()
    return settings


def test_without_single_sign_on_the_page_has_only_the_password_form(client, db):
    page = client.get(LOGIN).content.decode()
    assert 'name="password"' in page
    assert BUTTON not in page


def test_with_both_the_page_offers_the_provider_and_the_password(client, db, sso_on):
    page = client.get(LOGIN + "?next=/intern/agenda/").content.decode()
    assert '<form method="get" action="/accounts/oidc/authenticate/">' in page
    assert f'<button type="submit" class="btn btn-primary">{BUTTON}</button>' in page
    assert '<input type="hidden" name="next" value="/intern/agenda/">' in page
    assert 'name="password"' in page
    assert "Wachtwoord vergeten?" in page


def test_with_local_login_off_the_page_offers_only_the_provider(client, db, sso_on):
    sso_on.LOCAL_LOGIN = False
    sso_on.OIDC_LOGIN_LABEL = "Inloggen met je Voorbeeldstad-account"
    UserFactory(username="jansen", role=Role.BEHEERDER)

    page = client.get(LOGIN).content.decode()
    assert "Inloggen met je Voorbeeldstad-account" in page
    assert 'name="password"' not in page
    assert "Wachtwoord vergeten?" not in page

    # A password is not accepted anywhere, not even by a crafted post or in the admin.
    refused = client.post(LOGIN, {"username": "jansen", "password": "wachtwoord-voor-tests"})
    assert refused.status_code == 405
    assert authenticate(username="jansen", password="wachtwoord-voor-tests") is None
    admin = client.post(
        "/admin/login/", {"username": "jansen", "password": "wachtwoord-voor-tests"}
    )
    assert "_auth_user_id" not in client.session
    assert admin.status_code == 200


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_provider_gets_a_dutch_message_not_an_error(client, db, sso_on):
    sso_on.OIDC_ISSUER = f"http://127.0.0.1:{closed_port()}/openid"
    sso_on.OIDC_TIMEOUT = 2
    response = client.get("/accounts/oidc/authenticate/", follow=True)
    assert response.redirect_chain == [(LOGIN, 302)]
    assert "Het inlogsysteem van uw organisatie is nu niet bereikbaar" in response.content.decode()


def test_the_callback_without_a_login_in_progress_is_refused_on_the_login_page(client, db, sso_on):
    response = client.get("/accounts/oidc/callback/?code=abc&state=xyz", follow=True)
    assert response.redirect_chain == [(LOGIN, 302)]
    assert "Inloggen via uw organisatie is niet gelukt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_provider_that_fails_halfway_gets_a_dutch_message_not_an_error(client, db, sso_on):
    # The provider sent the browser back, but its token endpoint does not answer.
    gone = f"http://127.0.0.1:{closed_port()}"
    sso_on.OIDC_OP_TOKEN_ENDPOINT = f"{gone}/token"
    sso_on.OIDC_OP_USER_ENDPOINT = f"{gone}/userinfo"
    sso_on.OIDC_OP_JWKS_ENDPOINT = f"{gone}/jwks"
    sso_on.OIDC_TIMEOUT = 2
    session = client.session
    session["oidc_states"] = {"xyz": {"nonce": "n", "code_verifier": "v" * 64}}
    session.save()
    response = client.get("/accounts/oidc/callback/?code=abc&state=xyz", follow=True)
    assert response.redirect_chain == [(LOGIN, 302)]
    assert "Het inlogsysteem van uw organisatie is nu niet bereikbaar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_mapping_reads_lists_and_single_groups(settings):
    settings.OIDC_GROUP_ROLES = {"SWW-Beheer": "beheerder", "Medewerkers": "lezer"}
    assert oidc.roles_for_groups(["Medewerkers", "Kantine"]) == {Role.LEZER}
    assert oidc.roles_for_groups("SWW-Beheer") == {Role.BEHEERDER}
    assert oidc.roles_for_groups(None) == set()
    assert oidc.roles_for_groups([{"naam": "SWW-Beheer"}]) == set()


def test_an_sso_user_needs_no_second_factor_here(db, settings):
    settings.REQUIRE_TWO_FACTOR = True
    user = UserFactory(username="sso-beheerder", role=Role.BEHEERDER)
    client = Client()
    client.force_login(user, backend=oidc.BACKEND_PATH)
    response = client.post(
        "/intern/organisaties/nieuw/", {"name": "Gemeente Ede", "kind": "gemeente"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"LOCAL_LOGIN": "false"}, "LOCAL_LOGIN=false kan alleen met single sign-on"),
        ({"OIDC_ISSUER": "https://login.example"}, "Zet OIDC_CLIENT_ID"),
        (
            {"OIDC_GROUP_ROLES": "SWW-Beheer=baas,Medewerkers=lezer"},
            "OIDC_GROUP_ROLES noemt onbekende rollen: baas",
        ),
    ],
)
def test_a_wrong_sign_in_configuration_stops_the_start_with_a_message(environment, message):
    started = subprocess.run(
        [sys.executable, "-c", "import samenwerkingswijzer.settings"],
        cwd=Path(django_settings.BASE_DIR),
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode != 0
    assert message in started.stderr
