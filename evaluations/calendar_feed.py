"""The personal calendar feed (ICS): the user's evaluation due dates and looptijd ends.

All-day events with UIDs that follow the record, not the date, so a calendar app updates
an event when its date moves instead of adding a second one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from partnerships.models import Partnership
from samenwerkingswijzer.validators import is_plausible

from .models import OPEN_STATUSES, Evaluation, EvaluationStatus


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "samenwerkingswijzer"


def _event(uid: str, day: date, summary: str, url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", settings.SITE_URL + url)
    event.add("transp", "TRANSPARENT")
    return event


def calendar_for(user: Any) -> Calendar:
    """The feed of `user`: partnerships where they are accounthouder or deputy."""
    partnerships = Partnership.objects.of_user(user)
    evaluations = (
        Evaluation.objects.filter(partnership__in=partnerships)
        .filter(status__in=[*OPEN_STATUSES, EvaluationStatus.AFGEROND])
        .select_related("partnership")
        .order_by("due_date", "pk")
    )
    cal = Calendar()
    cal.add("prodid", "-//Samenwerkingswijzer//Evaluaties//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Samenwerkingswijzer: {user}")
    for evaluation in evaluations:
        # A date from before the register refused implausible years (9999) would overflow
        # the event's end date, and means nothing in a calendar: leave it out.
        if not is_plausible(evaluation.due_date):
            continue
        name = evaluation.title or evaluation.get_kind_display()
        cal.add_component(
            _event(
                f"evaluatie-{evaluation.pk}",
                evaluation.due_date,
                f"{name}: {evaluation.partnership.name}",
                evaluation.get_absolute_url(),
                evaluation.updated_at or timezone.now(),
            )
        )
    for partnership in partnerships.filter(end_date__isnull=False).order_by("end_date", "pk"):
        assert partnership.end_date is not None
        if not is_plausible(partnership.end_date):
            continue
        cal.add_component(
            _event(
                f"einde-looptijd-{partnership.pk}",
                partnership.end_date,
                f"Einde looptijd: {partnership.name}",
                partnership.get_absolute_url(),
                partnership.updated_at,
            )
        )
    return cal
