"""The demo register that `make run` loads (DESIGN.md 9)."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from evaluations.models import Evaluation, EvaluationStatus
from governance.tiers import Tier
from partnerships.choices import LegalForm
from partnerships.demo import DEMO_PASSWORD
from partnerships.models import Partnership

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
