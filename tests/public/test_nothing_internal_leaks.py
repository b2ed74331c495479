"""Texts planted in every internal place never appear on any public URL, and what is public
(public/fields.py) shows alike on the public page, in the public dossier and in the open data."""

import csv
import html
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from evaluations.models import Advice, EvaluationKind, EvaluationStatus
from governance.models import Framework
from partnerships.choices import (
    ADDED_VALUE_IN_PLAIN_WORDS,
    AddedValuePerspective,
    ContributionKind,
    DecisionBody,
    LegalForm,
    Motive,
    Nature,
    OrganisationKind,
    ParticipationRole,
    Regulation,
)
from partnerships.models import Partnership
from partnerships.tiers import Tier
from public.fields import LOADED_NOT_SHOWN, PUBLIC_FIELDS
from samenwerkingswijzer.formatting import date_long
from tests.factories import (
    AssessmentFactory,
    BudgetProgrammeFactory,
    ContributionFactory,
    DecisionFactory,
    EvaluationFactory,
    FinancialPositionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyDomainFactory,
    TierDecisionFactory,
    UserFactory,
)
from tests.reports.pdfread import read_pdf

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
        body = b"".join(response).decode("utf-8")  # the open data is streamed
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


# --- The same fields everywhere ---------------------------------------------------------
# Each public field of public/fields.py, with how a reader finds it back: as the public page
# and the public dossier write it, and as the open data (JSON) carries it.

YEAR = 2024


def _date(day: date) -> str:
    return date_long(day)


@pytest.fixture
def every_public_field(db):
    """A published verbonden partij with a recognisable value in every public field."""
    partnership = PartnershipFactory(
        name="Verband Zuiderhaven",
        slug="verband-zuiderhaven",
        description="OpgaveZH01",
        goals="DoelZH02",
        public_interest="BelangZH03",
        motives=[Motive.EFFICIENCY],
        added_value_perspective=AddedValuePerspective.ZELF_AFZONDERLIJK,
        nature=Nature.DELEN_HULPBRONNEN,
        policy_domain=PolicyDomainFactory(name="BeleidsveldZH04"),
        budget_programme=BudgetProgrammeFactory(number=47, name="ProgrammaZH05"),
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        regulation=Regulation.GEMENGD,
        legally_required=True,
        powers_transferred=True,
        verbonden_partij=True,
        bestuurlijk_belang="BestuurlijkZH06",
        financieel_belang="FinancieelZH07",
        registered_office="VestigingZH08",
        website="https://zh09.example.nl",
        start_date=date(2011, 3, 17),
        end_date=date(2031, 9, 30),
        notice_period_months=11,
        evaluation_lead_months=7,
        portfolio_holder="WethouderZH10",
        representatives="VertegenwoordigerZH11",
        tier=Tier.POLITIEK_BELANGRIJK,
        internal_notes=MARKERS["internal_notes"],
    )
    ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(
            name="PartnerZH12", kind=OrganisationKind.WATERSCHAP, website="https://zh13.example.nl"
        ),
        role=ParticipationRole.FINANCIER,
        share=Decimal("37.25"),
    )
    ContributionFactory(
        partnership=partnership,
        year=2019,
        kind=ContributionKind.IN_NATURA,
        budgeted=Decimal("4321987"),
        actual=Decimal("4123456"),
        budget_line="PostZH14",
        note=MARKERS["contribution_note"],
    )
    DecisionFactory(
        partnership=partnership,
        body=DecisionBody.BURGEMEESTER,
        date=date(2018, 5, 4),
        reference="KenmerkZH15",
        title="BesluitZH16",
        url="https://zh17.example.nl",
    )
    TierDecisionFactory(
        partnership=partnership,
        year=YEAR,
        tier=Tier.POLITIEK_BELANGRIJK,
        political_topics="OnderwerpZH18",
        mandate=MARKERS["mandate"],
    )
    EvaluationFactory(
        partnership=partnership,
        published=True,
        kind=EvaluationKind.VOLLEDIG,
        title="EvaluatieZH19",
        status=EvaluationStatus.AFGEROND,
        due_date=date(2023, 2, 13),
        completed_on=date(2023, 1, 27),
        conclusion="ConclusieZH20",
        advice=Advice.BIJSTUREN,
        council_agenda_date=date(2023, 3, 9),
        on_council_agenda=True,
        lessons_learned=MARKERS["lessons_learned"],
    )
    EvaluationFactory(
        partnership=partnership,
        published=True,
        title="PlanningZH21",
        status=EvaluationStatus.GEPLAND,
        due_date=date(2027, 8, 19),
    )
    FinancialPositionFactory(
        partnership=partnership,
        year=2023,
        interest_begin="AandeelBeginZH22",
        interest_end="AandeelEindZH23",
        equity_begin=Decimal("1111111"),
        equity_end=Decimal("2222222"),
        debt_begin=Decimal("3333333"),
        debt_end=Decimal("4444444"),
        result=Decimal("-555555"),
        risks="RisicoZH24",
    )
    # The effective tier as the kadernota fixed it; only the tier process writes these.
    Partnership.objects.filter(pk=partnership.pk).update(
        tier=Tier.POLITIEK_BELANGRIJK, tier_decided_year=YEAR
    )
    partnership.refresh_from_db()
    return partnership


def euro_text(amount: str) -> str:
    return f"€ {amount}"


def shown_as(p) -> dict[tuple[str, str], tuple[str, str]]:
    """(model, field) -> (how page and dossier write it, how the JSON record carries it)."""
    updated = timezone.localdate(p.updated_at)
    position = {
        "year": ("Financiële positie 2023", '"jaar": 2023'),
        "interest_begin": ("AandeelBeginZH22", '"belang_gemeente_begin": "AandeelBeginZH22"'),
        "interest_end": ("AandeelEindZH23", '"belang_gemeente_eind": "AandeelEindZH23"'),
        "equity_begin": (euro_text("1.111.111"), '"eigen_vermogen_begin_euro": "1111111.00"'),
        "equity_end": (euro_text("2.222.222"), '"eigen_vermogen_eind_euro": "2222222.00"'),
        "debt_begin": (euro_text("3.333.333"), '"vreemd_vermogen_begin_euro": "3333333.00"'),
        "debt_end": (euro_text("4.444.444"), '"vreemd_vermogen_eind_euro": "4444444.00"'),
        "result": (euro_text("-555.555"), '"financieel_resultaat_euro": "-555555.00"'),
        "risks": ("RisicoZH24", '"risicos": "RisicoZH24"'),
    }
    partnership = {
        "name": ("Verband Zuiderhaven", '"naam": "Verband Zuiderhaven"'),
        "slug": ("verband-zuiderhaven", '"kenmerk": "verband-zuiderhaven"'),
        "description": ("OpgaveZH01", '"opgave": "OpgaveZH01"'),
        "goals": ("DoelZH02", '"doelen": "DoelZH02"'),
        "public_interest": ("BelangZH03", '"openbaar_belang": "BelangZH03"'),
        "motives": ("Efficiënter werken", '"motieven": "Efficiënter werken"'),
        # The page and the dossier say it in plain words, the open data with the term.
        "added_value_perspective": (
            ADDED_VALUE_IN_PLAIN_WORDS[AddedValuePerspective(p.added_value_perspective)],
            f'"perspectief_meerwaarde": "{p.get_added_value_perspective_display()}"',
        ),
        "nature": ("Delen van hulpbronnen", '"aard": "Delen van hulpbronnen"'),
        "policy_domain": ("BeleidsveldZH04", '"beleidsveld": "BeleidsveldZH04"'),
        "budget_programme": ("ProgrammaZH05", "ProgrammaZH05"),
        "legal_form": (p.get_legal_form_display(), f'"{p.get_legal_form_display()}"'),
        "regulation": ("Gemengde regeling", '"regeling": "Gemengde regeling"'),
        "legally_required": ("Wettelijk verplicht", '"wettelijk_verplicht": "ja"'),
        "powers_transferred": ("overgedragen", '"bevoegdheden_overgedragen": "ja"'),
        "is_verbonden_partij": ("Verbonden partij", '"verbonden_partij": "ja"'),
        "bestuurlijk_belang": ("BestuurlijkZH06", '"bestuurlijk_belang": "BestuurlijkZH06"'),
        "financieel_belang": ("FinancieelZH07", '"financieel_belang": "FinancieelZH07"'),
        "registered_office": ("VestigingZH08", '"vestigingsplaats": "VestigingZH08"'),
        "website": ("https://zh09.example.nl", '"website": "https://zh09.example.nl"'),
        "start_date": ("17 maart 2011", '"startdatum": "2011-03-17"'),
        "end_date": ("30 september 2031", '"einddatum": "2031-09-30"'),
        "notice_period_months": ("11 maanden", '"opzegtermijn_maanden": 11'),
        "evaluation_lead_months": (
            "7 maanden voor het einde van de looptijd",
            '"evaluatie_maanden_voor_einde": 7',
        ),
        "status": ("Actief", '"status": "Actief"'),
        "portfolio_holder": ("WethouderZH10", '"portefeuillehouder": "WethouderZH10"'),
        "representatives": (
            "VertegenwoordigerZH11",
            '"vertegenwoordiging": "VertegenwoordigerZH11"',
        ),
        "tier": ("Politiek belangrijk", '"belangrijkheid": "Politiek belangrijk"'),
        "tier_decided_year": (
            f"vastgesteld bij kadernota {YEAR}",
            f'"belangrijkheid_herkomst": "vastgesteld bij kadernota {YEAR}"',
        ),
        "updated_at": (_date(updated), f'"laatst_gewijzigd": "{updated.isoformat()}"'),
    }
    return {
        **{("partnership", name): found for name, found in partnership.items()},
        ("participation", "organisation"): ("PartnerZH12", '"naam": "PartnerZH12"'),
        ("participation", "role"): ("Financier", '"rol": "Financier"'),
        ("participation", "share"): ("37,25%", '"aandeel_procent": "37.25"'),
        ("organisation", "name"): ("PartnerZH12", '"naam": "PartnerZH12"'),
        ("organisation", "kind"): ("Waterschap", '"soort": "Waterschap"'),
        ("organisation", "website"): ("https://zh13.example.nl", "https://zh13.example.nl"),
        ("contribution", "year"): ("2019", '"jaar": 2019'),
        ("contribution", "kind"): ("In natura", '"soort": "In natura"'),
        ("contribution", "budgeted"): (euro_text("4.321.987"), '"begroot_euro": "4321987.00"'),
        ("contribution", "actual"): (euro_text("4.123.456"), '"werkelijk_euro": "4123456.00"'),
        ("contribution", "budget_line"): ("PostZH14", '"begrotingspost": "PostZH14"'),
        ("decision", "body"): ("Burgemeester", '"orgaan": "Burgemeester"'),
        ("decision", "date"): ("04-05-2018", '"datum": "2018-05-04"'),
        ("decision", "reference"): ("KenmerkZH15", '"kenmerk": "KenmerkZH15"'),
        ("decision", "title"): ("BesluitZH16", '"onderwerp": "BesluitZH16"'),
        ("decision", "url"): ("https://zh17.example.nl", '"webadres": "https://zh17.example.nl"'),
        ("tierdecision", "year"): (
            f"(kadernota {YEAR})",
            f'"politiek_relevante_onderwerpen_jaar": {YEAR}',
        ),
        ("tierdecision", "political_topics"): (
            "OnderwerpZH18",
            '"politiek_relevante_onderwerpen": "OnderwerpZH18"',
        ),
        ("evaluation", "kind"): ("Volledige evaluatie", '"soort": "Volledige evaluatie"'),
        ("evaluation", "title"): ("EvaluatieZH19", '"titel": "EvaluatieZH19"'),
        ("evaluation", "due_date"): ("19 augustus 2027", '"uiterlijk_klaar": "2027-08-19"'),
        ("evaluation", "completed_on"): ("27 januari 2023", '"afgerond_op": "2023-01-27"'),
        ("evaluation", "status"): ("gepland", '"status": "Gepland"'),
        ("evaluation", "conclusion"): ("ConclusieZH20", '"conclusie": "ConclusieZH20"'),
        ("evaluation", "advice"): (
            "Voortzetten met bijsturing",
            '"advies": "Voortzetten met bijsturing"',
        ),
        ("evaluation", "on_council_agenda"): ("Op de agenda van de raad", '"op_agenda_raad": "ja"'),
        ("evaluation", "council_agenda_date"): (
            "9 maart 2023",
            '"datum_agenda_raad": "2023-03-09"',
        ),
        **{("financialposition", name): found for name, found in position.items()},
    }


def readable(text: str) -> str:
    """Text as a reader sees it: no tags, entities or hyphenation at line ends, one space."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ")
    text = re.sub(r"(\w)[-\u2010]\s+(\w)", r"\1\2", text)
    return " ".join(text.split())


def channels(client, partnership) -> dict[str, str]:
    """What the public page, the public dossier, the JSON and the CSV file show, as text."""
    page = client.get(partnership.get_public_url()).content.decode()
    dossier = client.get(reverse("public:partnership_dossier", args=[partnership.slug]))
    records = json.loads(b"".join(client.get(reverse("public:open_data_json"))))
    record = next(r for r in records["samenwerkingsverbanden"] if r["kenmerk"] == partnership.slug)
    return {
        # The page also shows a field as a link address (the slug in its URLs).
        "pagina": readable(page) + " " + page,
        "dossier": readable(read_pdf(dossier.content).text()),
        "json": json.dumps(record, ensure_ascii=False),
        "csv": b"".join(client.get(reverse("public:open_data_csv"))).decode("utf-8-sig"),
    }


def test_every_public_field_has_a_way_to_be_found_back(every_public_field):
    declared = {
        (model, name)
        for model, names in PUBLIC_FIELDS.items()
        for name in names
        if name not in LOADED_NOT_SHOWN.get(model, ())
    }

    assert set(shown_as(every_public_field)) == declared, "beschrijf het veld hierboven"


def test_public_page_dossier_and_open_data_show_the_same_fields(client, every_public_field):
    shown = channels(client, every_public_field)
    missing = {
        channel: [
            f"{model}.{name}"
            for (model, name), (human, data) in shown_as(every_public_field).items()
            if (data not in text if channel == "json" else human.lower() not in text.lower())
        ]
        for channel, text in shown.items()
        if channel != "csv"
    }

    assert missing == {"pagina": [], "dossier": [], "json": []}


def test_csv_holds_every_field_of_the_json_that_is_not_a_list(client, every_public_field):
    shown = channels(client, every_public_field)
    record = json.loads(shown["json"])
    rows = list(csv.DictReader(io.StringIO(shown["csv"]), delimiter=";"))
    row = next(r for r in rows if r["kenmerk"] == "verband-zuiderhaven")

    flat = {key: value for key, value in record.items() if not isinstance(value, list)}
    assert set(row) == set(flat)
    for key, value in flat.items():
        assert row[key] == ("" if value is None else str(value)), key
    # The BBV figures of the latest year are in the CSV too.
    assert row["eigen_vermogen_eind_euro"] == "2222222.00"
    assert row["risicos"] == "RisicoZH24"


def test_no_internal_text_in_any_channel_of_a_verbonden_partij(client, every_public_field):
    for channel, text in channels(client, every_public_field).items():
        for where in ("internal_notes", "contribution_note", "mandate", "lessons_learned"):
            assert MARKERS[where] not in text, f"{where} lekt in {channel}"
