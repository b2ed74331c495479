"""Names sort as people read them, ignoring case and accents, on SQLite and PostgreSQL alike:
the internal table, the public overview and the organisations."""

import pytest
from django.urls import reverse

from partnerships.models import Organisation, Partnership
from samenwerkingswijzer.sorting import NameOrder, sort_key
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

NAMES = ["émile-samenwerking", "BNG Bank", "Emile Zorg", "belastingsamenwerking", "Aa en Hunze"]
EXPECTED = [
    "Aa en Hunze",
    "belastingsamenwerking",
    "BNG Bank",
    "Emile Zorg",
    "émile-samenwerking",
]


def rows_of(response) -> list[str]:
    return [row.record.name for row in response.context["table"].paginated_rows]


def test_sort_key_ignores_case_and_accents():
    assert sort_key("Émile") == sort_key("emile") == "emile"
    assert sort_key("BNG Bank") > sort_key("Belastingsamenwerking")


def test_the_ordering_expression_sorts_names_as_people_read_them():
    for name in NAMES:
        PartnershipFactory(name=name)
    ordered = Partnership.objects.order_by(NameOrder("name").asc())
    assert list(ordered.values_list("name", flat=True)) == EXPECTED
    backwards = Partnership.objects.order_by(NameOrder("name").desc())
    assert list(backwards.values_list("name", flat=True)) == EXPECTED[::-1]


@pytest.mark.parametrize("sort", ["", "?sort=name", "?sort=-name"])
def test_the_internal_table_sorts_names_without_case_or_accents(lezer_client, sort):
    for name in NAMES:
        PartnershipFactory(name=name)
    url = reverse("partnerships:partnership_list") + sort
    expected = EXPECTED[::-1] if sort.endswith("-name") else EXPECTED
    assert rows_of(lezer_client.get(url)) == expected


@pytest.mark.parametrize("sort", ["", "?sort=-name"])
def test_the_public_overview_sorts_names_without_case_or_accents(client, sort):
    for name in NAMES:
        PartnershipFactory(name=name, published=True)
    expected = EXPECTED[::-1] if sort else EXPECTED
    assert rows_of(client.get("/" + sort)) == expected


def test_the_organisations_sort_without_case_or_accents(lezer_client):
    for name in NAMES:
        OrganisationFactory(name=name)
    names = rows_of(lezer_client.get(reverse("partnerships:organisation_list")))
    assert names == [n for n in EXPECTED if Organisation.objects.filter(name=n).exists()]
    assert names.index("belastingsamenwerking") < names.index("BNG Bank")
