"""Random query strings on every filtered list: never a server error, the query budget holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations.filtersets import EvaluationFilterSet
from partnerships.filtersets import OrganisationFilterSet, PartnershipFilterSet
from public.filtersets import PublicPartnershipFilterSet
from tests.factories import EvaluationFactory, ParticipationFactory, PartnershipFactory

pytestmark = pytest.mark.fuzz

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PAGING = ["sort", "page", "per_page"]

# Values a visitor could type or tamper with: valid-looking ones, and junk.
values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.sampled_from(
        ["", "true", "false", "1", "0", "-1", "2026", "politiek_zeer_belangrijk", "actief"]
    ),
    st.sampled_from(["name", "-name", "tier", "-tier", "due_date", "bestaat_niet", "9999"]),
    # A search of thousands of words, a megabyte, control characters.
    st.sampled_from([" ".join(["gemeente"] * 2000), "x" * 1_000_000, "regio\x01\x1f\x7f"]),
)


def query_strategy(filterset):
    return st.dictionaries(st.sampled_from([*filterset.base_filters, *PAGING]), values)


@pytest.fixture
def register(accounthouder):
    for _ in range(3):
        partnership = PartnershipFactory(account_holder=accounthouder)
        ParticipationFactory(partnership=partnership)
        EvaluationFactory(partnership=partnership)


def assert_no_error_within_budget(client, url, query, budget):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code < 500
    assert response.status_code in (200, 404)
    assert len(queries) <= budget, [q["sql"] for q in queries]


# Budgets: P1 (public ≤ 6) and P2 (internal list ≤ 12 plus the session and user lookups).
@given(query=query_strategy(PublicPartnershipFilterSet))
@FUZZ
def test_public_overview_survives_any_query(client, register, query):
    assert_no_error_within_budget(client, "/", query, budget=6)


@given(query=query_strategy(PartnershipFilterSet))
@FUZZ
def test_partnership_list_survives_any_query(accounthouder_client, register, query):
    assert_no_error_within_budget(
        accounthouder_client, "/intern/samenwerkingsverbanden/", query, budget=16
    )


@given(query=query_strategy(OrganisationFilterSet))
@FUZZ
def test_organisation_list_survives_any_query(lezer_client, register, query):
    assert_no_error_within_budget(lezer_client, "/intern/organisaties/", query, budget=16)


@given(query=query_strategy(EvaluationFilterSet))
@FUZZ
def test_evaluation_agenda_survives_any_query(lezer_client, register, query):
    assert_no_error_within_budget(lezer_client, "/intern/evaluaties/", query, budget=16)
