"""The periodic tasks: the nightly planning and the morning reminders, as django-q2 schedules.

The worker (`manage.py qcluster`) runs them; a superuser sees and can change them in the admin
(Achtergrondtaken). Migrating back removes them again.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# name, function, hour of day (Amsterdam time)
SCHEDULES = [
    ("Evaluaties plannen (elke nacht)", "reports.tasks.plan_evaluations", 2),
    ("Herinneringen versturen (elke ochtend)", "reports.tasks.send_evaluation_reminders", 7),
]


def next_at(hour):
    now = datetime.now(AMSTERDAM)
    moment = datetime.combine(now.date(), time(hour), tzinfo=AMSTERDAM)
    return moment if moment > now else moment + timedelta(days=1)


def add_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, hour in SCHEDULES:
        Schedule.objects.update_or_create(
            func=func,
            defaults={
                "name": name,
                "schedule_type": "D",
                "repeats": -1,
                "next_run": next_at(hour),
            },
        )


def remove_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(func__in=[func for _, func, _ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_document_job"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add_schedules, remove_schedules)]
