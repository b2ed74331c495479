"""Text and dates stored before the register refused them never break an export or a feed."""

from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from evaluations.models import Evaluation
from partnerships.models import Organisation, Partnership
from tests.factories import EvaluationFactory, ParticipationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

CONTROL = "".join(chr(c) for c in range(1, 32)) + "\x7f\x85"


@pytest.fixture
def legacy_partnership(accounthouder):
    """A published partnership whose texts hold every control character, written directly."""
    partnership = PartnershipFactory(name="Oud verband", account_holder=accounthouder)
    participation = ParticipationFactory(partnership=partnership)
    Partnership.objects.filter(pk=partnership.pk).update(
        name=f"Oud{CONTROL}verband", description=f"=SUM(A1){CONTROL}"
    )
    Organisation.objects.filter(pk=participation.organisation_id).update(name=f"Partner{CONTROL}")
    return Partnership.objects.get(pk=partnership.pk)


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_internal_exports_answer_with_control_characters_stored(
    lezer_client, legacy_partnership, export
):
    for url in ("partnerships:partnership_list", "partnerships:organisation_list"):
        # The register's table sends its export on to the full register export.
        response = lezer_client.get(reverse(url), {"export": export}, follow=True)

        assert response.status_code == 200, url
        assert len(b"".join(response)) > 0


@pytest.mark.pdf
def test_open_data_and_dossiers_answer_with_control_characters_stored(
    client, lezer_client, legacy_partnership
):
    for name in ("public:open_data_csv", "public:open_data_json"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert b"Oud" in b"".join(response)
    public_dossier = client.get(
        reverse("public:partnership_dossier", args=[legacy_partnership.slug])
    )
    internal_dossier = lezer_client.get(
        reverse("reports:partnership_dossier", args=[legacy_partnership.pk])
    )
    for response in (public_dossier, internal_dossier):
        assert response.status_code == 200
        assert b"".join(response).startswith(b"%PDF")


def test_calendar_feed_leaves_out_a_milestone_stored_in_year_9999(accounthouder, client):
    partnership = PartnershipFactory(account_holder=accounthouder, end_date=date(2030, 6, 30))
    kept = EvaluationFactory(partnership=partnership, title="Gewone mijlpaal")
    broken = EvaluationFactory(partnership=partnership, title="Tikfout")
    Evaluation.objects.filter(pk=broken.pk).update(due_date=date(9999, 12, 31))

    response = client.get(reverse("evaluations:calendar_feed", args=[accounthouder.calendar_token]))

    assert response.status_code == 200
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert f"Gewone mijlpaal: {kept.partnership.name}" in summaries
    assert not [s for s in summaries if s.startswith("Tikfout")]
