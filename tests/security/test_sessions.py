"""Sessions end after 30 minutes idle, 12 hours after login, and when an account is disabled."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.middleware import session_has_expired
from accounts.signals import LOGIN_TIME_KEY, end_sessions_of

TWELVE_HOURS = 12 * 60 * 60


def test_idle_timeout_is_thirty_minutes_and_renewed_on_every_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_ABSOLUTE_LIFETIME == TWELVE_HOURS


def test_session_cookie_expires_thirty_minutes_after_the_last_request(lezer_client):
    response = lezer_client.get("/intern/")
    assert response.cookies["sessionid"]["max-age"] == 30 * 60


@pytest.mark.parametrize(
    ("login_time", "expired"),
    [
        (None, True),
        ("gisteren", True),
        (1_000_000 - TWELVE_HOURS, True),
        (1_000_000 - TWELVE_HOURS + 1, False),
        (1_000_000 - 60, False),
    ],
)
def test_session_expires_twelve_hours_after_login(login_time, expired):
    assert session_has_expired(login_time, now=1_000_000, lifetime=TWELVE_HOURS) is expired


def test_active_user_is_logged_out_twelve_hours_after_login(lezer_client):
    assert lezer_client.get("/intern/").status_code == 200
    session = lezer_client.session
    session[LOGIN_TIME_KEY] = int(time.time()) - TWELVE_HOURS - 1
    session.save()
    response = lezer_client.get("/intern/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Logged out for good, not just for this request.
    assert lezer_client.get("/intern/").status_code == 302


def test_user_within_twelve_hours_stays_logged_in(lezer_client):
    session = lezer_client.session
    session[LOGIN_TIME_KEY] = int(time.time()) - TWELVE_HOURS + 60
    session.save()
    assert lezer_client.get("/intern/").status_code == 200


def test_login_stores_the_login_time(lezer, client):
    client.post("/accounts/login/", {"username": "lezer", "password": "wachtwoord-voor-tests"})
    assert abs(client.session[LOGIN_TIME_KEY] - time.time()) < 60


def test_disabling_a_user_ends_all_their_sessions(lezer, beheerder):
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(lezer)
    phone.force_login(lezer)
    colleague.force_login(beheerder)
    assert Session.objects.count() == 3

    lezer.is_active = False
    lezer.save()

    assert Session.objects.count() == 1
    assert laptop.get("/intern/").status_code == 302
    assert phone.get("/intern/").status_code == 302
    assert colleague.get("/intern/").status_code == 200


def test_ending_sessions_of_a_user_without_sessions_ends_none(lezer):
    assert end_sessions_of(lezer) == 0
