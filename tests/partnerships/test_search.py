"""Free-text search, the same on the public overview and the internal table: every word must
match somewhere; a long query is cut to a few words with a note, and costs what a short one
costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.search import MAX_LENGTH, MAX_WORDS, parse
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

PUBLIC_URL = "/"
INTERNAL_URL = reverse("partnerships:partnership_list")
WORDS_NOTE = f"Alleen de eerste {MAX_WORDS} woorden zijn gebruikt."


@pytest.fixture
def search_client(request, client, lezer_client):
    """The visitor of the page under test: anyone on `/`, a lezer on the internal table."""
    return {PUBLIC_URL: client, INTERNAL_URL: lezer_client}[request.param]


def names_in(response) -> list[str]:
    return sorted(row.record.name for row in response.context["table"].paginated_rows)


@pytest.fixture
def register():
    safety = PartnershipFactory(
        name="Veiligheidsregio Zuid-Limburg", description="Brandweer en crisisbeheersing."
    )
    ParticipationFactory(partnership=safety, organisation=OrganisationFactory(name="Gemeente Beek"))
    ParticipationFactory(
        partnership=safety, organisation=OrganisationFactory(name="Gemeente Stein")
    )
    PartnershipFactory(name="Veiligheidshuis Noord", description="Zorg en veiligheid.")
    PartnershipFactory(name="Regionaal Archief", description="Archief van Zuid-Limburg.")


BOTH = pytest.mark.parametrize(
    ("url", "search_client"),
    [(u, u) for u in (PUBLIC_URL, INTERNAL_URL)],
    indirect=["search_client"],
)


@BOTH
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Veiligheidsregio Limburg", ["Veiligheidsregio Zuid-Limburg"]),
        ("veiligheids", ["Veiligheidshuis Noord", "Veiligheidsregio Zuid-Limburg"]),
        ("ZUID-LIMBURG", ["Regionaal Archief", "Veiligheidsregio Zuid-Limburg"]),
        # One word in the name, one in a partner's name, one in the description.
        ("veiligheidsregio stein brandweer", ["Veiligheidsregio Zuid-Limburg"]),
        ("gemeente", ["Veiligheidsregio Zuid-Limburg"]),
        ("archief stein", []),
        ("100%_", []),
    ],
)
def test_every_word_must_match_in_name_description_or_partner(
    url, search_client, register, query, expected
):
    response = search_client.get(url, {"q": query})

    assert response.status_code == 200
    assert names_in(response) == expected
    assert WORDS_NOTE not in response.content.decode()


@BOTH
def test_a_partnership_with_two_matching_partners_is_listed_once(url, search_client, register):
    response = search_client.get(url, {"q": "gemeente"})

    assert names_in(response) == ["Veiligheidsregio Zuid-Limburg"]
    assert response.context["table"].paginator.count == 1


@BOTH
def test_a_query_of_2000_words_answers_with_the_first_words_and_a_note(
    url, search_client, register
):
    search_client.get(url, {"q": "veiligheidsregio"})  # the session and caches are warm
    with CaptureQueriesContext(connection) as short:
        search_client.get(url, {"q": "veiligheidsregio limburg"})
    # Eight words that all match, then 2,000 that match nothing.
    first_words = "veiligheidsregio limburg zuid brandweer crisisbeheersing gemeente beek stein"
    long_query = first_words + " " + " ".join(f"woord{n}" for n in range(2000))

    with CaptureQueriesContext(connection) as long:
        response = search_client.get(url, {"q": long_query})

    assert response.status_code == 200
    assert WORDS_NOTE in response.content.decode()
    assert names_in(response) == ["Veiligheidsregio Zuid-Limburg"]
    assert len(long) == len(short)
    assert max(len(q["sql"]) for q in long) < 20 * max(len(q["sql"]) for q in short)
    # The page's links and search box repeat the words searched for, not the 2,000 typed.
    assert "woord1999" not in response.content.decode()
    assert len(response.content) < 3 * len(search_client.get(url, {"q": first_words}).content)


@BOTH
def test_a_query_longer_than_the_limit_is_cut_with_a_note(url, search_client, register):
    response = search_client.get(url, {"q": "veiligheidsregio " + "x" * 5000})

    assert response.status_code == 200
    assert f"Alleen de eerste {MAX_LENGTH} tekens zijn gebruikt." in response.content.decode()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", ()),
        ("  Gemeente   gemeente GEMEENTE beek ", ("Gemeente", "beek")),
        (" ".join(str(n) for n in range(20)), tuple(str(n) for n in range(MAX_WORDS))),
    ],
)
def test_parse_keeps_a_few_distinct_words(value, words):
    assert parse(value).words == words
