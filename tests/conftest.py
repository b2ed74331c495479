"""Personas (the roles of accounts/rules.py), shared by every test."""

import pytest
from django.test import Client

from accounts.models import Role

from .factories import PartnershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
