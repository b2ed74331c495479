"""Brute-force protection: a username, and an address, is locked after 5 failed logins."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client

from accounts.models import AuditAction, AuditEvent, AuditResult, Role
from tests.factories import UserFactory

PASSWORD = "wachtwoord-voor-tests"
LOGIN = "/accounts/login/"


@pytest.fixture
def medewerker(db):
    return UserFactory(username="jansen", role=Role.LEZER)


def attempt(client: Client, password: str, username: str = "jansen"):
    return client.post(LOGIN, {"username": username, "password": password})


def fail(client: Client, times: int, username: str = "jansen") -> list[int]:
    return [attempt(client, "fout", username).status_code for _ in range(times)]


def test_right_password_after_four_failures_still_logs_in(medewerker, client):
    assert fail(client, 4) == [200] * 4
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/intern/"


def test_sixth_attempt_is_refused_even_with_the_right_password(medewerker, client):
    # The fifth failure already answers with the lockout page.
    assert fail(client, 5) == [200, 200, 200, 200, 429]
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "Inloggen is tijdelijk geblokkeerd" in response.text
    assert "Probeer het over 15 minuten opnieuw" in response.text
    assert "_auth_user_id" not in client.session
    assert client.get("/intern/").status_code == 302


def test_lock_lifts_after_the_cool_off(medewerker, client):
    fail(client, 5)
    assert attempt(client, PASSWORD).status_code == 429
    # Let 16 minutes pass for the stored attempts (the cool-off is 15 minutes).
    for access in AccessAttempt.objects.all():
        access.attempt_time -= timedelta(minutes=16)
        access.save()
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/intern/").status_code == 200


def test_lock_is_per_username_and_per_address(medewerker, client):
    UserFactory(username="pietersen", role=Role.LEZER)
    fail(client, 5)
    # The same user from another address: guessing from many addresses does not help.
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert attempt(elsewhere, PASSWORD).status_code == 429
    # Another user from the same address: guessing many usernames does not help either.
    assert attempt(client, PASSWORD, username="pietersen").status_code == 429
    # Another user from another address is not touched.
    assert attempt(elsewhere, PASSWORD, username="pietersen").status_code == 302


def test_every_failed_login_is_logged_and_audited(medewerker, client, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail(client, 5)
        attempt(client, PASSWORD)
    failures = [r for r in caplog.records if "login failure" in r.getMessage().lower()]
    assert len(failures) >= 5
    events = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).order_by("pk")
    # The fifth failure is the one that locks.
    assert [e.result for e in events] == [AuditResult.FAILURE] * 4 + [AuditResult.LOCKED_OUT] * 2
    assert {e.actor_name for e in events} == {"jansen"}


def test_test_client_login_without_request_still_works(medewerker, client):
    assert client.login(username="jansen", password=PASSWORD)
    assert client.get("/intern/").status_code == 200
