"""Version 1 of the afwegingskader and the governance regime per tier (docs/rulebook.md).

The data is written out here, not imported, so that this migration keeps meaning what it
meant when later code changes.
"""

from django.db import migrations

OPTIONS = [
    {"label": "Nee", "points": 0},
    {"label": "Enigszins", "points": 1},
    {"label": "Ja, in hoge mate", "points": 2},
]

CRITERIA = [
    (
        "K1",
        "Het gaat om een zwaarwegende maatschappelijke opgave.",
        "Denk aan een opgave uit het coalitieakkoord of de strategische visie, of aan een "
        "wettelijke kerntaak van de gemeente.",
        "",
    ),
    (
        "K2",
        "De samenwerking biedt grote kansen.",
        "Levert de samenwerking veel op? Bijvoorbeeld een hogere ambitie, meer kwaliteit of "
        "lagere kosten dan als de gemeente het alleen doet.",
        "",
    ),
    (
        "K3",
        "De samenwerking brengt grote risico's met zich mee.",
        "Denk aan bestuurlijke, financiële, politieke of uitvoeringsrisico's. Bijvoorbeeld als "
        "de gemeente moet bijbetalen of aansprakelijk is.",
        "",
    ),
    (
        "K4",
        "Er zijn veel (financiële) middelen mee gemoeid.",
        "Tel de bijdrage van de gemeente mee, en ook leningen en garanties. Vooraf ingevuld uit "
        "de begrote bijdragen: vanaf € 1.000.000 in één jaar 'ja, in hoge mate', vanaf "
        "€ 100.000 'enigszins'. U mag het antwoord aanpassen.",
        "contributions",
    ),
]

QUALIFIERS = [
    (
        "Q1",
        "De raad is bevoegd of heeft een wettelijke rol.",
        "raad bevoegd",
        "Bijvoorbeeld bij een gemeenschappelijke regeling met een eigen orgaan (de raad geeft "
        "een zienswijze op de begroting), een raadsregeling, deelname na wensen en bedenkingen "
        "van de raad (art. 160 Gemeentewet) of bevoegdheden die de raad heeft overgedragen.",
        "legal_role",
    ),
    (
        "Q2",
        "Het onderwerp is politiek gevoelig.",
        "politiek gevoelig",
        "Bijvoorbeeld na een debat of motie in de raad, als de raad er direct bij betrokken "
        "wil zijn of als lokale belangen onder druk staan.",
        "",
    ),
]

# order, min_score, min_qualifiers, required_qualifier, tier
RULES = [
    (1, 6, 1, "", "politiek_zeer_belangrijk"),
    (2, 4, 2, "", "politiek_zeer_belangrijk"),
    (3, 4, 1, "", "politiek_belangrijk"),
    (4, 2, 0, "Q2", "politiek_belangrijk"),
    (5, 2, 0, "", "bestuurlijk_belangrijk"),
    (6, 0, 1, "", "bestuurlijk_belangrijk"),
    (7, 0, 0, "", "ambtelijk_belangrijk"),
]

REGIMES = {
    "politiek_zeer_belangrijk": {
        "role_division": (
            "De raad stuurt actief: hij stelt de kaders en controleert.\n"
            "Het college voert uit en betrekt de raad vooraf bij politiek wezenlijke zaken.\n"
            "De accounthouder bereidt voor en bewaakt de afspraken."
        ),
        "council_information": (
            "De raad wordt actief en op tijd geïnformeerd, bij politiek wezenlijke zaken vooraf.\n"
            "Een raadsinformatiebrief bij elke mijlpaal en bij incidenten."
        ),
        "risk_analyses_per_year": 2,
        "evaluation": (
            "Elk jaar een evaluatie, besproken bij de jaarrekening.\n"
            "Elke 4 jaar een volledige evaluatie, op de agenda van de raad."
        ),
        "instruments": (
            "Belangrijkheid, politiek relevante onderwerpen en mandaat van het college elk jaar "
            "vastgesteld bij de kadernota.\n"
            "Gegevens bijgewerkt bij de begroting, de jaarrekening en halverwege het jaar.\n"
            "De evaluaties staan op de lange termijn agenda."
        ),
    },
    "politiek_belangrijk": {
        "role_division": (
            "De raad stuurt op hoofdlijnen en controleert.\n"
            "Het college voert uit en legt verantwoording af aan de raad.\n"
            "De accounthouder bereidt voor en bewaakt de afspraken."
        ),
        "council_information": (
            "De raad krijgt de stukken waarop hij een wettelijke rol heeft, en een samenvatting "
            "in de begroting en de jaarrekening."
        ),
        "risk_analyses_per_year": 1,
        "evaluation": (
            "Elk jaar een evaluatie, besproken bij de jaarrekening.\n"
            "Elke 4 jaar een volledige evaluatie."
        ),
        "instruments": (
            "Belangrijkheid, politiek relevante onderwerpen en mandaat van het college elk jaar "
            "vastgesteld bij de kadernota.\n"
            "Gegevens bijgewerkt bij de begroting en de jaarrekening."
        ),
    },
    "bestuurlijk_belangrijk": {
        "role_division": (
            "Het college stuurt en controleert.\n"
            "De raad wordt op hoofdlijnen geïnformeerd.\n"
            "De accounthouder bereidt voor en bewaakt de afspraken."
        ),
        "council_information": "Via de paragraaf in de begroting en de jaarrekening.",
        "risk_analyses_per_year": 0,
        "evaluation": "Elke 4 jaar een volledige evaluatie door het college.",
        "instruments": (
            "Analyse van de begroting en de jaarrekening van de samenwerking.\n"
            "Gegevens bijgewerkt bij de begroting en de jaarrekening."
        ),
    },
    "ambtelijk_belangrijk": {
        "role_division": (
            "De ambtelijke organisatie handelt het grotendeels af.\n"
            "De accounthouder houdt de gegevens in het register actueel."
        ),
        "council_information": "Via het openbare overzicht van samenwerkingsverbanden.",
        "risk_analyses_per_year": 0,
        "evaluation": "Een evaluatie aan het einde van de looptijd of bij verlenging.",
        "instruments": "Elk jaar een controle van de gegevens in het register.",
    },
}


def create(apps, schema_editor):
    Framework = apps.get_model("governance", "Framework")
    Criterion = apps.get_model("governance", "Criterion")
    Qualifier = apps.get_model("governance", "Qualifier")
    TierRule = apps.get_model("governance", "TierRule")
    TierRegime = apps.get_model("governance", "TierRegime")

    if not Framework.objects.filter(version=1).exists():
        framework = Framework.objects.create(
            version=1,
            name="Afwegingskader",
            is_active=not Framework.objects.filter(is_active=True).exists(),
            notes="De standaardversie van het afwegingskader.",
        )
        for order, (code, text, help_text, prefill) in enumerate(CRITERIA, start=1):
            Criterion.objects.create(
                framework=framework,
                code=code,
                text=text,
                help_text=help_text,
                options=OPTIONS,
                prefill=prefill,
                order=order,
            )
        for order, (code, text, short_label, help_text, prefill) in enumerate(QUALIFIERS, 1):
            Qualifier.objects.create(
                framework=framework,
                code=code,
                text=text,
                short_label=short_label,
                help_text=help_text,
                prefill=prefill,
                order=order,
            )
        for order, min_score, min_qualifiers, required, tier in RULES:
            TierRule.objects.create(
                framework=framework,
                order=order,
                min_score=min_score,
                min_qualifiers=min_qualifiers,
                required_qualifier=required,
                tier=tier,
            )
    for tier, fields in REGIMES.items():
        TierRegime.objects.get_or_create(tier=tier, defaults=fields)


def remove(apps, schema_editor):
    apps.get_model("governance", "Framework").objects.filter(version=1).delete()
    apps.get_model("governance", "TierRegime").objects.filter(tier__in=REGIMES).delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
