"""The demo register that `make run` loads, and that it obeys the rules it is shown against."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from demo.loader import DEMO_PASSWORD
from evaluations.models import Evaluation, EvaluationStatus, PlanningCalendar
from governance.kadernota import kadernota_rows
from governance.models import Assessment, TierDecision
from partnerships.choices import LegalForm
from partnerships.models import Partnership
from partnerships.tiers import Tier
from tests.html_page import find, find_all, parse, text
from tests.page_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)


def test_demo_register_is_complete_current_and_loads_once(demo):
    """One load, several checks: loading the demo costs seconds."""
    assert Partnership.objects.count() >= 12
    assert set(Partnership.objects.values_list("tier", flat=True)) >= {t.value for t in Tier}
    legal_forms = set(Partnership.objects.values_list("legal_form", flat=True))
    assert {
        LegalForm.OPENBAAR_LICHAAM,
        LegalForm.NV,
        LegalForm.BV,
        LegalForm.NETWERK,
    } <= legal_forms
    assert Partnership.objects.filter(name="Governance Zorg en Veiligheid Zuid-Limburg").exists()

    evaluations = list(Evaluation.objects.all())
    assert any(e.status == EvaluationStatus.AFGEROND for e in evaluations)
    assert any(e.status == EvaluationStatus.GEPLAND for e in evaluations)
    assert len([e for e in evaluations if e.is_overdue(date.today())]) == 1
    leiden = Evaluation.objects.get(partnership__name="Verbindend Leiden", kind="einde_looptijd")
    assert leiden.due_date == date(2020, 6, 30)

    before = (Partnership.objects.count(), Evaluation.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=None)
    assert (Partnership.objects.count(), Evaluation.objects.count(), User.objects.count()) == before


def test_demo_logins_work_for_each_role(demo, client):
    for username in ("beheerder", "accounthouder", "lezer"):
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.get("/intern/").status_code == 200
        client.logout()


def test_refuses_demo_users_with_known_passwords_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="bekende wachtwoorden"):
        call_command("seed_demo")
    assert not User.objects.filter(username="beheerder").exists()


def test_loads_data_without_users_when_debug_is_off_and_asked(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--without-users", stdout=None)
    assert Partnership.objects.exists()
    assert not User.objects.filter(username="beheerder").exists()


# The demo obeys the rules it is shown against ------------------------------------------


def demo_round(client):
    """The current kadernota round of the demo as the beheerder's page shows it."""
    url = reverse("dossiers:kadernota", args=[date.today().year])
    page = client.get(url).content.decode()
    data = form_data(page, "form-TOTAL_FORMS")
    prefixes = {
        Partnership.objects.get(pk=value).name: key.removesuffix("-partnership")
        for key, value in data.items()
        if key.endswith("-partnership") and not key.startswith("initial-")
    }
    return url, data, prefixes


def decisions_of_this_year():
    return {
        d.partnership.name: (d.tier, d.political_topics, d.mandate, d.motivation)
        for d in TierDecision.objects.filter(year=date.today().year).select_related("partnership")
    }


def test_every_demo_decision_that_deviates_from_the_advice_has_a_motivation(demo):
    this_year = date.today().year
    rows = kadernota_rows(this_year)
    # This year's round checks against the latest advice, as its page does.
    deviating = [
        r for r in rows if r.current and r.advised_tier and r.current.tier != r.advised_tier
    ]
    assert deviating, "the demo shows a decision that deviates from the advice"
    for row in deviating:
        assert row.current.motivation.strip(), row.partnership.name
    # An earlier kadernota against the advice of its day.
    for decision in TierDecision.objects.filter(year__lt=this_year):
        advice = (
            Assessment.objects.filter(
                partnership=decision.partnership_id,
                assessed_on__lte=PlanningCalendar.default_for(decision.year).kadernota_date,
            )
            .values_list("chosen_tier", flat=True)
            .first()
        )
        if advice and advice != decision.tier:
            assert decision.motivation.strip(), decision


def test_every_row_of_the_current_demo_round_can_be_saved(demo, client):
    client.login(username="beheerder", password=DEMO_PASSWORD)
    url, data, prefixes = demo_round(client)
    assert client.post(url, data).status_code == 302  # untouched: nothing to correct
    before = decisions_of_this_year()
    assert set(before) < set(prefixes)  # a round with decided and undecided rows

    for name, prefix in prefixes.items():
        if name in before:
            data[f"{prefix}-mandate"] += " Bijgewerkt."
        else:  # take over the advice, or the tier of a partnership not yet assessed
            data[f"{prefix}-tier"] = Partnership.objects.get(name=name).tier or (
                Tier.AMBTELIJK_BELANGRIJK
            )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert set(decisions_of_this_year()) == set(prefixes)


def test_beheerder_changes_three_rows_of_the_demo_round_and_exactly_those_are_recorded(
    demo, client
):
    """Done when: three changed rows, three decisions, named in the message; an invalid row
    blocks only itself."""
    client.login(username="beheerder", password=DEMO_PASSWORD)
    url, data, prefixes = demo_round(client)
    before = decisions_of_this_year()
    assert "Enexis Holding" in before  # a demo decision that deviates from the advice
    assert "Belastingsamenwerking Gemeenten en Waterschap" not in before

    belasting = prefixes["Belastingsamenwerking Gemeenten en Waterschap"]
    archief = prefixes["Stichting Regionaal Historisch Centrum"]
    enexis = prefixes["Enexis Holding"]
    data[f"{belasting}-tier"] = Tier.BESTUURLIJK_BELANGRIJK  # the advice
    data[f"{archief}-tier"] = Tier.AMBTELIJK_BELANGRIJK  # the advice
    data[f"{enexis}-mandate"] = "Het college stemt in met kapitaalstortingen tot € 250.000."
    response = client.post(url, data, follow=True)

    after = decisions_of_this_year()
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {
        "Belastingsamenwerking Gemeenten en Waterschap",
        "Stichting Regionaal Historisch Centrum",
        "Enexis Holding",
    }
    assert len(after) == len(before) + 2
    assert after["Enexis Holding"][3] == before["Enexis Holding"][3]  # motivation kept
    (message,) = [parse(str(m)) for m in response.context["messages"]]
    assert text(message).startswith(f"Vastgelegd voor kadernota {date.today().year}: ")
    for name, tier in (
        ("Belastingsamenwerking Gemeenten en Waterschap", "bestuurlijk belangrijk"),
        ("Enexis Holding", "politiek belangrijk"),
        ("Stichting Regionaal Historisch Centrum", "ambtelijk belangrijk"),
    ):
        assert f"{name} ({tier})" in text(message)
        assert find(message, "a", string=name)

    # Now one invalid row (a deviation without motivation) next to a valid one.
    url, data, prefixes = demo_round(client)
    rud = prefixes["Regionale Uitvoeringsdienst Zuid-Limburg"]
    data[f"{rud}-tier"] = Tier.AMBTELIJK_BELANGRIJK
    data[f"{prefixes['Proeftuin De Ruwaard']}-political_topics"] = "Het vervolg na de proef."
    page = client.post(url, data).content.decode()
    rud_pk = data[f"{rud}-partnership"]
    tree = parse(page)
    # One error on the page, and it is in that row.
    errors = find_all(tree, "p", class_="round-error")
    assert [text(error) for error in errors] == [
        "Dit besluit wijkt af van het advies. Schrijf op waarom."
    ]
    assert find_all(find(tree, "tr", id=f"rij-{rud_pk}"), "p", class_="round-error") == errors
    assert "Niet vastgelegd: Regionale Uitvoeringsdienst Zuid-Limburg." in page
    assert "Regionale Uitvoeringsdienst Zuid-Limburg" not in decisions_of_this_year()
    assert decisions_of_this_year()["Proeftuin De Ruwaard"][1] == "Het vervolg na de proef."
