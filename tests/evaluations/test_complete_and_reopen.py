"""Completing asks to confirm first; a beheerder can reopen a completed evaluation."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from evaluations.models import REOPEN_REASON, Evaluation, EvaluationStatus
from evaluations.planning import add_months
from partnerships.tiers import Tier
from tests.factories import EvaluationFactory, PartnershipFactory
from tests.html_page import attr, find, find_all, parse, text

from .conftest import answer_form_data

pytestmark = pytest.mark.django_db

TODAY = date.today()


def url(name: str, evaluation: Evaluation) -> str:
    return reverse(f"evaluations:{name}", args=[evaluation.pk])


def ready_to_complete(client: Client, evaluation: Evaluation) -> Evaluation:
    """Started and filled in by `client`, so only the confirmation is left."""
    evaluation.refresh_from_db()
    client.post(url("evaluation_start", evaluation), {"version": evaluation.version})
    form = client.get(url("evaluation_update", evaluation))
    client.post(
        url("evaluation_update", evaluation),
        answer_form_data(form, conclusion="Het werkt.", advice="voortzetten"),
    )
    evaluation.refresh_from_db()
    return evaluation


def confirm(client: Client, name: str, evaluation: Evaluation):
    evaluation.refresh_from_db()
    return client.post(url(name, evaluation), {"version": evaluation.version, "bevestigd": "ja"})


def test_afronden_first_says_what_happens_and_changes_nothing(
    accounthouder_client, own_partnership
):
    evaluation = ready_to_complete(
        accounthouder_client, EvaluationFactory(partnership=own_partnership)
    )
    detail = parse(accounthouder_client.get(evaluation.get_absolute_url()))
    link = find(detail, "a", string="Evaluatie afronden")

    page = parse(accounthouder_client.get(attr(link, "href")))

    assert "Wat gebeurt er als u afrondt?" in text(page)
    assert "alleen een beheerder" in text(page)
    assert find(page, "button", string="Ja, afronden")
    assert attr(find(page, "a", string="Nee, terug"), "href") == evaluation.get_absolute_url()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.IN_UITVOERING


def test_only_the_confirmed_post_completes(accounthouder_client, accounthouder, own_partnership):
    evaluation = ready_to_complete(
        accounthouder_client, EvaluationFactory(partnership=own_partnership)
    )

    unconfirmed = accounthouder_client.post(
        url("evaluation_complete", evaluation), {"version": evaluation.version}
    )
    assert unconfirmed.status_code == 200
    assert find(parse(unconfirmed), "button", string="Ja, afronden")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.IN_UITVOERING

    response = confirm(accounthouder_client, "evaluation_complete", evaluation)

    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.AFGEROND
    assert (evaluation.completed_on, evaluation.completed_by) == (TODAY, accounthouder)


def test_the_confirmation_page_lists_what_is_still_missing(accounthouder_client, own_partnership):
    evaluation = EvaluationFactory(
        partnership=own_partnership, status=EvaluationStatus.IN_UITVOERING
    )

    page = parse(accounthouder_client.get(url("evaluation_complete", evaluation)))

    assert "U kunt de evaluatie nog niet afronden." in text(page)
    assert "Schrijf een conclusie." in text(page)
    assert find_all(page, "button", string="Ja, afronden") == []


def test_heropenen_is_offered_to_the_beheerder_only(
    beheerder_client, accounthouder_client, lezer_client, own_partnership
):
    evaluation = EvaluationFactory(partnership=own_partnership, completed=True)
    running = EvaluationFactory(partnership=own_partnership, status=EvaluationStatus.IN_UITVOERING)

    link = find(parse(beheerder_client.get(evaluation.get_absolute_url())), "a", string="Heropenen")
    assert attr(link, "href") == url("evaluation_reopen", evaluation)
    for client in (accounthouder_client, lezer_client):
        page = parse(client.get(evaluation.get_absolute_url()))
        assert find_all(page, "a", string="Heropenen") == []
    assert (
        find_all(parse(beheerder_client.get(running.get_absolute_url())), "a", string="Heropenen")
        == []
    )


def test_beheerder_reopens_after_confirming_and_the_history_and_audit_log_say_so(
    beheerder_client, beheerder, accounthouder_client, own_partnership
):
    evaluation = EvaluationFactory(partnership=own_partnership, completed=True)

    page = parse(beheerder_client.get(url("evaluation_reopen", evaluation)))
    assert "Wat gebeurt er als u heropent?" in text(page)
    assert find(page, "button", string="Ja, heropenen")
    assert attr(find(page, "a", string="Nee, terug"), "href") == evaluation.get_absolute_url()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.AFGEROND

    response = confirm(beheerder_client, "evaluation_reopen", evaluation)

    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.IN_UITVOERING
    assert (evaluation.completed_on, evaluation.completed_by) == (None, None)
    assert evaluation.conclusion == "De samenwerking levert op wat is afgesproken."
    latest = evaluation.history.latest()
    assert latest.history_change_reason == REOPEN_REASON
    assert latest.history_user == beheerder
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(evaluation.pk), actor=beheerder
    ).exists()
    # The accounthouder may work on it again.
    assert accounthouder_client.get(url("evaluation_update", evaluation)).status_code == 200
    detail = beheerder_client.get(response["Location"])
    assert "De evaluatie is heropend" in detail.content.decode()


def test_an_unconfirmed_or_refused_reopen_changes_nothing(
    beheerder_client, accounthouder_client, own_partnership
):
    evaluation = EvaluationFactory(partnership=own_partnership, completed=True)

    beheerder_client.post(url("evaluation_reopen", evaluation), {"version": evaluation.version})
    assert confirm(accounthouder_client, "evaluation_reopen", evaluation).status_code == 403

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.AFGEROND
    assert evaluation.completed_on == date(2026, 6, 1)


def test_a_stale_reopen_is_refused(beheerder_client, own_partnership):
    evaluation = EvaluationFactory(partnership=own_partnership, completed=True)
    stale = evaluation.version
    Evaluation.objects.filter(pk=evaluation.pk).update(version=stale + 1)

    response = beheerder_client.post(
        url("evaluation_reopen", evaluation), {"version": stale, "bevestigd": "ja"}, follow=True
    )

    assert "Iemand anders heeft deze evaluatie intussen gewijzigd." in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.AFGEROND


def test_reopening_a_volledige_evaluatie_plans_the_next_one_as_before(
    accounthouder_client, accounthouder, beheerder_client
):
    partnership = PartnershipFactory(
        account_holder=accounthouder,
        tier=Tier.BESTUURLIJK_BELANGRIJK,
        start_date=add_months(TODAY, -48) + timedelta(days=1),
    )
    planned = Evaluation.objects.filter(partnership=partnership, rule="E3", status="gepland")
    full = planned.order_by("due_date").first()
    later = list(planned.exclude(pk=full.pk).values_list("due_date", flat=True))
    full = ready_to_complete(accounthouder_client, full)
    confirm(accounthouder_client, "evaluation_complete", full)
    assert planned.order_by("due_date").first().due_date == add_months(TODAY, 48)

    confirm(beheerder_client, "evaluation_reopen", full)

    # Without this completion the cycle counts from the start again (rule E3).
    assert list(planned.exclude(pk=full.pk).values_list("due_date", flat=True)) == later
