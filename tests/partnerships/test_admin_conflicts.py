"""The Django admin follows the register's rule: a stale form never overwrites a colleague."""

import pytest
from django.urls import reverse

from dossiers.admin import STALE_IN_ADMIN
from tests.factories import PartnershipFactory, TierDecisionFactory

from .helpers import editor_data, shows

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_client(beheerder, client):
    beheerder.is_staff = True
    beheerder.save()
    client.force_login(beheerder)
    return client


def admin_data(client, partnership):
    """The admin change form's POST data as the browser would send it unchanged."""
    response = client.get(reverse("admin:partnerships_partnership_change", args=[partnership.pk]))
    adminform = response.context["adminform"].form
    data = {}
    for bound in adminform:
        value = bound.value()
        widget = bound.field.widget
        single_box = not getattr(widget, "allow_multiple_selected", False)
        if getattr(widget, "input_type", "") == "checkbox" and single_box:
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value is not None:
            data[bound.html_name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update(
            {
                f"{fs.prefix}-TOTAL_FORMS": "0",
                f"{fs.prefix}-INITIAL_FORMS": "0",
            }
        )
    return data


def test_a_stale_admin_form_is_refused_and_the_app_change_kept(
    beheerder, beheerder_client, own_partnership
):
    stale = admin_data(beheerder_client, own_partnership)
    app = editor_data(beheerder, own_partnership)
    app["goals"] = "Doelen uit de app."
    beheerder_client.post(reverse("dossiers:partnership_update", args=[own_partnership.pk]), app)
    stale["goals"] = "Doelen uit de admin."

    response = beheerder_client.post(
        reverse("admin:partnerships_partnership_change", args=[own_partnership.pk]), stale
    )

    assert response.status_code == 200
    assert shows(response, STALE_IN_ADMIN)
    own_partnership.refresh_from_db()
    assert own_partnership.goals == "Doelen uit de app."


def test_an_admin_save_keeps_the_tier_decided_meanwhile(beheerder, beheerder_client):
    partnership = PartnershipFactory()
    data = admin_data(beheerder_client, partnership)
    TierDecisionFactory(partnership=partnership, year=2026, tier="politiek_belangrijk")
    data["goals"] = "Doelen uit de admin."

    response = beheerder_client.post(
        reverse("admin:partnerships_partnership_change", args=[partnership.pk]), data
    )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.goals, partnership.tier) == ("Doelen uit de admin.", "politiek_belangrijk")
