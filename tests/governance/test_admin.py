"""The beheerder makes a new kader version in the admin and activates it."""

import pytest
from django.urls import reverse

from governance.models import Framework

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:governance_framework_changelist")


@pytest.fixture
def admin_client_(beheerder):
    from django.test import Client

    beheerder.is_staff = True
    beheerder.save()
    client = Client()
    client.force_login(beheerder)
    return client


def run_action(client, action, framework):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [framework.pk]},
        follow=True,
    ).content.decode()


def test_beheerder_copies_the_current_version_and_activates_the_copy(admin_client_, framework_v1):
    page = run_action(admin_client_, "make_new_version", framework_v1)
    assert "Versie 2 is gemaakt, nog niet in gebruik." in page
    version_2 = Framework.objects.get(version=2)
    assert version_2.criteria.count() == 4
    assert version_2.rules.count() == 7

    page = run_action(admin_client_, "activate_version", version_2)
    assert "Versie 2 is nu in gebruik. Eerdere afwegingen houden hun versie." in page
    assert Framework.objects.get(is_active=True) == version_2


def test_a_version_in_use_cannot_be_edited(admin_client_, framework_v1):
    page = admin_client_.get(
        reverse("admin:governance_framework_change", args=[framework_v1.pk])
    ).content.decode()
    assert 'name="criteria-0-text"' not in page
    copy_page = admin_client_.get(
        reverse(
            "admin:governance_framework_change",
            args=[Framework.objects.get(pk=_copy(admin_client_, framework_v1)).pk],
        )
    ).content.decode()
    assert 'name="criteria-0-text"' in copy_page


def _copy(client, framework):
    run_action(client, "make_new_version", framework)
    return Framework.objects.get(version=framework.version + 1).pk
