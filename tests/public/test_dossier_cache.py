"""The public dossier PDF is rendered once per version of what it prints, then served from the
cache; any change to what it prints renders it anew; a browser that has it gets a 304."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from evaluations.models import Evaluation
from partnerships.models import Contribution, Organisation, Partnership
from reports import documents
from tests.factories import (
    ContributionFactory,
    DecisionFactory,
    EvaluationFactory,
    FinancialPositionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    TierDecisionFactory,
)
from tests.reports.pdfread import read_pdf

from .conftest import THIS_YEAR


@pytest.fixture
def renders(monkeypatch):
    """Counts WeasyPrint renders; each still makes the real PDF."""
    made: list[str] = []
    real = documents.render_pdf

    def counted(template, context, **kwargs):
        made.append(context["report"].name)
        return real(template, context, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", counted)
    return made


@pytest.fixture
def quick_renders(monkeypatch):
    """Counts renders without WeasyPrint: the tests of what changes a version stay fast."""
    made: list[str] = []

    def fake(template, context, **kwargs):
        made.append(context["report"].name)
        return b"%PDF-1.7 " + repr(context["report"]).encode()

    monkeypatch.setattr(documents, "render_pdf", fake)
    return made


@pytest.fixture
def partnership(db):
    partnership = PartnershipFactory(name="Regionale Uitvoeringsdienst Testland")
    ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Gemeente Buurdorp")
    )
    ContributionFactory(partnership=partnership, year=THIS_YEAR, budgeted=Decimal("12345.00"))
    return partnership


def dossier_url(partnership: Partnership) -> str:
    return reverse("public:partnership_dossier", args=[partnership.slug])


@pytest.mark.pdf
def test_second_download_is_served_from_the_cache_without_rendering(client, partnership, renders):
    first = client.get(dossier_url(partnership))
    second = Client().get(dossier_url(partnership))

    assert first.status_code == second.status_code == 200
    assert renders == ["Regionale Uitvoeringsdienst Testland"], "rendered once for both visitors"
    assert second.content == first.content
    assert "Gemeente Buurdorp" in read_pdf(second.content).text()
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == (
        f'attachment; filename="dossier-{partnership.slug}.pdf"'
    )
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] in ("public, max-age=300", "max-age=300, public")


@pytest.mark.pdf
def test_a_changed_contribution_is_in_the_next_download(client, partnership, renders):
    client.get(dossier_url(partnership))
    contribution = Contribution.objects.get(partnership=partnership)
    contribution.budgeted = Decimal("67890.00")
    contribution.save()

    response = client.get(dossier_url(partnership))

    assert len(renders) == 2
    text = read_pdf(response.content).text()
    assert "67.890" in text
    assert "12.345" not in text


def change_name(p):
    p.name = "Regionale Uitvoeringsdienst Nieuwland"
    p.save()


def change_tier_by_update(p):
    # As governance stores the effective tier: a targeted update, updated_at stays as it was.
    Partnership.objects.filter(pk=p.pk).update(tier="politiek_belangrijk", tier_decided_year=2026)


def delete_contribution(p):
    Contribution.objects.filter(partnership=p).delete()


def add_partner(p):
    ParticipationFactory(partnership=p, organisation=OrganisationFactory(name="Waterschap Ooit"))


def rename_partner(p):
    Organisation.objects.filter(name="Gemeente Buurdorp").update(name="Gemeente Buurstad")


def add_decision(p):
    DecisionFactory(partnership=p, title="Besluit tot uittreden")


def add_tier_decision(p):
    TierDecisionFactory(partnership=p, year=THIS_YEAR, political_topics="Nieuwe wet")


def publish_evaluation(p):
    evaluation = EvaluationFactory(partnership=p, completed=True, published=False)
    Evaluation.objects.filter(pk=evaluation.pk).update(published=True)


def add_financial_position(p):
    Partnership.objects.filter(pk=p.pk).update(
        is_verbonden_partij=True, bestuurlijk_belang="Lid van het bestuur."
    )
    FinancialPositionFactory(partnership=p, year=THIS_YEAR, risks="Een nieuw risico.")


@pytest.mark.parametrize(
    "change",
    [
        change_name,
        change_tier_by_update,
        delete_contribution,
        add_partner,
        rename_partner,
        add_decision,
        add_tier_decision,
        publish_evaluation,
        add_financial_position,
    ],
)
def test_every_change_to_what_the_dossier_prints_renders_it_anew(
    client, partnership, quick_renders, change
):
    before = client.get(dossier_url(partnership))
    assert client.get(dossier_url(partnership)).status_code == 200
    assert len(quick_renders) == 1

    change(partnership)
    after = client.get(dossier_url(Partnership.objects.get(pk=partnership.pk)))

    assert len(quick_renders) == 2
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content


def test_a_change_to_an_unpublished_evaluation_keeps_the_cached_pdf(
    client, partnership, quick_renders
):
    hidden = EvaluationFactory(partnership=partnership, published=False)
    client.get(dossier_url(partnership))
    Evaluation.objects.filter(pk=hidden.pk).update(conclusion="Nog niet openbaar.")

    client.get(dossier_url(partnership))

    assert len(quick_renders) == 1, "the public dossier does not print it"


def test_the_next_day_renders_anew(client, partnership, quick_renders, monkeypatch):
    client.get(dossier_url(partnership))
    tomorrow = documents.today() + timedelta(days=1)
    monkeypatch.setattr(documents, "today", lambda: tomorrow)

    client.get(dossier_url(partnership))

    assert len(quick_renders) == 2


def test_browser_with_the_current_version_gets_304_without_rendering(
    client, partnership, quick_renders
):
    first = client.get(dossier_url(partnership))

    again = client.get(dossier_url(partnership), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "max-age=300" in again["Cache-Control"]
    assert len(quick_renders) == 1


def test_browser_with_an_old_version_gets_the_new_pdf(client, partnership, quick_renders):
    first = client.get(dossier_url(partnership))
    change_name(partnership)

    again = client.get(dossier_url(partnership), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert b"Nieuwland" in again.content


def test_unpublished_partnership_has_no_dossier_even_after_it_was_cached(
    client, partnership, quick_renders
):
    first = client.get(dossier_url(partnership))
    Partnership.objects.filter(pk=partnership.pk).update(published=False)

    assert client.get(dossier_url(partnership)).status_code == 404
    revalidated = client.get(dossier_url(partnership), headers={"if-none-match": first["ETag"]})
    assert revalidated.status_code == 404
    never_published = PartnershipFactory(unpublished=True)
    assert client.get(dossier_url(never_published)).status_code == 404


def test_a_signed_in_visitor_gets_a_copy_only_the_browser_may_keep(
    lezer_client, partnership, quick_renders
):
    response = lezer_client.get(dossier_url(partnership))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
