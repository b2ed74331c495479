"""Personas (the roles of accounts/rules.py), shared by every test."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from accounts.models import Role

from .factories import PartnershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The day `frozen_today` stops the clock at: a weekday in the middle of a kadernota year, far
# from a month's or a year's end, so "in 30 days" and "last year" never cross a boundary.
FROZEN_TODAY = date(2026, 6, 17)


@pytest.fixture
def frozen_today(request, time_machine) -> date:
    """Stop the clock at noon (Amsterdam) on FROZEN_TODAY, for the whole test, and return it.

    `date.today()`, `timezone.now()` and `timezone.localdate()` all give that day, in the test
    and in the code it calls, so a test that counts days from "today" means the same on
    every run. Another day: `@pytest.mark.parametrize("frozen_today", [date(...)],
    indirect=True)`. To move on within a test: `time_machine.move_to(...)` (time-machine's
    own fixture). Module constants may use `FROZEN_TODAY` when every test asks for this fixture
    (`pytestmark = pytest.mark.usefixtures("frozen_today")`).
    """
    today: date = getattr(request, "param", FROZEN_TODAY)
    noon = datetime.combine(today, time(12), tzinfo=ZoneInfo("Europe/Amsterdam"))
    time_machine.move_to(noon, tick=False)
    return today


@pytest.fixture
def lezer(db):
    return UserFactory(username="lezer", role=Role.LEZER)


@pytest.fixture
def accounthouder(db):
    return UserFactory(username="accounthouder", role=Role.ACCOUNTHOUDER)


@pytest.fixture
def other_accounthouder(db):
    return UserFactory(username="andere_accounthouder", role=Role.ACCOUNTHOUDER)


@pytest.fixture
def beheerder(db):
    return UserFactory(username="beheerder", role=Role.BEHEERDER)


@pytest.fixture
def own_partnership(accounthouder):
    """A partnership of which `accounthouder` is the accounthouder."""
    return PartnershipFactory(account_holder=accounthouder)


def pytest_collection_modifyitems(items):
    """A test that reaches personas through request.getfixturevalue() must ask for `db`
    itself: otherwise pytest-django orders it after the transactional tests, whose flush has
    removed the roles and the kader that the migrations create."""
    for item in items:
        source = getattr(item.function, "__code__", None)
        uses_dynamic_fixtures = source is not None and "getfixturevalue" in source.co_names
        if uses_dynamic_fixtures and not {"db", "transactional_db"} & set(item.fixturenames):
            raise pytest.UsageError(f"{item.nodeid}: vraag de fixture `db` aan")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lezer_client(lezer):
    return _client_for(lezer)


@pytest.fixture
def accounthouder_client(accounthouder):
    return _client_for(accounthouder)


@pytest.fixture
def other_accounthouder_client(other_accounthouder):
    return _client_for(other_accounthouder)


@pytest.fixture
def beheerder_client(beheerder):
    return _client_for(beheerder)
