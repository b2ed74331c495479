"""The personal ICS feed: valid iCalendar, one event per date, only with a valid token."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from evaluations.models import EvaluationStatus
from tests.factories import EvaluationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def feed_url(user) -> str:
    return reverse("evaluations:calendar_feed", args=[user.calendar_token])


def events(response) -> dict[str, tuple[date, str]]:
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["UID"]): (event.decoded("DTSTART"), str(event["SUMMARY"]))
        for event in calendar.walk("VEVENT")
    }


def test_feed_has_one_all_day_event_per_due_date_and_looptijd_end(accounthouder):
    partnership = PartnershipFactory(
        name="Regionale samenwerking",
        account_holder=accounthouder,
        start_date=date(2020, 1, 1),
        end_date=date(2030, 9, 30),
    )
    EvaluationFactory(partnership=partnership, title="Mijlpaal A", due_date=date(2027, 3, 1))
    EvaluationFactory(partnership=partnership, title="Mijlpaal B", due_date=date(2027, 9, 1))
    EvaluationFactory(
        partnership=partnership,
        title="Vervallen",
        status=EvaluationStatus.VERVALLEN,
        lapse_reason="Niet nodig",
    )
    EvaluationFactory(title="Van een ander")  # not the user's partnership

    # No login: a calendar app only knows the secret address.
    response = Client().get(feed_url(accounthouder))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    dates = sorted(day for day, _ in found.values())
    e4 = partnership.evaluations.get(rule="E4").due_date  # planned by the rules
    assert dates == sorted([date(2027, 3, 1), date(2027, 9, 1), e4, date(2030, 9, 30)])
    summaries = {summary for _, summary in found.values()}
    assert "Mijlpaal A: Regionale samenwerking" in summaries
    assert "Einde looptijd: Regionale samenwerking" in summaries
    assert not any("Vervallen" in s or "Van een ander" in s for s in summaries)


def test_event_uids_stay_the_same_when_a_date_moves(accounthouder):
    evaluation = EvaluationFactory(
        partnership=PartnershipFactory(account_holder=accounthouder), due_date=date(2027, 3, 1)
    )
    before = set(events(Client().get(feed_url(accounthouder))))
    evaluation.due_date = date(2027, 4, 1)
    evaluation.save()
    after = events(Client().get(feed_url(accounthouder)))
    assert set(after) == before
    assert [day for day, _ in after.values()] == [date(2027, 4, 1)]


@pytest.mark.parametrize("token", ["onzin", "x" * 43])
def test_without_a_valid_token_the_feed_is_not_served(client, accounthouder, token):
    response = client.get(reverse("evaluations:calendar_feed", args=[token]))
    assert response.status_code == 404


def test_feed_of_a_disabled_user_is_not_served(client, accounthouder):
    accounthouder.is_active = False
    accounthouder.save()
    assert client.get(feed_url(accounthouder)).status_code == 404


def test_renewing_the_token_gives_a_new_address_and_stops_the_old_one(
    accounthouder_client, accounthouder
):
    old_url = feed_url(accounthouder)
    page = accounthouder_client.get(reverse("evaluations:calendar_subscription"))
    assert old_url in page.content.decode()
    response = accounthouder_client.post(reverse("evaluations:calendar_subscription"), follow=True)
    accounthouder.refresh_from_db()
    assert feed_url(accounthouder) != old_url
    assert feed_url(accounthouder) in response.content.decode()
    assert Client().get(old_url).status_code == 404
    assert Client().get(feed_url(accounthouder)).status_code == 200
