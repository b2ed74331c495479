"""Names sort as people read them, ignoring case and accents, on SQLite and PostgreSQL alike:
the internal table, the public overview and the organisations."""

import pytest
from django.db import connection
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


def test_every_orm_write_keeps_the_stored_sort_key(lezer_client):
    """The tables sort on a stored key: a renamed or bulk-written partnership takes its place."""
    url = reverse("partnerships:partnership_list")
    Partnership.objects.bulk_create(
        [
            PartnershipFactory.build(
                name=name, slug=f"verband-{n}", policy_domain=None, account_holder=None
            )
            for n, name in enumerate(NAMES)
        ]
    )
    assert rows_of(lezer_client.get(url)) == EXPECTED

    renamed = Partnership.objects.get(name="Aa en Hunze")
    renamed.name = "Zeeuwse Zorg"
    renamed.save()
    Partnership.objects.filter(name="BNG Bank").update(name="Ábc Bank")
    partnership = Partnership.objects.get(name="Emile Zorg")
    partnership.name = "Zwolle Samen"
    Partnership.objects.bulk_update([partnership], ["name"])

    assert rows_of(lezer_client.get(url)) == [
        "Ábc Bank",
        "belastingsamenwerking",
        "émile-samenwerking",
        "Zeeuwse Zorg",
        "Zwolle Samen",
    ]
    assert all(p.name_key == sort_key(p.name) for p in Partnership.objects.all())


def test_a_page_of_the_tables_reads_the_name_index_instead_of_sorting_the_register():
    for name in NAMES:
        PartnershipFactory(name=name, published=True)
    pages = {
        "partnership_name_order": Partnership.objects.by_name(),
        "partnership_pub_name_order": Partnership.objects.published().by_name(descending=True),
    }
    for index, queryset in pages.items():
        sql, params = queryset.values("pk")[:25].query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            else:
                # With five rows PostgreSQL would rather sort: ask for the plan at scale.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_sort = off")
                cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert index in plan
        assert "TEMP B-TREE" not in plan
        assert "Sort" not in plan
