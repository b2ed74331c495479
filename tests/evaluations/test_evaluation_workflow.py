"""Carrying out an evaluation: start, answer, complete (then read-only), lapse, plan by hand."""

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from demo.loader import DEMO_PASSWORD
from evaluations.models import Evaluation, EvaluationKind, EvaluationStatus
from evaluations.planning import add_months
from partnerships.tiers import Tier
from tests.factories import EvaluationFactory, PartnershipFactory
from tests.html_page import attr, find, find_all, parse, text

from .conftest import answer_form_data

pytestmark = pytest.mark.django_db

TODAY = date.today()


def url(name: str, evaluation: Evaluation) -> str:
    return reverse(f"evaluations:{name}", args=[evaluation.pk])


def start(client: Client, evaluation: Evaluation):
    evaluation.refresh_from_db()
    return client.post(url("evaluation_start", evaluation), {"version": evaluation.version})


def test_accounthouder_carries_out_an_evaluation_from_the_dashboard_of_the_demo(settings, client):
    """Done when 3, as a new user would do it in the browser, on the demo register."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    assert client.login(username="accounthouder", password=DEMO_PASSWORD)

    dashboard = parse(client.get(reverse("evaluations:dashboard")))
    # The first evaluation on the dashboard is one of the user's own ("van u").
    first_row = find_all(find_all(dashboard, "tbody")[0], "tr")[0]
    assert "van u" in text(first_row)
    evaluation = Evaluation.objects.get(
        pk=re.fullmatch(r"/intern/evaluaties/(\d+)/", attr(find(first_row, "a"), "href"))[1]
    )

    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "Evaluatie starten" in page
    response = start(client, evaluation)
    assert response.status_code == 302
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert len(form.context["editor"].answers.forms) == 10
    assert "Is de raad in positie om te sturen en te controleren?" in form.content.decode()

    response = client.post(
        url("evaluation_update", evaluation),
        answer_form_data(
            form,
            conclusion="De samenwerking doet wat is afgesproken.",
            advice="voortzetten",
            lessons_learned="Eerder beginnen met de evaluatie.",
        ),
    )
    assert response.status_code == 302
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "Toelichting bij Worden de risico&#x27;s beheerst?" in page
    assert "Evaluatie afronden" in page

    # "Evaluatie afronden" asks first; "Ja, afronden" completes.
    confirm = parse(client.get(url("evaluation_complete", evaluation)))
    assert find(confirm, "button", string="Ja, afronden")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.IN_UITVOERING
    response = client.post(
        url("evaluation_complete", evaluation),
        {"version": evaluation.version, "bevestigd": "ja"},
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.AFGEROND
    assert evaluation.completed_on == TODAY

    # Read-only from now on for the accounthouder.
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "Vragen en uitkomst invullen" not in page
    assert "Alleen een beheerder kan haar nog wijzigen." in page
    assert client.get(url("evaluation_update", evaluation)).status_code == 403
    assert client.post(url("evaluation_update", evaluation), {}).status_code == 403

    agenda = client.get(reverse("evaluations:evaluation_list"), {"status": "afgerond"})
    assert evaluation in [row.record for row in agenda.context["table"].page.object_list]
    overdue = client.get(reverse("evaluations:evaluation_list"), {"overdue": "on"})
    rows = [row.record for row in overdue.context["table"].page.object_list]
    assert [(e.partnership.name, e.kind) for e in rows] == [
        ("Belastingsamenwerking Gemeenten en Waterschap", EvaluationKind.TUSSENTIJDS)
    ]
    assert find_all(parse(overdue), "strong", string="Verlopen")


def test_completing_needs_every_answer_a_conclusion_and_advice(
    accounthouder_client, own_partnership
):
    evaluation = EvaluationFactory(partnership=own_partnership)
    start(accounthouder_client, evaluation)
    evaluation.refresh_from_db()
    response = accounthouder_client.post(
        url("evaluation_complete", evaluation), {"version": evaluation.version}, follow=True
    )
    page = response.content.decode()
    assert "Geef bij elke vraag een oordeel." in page
    assert "Schrijf een conclusie." in page
    assert "Kies een advies." in page
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.IN_UITVOERING


def test_a_stale_answer_form_is_refused_and_keeps_the_input(accounthouder_client, own_partnership):
    evaluation = EvaluationFactory(partnership=own_partnership)
    start(accounthouder_client, evaluation)
    form = accounthouder_client.get(url("evaluation_update", evaluation))
    # Meanwhile a colleague saves the same evaluation.
    Evaluation.objects.filter(pk=evaluation.pk).update(version=evaluation.version + 5)
    data = answer_form_data(form, conclusion="Mijn eigen conclusie.")
    response = accounthouder_client.post(url("evaluation_update", evaluation), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft deze evaluatie intussen gewijzigd." in page
    assert "Mijn eigen conclusie." in page
    evaluation.refresh_from_db()
    assert evaluation.conclusion == ""
    # Saving again, deliberately, with the version the refusal carries, works.
    again = dict(data, version=response.context["form"]["version"].value())
    assert accounthouder_client.post(url("evaluation_update", evaluation), again).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.conclusion == "Mijn eigen conclusie."


def test_raad_agenda_date_is_asked_only_for_a_volledige_evaluatie_of_politiek_zeer_belangrijk(
    accounthouder_client, accounthouder
):
    top = PartnershipFactory(account_holder=accounthouder, tier=Tier.POLITIEK_ZEER_BELANGRIJK)
    full = EvaluationFactory(partnership=top, kind=EvaluationKind.VOLLEDIG)
    other = EvaluationFactory(partnership=top, kind=EvaluationKind.TUSSENTIJDS)
    for evaluation in (full, other):
        start(accounthouder_client, evaluation)
    assert (
        "Datum raadsagenda"
        in accounthouder_client.get(url("evaluation_update", full)).content.decode()
    )
    assert (
        "Datum raadsagenda"
        not in accounthouder_client.get(url("evaluation_update", other)).content.decode()
    )


def test_other_accounthouder_and_lezer_cannot_start_or_answer(
    other_accounthouder_client, lezer_client, own_partnership
):
    evaluation = EvaluationFactory(partnership=own_partnership)
    for client in (other_accounthouder_client, lezer_client):
        assert start(client, evaluation).status_code == 403
        assert client.get(url("evaluation_lapse", evaluation)).status_code == 403
        assert "Evaluatie starten" not in client.get(evaluation.get_absolute_url()).content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.GEPLAND


def test_beheerder_may_still_correct_a_completed_evaluation(beheerder_client):
    evaluation = EvaluationFactory(completed=True)
    form = beheerder_client.get(url("evaluation_update", evaluation))
    assert form.status_code == 200
    data = answer_form_data(form, conclusion="Gecorrigeerd.", advice="bijsturen")
    assert beheerder_client.post(url("evaluation_update", evaluation), data).status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.conclusion, evaluation.status) == (
        "Gecorrigeerd.",
        EvaluationStatus.AFGEROND,
    )


def test_lapsing_needs_a_reason_and_keeps_the_evaluation(accounthouder_client, own_partnership):
    evaluation = EvaluationFactory(partnership=own_partnership)
    response = accounthouder_client.post(
        url("evaluation_lapse", evaluation), {"lapse_reason": "", "version": evaluation.version}
    )
    assert "Geef aan waarom de evaluatie vervalt." in response.content.decode()
    accounthouder_client.post(
        url("evaluation_lapse", evaluation),
        {"lapse_reason": "Samengevoegd met de volledige evaluatie.", "version": evaluation.version},
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.VERVALLEN
    assert evaluation.lapse_reason == "Samengevoegd met de volledige evaluatie."
    page = accounthouder_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Vervallen: Samengevoegd met de volledige evaluatie." in page


def test_accounthouder_plans_a_milestone_by_hand_from_the_partnership_page(
    accounthouder_client, own_partnership
):
    page = accounthouder_client.get(own_partnership.get_absolute_url()).content.decode()
    create_url = reverse("evaluations:evaluation_create", args=[own_partnership.pk])
    assert create_url in page
    response = accounthouder_client.post(
        create_url, {"kind": "mijlpaal", "title": "Evaluatie eerste jaar", "due_date": "2022-12-31"}
    )
    assert response.status_code == 302
    milestone = Evaluation.objects.get(partnership=own_partnership, title="Evaluatie eerste jaar")
    assert (milestone.kind, milestone.rule, milestone.due_date) == (
        "mijlpaal",
        "",
        date(2022, 12, 31),
    )
    page = accounthouder_client.get(own_partnership.get_absolute_url()).content.decode()
    assert "Evaluatie eerste jaar" in page
    assert "Met de hand" in page


def test_a_milestone_before_the_start_is_refused_next_to_the_date(
    accounthouder_client, own_partnership
):
    create_url = reverse("evaluations:evaluation_create", args=[own_partnership.pk])
    response = accounthouder_client.post(
        create_url, {"kind": "tussentijds", "title": "Te vroeg", "due_date": "2019-01-01"}
    )
    assert response.status_code == 200
    assert (
        "Deze datum ligt voor de start van het samenwerkingsverband." in response.content.decode()
    )
    assert not Evaluation.objects.filter(title="Te vroeg").exists()


def test_other_accounthouder_cannot_plan_a_milestone(other_accounthouder_client, own_partnership):
    create_url = reverse("evaluations:evaluation_create", args=[own_partnership.pk])
    assert other_accounthouder_client.get(create_url).status_code == 403


def test_completing_a_volledige_evaluatie_moves_the_next_one_four_years_on(
    accounthouder_client, accounthouder
):
    partnership = PartnershipFactory(
        account_holder=accounthouder,
        tier=Tier.BESTUURLIJK_BELANGRIJK,
        start_date=add_months(TODAY, -48) + timedelta(days=1),
    )
    planned = Evaluation.objects.filter(partnership=partnership, rule="E3", status="gepland")
    full = planned.order_by("due_date").first()
    start(accounthouder_client, full)
    form = accounthouder_client.get(url("evaluation_update", full))
    accounthouder_client.post(
        url("evaluation_update", full),
        answer_form_data(form, conclusion="Goed.", advice="voortzetten"),
    )
    full.refresh_from_db()
    accounthouder_client.post(
        url("evaluation_complete", full), {"version": full.version, "bevestigd": "ja"}
    )
    # Rule E3: four years after the last completed one, i.e. after today.
    assert planned.order_by("due_date").first().due_date == add_months(TODAY, 48)


def test_partnership_page_lists_its_evaluations_with_status_overdue_and_a_link(lezer_client):
    partnership = PartnershipFactory()
    overdue = EvaluationFactory(
        partnership=partnership, title="Te laat", due_date=TODAY - timedelta(days=1)
    )
    page = lezer_client.get(partnership.get_absolute_url()).content.decode()
    section = find(parse(page), "section", aria_labelledby="kop-evaluaties")
    (row,) = [
        row
        for row in find_all(find(section, "tbody"), "tr")
        if attr(find(row, "a"), "href") == overdue.get_absolute_url()
    ]
    assert find(row, "strong", string="Verlopen")
    # Planning by hand is for the accounthouder and the beheerder, not for a lezer.
    create_url = reverse("evaluations:evaluation_create", args=[partnership.pk])
    assert create_url not in section
