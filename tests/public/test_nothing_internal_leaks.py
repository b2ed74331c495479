"""Done when 3: texts planted in every internal place never appear on any public URL."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from governance.models import Framework
from governance.tiers import Tier
from tests.factories import (
    AssessmentFactory,
    ContributionFactory,
    EvaluationFactory,
    PartnershipFactory,
    TierDecisionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MARKERS = {
    "internal_notes": "MARKER-INTERNE-NOTITIE-7f3a",
    "unpublished_name": "MARKER-ONGEPUBLICEERD-VERBAND-91bd",
    "unpublished_description": "MARKER-ONGEPUBLICEERDE-OPGAVE-2c8e",
    "unpublished_evaluation": "MARKER-ONGEPUBLICEERDE-EVALUATIE-55d0",
    "evaluation_of_unpublished": "MARKER-EVALUATIE-VAN-ONGEPUBLICEERD-3e1f",
    "lessons_learned": "MARKER-LESSEN-c4a2",
    "mandate": "MARKER-MANDAAT-0b77",
    "tier_motivation": "MARKER-MOTIVERING-KADERNOTA-a9e4",
    "assessment_motivation": "MARKER-MOTIVERING-AFWEGING-6d13",
    "contribution_note": "MARKER-TOELICHTING-BIJDRAGE-8f20",
    "account_holder": "MarkerAccounthouder4b1c",
    "deputy": "MarkerPlaatsvervanger7e2d",
}


@pytest.fixture
def planted(db):
    holder = UserFactory(username="marker-holder", last_name=MARKERS["account_holder"])
    deputy = UserFactory(username="marker-deputy", last_name=MARKERS["deputy"])
    published = PartnershipFactory(
        name="Openbaar verband",
        tier=Tier.POLITIEK_BELANGRIJK,
        internal_notes=MARKERS["internal_notes"],
        account_holder=holder,
        deputy=deputy,
    )
    EvaluationFactory(
        partnership=published,
        completed=True,
        published=False,
        conclusion=MARKERS["unpublished_evaluation"],
    )
    EvaluationFactory(
        partnership=published,
        completed=True,
        published=True,
        lessons_learned=MARKERS["lessons_learned"],
    )
    TierDecisionFactory(
        partnership=published,
        tier=Tier.POLITIEK_BELANGRIJK,
        political_topics="Openbaar politiek onderwerp",
        mandate=MARKERS["mandate"],
        motivation=MARKERS["tier_motivation"],
    )
    ContributionFactory(
        partnership=published,
        note=MARKERS["contribution_note"],
        budget_line="Lidmaatschappen en contributies",
    )
    hidden = PartnershipFactory(
        name=MARKERS["unpublished_name"],
        description=MARKERS["unpublished_description"],
        unpublished=True,
    )
    EvaluationFactory(
        partnership=hidden,
        completed=True,
        published=True,
        conclusion=MARKERS["evaluation_of_unpublished"],
    )
    framework, _ = Framework.objects.get_or_create(version=1, defaults={"name": "Afwegingskader"})
    AssessmentFactory(
        partnership=published,
        framework=framework,
        motivation=MARKERS["assessment_motivation"],
    )
    return published, hidden


def public_urls(published, hidden) -> list[str]:
    urls = [
        reverse("public:overview"),
        reverse("public:partnership_detail", args=[published.slug]),
        reverse("public:open_data"),
        reverse("public:open_data_csv"),
        reverse("public:open_data_json"),
        reverse("public:accessibility"),
        "/?tier=politiek_belangrijk",
        "/?verbonden_partij=nee&status=actief&sort=-tier",
    ]
    return urls


def test_no_internal_text_on_any_public_url(client, planted):
    published, hidden = planted
    for url in public_urls(published, hidden):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8")
        for where, marker in MARKERS.items():
            assert marker not in body, f"{where} lekt op {url}"


def test_no_internal_text_in_the_public_dossier_pdf(client, planted):
    published, _ = planted

    response = client.get(reverse("public:partnership_dossier", args=[published.slug]))

    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Openbaar verband" in text
    for where, marker in MARKERS.items():
        assert marker not in text, f"{where} lekt in het openbare dossier"


@pytest.mark.parametrize("where", MARKERS)
def test_searching_for_an_internal_text_finds_nothing(client, planted, where):
    response = client.get("/", {"q": MARKERS[where]})

    assert response.context["result_count"] == 0
    assert "0 samenwerkingsverbanden gevonden" in response.content.decode()


def test_the_public_page_of_an_unpublished_partnership_does_not_exist(client, planted):
    _, hidden = planted

    response = client.get(reverse("public:partnership_detail", args=[hidden.slug]))

    assert response.status_code == 404
    assert MARKERS["unpublished_name"] not in response.content.decode()


def test_the_page_does_show_what_is_public_next_to_the_markers(client, planted):
    published, _ = planted

    html = client.get(published.get_public_url()).content.decode()

    assert "Openbaar verband" in html
    assert "Openbaar politiek onderwerp" in html
    assert "De samenwerking levert op wat is afgesproken." in html  # the published conclusion
