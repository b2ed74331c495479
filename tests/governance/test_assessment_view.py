"""The afweging page: questions, pre-fills, advice, choosing another tier, history."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.framework import activate, new_version_from
from governance.models import Assessment
from partnerships.choices import LegalForm
from partnerships.tiers import Tier
from tests.factories import AssessmentFactory, ContributionFactory
from tests.html_page import attr, find_all, parse

from .conftest import answers_post

pytestmark = pytest.mark.django_db


def is_checked(page, input_id):
    return re.search(rf'<input[^>]*id="{input_id}"[^>]*checked', page) is not None


def url(partnership):
    return reverse("dossiers:assessment", args=[partnership.pk])


def test_accounthouder_sees_questions_with_help_and_prefilled_k4_and_q1(
    accounthouder_client, own_partnership, framework_v1
):
    own_partnership.legal_form = LegalForm.OPENBAAR_LICHAAM
    own_partnership.save()
    ContributionFactory(partnership=own_partnership, year=2026, budgeted=Decimal("1250000"))
    page = accounthouder_client.get(url(own_partnership)).content.decode()
    assert find_all(parse(page), "legend")
    assert "K1. Het gaat om een zwaarwegende maatschappelijke opgave." in page
    assert "coalitieakkoord" in page  # the help text
    assert "€\xa01.250.000 (2026)" in page
    assert "Daarom staat K4 op 2." in page
    assert is_checked(page, "id_K4_2")
    assert "Openbaar lichaam (Wgr)" in page
    assert is_checked(page, "id_Q1_0")


def test_preview_shows_advised_tier_with_explanation(
    accounthouder_client, own_partnership, framework_v1
):
    response = accounthouder_client.post(url(own_partnership), answers_post((2, 1, 1, 1)))
    page = response.content.decode()
    assert "Politiek belangrijk" in page
    assert "Regel 3 (S ≥ 4 en minstens 1 kwalificatie): S = 5 ≥ 4 en 1 kwalificatie" in page
    assert "(raad bevoegd)" in page
    assert not Assessment.objects.exists()


def test_missing_answer_gets_a_message_next_to_the_question(
    accounthouder_client, own_partnership, framework_v1
):
    data = answers_post()
    del data["K2"]
    page = accounthouder_client.post(url(own_partnership), data).content.decode()
    assert "Kies een antwoord bij K2." in page
    assert 'id="id_K2_fout"' in page


def test_advice_is_stored_with_version_date_and_user(
    accounthouder_client, accounthouder, own_partnership, framework_v1
):
    data = answers_post((2, 1, 1, 1), action="save", chosen_tier=Tier.POLITIEK_BELANGRIJK)
    data["previewed_tier"] = Tier.POLITIEK_BELANGRIJK
    response = accounthouder_client.post(url(own_partnership), data, follow=True)
    assert "De afweging is vastgelegd." in response.content.decode()
    assessment = Assessment.objects.get()
    assert assessment.framework == framework_v1
    assert assessment.assessed_by == accounthouder
    assert (assessment.score, assessment.matched_rule) == (5, 3)
    assert assessment.criterion_answers == {"K1": 2, "K2": 1, "K3": 1, "K4": 1}
    assert assessment.qualifier_answers == {"Q1": True, "Q2": False}
    own_partnership.refresh_from_db()
    assert own_partnership.tier == Tier.POLITIEK_BELANGRIJK
    assert own_partnership.tier_source == "advies, nog niet vastgesteld"


def test_choosing_another_tier_without_motivation_is_refused(
    accounthouder_client, own_partnership, framework_v1
):
    data = answers_post(
        (2, 1, 1, 1),
        action="save",
        chosen_tier=Tier.POLITIEK_ZEER_BELANGRIJK,
        previewed_tier=Tier.POLITIEK_BELANGRIJK,
    )
    page = accounthouder_client.post(url(own_partnership), data).content.decode()
    assert "U kiest een andere belangrijkheid dan het advies. Schrijf op waarom" in page
    assert "De afweging is niet vastgelegd." in page
    assert not Assessment.objects.exists()


def test_choosing_another_tier_with_motivation_is_stored_and_shown(
    accounthouder_client, own_partnership, framework_v1
):
    data = answers_post(
        (2, 1, 1, 1),
        action="save",
        chosen_tier=Tier.POLITIEK_ZEER_BELANGRIJK,
        previewed_tier=Tier.POLITIEK_BELANGRIJK,
        motivation="De raad heeft een motie aangenomen over deze samenwerking.",
    )
    page = accounthouder_client.post(url(own_partnership), data, follow=True).content.decode()
    assessment = Assessment.objects.get()
    assert assessment.advised_tier == Tier.POLITIEK_BELANGRIJK
    assert assessment.chosen_tier == Tier.POLITIEK_ZEER_BELANGRIJK
    assert assessment.motivation == "De raad heeft een motie aangenomen over deze samenwerking."
    assert "Afwijking: De raad heeft een motie aangenomen" in page
    own_partnership.refresh_from_db()
    assert own_partnership.tier == Tier.POLITIEK_ZEER_BELANGRIJK


def test_changed_answers_show_the_new_advice_before_storing(
    accounthouder_client, own_partnership, framework_v1
):
    data = answers_post(
        (0, 0, 0, 0),
        (False, False),
        action="save",
        chosen_tier=Tier.POLITIEK_BELANGRIJK,
        previewed_tier=Tier.POLITIEK_BELANGRIJK,
    )
    page = accounthouder_client.post(url(own_partnership), data).content.decode()
    assert "Het advies is veranderd door uw antwoorden." in page
    assert "S = 0 en geen kwalificatie" in page
    assert is_checked(page, "id_chosen_tier_3")  # the new advice, ambtelijk belangrijk
    assert not Assessment.objects.exists()


def test_other_accounthouder_may_look_but_not_assess(
    other_accounthouder_client, own_partnership, framework_v1
):
    page = other_accounthouder_client.get(url(own_partnership)).content.decode()
    assert "U kunt deze afweging bekijken, maar niet invullen." in page
    # No assessment form: the only form that posts is the header's "Uitloggen".
    forms = find_all(parse(page), "form", method="post")
    assert [attr(form, "action") for form in forms] == ["/accounts/logout/"]
    response = other_accounthouder_client.post(url(own_partnership), answers_post())
    assert response.status_code == 403


def test_lezer_sees_the_page_read_only(lezer_client, own_partnership, framework_v1):
    AssessmentFactory(partnership=own_partnership, framework=framework_v1)
    page = lezer_client.get(url(own_partnership)).content.decode()
    assert "U kunt deze afweging bekijken, maar niet invullen." in page
    assert "Eerdere afwegingen" in page
    assert "versie 1" in page
    assert lezer_client.post(url(own_partnership), answers_post()).status_code == 403


def test_beheerder_may_assess_any_partnership(beheerder_client, own_partnership, framework_v1):
    page = beheerder_client.get(url(own_partnership)).content.decode()
    assert "Advies berekenen" in page


def test_new_kader_version_changes_new_outcomes_only(
    accounthouder_client, own_partnership, framework_v1
):
    """Done when 3: other thresholds change new assessments; old ones keep theirs."""
    six_with_raad = answers_post((2, 2, 2, 0), (True, False), action="save")
    first = {**six_with_raad, "chosen_tier": Tier.POLITIEK_ZEER_BELANGRIJK}
    first["previewed_tier"] = Tier.POLITIEK_ZEER_BELANGRIJK
    accounthouder_client.post(url(own_partnership), first)

    version_2 = new_version_from(framework_v1)
    version_2.rules.filter(order=1).update(min_score=7)
    assert activate(version_2) == []

    preview = accounthouder_client.post(url(own_partnership), answers_post((2, 2, 2, 0)))
    assert "Regel 3 (S ≥ 4 en minstens 1 kwalificatie): S = 6 ≥ 4" in preview.content.decode()
    second = {**six_with_raad, "chosen_tier": Tier.POLITIEK_BELANGRIJK}
    second["previewed_tier"] = Tier.POLITIEK_BELANGRIJK
    page = accounthouder_client.post(url(own_partnership), second, follow=True).content.decode()

    old, new = Assessment.objects.order_by("created_at")
    assert (old.framework.version, old.matched_rule, old.advised_tier) == (
        1,
        1,
        Tier.POLITIEK_ZEER_BELANGRIJK,
    )
    assert (new.framework.version, new.matched_rule, new.advised_tier) == (
        2,
        3,
        Tier.POLITIEK_BELANGRIJK,
    )
    assert "versie 1" in page
    assert "versie 2" in page
    assert "Regel 1: S = 6 ≥ 6 en 1 kwalificatie (raad bevoegd) → Politiek zeer belangrijk" in page
    assert "Regel 3: S = 6 ≥ 4 en 1 kwalificatie (raad bevoegd) → Politiek belangrijk" in page


def test_without_an_active_kader_the_page_says_so(accounthouder_client, own_partnership):
    from governance.models import Framework

    Framework.objects.update(is_active=False)
    page = accounthouder_client.get(url(own_partnership)).content.decode()
    assert "Er is geen afwegingskader in gebruik." in page


@pytest.mark.parametrize("count", [1, 25])
def test_page_runs_a_fixed_number_of_queries(
    accounthouder_client, own_partnership, framework_v1, count
):
    for year in range(2000, 2000 + count):
        ContributionFactory(partnership=own_partnership, year=year)
        AssessmentFactory(partnership=own_partnership, framework=framework_v1)
    with CaptureQueriesContext(connection) as queries:
        response = accounthouder_client.get(url(own_partnership))
    assert response.status_code == 200
    assert len(find_all(parse(response), "th", scope="row")) == count
    assert len(queries) == 13
