"""The nightly planning and the morning reminders are periodic tasks of the worker."""

import pydoc
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import OrmQ, Schedule
from django_q.scheduler import scheduler

from evaluations.models import Evaluation
from partnerships.tiers import Tier
from tests.factories import EvaluationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def schedules() -> dict[str, Schedule]:
    return {s.func: s for s in Schedule.objects.all()}


def test_both_are_scheduled_daily_at_night_and_in_the_morning():
    found = schedules()
    assert set(found) == {
        "reports.tasks.plan_evaluations",
        "reports.tasks.send_evaluation_reminders",
    }
    for schedule in found.values():
        assert schedule.schedule_type == Schedule.DAILY
        assert schedule.repeats < 0  # for ever
    assert found["reports.tasks.plan_evaluations"].next_run.astimezone(AMSTERDAM).hour == 2
    assert found["reports.tasks.send_evaluation_reminders"].next_run.astimezone(AMSTERDAM).hour == 7


def test_a_due_schedule_queues_its_task_for_the_worker_and_moves_a_day_on(monkeypatch):
    # The worker closes stale connections first; the test's connection holds its transaction.
    monkeypatch.setattr("django_q.scheduler.close_old_django_connections", lambda: None)
    Schedule.objects.update(next_run=timezone.now() - timedelta(minutes=1))
    before = {func: s.next_run for func, s in schedules().items()}
    scheduler()
    queued = sorted(task.func() for task in OrmQ.objects.all())
    assert queued == ["reports.tasks.plan_evaluations", "reports.tasks.send_evaluation_reminders"]
    for func, schedule in schedules().items():
        assert schedule.next_run - before[func] >= timedelta(days=1)


def test_the_planning_task_plans_the_evaluations():
    partnership = PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK)
    Evaluation.objects.filter(partnership=partnership).delete()
    pydoc.locate("reports.tasks.plan_evaluations")()
    assert Evaluation.objects.filter(partnership=partnership).exists()


def test_the_reminder_task_mails_the_accounthouder(settings, accounthouder):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    partnership = PartnershipFactory(account_holder=accounthouder, name="Regio Veilig")
    EvaluationFactory(partnership=partnership, due_date=timezone.localdate() + timedelta(days=3))
    pydoc.locate("reports.tasks.send_evaluation_reminders")()
    assert [m.to for m in mail.outbox] == [[accounthouder.email]]
    assert "Regio Veilig" in mail.outbox[0].body
