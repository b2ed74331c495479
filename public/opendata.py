"""The open-data files (CSV and JSON) of the published register, and their documentation.

COLUMNS is the single description of the files: the writers below and the /open-data/ page
both read it, so the documentation cannot drift from the data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

from partnerships.choices import ContributionKind
from partnerships.models import Partnership
from samenwerkingswijzer.exports import neutralise_formula

CSV_DELIMITER = ";"


@dataclass(frozen=True)
class Column:
    """One column of the CSV file and one key of each JSON record."""

    name: str
    meaning: str
    value: Callable[[Partnership, int], Any]
    example: str = ""


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _money(amount: Decimal | None) -> str | None:
    return f"{amount:.2f}" if amount is not None else None


def _financial_budget(partnership: Partnership, year: int) -> Decimal | None:
    amounts = [
        c.budgeted
        for c in partnership.contributions.all()
        if c.year == year and c.kind == ContributionKind.FINANCIEEL
    ]
    return sum(amounts, Decimal("0")) if amounts else None


def _partners(partnership: Partnership) -> str:
    return "; ".join(
        f"{p.organisation.name} ({p.get_role_display().lower()})"
        for p in partnership.participations.all()
    )


def _public_url(partnership: Partnership) -> str:
    return settings.SITE_URL.rstrip("/") + partnership.get_public_url()


def _bbv_category(partnership: Partnership) -> str:
    category = partnership.bbv_category
    return category.label if category else ""


COLUMNS: tuple[Column, ...] = (
    Column("naam", "Naam van het samenwerkingsverband.", lambda p, y: p.name),
    Column(
        "kenmerk",
        "Vaste korte naam; ook het laatste deel van het webadres. Verandert niet.",
        lambda p, y: p.slug,
    ),
    Column("webpagina", "Adres van de openbare pagina op deze site.", lambda p, y: _public_url(p)),
    Column("opgave", "Welke opgave de samenwerking aanpakt.", lambda p, y: p.description),
    Column("doelen", "Wat de gemeente met de samenwerking wil bereiken.", lambda p, y: p.goals),
    Column(
        "openbaar_belang",
        "Welk openbaar belang de samenwerking dient (zoals de begroting het noemt).",
        lambda p, y: p.public_interest,
    ),
    Column(
        "motieven",
        "Waarom de gemeente samenwerkt. Meerdere motieven gescheiden door een puntkomma.",
        lambda p, y: "; ".join(p.motive_labels()),
    ),
    Column("aard", "Soort samenwerking.", lambda p, y: p.get_nature_display()),
    Column(
        "beleidsveld",
        "Beleidsveld waar de samenwerking bij hoort.",
        lambda p, y: p.policy_domain.name if p.policy_domain else "",
    ),
    Column(
        "begrotingsprogramma",
        "Programma van de gemeentebegroting.",
        lambda p, y: str(p.budget_programme) if p.budget_programme else "",
    ),
    Column("juridische_vorm", "Juridische vorm.", lambda p, y: p.get_legal_form_display()),
    Column(
        "regeling",
        "Raadsregeling, collegeregeling of gemengde regeling. Leeg: niet van toepassing.",
        lambda p, y: p.get_regulation_display() if p.regulation else "",
    ),
    Column(
        "wettelijk_verplicht",
        "Is de gemeente wettelijk verplicht om mee te doen? ja of nee.",
        lambda p, y: "ja" if p.legally_required else "nee",
    ),
    Column(
        "bevoegdheden_overgedragen",
        "Heeft de gemeente bevoegdheden overgedragen? ja of nee.",
        lambda p, y: "ja" if p.powers_transferred else "nee",
    ),
    Column(
        "verbonden_partij",
        "Is het een verbonden partij: heeft de gemeente er een bestuurlijk én een financieel "
        "belang in? ja of nee.",
        lambda p, y: "ja" if p.is_verbonden_partij else "nee",
    ),
    Column(
        "bbv_categorie",
        "Groep in de paragraaf verbonden partijen van de begroting (alleen verbonden partijen).",
        lambda p, y: _bbv_category(p),
    ),
    Column(
        "vestigingsplaats",
        "Plaats waar de samenwerking gevestigd is.",
        lambda p, y: p.registered_office,
    ),
    Column("website", "Website van de samenwerking.", lambda p, y: p.website),
    Column("startdatum", "Begin van de looptijd (JJJJ-MM-DD).", lambda p, y: _iso(p.start_date)),
    Column(
        "einddatum",
        "Einde van de looptijd (JJJJ-MM-DD). Leeg: voor onbepaalde tijd.",
        lambda p, y: _iso(p.end_date),
    ),
    Column(
        "opzegtermijn_maanden",
        "Opzegtermijn in maanden (leeg als die niet bekend is).",
        lambda p, y: p.notice_period_months,
    ),
    Column("status", "In voorbereiding, actief of beëindigd.", lambda p, y: p.get_status_display()),
    Column(
        "portefeuillehouder",
        "Lid van het college dat verantwoordelijk is.",
        lambda p, y: p.portfolio_holder,
    ),
    Column(
        "belangrijkheid",
        "Hoe belangrijk de samenwerking is voor de gemeente: politiek zeer belangrijk, politiek "
        "belangrijk, bestuurlijk belangrijk of ambtelijk belangrijk. Leeg: nog niet afgewogen.",
        lambda p, y: p.get_tier_display() if p.tier else "",
    ),
    Column(
        "belangrijkheid_herkomst",
        "Waar de belangrijkheid vandaan komt: vastgesteld bij de kadernota van een jaar, of "
        "een advies dat nog niet is vastgesteld.",
        lambda p, y: p.tier_source,
    ),
    Column(
        "partners",
        "De deelnemende organisaties met hun rol, gescheiden door een puntkomma.",
        lambda p, y: _partners(p),
    ),
    Column(
        "jaar_bijdrage",
        "Het jaar waar de kolom bijdrage_begroot_euro over gaat (het lopende jaar).",
        lambda p, y: y,
    ),
    Column(
        "bijdrage_begroot_euro",
        "Begrote financiële bijdrage van de gemeente in dat jaar, in euro, met een punt voor de "
        "centen (1234.50). Leeg: geen financiële bijdrage begroot.",
        lambda p, y: _money(_financial_budget(p, y)),
    ),
    Column(
        "laatst_gewijzigd",
        "Datum van de laatste wijziging van de gegevens (JJJJ-MM-DD).",
        lambda p, y: _iso(p.updated_at.date()),
    ),
)

# Only in the JSON file: every contribution per year, and the partners as a list.
JSON_ONLY = (
    ("deelnemers", "Lijst van partners: naam, soort organisatie, rol en aandeel in procenten."),
    (
        "bijdragen",
        "Lijst van bijdragen per jaar: jaar, soort (financieel, personele inzet, in natura), "
        'begroot en werkelijk (bedragen in euro als tekst, bijvoorbeeld "1234.50"; '
        "werkelijk is leeg zolang het jaar niet is afgesloten) en de begrotingspost.",
    ),
)


def record(partnership: Partnership, year: int) -> dict[str, Any]:
    """One partnership as a JSON object: every column, then the nested lists."""
    data = {column.name: column.value(partnership, year) for column in COLUMNS}
    data["deelnemers"] = [
        {
            "naam": p.organisation.name,
            "soort": p.organisation.get_kind_display(),
            "rol": p.get_role_display(),
            "aandeel_procent": _money(p.share),
        }
        for p in partnership.participations.all()
    ]
    data["bijdragen"] = [
        {
            "jaar": c.year,
            "soort": c.get_kind_display(),
            "begroot_euro": _money(c.budgeted),
            "werkelijk_euro": _money(c.actual),
            "begrotingspost": c.budget_line,
        }
        for c in partnership.contributions.all()
    ]
    return data


def to_json(partnerships: Iterable[Partnership], year: int) -> str:
    records = [record(p, year) for p in partnerships]
    document = {
        "bron": settings.MUNICIPALITY_NAME,
        "omschrijving": "Register van gepubliceerde samenwerkingsverbanden",
        "aantal": len(records),
        "samenwerkingsverbanden": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def to_csv(partnerships: Iterable[Partnership], year: int) -> str:
    """CSV with a byte-order mark so Excel reads UTF-8; no cell can run as a formula."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS])
    for partnership in partnerships:
        writer.writerow([_csv_cell(column.value(partnership, year)) for column in COLUMNS])
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return neutralise_formula(value) if isinstance(value, str) else value
