"""Thirty seconds of mixed writes by four people on one partnership: nothing lost, no error.

One edits the goals, one the portefeuillehouder, one records afwegingen with alternating
advice, one adds a contribution per round. Every post must succeed (200 or 302, never a 409,
since nobody changes what another changes), and at the end each person's last change is
stored and the tier is the one the last afweging gave.
"""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from django.urls import reverse

from governance.models import Assessment
from partnerships.models import Contribution
from partnerships.tiers import Tier
from tests.factories import PartnershipFactory, UserFactory

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SECONDS = 30
MAX_ROUNDS = 200  # bounded, whatever the machine's speed

ANSWERS = {
    Tier.POLITIEK_BELANGRIJK: {"K1": "1", "K2": "1", "K3": "1", "K4": "1", "Q1": "ja", "Q2": "nee"},
    Tier.AMBTELIJK_BELANGRIJK: {
        "K1": "0",
        "K2": "0",
        "K3": "0",
        "K4": "0",
        "Q1": "nee",
        "Q2": "nee",
    },
}


def test_thirty_seconds_of_mixed_writes_lose_nothing(person):
    from accounts.models import Role

    beheerder = UserFactory(username="beheerder", role=Role.BEHEERDER)
    accounthouder = UserFactory(username="accounthouder", role=Role.ACCOUNTHOUDER)
    partnership = PartnershipFactory(account_holder=accounthouder)
    edit_url = reverse("dossiers:partnership_update", args=[partnership.pk])
    assessment_url = reverse("dossiers:assessment", args=[partnership.pk])
    deadline = time.monotonic() + SECONDS
    last: dict[str, str] = {}
    statuses: list[tuple[str, int]] = []
    lock = threading.Lock()

    def rounds():
        for n in range(MAX_ROUNDS):
            if time.monotonic() > deadline:
                return
            yield n

    def edit_field(user, name):
        browser = person(user)
        for n in rounds():
            form = browser.form(edit_url, "base")
            form[name] = f"{name} {n}"
            status = browser.post(edit_url, form).status_code
            with lock:
                statuses.append((name, status))
                if status == 302:
                    last[name] = f"{name} {n}"

    def add_contributions(user):
        browser = person(user)
        for n in rounds():
            form = browser.form(edit_url, "base")
            index = form["contributions-TOTAL_FORMS"]
            form.update(
                {
                    f"contributions-{int(index) - 1}-year": str(2000 + n),
                    f"contributions-{int(index) - 1}-kind": "financieel",
                    f"contributions-{int(index) - 1}-budgeted": "100",
                }
            )
            status = browser.post(edit_url, form).status_code
            with lock:
                statuses.append(("contribution", status))
                if status == 302:
                    last.setdefault("years", "")
                    last["years"] += f"{2000 + n},"

    def assess(user):
        browser = person(user)
        for n in rounds():
            tier = [Tier.POLITIEK_BELANGRIJK, Tier.AMBTELIJK_BELANGRIJK][n % 2]
            form = browser.form(assessment_url)
            form.update(ANSWERS[tier], action="save", previewed_tier=tier, chosen_tier=tier)
            status = browser.post(assessment_url, form).status_code
            with lock:
                statuses.append(("assessment", status))

    workers = [
        threading.Thread(target=edit_field, args=(accounthouder, "goals")),
        threading.Thread(target=edit_field, args=(beheerder, "portfolio_holder")),
        threading.Thread(target=add_contributions, args=(beheerder,)),
        threading.Thread(target=assess, args=(accounthouder,)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=SECONDS + 120)

    assert {who for who, _ in statuses} == {
        "goals",
        "portfolio_holder",
        "contribution",
        "assessment",
    }
    assert len(statuses) >= 20, "the load ran for real"
    errors = [(who, status) for who, status in statuses if status not in (200, 302)]
    assert errors == [], "no conflicts, no errors"
    partnership.refresh_from_db()
    assert partnership.goals == last["goals"], "no lost update"
    assert partnership.portfolio_holder == last["portfolio_holder"], "no lost update"
    years = {int(y) for y in last.get("years", "").split(",") if y}
    stored = set(
        Contribution.objects.filter(partnership=partnership, budgeted=Decimal(100)).values_list(
            "year", flat=True
        )
    )
    assert stored == years, "no lost contribution row"
    latest = Assessment.objects.filter(partnership=partnership).first()
    assert latest is not None
    assert partnership.tier == latest.chosen_tier, "no reverted tier"
