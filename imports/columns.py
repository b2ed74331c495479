"""The one specification of the register as a spreadsheet: every sheet, every column.

It drives the template, the export and the import alike, so what is exported can be read
back. One row per partnership on the first sheet; partners and contributions, of which a
partnership has several, each on a sheet of their own ("Partners", "Bijdragen"), one row per
partner or contribution, keyed by the partnership's name. Separate sheets keep every amount
and share a real number in its own cell, which a compact syntax in one cell
("Gemeente A (40%); Gemeente B (60%)") would turn into text nobody can sum or filter.
A CSV file holds one sheet: the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    ID = "id"
    TEXT = "text"
    CHOICE = "choice"
    CHOICES = "choices"  # several labels, separated by a semicolon
    BOOL = "bool"
    DATE = "date"
    INT = "int"
    MONEY = "money"
    PERCENT = "percent"
    USER = "user"
    POLICY_DOMAIN = "policy_domain"
    BUDGET_PROGRAMME = "budget_programme"
    PARTNERSHIP = "partnership"  # the key of a partner or contribution row
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the model field it fills ("" for a key column)
    kind: Kind
    meaning: str
    format: str
    example: object
    required: bool = False
    # Export only: shown for reading, never read back (the system computes it).
    importable: bool = True
    width: int = 18


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    meaning: str

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def required(self) -> list[Column]:
        return [column for column in self.columns if column.required]


YES_NO = "ja of nee (leeg is nee)"
TEXT = "tekst"
ONE_OF = "een van de waarden in het blad Toelichting"

REGISTER = Sheet(
    "Samenwerkingsverbanden",
    (
        Column(
            "Id",
            "id",
            Kind.ID,
            "Het nummer in Samenwerkingswijzer. Staat in een export; laat het leeg voor een "
            "nieuw samenwerkingsverband. Zonder id zoekt de import op de naam.",
            "geheel getal",
            "",
            width=8,
        ),
        Column(
            "Naam",
            "name",
            Kind.TEXT,
            "De naam van het samenwerkingsverband.",
            TEXT,
            "Veiligheidsregio Zuid-Limburg",
            required=True,
            width=40,
        ),
        Column(
            "Opgave",
            "description",
            Kind.TEXT,
            "Welke opgave pakt de samenwerking aan?",
            TEXT,
            "Brandweer, ambulancezorg en crisisbeheersing in de regio.",
            required=True,
            width=40,
        ),
        Column(
            "Doelen",
            "goals",
            Kind.TEXT,
            "Wat wil de gemeente ermee bereiken?",
            TEXT,
            "Snelle hulp bij brand en rampen.",
            width=30,
        ),
        Column(
            "Openbaar belang",
            "public_interest",
            Kind.TEXT,
            "Welk openbaar belang dient de samenwerking (BBV)?",
            TEXT,
            "Veiligheid",
            width=30,
        ),
        Column(
            "Motieven",
            "motives",
            Kind.CHOICES,
            "Waarom de gemeente meedoet.",
            "een of meer waarden uit het blad Toelichting, gescheiden door een puntkomma",
            "Efficiënter werken; Ambitie vergroten / krachten bundelen",
            width=30,
        ),
        Column(
            "Perspectief op meerwaarde",
            "added_value_perspective",
            Kind.CHOICE,
            "Het perspectief op meerwaarde (1 tot en met 4).",
            "1, 2, 3 of 4",
            2,
        ),
        Column(
            "Aard",
            "nature",
            Kind.CHOICE,
            "De aard van de samenwerking.",
            ONE_OF,
            "Gezamenlijke uitvoering",
            required=True,
            width=24,
        ),
        Column(
            "Beleidsveld",
            "policy_domain",
            Kind.POLICY_DOMAIN,
            "Het beleidsveld (domein), zoals in de lijst van beleidsvelden.",
            "naam van een beleidsveld",
            "Veiligheid",
            width=22,
        ),
        Column(
            "Begrotingsprogramma",
            "budget_programme",
            Kind.BUDGET_PROGRAMME,
            "Het programma van de begroting.",
            "het nummer van het programma",
            1,
        ),
        Column(
            "Juridische vorm",
            "legal_form",
            Kind.CHOICE,
            "De juridische vorm.",
            ONE_OF,
            "Openbaar lichaam (Wgr)",
            required=True,
            width=28,
        ),
        Column(
            "Raads- of collegeregeling",
            "regulation",
            Kind.CHOICE,
            "Alleen bij een gemeenschappelijke regeling.",
            ONE_OF,
            "Raadsregeling",
        ),
        Column(
            "Wettelijk verplicht",
            "legally_required",
            Kind.BOOL,
            "Verplicht de wet de gemeente tot deze samenwerking?",
            YES_NO,
            "ja",
        ),
        Column(
            "Bevoegdheden overgedragen",
            "powers_transferred",
            Kind.BOOL,
            "Heeft de gemeente bevoegdheden overgedragen?",
            YES_NO,
            "ja",
        ),
        Column(
            "Verbonden partij",
            "is_verbonden_partij",
            Kind.BOOL,
            "Heeft de gemeente er een bestuurlijk én een financieel belang in (BBV)?",
            YES_NO,
            "ja",
        ),
        Column(
            "Bestuurlijk belang",
            "bestuurlijk_belang",
            Kind.TEXT,
            "Bij een verbonden partij: het bestuurlijk belang.",
            TEXT,
            "De burgemeester zit in het algemeen bestuur.",
            width=30,
        ),
        Column(
            "Financieel belang",
            "financieel_belang",
            Kind.TEXT,
            "Bij een verbonden partij: het financieel belang.",
            TEXT,
            "Jaarlijkse bijdrage; de gemeente staat garant.",
            width=30,
        ),
        Column(
            "Vestigingsplaats",
            "registered_office",
            Kind.TEXT,
            "Waar de samenwerking gevestigd is.",
            TEXT,
            "Maastricht",
        ),
        Column(
            "Website",
            "website",
            Kind.TEXT,
            "Het webadres.",
            "een webadres",
            "https://www.vrzl.nl",
            width=28,
        ),
        Column(
            "Startdatum",
            "start_date",
            Kind.DATE,
            "Wanneer de samenwerking begon.",
            "datum, bijvoorbeeld 1-1-2014",
            "1-1-2014",
            required=True,
            width=12,
        ),
        Column(
            "Einddatum",
            "end_date",
            Kind.DATE,
            "Wanneer de samenwerking eindigt. Leeg: onbepaalde tijd.",
            "datum, bijvoorbeeld 31-12-2030",
            "",
            width=12,
        ),
        Column(
            "Opzegtermijn (maanden)",
            "notice_period_months",
            Kind.INT,
            "Hoeveel maanden van tevoren de gemeente moet opzeggen.",
            "geheel getal, 0 tot en met 120",
            24,
        ),
        Column(
            "Evalueren maanden voor het einde",
            "evaluation_lead_months",
            Kind.INT,
            "Hoeveel maanden voor de einddatum de evaluatie klaar moet zijn. Leeg: 3.",
            "geheel getal, 0 tot en met 60",
            3,
        ),
        Column(
            "Status", "status", Kind.CHOICE, "De status. Leeg: actief.", ONE_OF, "Actief", width=14
        ),
        Column(
            "Portefeuillehouder",
            "portfolio_holder",
            Kind.TEXT,
            "De wethouder of burgemeester die erover gaat.",
            TEXT,
            "Burgemeester",
            width=22,
        ),
        Column(
            "Accounthouder",
            "account_holder",
            Kind.USER,
            "Wie het samenwerkingsverband bijhoudt.",
            "e-mailadres of gebruikersnaam van een accounthouder of beheerder",
            "j.jansen@gemeente.nl",
            width=26,
        ),
        Column(
            "Plaatsvervangend accounthouder",
            "deputy",
            Kind.USER,
            "Wie de accounthouder vervangt.",
            "e-mailadres of gebruikersnaam van een accounthouder of beheerder",
            "",
            width=26,
        ),
        Column(
            "Vertegenwoordigers",
            "representatives",
            Kind.TEXT,
            "Wie de gemeente vertegenwoordigt in welk orgaan.",
            TEXT,
            "Burgemeester in het algemeen bestuur",
            width=30,
        ),
        Column(
            "Openbaar gepubliceerd",
            "published",
            Kind.BOOL,
            "Staat het samenwerkingsverband op de openbare site?",
            YES_NO,
            "ja",
        ),
        Column(
            "Interne notities",
            "internal_notes",
            Kind.TEXT,
            "Notities voor intern gebruik, nooit openbaar.",
            TEXT,
            "",
            width=30,
        ),
        Column(
            "Belangrijkheid",
            "tier",
            Kind.TEXT,
            "De belangrijkheid uit de afweging of de kadernota. Alleen in de export: de "
            "import leest deze kolom niet.",
            TEXT,
            "",
            importable=False,
            width=22,
        ),
        Column(
            "Bijdrage dit jaar (€)",
            "contribution_this_year",
            Kind.MONEY,
            "De financiële bijdrage van dit jaar, zoals de tabel hem toont. Alleen in de "
            "export: de import leest de bijdragen uit het blad Bijdragen.",
            "bedrag in euro",
            "",
            importable=False,
            width=16,
        ),
    ),
    "Eén rij per samenwerkingsverband.",
)

PARTNERSHIP_KEY = Column(
    "Samenwerkingsverband",
    "",
    Kind.PARTNERSHIP,
    "De naam van het samenwerkingsverband, precies zoals in de kolom Naam van het eerste blad.",
    TEXT,
    "Veiligheidsregio Zuid-Limburg",
    required=True,
    width=40,
)

PARTNERS = Sheet(
    "Partners",
    (
        PARTNERSHIP_KEY,
        Column(
            "Organisatie",
            "organisation",
            Kind.ORGANISATION,
            "De naam van de organisatie die meedoet. Een onbekende organisatie wordt aangemaakt.",
            TEXT,
            "Gemeente Maastricht",
            required=True,
            width=32,
        ),
        Column(
            "Soort organisatie",
            "organisation_kind",
            Kind.CHOICE,
            "Alleen gebruikt als de organisatie nog niet bestaat. Leeg: overig.",
            ONE_OF,
            "Gemeente",
            width=22,
        ),
        Column(
            "Rol",
            "role",
            Kind.CHOICE,
            "De rol van de organisatie. Leeg: deelnemer.",
            ONE_OF,
            "Deelnemer",
            width=20,
        ),
        Column(
            "Aandeel (%)",
            "share",
            Kind.PERCENT,
            "Verdeelsleutel of stemverhouding, 0 tot en met 100. Samen hooguit 100.",
            "getal, bijvoorbeeld 12,5",
            12.5,
            width=12,
        ),
    ),
    "Eén rij per partner. Staat een samenwerkingsverband hier niet, dan heeft het na de "
    "import geen partners. Zonder dit blad blijven de partners zoals ze zijn.",
)

CONTRIBUTIONS = Sheet(
    "Bijdragen",
    (
        PARTNERSHIP_KEY,
        Column(
            "Jaar", "year", Kind.INT, "Het begrotingsjaar.", "jaartal", 2026, required=True, width=8
        ),
        Column(
            "Soort",
            "kind",
            Kind.CHOICE,
            "Soort bijdrage. Leeg: financieel.",
            ONE_OF,
            "Financieel",
            width=16,
        ),
        Column(
            "Begroot (€)",
            "budgeted",
            Kind.MONEY,
            "Het begrote bedrag.",
            "bedrag in euro, bijvoorbeeld 125.000,50",
            125000.5,
            required=True,
            width=16,
        ),
        Column(
            "Werkelijk (€)",
            "actual",
            Kind.MONEY,
            "Het werkelijke bedrag, zodra bekend.",
            "bedrag in euro",
            "",
            width=16,
        ),
        Column(
            "Begrotingspost",
            "budget_line",
            Kind.TEXT,
            "De post in de begroting.",
            TEXT,
            "Programma 1 Veiligheid",
            width=24,
        ),
        Column("Toelichting", "note", Kind.TEXT, "Een korte toelichting.", TEXT, "", width=30),
    ),
    "Eén rij per jaar en soort. Staat een samenwerkingsverband hier niet, dan heeft het na de "
    "import geen bijdragen. Zonder dit blad blijven de bijdragen zoals ze zijn.",
)

SHEETS = (REGISTER, PARTNERS, CONTRIBUTIONS)
DOCUMENTATION_TITLE = "Toelichting"
