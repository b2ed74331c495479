"""Reminders to accounthouders about evaluations due within 30 days or overdue."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from accounts.models import User

from .models import Evaluation, ReminderLog

# Nearer than the dashboard's 60 days: a reminder is a call to act now.
REMIND_DUE_WITHIN = timedelta(days=30)


@dataclass
class Reminder:
    recipient: User
    items: list[tuple[Evaluation, ReminderLog.Reason]]


def pending_reminders(today: date) -> list[Reminder]:
    """Per accounthouder the evaluations not yet reminded for their current urgency."""
    evaluations = (
        Evaluation.objects.open()
        .filter(
            due_date__lte=today + REMIND_DUE_WITHIN,
            partnership__account_holder__isnull=False,
            partnership__account_holder__is_active=True,
        )
        .select_related("partnership__account_holder")
        .order_by("due_date", "pk")
    )
    sent = set(
        ReminderLog.objects.filter(evaluation__in=evaluations).values_list(
            "evaluation_id", "recipient_id", "reason"
        )
    )
    by_user: dict[int, Reminder] = {}
    items: dict[int, list[tuple[Evaluation, ReminderLog.Reason]]] = defaultdict(list)
    for evaluation in evaluations:
        user = evaluation.partnership.account_holder
        assert user is not None
        reason = (
            ReminderLog.Reason.OVERDUE
            if evaluation.due_date < today
            else ReminderLog.Reason.DUE_SOON
        )
        if (evaluation.pk, user.pk, reason.value) in sent:
            continue
        by_user.setdefault(user.pk, Reminder(user, items[user.pk]))
        items[user.pk].append((evaluation, reason))
    return list(by_user.values())


def send_reminders(today: date, dry_run: bool = False) -> list[Reminder]:
    """One mail per accounthouder; each evaluation is recorded so no run mails it twice."""
    reminders = pending_reminders(today)
    if dry_run:
        return reminders
    for reminder in reminders:
        context = {
            "recipient": reminder.recipient,
            "items": reminder.items,
            "today": today,
            "site_url": settings.SITE_URL,
        }
        with transaction.atomic():
            ReminderLog.objects.bulk_create(
                ReminderLog(evaluation=e, recipient=reminder.recipient, reason=reason)
                for e, reason in reminder.items
            )
            send_mail(
                subject=f"Evaluaties die uw aandacht vragen ({len(reminder.items)})",
                message=render_to_string("evaluations/email/reminder.txt", context),
                from_email=None,
                recipient_list=[reminder.recipient.email],
            )
    return reminders
