"""Two-factor authentication for local accounts that can change data (REQUIRE_TWO_FACTOR)."""

import base64
import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import oidc
from accounts.models import AuditAction, AuditEvent, Role
from partnerships.models import Organisation
from tests.factories import UserFactory

PASSWORD = "wachtwoord-voor-tests"
SETUP = "/accounts/tweestapsverificatie/instellen/"
VERIFY = "/accounts/tweestapsverificatie/"
NEW_ORGANISATION = "/intern/organisaties/nieuw/"
ADMIN_NEW_ORGANISATION = "/admin/partnerships/organisation/add/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.REQUIRE_TWO_FACTOR = True


@pytest.fixture
def bea(db):
    return UserFactory(username="bea", role=Role.BEHEERDER, is_staff=True)


def log_in(client: Client, username: str = "bea"):
    return client.post(
        "/accounts/login/", {"username": username, "password": PASSWORD, "next": "/intern/"}
    )


def organisation(client: Client, name: str):
    return client.post(NEW_ORGANISATION, {"name": name, "kind": "gemeente", "place": "Ede"})


def secret_on(page: str) -> bytes:
    secret = re.search(r'<code class="fs-5" id="geheime-sleutel">([A-Z2-7 ]+)</code>', page)
    assert secret is not None
    text = secret.group(1).replace(" ", "")
    return base64.b32decode(text + "=" * (-len(text) % 8))


def code(key: bytes) -> str:
    """What the app shows now (RFC 6238: 30-second steps, 6 digits)."""
    return f"{totp(key):06d}"


def test_a_beheerder_cannot_change_data_before_enrolling(bea):
    client = Client()
    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP + "?next=")

    refused = organisation(client, "Gemeente Ede")
    assert refused.status_code == 403
    assert "stel eerst tweestapsverificatie in" in refused.content.decode()
    assert not Organisation.objects.filter(name="Gemeente Ede").exists()

    in_admin = {"name": "Gemeente Arnhem", "kind": "gemeente", "place": "", "website": ""}
    assert client.post(ADMIN_NEW_ORGANISATION, in_admin).status_code == 403
    assert not Organisation.objects.filter(name="Gemeente Arnhem").exists()

    # Reading still works, with a pointer to the enrolment.
    dashboard = client.get("/intern/").content.decode()
    assert f'href="{SETUP}?next=/intern/">Stel eerst tweestapsverificatie in</a>' in dashboard

    # Logging out is no change of data.
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_after_enrolling_and_verifying_the_beheerder_can_change_data(bea, time_machine):
    time_machine.move_to(datetime(2026, 6, 17, 10, 0, 5, tzinfo=UTC), tick=False)
    client = Client()
    log_in(client)
    page = client.get(SETUP + "?next=/intern/").content.decode()
    assert "<svg" in page  # the QR code, drawn by the server
    assert "<script" not in page
    key = secret_on(page)

    wrong = client.post(SETUP, {"token": "000000" if code(key) != "000000" else "111111"})
    assert "Deze code klopt niet" in wrong.content.decode()
    # After a wrong code django-otp makes the next try wait a moment.
    time_machine.move_to(datetime(2026, 6, 17, 10, 0, 10, tzinfo=UTC), tick=False)

    enrolled = client.post(SETUP, {"token": code(key), "next": "/intern/"})
    shown = enrolled.content.decode()
    assert "U ziet ze maar één keer" in shown
    recovery_codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", shown)
    assert len(recovery_codes) == 10
    enrolment = AuditEvent.objects.filter(actor=bea, action=AuditAction.CREATE)
    assert set(enrolment.values_list("object_type", flat=True)) >= {
        "otp_totp.totpdevice",
        "otp_static.staticdevice",
    }
    # Verified in this session: changing data works now.
    assert organisation(client, "Gemeente Ede").status_code == 302
    assert Organisation.objects.filter(name="Gemeente Ede").exists()
    # The codes are not shown again.
    assert recovery_codes[0] not in client.get(SETUP).content.decode()

    # A new login asks for the code from the app, and blocks changes until it is given.
    time_machine.move_to(datetime(2026, 6, 17, 10, 1, 5, tzinfo=UTC), tick=False)
    again = Client()
    assert log_in(again)["Location"].startswith(VERIFY + "?next=")
    assert organisation(again, "Gemeente Wageningen").status_code == 403
    assert client.post(SETUP, {"token": code(key)}).status_code == 200  # no second app
    verified = again.post(VERIFY, {"token": code(key), "next": "/intern/"})
    assert verified.status_code == 302
    assert verified["Location"] == "/intern/"
    in_admin = {"name": "Gemeente Arnhem", "kind": "gemeente", "place": "", "website": ""}
    assert again.post(ADMIN_NEW_ORGANISATION, in_admin).status_code == 302
    assert Organisation.objects.filter(name="Gemeente Arnhem").exists()


def test_a_recovery_code_works_once(bea, time_machine):
    time_machine.move_to(datetime(2026, 6, 17, 10, 0, 5, tzinfo=UTC), tick=False)
    client = Client()
    log_in(client)
    key = secret_on(client.get(SETUP).content.decode())
    shown = client.post(SETUP, {"token": code(key)}).content.decode()
    recovery = re.findall(r"<li><code>([a-z0-9]+)</code></li>", shown)[0]

    first = Client()
    log_in(first)
    used = first.post(VERIFY, {"token": recovery, "next": "/intern/"}, follow=True)
    assert "Die code werkt niet nog een keer" in used.content.decode()
    assert organisation(first, "Gemeente Ede").status_code == 302

    second = Client()
    log_in(second)
    refused = second.post(VERIFY, {"token": recovery})
    assert "Deze code klopt niet of is al gebruikt" in refused.content.decode()
    assert AuditEvent.objects.filter(
        actor=bea, action=AuditAction.LOGIN_FAILED, object_repr__contains="tweestapsverificatie"
    ).exists()
    assert organisation(second, "Gemeente Renkum").status_code == 403
    assert not Organisation.objects.filter(name="Gemeente Renkum").exists()


def test_a_beheerder_removes_a_lost_app_without_seeing_its_secret(bea, time_machine):
    time_machine.move_to(datetime(2026, 6, 17, 10, 0, 5, tzinfo=UTC), tick=False)
    client = Client()
    log_in(client)
    key = secret_on(client.get(SETUP).content.decode())
    client.post(SETUP, {"token": code(key)})
    device = TOTPDevice.objects.get(user=bea, confirmed=True)

    # A colleague beheerder who signed in through the organisation's provider.
    colleague = Client()
    colleague.force_login(
        UserFactory(username="collega", role=Role.BEHEERDER, is_staff=True),
        backend=oidc.BACKEND_PATH,
    )
    page = colleague.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    removed = colleague.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert removed.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()

    # Bea's next login sets up a new app.
    assert log_in(Client())["Location"].startswith(SETUP + "?next=")


def test_a_lezer_and_an_unrequired_setting_are_not_held_up(db, settings):
    UserFactory(username="lies", role=Role.LEZER)
    lezer = Client()
    assert log_in(lezer, "lies")["Location"] == "/intern/"
    assert "tweestapsverificatie" not in lezer.get("/intern/").content.decode()

    settings.REQUIRE_TWO_FACTOR = False
    UserFactory(username="bert", role=Role.BEHEERDER)
    beheerder = Client()
    assert log_in(beheerder, "bert")["Location"] == "/intern/"
    assert organisation(beheerder, "Gemeente Ede").status_code == 302
