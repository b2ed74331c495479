import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher takes ~0.3 s per login on purpose; these tests log in often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
