"""The login lockout behind the documented proxy chain: the municipality's reverse proxy, then
nginx (docker-compose.yml, deploy/nginx.conf), then the app.

Each proxy appends the address it was connected from to X-Forwarded-For, so the app sees
`<whatever the visitor sent>, <visitor>, <municipality proxy>` from nginx's address.
"""

import pytest
from django.test import Client, RequestFactory

from accounts.models import AuditAction, AuditEvent, Role
from samenwerkingswijzer.security import client_ip
from tests.factories import UserFactory

PASSWORD = "wachtwoord-voor-tests"
LOGIN = "/accounts/login/"
NGINX = "172.18.0.5"
MUNICIPALITY_PROXY = "10.20.0.1"
ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.7"


def through_the_chain(visitor: str, sent_by_visitor: str = "") -> Client:
    """A client whose requests reach the app the way the two proxies pass them on."""
    hops = [hop for hop in (sent_by_visitor, visitor, MUNICIPALITY_PROXY) if hop]
    return Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=", ".join(hops))


def login(client: Client, username: str, password: str) -> int:
    return client.post(LOGIN, {"username": username, "password": password}).status_code


@pytest.fixture(autouse=True)
def two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2


@pytest.fixture
def victim(db):
    return UserFactory(username="devries", role=Role.LEZER)


@pytest.fixture
def attacker_account(db):
    return UserFactory(username="bakker", role=Role.LEZER)


def test_a_forged_address_cannot_lock_another_user_out(victim, attacker_account):
    # The attacker pretends to come from the victim's address while failing on an account.
    for _ in range(6):
        login(through_the_chain(ATTACKER, sent_by_visitor=VICTIM), "bakker", "fout")
    assert login(through_the_chain(ATTACKER), "bakker", PASSWORD) == 429
    # The victim, from their own address, is not touched.
    assert login(through_the_chain(VICTIM), "devries", PASSWORD) == 302


def test_rotating_forged_addresses_do_not_avoid_the_lock(victim, attacker_account):
    statuses = [
        login(through_the_chain(ATTACKER, sent_by_visitor=f"192.0.2.{n}"), "bakker", "fout")
        for n in range(1, 6)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    # A new forged address and another username: the attacker's own address is locked.
    forged = through_the_chain(ATTACKER, sent_by_visitor="192.0.2.99")
    assert login(forged, "devries", PASSWORD) == 429


def test_a_username_is_locked_whatever_the_address(victim):
    for n in range(5):
        login(through_the_chain(f"192.0.2.{n}"), "devries", "fout")
    assert login(through_the_chain(VICTIM), "devries", PASSWORD) == 429


def test_the_proxies_own_addresses_lock_no_one(victim, attacker_account):
    """Five failures through the same two proxies from one visitor leave the others alone."""
    for _ in range(5):
        login(through_the_chain(ATTACKER), "bakker", "fout")
    assert login(through_the_chain(VICTIM), "devries", PASSWORD) == 302


def test_the_audit_log_records_the_visitors_address(victim):
    login(through_the_chain(ATTACKER, sent_by_visitor=VICTIM), "devries", "fout")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.origin == ATTACKER


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "192.0.2.1, 198.51.100.7", "127.0.0.9"),  # no proxy: the header means nothing
        (1, "192.0.2.1, 198.51.100.7", "198.51.100.7"),
        (2, "192.0.2.1, 198.51.100.7, 10.20.0.1", "198.51.100.7"),
        (2, "198.51.100.7", "198.51.100.7"),  # past the outer proxy straight to nginx
        (2, "", "127.0.0.9"),  # straight to the app, e.g. the health check
        (2, "geen-adres, 10.20.0.1", "127.0.0.9"),
    ],
)
def test_client_address_is_the_first_untrusted_hop(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
