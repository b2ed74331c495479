"""Kader versions in the admin: the rules saved as a whole, and the advice on a changed version."""

import pytest
from django.test import Client
from django.urls import reverse

from governance.framework import activate, frameworks_with_parts, kader_of, new_version_from
from governance.models import Framework
from tests.factories import PartnershipFactory

from .conftest import answers_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_beheerder(beheerder):
    beheerder.is_staff = True
    beheerder.save()
    client = Client()
    client.force_login(beheerder)
    return client


@pytest.fixture
def version_2(framework_v1):
    return new_version_from(frameworks_with_parts().get(pk=framework_v1.pk))


def change_url(framework):
    return reverse("admin:governance_framework_change", args=[framework.pk])


def form_data(client, framework):
    """The change page's POST data as the beheerder's browser would send it unchanged."""
    response = client.get(change_url(framework))
    assert response.status_code == 200
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = field.prepare_value(value) if name == "options" else value
    return data


def rules_of(framework):
    return [
        (r.order, r.min_score, r.min_qualifiers, r.required_qualifier)
        for r in framework.rules.all()
    ]


def rule_index(data, number):
    return next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("rules-") and key.endswith("-order") and int(value) == number
    )


def test_removing_a_rule_without_renumbering_is_refused_in_words(staff_beheerder, version_2):
    data = form_data(staff_beheerder, version_2)
    data[f"rules-{rule_index(data, 3)}-DELETE"] = "on"
    response = staff_beheerder.post(change_url(version_2), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Nummer de regels 1 tot en met 6, zonder gaten of dubbele nummers (ontbreekt: 3)." in page
    )
    assert version_2.rules.count() == 7


def test_a_rule_removed_and_the_rest_renumbered_is_saved(staff_beheerder, version_2):
    data = form_data(staff_beheerder, version_2)
    data[f"rules-{rule_index(data, 3)}-DELETE"] = "on"
    for number in range(4, 8):
        data[f"rules-{rule_index(data, number)}-order"] = number - 1
    response = staff_beheerder.post(change_url(version_2), data)
    assert response.status_code == 302
    assert [r[0] for r in rules_of(version_2)] == [1, 2, 3, 4, 5, 6]
    assert rules_of(version_2)[2] == (3, 2, 0, "Q2")  # the old rule 4


def test_a_rule_inserted_in_the_middle_renumbers_the_rest(staff_beheerder, version_2):
    data = form_data(staff_beheerder, version_2)
    for number in range(7, 2, -1):
        data[f"rules-{rule_index(data, number)}-order"] = number + 1
    new = data["rules-TOTAL_FORMS"]
    data["rules-TOTAL_FORMS"] = int(new) + 1
    data.update(
        {
            f"rules-{new}-order": 3,
            f"rules-{new}-min_score": 5,
            f"rules-{new}-min_qualifiers": 1,
            f"rules-{new}-tier": "politiek_zeer_belangrijk",
        }
    )
    response = staff_beheerder.post(change_url(version_2), data)
    assert response.status_code == 302
    assert [r[:2] for r in rules_of(version_2)][:4] == [(1, 6), (2, 4), (3, 5), (4, 4)]
    assert len(rules_of(version_2)) == 8


def test_a_last_rule_with_conditions_is_refused(staff_beheerder, version_2):
    data = form_data(staff_beheerder, version_2)
    data[f"rules-{rule_index(data, 7)}-min_score"] = 1
    page = staff_beheerder.post(change_url(version_2), data).content.decode()
    assert "De laatste regel moet voor alle andere gevallen gelden." in page
    assert version_2.rules.get(order=7).min_score == 0


@pytest.mark.parametrize(
    ("k", "q", "shown"),
    [
        (
            (0, 0, 0, 0),
            (False, False),
            "Regel 6 (in alle andere gevallen): S = 0 en geen kwalificatie",
        ),
        (
            (2, 2, 1, 0),
            (True, False),
            "Regel 4 (S ≥ 2): S = 5 ≥ 2 en 1 kwalificatie (raad bevoegd)",
        ),
        ((2, 2, 2, 2), (True, True), "Regel 1 (S ≥ 6 en minstens 1 kwalificatie)"),
    ],
)
def test_the_advice_on_a_version_with_a_rule_removed_names_the_rule_that_matched(
    accounthouder_client, accounthouder, version_2, k, q, shown
):
    version_2.rules.filter(order=3).delete()
    for rule in version_2.rules.filter(order__gt=3).order_by("order"):
        rule.order -= 1
        rule.save()
    assert activate(frameworks_with_parts().get(pk=version_2.pk)) == []
    assert Framework.objects.get(is_active=True) == version_2
    assert [r.number for r in kader_of(version_2).rules] == [1, 2, 3, 4, 5, 6]
    partnership = PartnershipFactory(account_holder=accounthouder)
    response = accounthouder_client.post(
        reverse("dossiers:assessment", args=[partnership.pk]), answers_post(k=k, q=q)
    )
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_an_active_version_with_a_gap_from_before_the_check_still_names_its_rule(
    accounthouder_client, accounthouder, version_2
):
    # Saved before versions were checked as a whole: rule 3 removed, not renumbered.
    version_2.rules.filter(order=3).delete()
    Framework.objects.update(is_active=False)
    Framework.objects.filter(pk=version_2.pk).update(is_active=True)
    partnership = PartnershipFactory(account_holder=accounthouder)
    response = accounthouder_client.post(
        reverse("dossiers:assessment", args=[partnership.pk]),
        answers_post(k=(0, 0, 0, 0), q=(False, False)),
    )
    assert response.status_code == 200
    assert "Regel 7 (in alle andere gevallen): S = 0 en geen kwalificatie" in (
        response.content.decode()
    )
