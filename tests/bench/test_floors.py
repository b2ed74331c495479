"""The benchmark's streamed floors make the same files as the downloads they are compared with.

If a floor wrote less (fewer columns, no related lists), its ratio would flatter the download;
bench/exports.py refuses a ratio when the bytes differ, and so does this test, on a small
register with every kind of cell: lists, empty values, formulas, an overdue evaluation.
"""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from bench.exports import mismatch
from partnerships.choices import Motive
from partnerships.tiers import Tier
from tests.factories import (
    EvaluationFactory,
    FinancialPositionFactory,
    PartnershipFactory,
)
from tests.public.conftest import full_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    full_partnership(name="Verband met lijsten", slug="verband-met-lijsten", rows=3)
    position = FinancialPositionFactory(
        partnership__name="=Verbonden partij", partnership__tier=Tier.POLITIEK_BELANGRIJK
    )
    position.partnership.motives = [Motive.choices[0][0]]
    position.partnership.save()
    PartnershipFactory(name="Niet gepubliceerd", unpublished=True, account_holder=None)
    EvaluationFactory(title="@Te laat", due_date=timezone.localdate() - timedelta(days=3), rule="")
    EvaluationFactory(partnership__tier="", partnership__account_holder=None)
    full_partnership(name="Tweede", slug="tweede", rows=1, website="https://example.org")
    return position


DOWNLOADS = [
    ("public:open_data_csv", "", "bench_floor_open_data_csv"),
    ("public:open_data_json", "", "bench_floor_open_data_json"),
    ("evaluations:evaluation_list", "?export=csv", "bench_floor_agenda_csv"),
    ("partnerships:partnership_list", "?export=csv", "bench_floor_register_csv"),
    ("partnerships:partnership_list", "?export=xlsx", "bench_floor_register_xlsx"),
]


@override_settings(ROOT_URLCONF="bench.urls")
@pytest.mark.parametrize(("view", "query", "floor"), DOWNLOADS)
def test_each_floor_writes_the_bytes_of_its_download(register, lezer_client, view, query, floor):
    response = lezer_client.get(reverse(view) + query, follow=True)
    assert response.status_code == 200
    made = b"".join(response)
    assert len(made) > 500
    assert mismatch(made, b"".join(Client().get(reverse(floor)))) is None


def test_a_different_file_is_reported_where_it_differs():
    made = "\ufeffnaam;status\r\nEen;Actief\r\n".encode()
    floor = "\ufeffnaam;status\r\nEen;actief\r\n".encode()
    assert mismatch(made, made) is None
    assert "byte 20 " in (mismatch(made, floor) or "")
