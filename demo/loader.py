"""The demo register (fixtures/demo_register.json) and the demo users.

Years below 100 in the file are relative to the current year and a due date given as a
number is that many days from today, so the demo stays current whenever it is loaded.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from evaluations.assessing import record_assessment
from evaluations.models import Evaluation
from evaluations.replanning import replan
from evaluations.tier_deciding import record_tier_decisions
from governance.framework import active_framework, kader_of
from governance.kadernota import TierDecisionValues
from governance.scoring import Answers, evaluate
from partnerships.models import (
    BudgetProgramme,
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    Partnership,
    PolicyDomain,
)

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_register.json"
DEMO_PASSWORD = (
    "demo-samenwerken"  # printed by `make run`; only created with DEBUG on or --with-users
)
INDEXATION = Decimal("1.03")


def _data() -> dict[str, Any]:
    with DEMO_FILE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def demo_users() -> list[dict[str, str]]:
    users: list[dict[str, str]] = _data()["users"]
    return users


def _year(value: int, today: date) -> int:
    return today.year + value if abs(value) < 100 else value


def _date(value: str | int, today: date) -> date:
    if isinstance(value, int):
        return today + timedelta(days=value)
    return date.fromisoformat(value)


def _money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@transaction.atomic
def load_demo(create_users: bool, today: date | None = None) -> str:
    """Load the demo register; partnerships that exist already (by name) are left alone."""
    today = today or date.today()
    data = _data()
    users = _load_users(data["users"]) if create_users else {}
    domains = {
        name: PolicyDomain.objects.get_or_create(name=name)[0] for name in data["policy_domains"]
    }
    programmes = {
        number: BudgetProgramme.objects.get_or_create(number=number, defaults={"name": name})[0]
        for number, name in data["budget_programmes"]
    }
    organisations = {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "place": place, "website": website}
        )[0]
        for name, kind, place, website in data["organisations"]
    }
    created = []
    for record in data["partnerships"]:
        if Partnership.objects.filter(name=record["name"]).exists():
            continue
        partnership = _load_partnership(record, domains, programmes, organisations, users, today)
        created.append(partnership)
    _load_governance_and_evaluations(data, created, users, today)
    return (
        f"Demoregister geladen: {len(created)} nieuwe samenwerkingsverbanden, "
        f"{Partnership.objects.count()} in totaal."
    )


def _load_users(records: list[dict[str, str]]) -> dict[str, User]:
    users = {}
    for record in records:
        user, created = User.objects.get_or_create(
            username=record["username"],
            defaults={
                "first_name": record["first_name"],
                "last_name": record["last_name"],
                "email": f"{record['username']}@gemeente.example",
                "is_staff": record["role"] == "beheerder",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=record["role"]))
        users[record["username"]] = user
    return users


def _load_partnership(
    record: dict[str, Any],
    domains: dict[str, PolicyDomain],
    programmes: dict[int, BudgetProgramme],
    organisations: dict[str, Organisation],
    users: dict[str, User],
    today: date,
) -> Partnership:
    simple_fields = {
        key: record[key]
        for key in (
            "name", "description", "goals", "public_interest", "motives",
            "added_value_perspective", "nature", "legal_form", "regulation", "status",
            "portfolio_holder", "representatives", "published", "internal_notes",
            "legally_required", "powers_transferred", "is_verbonden_partij",
            "bestuurlijk_belang", "financieel_belang", "registered_office", "website",
            "notice_period_months", "evaluation_lead_months",
        )
        if key in record
    }  # fmt: skip
    partnership = Partnership.objects.create(
        **simple_fields,
        policy_domain=domains[record["policy_domain"]],
        budget_programme=programmes[record["budget_programme"]],
        start_date=date.fromisoformat(record["start_date"]),
        end_date=date.fromisoformat(record["end_date"]) if record.get("end_date") else None,
        account_holder=users.get(record.get("account_holder", "")),
        deputy=users.get(record.get("deputy", "")),
    )
    for name, role, share in record.get("partners", []):
        Participation.objects.create(
            partnership=partnership,
            organisation=organisations[name],
            role=role,
            share=_money(share),
        )
    for year, kind, budgeted, actual, line in record.get("contributions", []):
        Contribution.objects.create(
            partnership=partnership,
            year=year,
            kind=kind,
            budgeted=Decimal(budgeted),
            actual=_money(actual),
            budget_line=line,
        )
    if series := record.get("contribution_series"):
        amount = Decimal(series["amount"])
        for year in range(_year(series["from"], today), _year(series["to"], today) + 1):
            # Realised figures exist only for years that have ended.
            actual = (
                (amount * Decimal("0.98")).quantize(Decimal("1")) if year < today.year else None
            )
            Contribution.objects.create(
                partnership=partnership,
                year=year,
                kind=series["kind"],
                budgeted=amount,
                actual=actual,
                budget_line=series["line"],
            )
            amount = (amount * INDEXATION).quantize(Decimal("1"))
    for row in record.get("financial_positions", []):
        year, eq_b, eq_e, debt_b, debt_e, result, interest_b, interest_e, risks = row
        FinancialPosition.objects.create(
            partnership=partnership,
            year=_year(year, today),
            equity_begin=Decimal(eq_b),
            equity_end=Decimal(eq_e),
            debt_begin=Decimal(debt_b),
            debt_end=Decimal(debt_e),
            result=Decimal(result),
            interest_begin=interest_b,
            interest_end=interest_e,
            risks=risks,
        )
    for body, day, reference, title, url in record.get("decisions", []):
        Decision.objects.create(
            partnership=partnership,
            body=body,
            date=date.fromisoformat(day),
            reference=reference,
            title=title,
            url=url,
        )
    return partnership


def _system_user() -> User:
    """Signs the demo's assessments and decisions when no demo users are made."""
    user, created = User.objects.get_or_create(
        username="demo-systeem", defaults={"first_name": "Demo", "last_name": "(systeem)"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _load_governance_and_evaluations(
    data: dict[str, Any], created: list[Partnership], users: dict[str, User], today: date
) -> None:
    """Evaluations done before, then decisions and afwegingen through their processes."""
    framework = active_framework()
    assert framework is not None, "kader versie 1 hoort door de migraties te bestaan"
    kader = kader_of(framework)
    by_name = {p.name: p for p in created}
    records = [(by_name[r["name"]], r) for r in data["partnerships"] if r["name"] in by_name]
    beheerder = users.get("beheerder") or _system_user()
    # Past evaluations first: the planner counts from the last completed one.
    for partnership, record in records:
        account_holder = partnership.account_holder or beheerder
        for kind, title, due, status, conclusion, advice, published in record.get(
            "evaluations", []
        ):
            due_date = _date(due, today)
            done = status == "afgerond"
            # A yearly evaluation done this year is the rule E1's occurrence for the year.
            rule_key = f"E1:{due_date.year}" if kind == "jaarlijks" else ""
            Evaluation.objects.create(
                partnership=partnership,
                kind=kind,
                rule="E1" if rule_key else "",
                rule_key=rule_key,
                title=title,
                due_date=due_date,
                status=status,
                conclusion=conclusion,
                advice=advice,
                published=published,
                started_on=due_date - timedelta(days=60) if done else None,
                completed_on=due_date if done else None,
                completed_by=account_holder if done else None,
            )
    # One kadernota at a time, newest first, then the afwegingen. Each process re-plans; in
    # this order the effective tier is set once, so the planner never sees a passing tier
    # (which would leave lapsed evaluations behind).
    kadernotas: dict[int, dict[int, TierDecisionValues]] = {}
    for partnership, record in records:
        for year, tier, topics, mandate, *motivation in record.get("tier_decisions", []):
            kadernotas.setdefault(_year(year, today), {})[partnership.pk] = TierDecisionValues(
                tier=tier,
                political_topics=topics,
                mandate=mandate,
                motivation=motivation[0] if motivation else "",
            )
    for year in sorted(kadernotas, reverse=True):
        record_tier_decisions(year, kadernotas[year], beheerder)
    for partnership, record in records:
        if answers := record.get("assessment"):
            criteria = {c.code: answers[c.code] for c in kader.criteria}
            qualifiers = {q.code: answers[q.code] for q in kader.qualifiers}
            outcome = evaluate(kader, Answers(criteria=criteria, qualifiers=qualifiers))
            record_assessment(
                partnership,
                framework,
                outcome,
                criterion_answers=criteria,
                qualifier_answers=qualifiers,
                chosen_tier=outcome.tier,
                user=partnership.account_holder or beheerder,
                assessed_on=_date(answers["on"], today),
            )
    if created:
        # Partnerships without a decision or afweging get their plan too (end of looptijd).
        replan([p.pk for p in created], today=today)
