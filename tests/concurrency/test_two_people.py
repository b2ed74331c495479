"""Two people at once, through the live server: nothing either saved is lost silently.

Each scenario runs a few rounds with a fresh partnership, the two posts started together, so
both orders of arrival occur. After both, every change of both users is in the database, or
the second user was shown the conflict (and nothing of the first user was undone).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.choices import Status
from partnerships.models import Contribution, Partnership
from partnerships.tiers import Tier
from tests.factories import ContributionFactory, PartnershipFactory, UserFactory

from .conftest import at_once

pytestmark = [
    pytest.mark.concurrency,
    # Restores what the migrations made (roles, the kader) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 3


@pytest.fixture
def people():
    from accounts.models import Role

    beheerder = UserFactory(username="beheerder", role=Role.BEHEERDER, is_staff=True)
    accounthouder = UserFactory(username="accounthouder", role=Role.ACCOUNTHOUDER)
    return beheerder, accounthouder


def edit_url(partnership):
    return reverse("dossiers:partnership_update", args=[partnership.pk])


def test_edit_and_archive_at_once(person, people):
    beheerder, accounthouder = people
    for round_ in range(ROUNDS):
        partnership = PartnershipFactory(account_holder=accounthouder)
        editor, archiver = person(accounthouder), person(beheerder)
        edit = editor.form(edit_url(partnership), "base")
        archive_url = reverse("dossiers:partnership_archive", args=[partnership.pk])
        confirm = archiver.form(archive_url)
        edit["goals"] = f"Doelen ronde {round_}"

        saved, archived = at_once(
            partial(editor.post, edit_url(partnership), edit),
            partial(archiver.post, archive_url, confirm),
        )

        assert (saved.status_code, archived.status_code) == (302, 302)
        partnership.refresh_from_db()
        assert partnership.status == Status.BEEINDIGD, "the edit did not undo the archiving"
        assert partnership.goals == f"Doelen ronde {round_}"


def test_edit_and_assessment_at_once(person, people):
    beheerder, accounthouder = people
    for round_ in range(ROUNDS):
        partnership = PartnershipFactory(account_holder=accounthouder)
        editor, assessor = person(beheerder), person(accounthouder)
        edit = editor.form(edit_url(partnership), "base")
        assessment_url = reverse("dossiers:assessment", args=[partnership.pk])
        answers = assessor.form(assessment_url)
        # S = 4 and one qualifier: rule 3, politiek belangrijk.
        answers.update(K1="1", K2="1", K3="1", K4="1", Q1="ja", Q2="nee", action="save")
        answers.update(
            previewed_tier=Tier.POLITIEK_BELANGRIJK, chosen_tier=Tier.POLITIEK_BELANGRIJK
        )
        edit["portfolio_holder"] = f"Wethouder {round_}"

        saved, assessed = at_once(
            partial(editor.post, edit_url(partnership), edit),
            partial(assessor.post, assessment_url, answers),
        )

        assert (saved.status_code, assessed.status_code) == (302, 302)
        partnership.refresh_from_db()
        assert partnership.tier == Tier.POLITIEK_BELANGRIJK, "the edit did not revert the tier"
        assert partnership.portfolio_holder == f"Wethouder {round_}"


def test_edit_in_the_app_and_in_the_admin_at_once(person, people):
    beheerder, accounthouder = people
    for round_ in range(ROUNDS):
        partnership = PartnershipFactory(account_holder=accounthouder)
        app, admin = person(accounthouder), person(beheerder)
        edit = app.form(edit_url(partnership), "base")
        admin_url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
        change = admin.form(admin_url, "opened_version")
        edit["goals"] = f"Doelen uit de app {round_}"
        change["portfolio_holder"] = f"Wethouder uit de admin {round_}"
        change["_save"] = "Opslaan"

        saved, admin_saved = at_once(
            partial(app.post, edit_url(partnership), edit),
            partial(admin.post, admin_url, change),
        )

        partnership.refresh_from_db()
        assert saved.status_code == 302
        assert partnership.goals == f"Doelen uit de app {round_}"
        if admin_saved.status_code == 302:
            assert partnership.portfolio_holder == f"Wethouder uit de admin {round_}"
        else:  # the admin came second and was told so; nothing of the app was undone
            assert admin_saved.status_code == 200
            assert "intussen gewijzigd" in admin_saved.text


def test_two_stale_edits_of_contribution_rows(person, people):
    beheerder, accounthouder = people
    for _ in range(ROUNDS):
        partnership = PartnershipFactory(account_holder=accounthouder)
        first = ContributionFactory(partnership=partnership, year=2025, budgeted=Decimal(1000))
        second = ContributionFactory(partnership=partnership, year=2026, budgeted=Decimal(2000))
        one, other = person(accounthouder), person(beheerder)
        changes = one.form(edit_url(partnership), "base")
        deletes = other.form(edit_url(partnership), "base")
        changes[row_key(changes, first.pk, "budgeted")] = "1500"
        deletes[row_key(deletes, second.pk, "DELETE")] = "on"

        results = at_once(
            partial(one.post, edit_url(partnership), changes),
            partial(other.post, edit_url(partnership), deletes),
        )

        assert [r.status_code for r in results] == [302, 302]
        stored = dict(
            Contribution.objects.filter(partnership=partnership).values_list("year", "budgeted")
        )
        assert stored == {2025: Decimal(1500)}


def test_edit_and_kadernota_decision_at_once(person, people):
    beheerder, accounthouder = people
    year = timezone.localdate().year
    round_url = reverse("dossiers:kadernota", args=[year])
    for round_ in range(ROUNDS):
        partnership = PartnershipFactory(account_holder=accounthouder, name=f"Ronde {round_}")
        editor, decider = person(accounthouder), person(beheerder)
        edit = editor.form(edit_url(partnership), "base")
        decisions = decider.form(round_url, "form-TOTAL_FORMS")
        prefix = next(
            key.removesuffix("-partnership")
            for key, value in decisions.items()
            if key.endswith("-partnership")
            and not key.startswith("initial-")
            and value == str(partnership.pk)
        )
        decisions[f"{prefix}-tier"] = Tier.AMBTELIJK_BELANGRIJK
        decisions[f"{prefix}-motivation"] = "Klein en zonder risico's."
        edit["goals"] = f"Doelen ronde {round_}"

        saved, decided = at_once(
            partial(editor.post, edit_url(partnership), edit),
            partial(decider.post, round_url, decisions),
        )

        assert (saved.status_code, decided.status_code) == (302, 302)
        partnership.refresh_from_db()
        assert (partnership.tier, partnership.tier_decided_year) == (
            Tier.AMBTELIJK_BELANGRIJK,
            year,
        ), "the edit did not revert the decision"
        assert partnership.goals == f"Doelen ronde {round_}"


def row_key(form, pk, name):
    index = next(
        key.split("-")[1]
        for key, value in form.items()
        if key.startswith("contributions-") and key.endswith("-id") and value == str(pk)
    )
    return f"contributions-{index}-{name}"


def test_every_partnership_of_the_rounds_is_consistent(person, people):
    """The tier stored on each partnership is the one its afwegingen and decisions give."""
    from governance.effective_tier import effective_tiers

    test_edit_and_assessment_at_once(person, people)
    stored = dict(Partnership.objects.values_list("pk", "tier"))
    derived = {pk: tier for pk, (tier, _) in effective_tiers(stored).items()}
    assert {pk: stored[pk] for pk in derived} == derived
