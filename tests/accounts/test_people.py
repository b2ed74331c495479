"""The beheerder's people pages: a colleague from creation to handover, step by step."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, Role, User
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, UserFactory
from tests.page_forms import _FormReader, form_data

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Een-lang-wachtwoord-voor-Pieter-2026"


def confirm_form(page: bytes, containing: str) -> dict[str, Any]:
    """The last form with that field: the preview's confirm form, below the choice form."""
    reader = _FormReader()
    reader.feed(page.decode())
    return [form for form in reader.values() if containing in form][-1]


def audit_lines(user: User) -> list[str]:
    events = AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk))
    return [e.object_repr for e in events.order_by("pk")]


def choose_password_through_the_mail(colleague: User) -> Client:
    """Follow the link in the mail, choose a password, log in on the login page."""
    (message,) = mail.outbox
    assert colleague.email in message.to
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", message.body).group(1)
    client = Client()
    page = client.get(link, follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "wachtwoord" in response.content.decode().lower()
    client.post(reverse("login"), {"username": colleague.username, "password": NEW_PASSWORD})
    assert client.get(reverse("evaluations:dashboard")).status_code == 200
    return client


def test_beheerder_creates_a_colleague_makes_them_accounthouder_deactivates_and_hands_over(
    beheerder_client, beheerder, other_accounthouder
):
    # Create: name, e-mail, username, no role yet.
    page = beheerder_client.get(reverse("beheer:user_create"))
    data = form_data(page.content, "username")
    data.update(
        first_name="Pieter",
        last_name="de Vries",
        email="p.devries@gemeente.example",
        username="pdevries",
    )
    response = beheerder_client.post(reverse("beheer:user_create"), data, follow=True)
    colleague = User.objects.get(username="pdevries")
    assert "Pieter de Vries is aangemaakt" in response.content.decode()
    assert not colleague.has_role(Role.ACCOUNTHOUDER)

    # Make them accounthouder on their page.
    page_url = reverse("beheer:user_update", args=[colleague.pk])
    data = form_data(beheerder_client.get(page_url).content, "username")
    data["roles"] = [Role.ACCOUNTHOUDER.value]
    response = beheerder_client.post(page_url, data, follow=True)
    assert "rol accounthouder gegeven" in response.content.decode()
    assert User.objects.get(pk=colleague.pk).has_role(Role.ACCOUNTHOUDER)

    # Send the password link; the colleague chooses a password and logs in.
    response = beheerder_client.post(
        reverse("beheer:user_password_link", args=[colleague.pk]), follow=True
    )
    assert "p.devries@gemeente.example" in response.content.decode()
    colleague_client = choose_password_through_the_mail(colleague)
    held = PartnershipFactory.create_batch(3, account_holder=colleague)
    deputised = PartnershipFactory(account_holder=other_accounthouder, deputy=colleague)

    # Deactivate: asked first, then the colleague's session ends at once.
    deactivate_url = reverse("beheer:user_deactivate", args=[colleague.pk])
    confirm = beheerder_client.get(deactivate_url)
    assert "4 samenwerkingsverbanden" in confirm.content.decode()
    response = beheerder_client.post(
        deactivate_url, form_data(confirm.content, "csrfmiddlewaretoken"), follow=True
    )
    assert "is gedeactiveerd en overal uitgelogd" in response.content.decode()
    after = colleague_client.get(reverse("evaluations:dashboard"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("login"))
    # Their name stays on their partnerships until they are handed over.
    assert Partnership.objects.filter(account_holder=colleague).count() == 3

    # Hand over: choose from and to, see how many, confirm.
    reassign_url = reverse("partnerships:reassign")
    data = form_data(beheerder_client.get(reassign_url).content, "leaving")
    data.update(leaving=str(colleague.pk), successor=str(other_accounthouder.pk))
    preview = beheerder_client.post(reassign_url, data)
    text = preview.content.decode()
    assert "4 samenwerkingsverbanden gaan van Pieter de Vries" in text
    assert Partnership.objects.filter(account_holder=colleague).count() == 3  # nothing yet
    # The confirm button belongs to the preview's own form, which holds the chosen pair.
    data = confirm_form(preview.content, "leaving") | {"bevestigen": "1"}
    response = beheerder_client.post(reassign_url, data, follow=True)
    assert "4 samenwerkingsverbanden van Pieter de Vries zijn overgedragen" in (
        response.content.decode()
    )
    assert Partnership.objects.filter(account_holder=colleague).count() == 0
    for partnership in held:
        partnership.refresh_from_db()
        assert partnership.account_holder == other_accounthouder
        assert partnership.version == 2
        assert partnership.history.first().history_change_reason == (
            "Overgedragen van Pieter de Vries aan " + str(other_accounthouder)
        )
    deputised.refresh_from_db()
    # The successor already held this one; nobody is accounthouder and deputy at once.
    assert (deputised.account_holder, deputised.deputy) == (other_accounthouder, None)

    # The audit log tells the whole story, with the beheerder as actor.
    lines = audit_lines(colleague)
    for step in (
        "gebruiker aangemaakt",
        "rol accounthouder gegeven",
        "link voor een wachtwoord gestuurd naar p.devries@gemeente.example",
        "gedeactiveerd",
    ):
        assert any(line.endswith(step) for line in lines), step
    handed = AuditEvent.objects.filter(
        object_type="partnerships.partnership", object_repr__contains="overgedragen van Pieter"
    )
    assert handed.count() == 4
    assert {e.actor_name for e in handed} == {"beheerder"}


def test_a_taken_username_or_email_is_refused_in_dutch_and_nothing_is_saved(
    beheerder_client, lezer
):
    before = User.objects.count()
    response = beheerder_client.post(
        reverse("beheer:user_create"),
        {
            "first_name": "Lies",
            "last_name": "Bakker",
            "email": lezer.email.upper(),
            "username": lezer.username.upper(),
            "roles": [Role.LEZER.value],
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Deze gebruikersnaam is al in gebruik" in text
    assert "Er is al een gebruiker met dit e-mailadres" in text
    assert User.objects.count() == before


def test_taking_a_role_is_logged_and_the_beheerder_keeps_their_own(beheerder_client, beheerder):
    colleague = UserFactory(username="tweerollen", role=Role.ACCOUNTHOUDER)
    colleague.groups.add(*Group.objects.filter(name=Role.LEZER))
    url = reverse("beheer:user_update", args=[colleague.pk])
    data = form_data(beheerder_client.get(url).content, "username")
    assert sorted(data["roles"]) == ["accounthouder", "lezer"]
    data["roles"] = [Role.LEZER.value]
    beheerder_client.post(url, data)
    assert not User.objects.get(pk=colleague.pk).has_role(Role.ACCOUNTHOUDER)
    assert audit_lines(colleague)[-1].endswith("rol accounthouder afgenomen")

    own = reverse("beheer:user_update", args=[beheerder.pk])
    data = form_data(beheerder_client.get(own).content, "username")
    data.pop("roles")
    response = beheerder_client.post(own, data)
    assert "U kunt uw eigen rol beheerder niet afnemen" in response.content.decode()
    assert User.objects.get(pk=beheerder.pk).has_role(Role.BEHEERDER)


def test_a_new_beheerder_may_open_the_admin_and_loses_it_with_the_role(beheerder_client, lezer):
    url = reverse("beheer:user_update", args=[lezer.pk])
    data = form_data(beheerder_client.get(url).content, "username")
    data["roles"] = [Role.BEHEERDER.value]
    beheerder_client.post(url, data)
    assert User.objects.get(pk=lezer.pk).is_staff
    data["roles"] = [Role.LEZER.value]
    beheerder_client.post(url, data)
    assert not User.objects.get(pk=lezer.pk).is_staff


def test_the_beheerder_cannot_deactivate_themselves(beheerder_client, beheerder):
    response = beheerder_client.post(
        reverse("beheer:user_deactivate", args=[beheerder.pk]), follow=True
    )
    assert "U kunt uzelf niet deactiveren" in response.content.decode()
    assert User.objects.get(pk=beheerder.pk).is_active


def test_a_deactivated_user_can_be_made_active_again_and_that_is_logged(beheerder_client):
    colleague = UserFactory(username="terug", is_active=False)
    response = beheerder_client.post(
        reverse("beheer:user_activate", args=[colleague.pk]), follow=True
    )
    assert "kan weer inloggen" in response.content.decode()
    assert User.objects.get(pk=colleague.pk).is_active
    assert audit_lines(colleague)[-1].endswith("weer actief gemaakt")


def test_the_user_list_shows_roles_in_a_fixed_number_of_queries(
    beheerder_client, django_assert_max_num_queries
):
    for n in range(3):
        UserFactory(username=f"een{n}", role=Role.LEZER)
    with django_assert_max_num_queries(12) as few:
        beheerder_client.get(reverse("beheer:user_list"))
    for n in range(20):
        UserFactory(username=f"veel{n}", role=Role.ACCOUNTHOUDER)
    with django_assert_max_num_queries(len(few)):
        response = beheerder_client.get(reverse("beheer:user_list"))
    assert "veel19" in response.content.decode()


def test_beheer_is_in_the_navigation_of_the_beheerder_only(beheerder_client, lezer_client):
    dashboard = reverse("evaluations:dashboard")
    link = f'href="{reverse("beheer:index")}"'
    assert link in beheerder_client.get(dashboard).content.decode()
    assert link not in lezer_client.get(dashboard).content.decode()
