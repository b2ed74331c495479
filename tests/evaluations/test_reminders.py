"""send_evaluation_reminders: one mail per accounthouder per run, never the same news twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from evaluations.models import EvaluationKind
from tests.conftest import FROZEN_TODAY
from tests.factories import EvaluationFactory, PartnershipFactory

# Days are counted from a fixed today (tests/conftest.py), so no run falls across midnight.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

TODAY = FROZEN_TODAY


@pytest.fixture
def due_and_overdue(accounthouder, other_accounthouder):
    mine = PartnershipFactory(account_holder=accounthouder, name="Regio Veilig")
    theirs = PartnershipFactory(account_holder=other_accounthouder, name="Groene Regio")
    kind = EvaluationKind.TUSSENTIJDS
    return [
        EvaluationFactory(partnership=mine, kind=kind, due_date=TODAY + timedelta(days=10)),
        EvaluationFactory(partnership=mine, kind=kind, due_date=TODAY - timedelta(days=5)),
        EvaluationFactory(partnership=mine, kind=kind, due_date=TODAY + timedelta(days=90)),
        EvaluationFactory(partnership=theirs, kind=kind, due_date=TODAY + timedelta(days=29)),
        EvaluationFactory(partnership=theirs, completed=True, due_date=TODAY - timedelta(days=1)),
    ]


def test_each_accounthouder_gets_one_mail_about_due_and_overdue_evaluations(
    settings, due_and_overdue, accounthouder, other_accounthouder
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_evaluation_reminders")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 2
    mine = by_recipient[accounthouder.email]
    assert mine.subject == "Evaluaties die uw aandacht vragen (2)"
    assert mine.body.count("Regio Veilig") == 2
    assert "(VERLOPEN)" in mine.body
    assert by_recipient[other_accounthouder.email].subject.endswith("(1)")


def test_a_second_run_the_same_day_sends_nothing_new(settings, due_and_overdue):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_evaluation_reminders")
    call_command("send_evaluation_reminders")
    assert len(mail.outbox) == 2


def test_dry_run_lists_but_sends_and_records_nothing(settings, due_and_overdue, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_evaluation_reminders", "--dry-run")
    assert mail.outbox == []
    assert "2 accounthouder(s) zou mailen." in capsys.readouterr().out
    call_command("send_evaluation_reminders")
    assert len(mail.outbox) == 2
