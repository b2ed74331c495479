"""Two people editing one partnership: rows and fields merge three ways, nothing is lost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import Contribution
from tests.factories import ContributionFactory

from .helpers import editor_data, shows

pytestmark = pytest.mark.django_db


def update_url(partnership):
    return reverse("dossiers:partnership_update", args=[partnership.pk])


def row_index(data, prefix, pk):
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    return next(i for i in range(total) if str(data.get(f"{prefix}-{i}-id")) == str(pk))


@pytest.fixture
def two_years(own_partnership):
    return [
        ContributionFactory(partnership=own_partnership, year=2025, budgeted=Decimal("1000")),
        ContributionFactory(partnership=own_partnership, year=2026, budgeted=Decimal("2000")),
    ]


def test_rows_only_a_colleague_changed_or_deleted_stay_as_the_colleague_left_them(
    accounthouder, accounthouder_client, beheerder, beheerder_client, own_partnership, two_years
):
    first, second = two_years
    stale = editor_data(beheerder, own_partnership)
    colleague = editor_data(accounthouder, own_partnership)
    colleague[f"contributions-{row_index(colleague, 'contributions', first.pk)}-budgeted"] = "1500"
    colleague[f"contributions-{row_index(colleague, 'contributions', second.pk)}-DELETE"] = "on"
    assert accounthouder_client.post(update_url(own_partnership), colleague).status_code == 302
    stale["goals"] = "Doelen van de beheerder."

    response = beheerder_client.post(update_url(own_partnership), stale)

    assert response.status_code == 302
    own_partnership.refresh_from_db()
    assert own_partnership.goals == "Doelen van de beheerder."
    rows = {c.year: c.budgeted for c in Contribution.objects.filter(partnership=own_partnership)}
    assert rows == {2025: Decimal("1500")}


def test_a_row_a_colleague_deleted_and_i_changed_is_shown_as_deleted_not_as_an_invalid_choice(
    accounthouder, accounthouder_client, beheerder, beheerder_client, own_partnership, two_years
):
    first, second = two_years
    stale = editor_data(beheerder, own_partnership)
    colleague = editor_data(accounthouder, own_partnership)
    colleague[f"contributions-{row_index(colleague, 'contributions', second.pk)}-DELETE"] = "on"
    accounthouder_client.post(update_url(own_partnership), colleague)
    stale[f"contributions-{row_index(stale, 'contributions', second.pk)}-budgeted"] = "2500"
    stale[f"contributions-{row_index(stale, 'contributions', first.pk)}-note"] = "Geïndexeerd."

    conflict = beheerder_client.post(update_url(own_partnership), stale)

    assert conflict.status_code == 409
    assert not shows(conflict, "Selecteer een geldige keuze")
    assert shows(conflict, "Uw collega heeft deze rij intussen verwijderd.")
    page = conflict.context["form"].data.copy()
    page[f"keep-r-contributions-{second.pk}"] = "mine"
    assert beheerder_client.post(update_url(own_partnership), page).status_code == 302
    rows = {
        c.year: (c.budgeted, c.note)
        for c in Contribution.objects.filter(partnership=own_partnership)
    }
    assert rows == {2025: (Decimal("1000"), "Geïndexeerd."), 2026: (Decimal("2500"), "")}


def test_choosing_the_colleagues_deletion_leaves_the_row_deleted(
    accounthouder, accounthouder_client, beheerder, beheerder_client, own_partnership, two_years
):
    _, second = two_years
    stale = editor_data(beheerder, own_partnership)
    colleague = editor_data(accounthouder, own_partnership)
    colleague[f"contributions-{row_index(colleague, 'contributions', second.pk)}-DELETE"] = "on"
    accounthouder_client.post(update_url(own_partnership), colleague)
    stale[f"contributions-{row_index(stale, 'contributions', second.pk)}-budgeted"] = "2500"
    page = beheerder_client.post(update_url(own_partnership), stale).context["form"].data.copy()
    page[f"keep-r-contributions-{second.pk}"] = "theirs"

    assert beheerder_client.post(update_url(own_partnership), page).status_code == 302
    assert list(
        Contribution.objects.filter(partnership=own_partnership).values_list("year", flat=True)
    ) == [2025]


def test_the_same_row_field_changed_by_both_asks_to_choose(
    accounthouder, accounthouder_client, beheerder, beheerder_client, own_partnership, two_years
):
    first, _ = two_years
    stale = editor_data(beheerder, own_partnership)
    colleague = editor_data(accounthouder, own_partnership)
    colleague[f"contributions-{row_index(colleague, 'contributions', first.pk)}-budgeted"] = "1500"
    accounthouder_client.post(update_url(own_partnership), colleague)
    stale[f"contributions-{row_index(stale, 'contributions', first.pk)}-budgeted"] = "1750"

    conflict = beheerder_client.post(update_url(own_partnership), stale)

    assert conflict.status_code == 409
    assert shows(conflict, "Mijn keuze: €\u00a01.750")
    assert shows(conflict, "Keuze van mijn collega: €\u00a01.500")
    first.refresh_from_db()
    assert first.budgeted == Decimal("1500")


def test_an_edit_opened_before_archiving_does_not_reactivate(
    beheerder, beheerder_client, own_partnership
):
    from evaluations.archiving import archive

    stale = editor_data(beheerder, own_partnership)
    archive(own_partnership)
    stale["goals"] = "Nog iets aangevuld."

    assert beheerder_client.post(update_url(own_partnership), stale).status_code == 302
    own_partnership.refresh_from_db()
    assert (own_partnership.status, own_partnership.goals) == ("beeindigd", "Nog iets aangevuld.")
