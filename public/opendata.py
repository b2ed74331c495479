"""The open-data files (CSV and JSON) of the published register, and their documentation.

COLUMNS is the single description of the files: the writers below and the /open-data/ page
both read it, so the documentation cannot drift from the data.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from evaluations.data_version import register_version
from governance.models import TierDecision
from partnerships.models import FinancialPosition, Partnership
from samenwerkingswijzer import exports
from samenwerkingswijzer.exports import (
    EXPORT_CHUNK_SIZE,
    neutralise_formula,
    stream_csv,
    stream_json,
)

CSV_DELIMITER = exports.CSV_DELIMITER  # the /open-data/ page names it


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


def _positions(partnership: Partnership) -> list[FinancialPosition]:
    """Newest year first (as prefetched); only a verbonden partij reports them."""
    if not partnership.is_verbonden_partij:
        return []
    return list(partnership.financial_positions.all())


def _latest_position(partnership: Partnership) -> FinancialPosition | None:
    positions = _positions(partnership)
    return positions[0] if positions else None


def _position_value(name: str) -> Callable[[Partnership, int], Any]:
    """A column with one figure of the latest financial position; money as plain decimals."""

    def value(partnership: Partnership, year: int) -> Any:
        position = _latest_position(partnership)
        if position is None:
            return None
        figure = getattr(position, name)
        return _money(figure) if isinstance(figure, Decimal) or figure is None else figure

    return value


def _latest_tier_decision(partnership: Partnership) -> TierDecision | None:
    decisions: list[TierDecision] = partnership.public_tier_decisions  # type: ignore[attr-defined]
    return decisions[0] if decisions else None


def _political_topics(partnership: Partnership) -> str:
    decision = _latest_tier_decision(partnership)
    return decision.political_topics if decision else ""


def _topics_year(partnership: Partnership) -> int | None:
    decision = _latest_tier_decision(partnership)
    return decision.year if decision and decision.political_topics else None


def _position_record(position: FinancialPosition) -> dict[str, Any]:
    return {
        "jaar": position.year,
        "belang_gemeente_begin": position.interest_begin,
        "belang_gemeente_eind": position.interest_end,
        "eigen_vermogen_begin_euro": _money(position.equity_begin),
        "eigen_vermogen_eind_euro": _money(position.equity_end),
        "vreemd_vermogen_begin_euro": _money(position.debt_begin),
        "vreemd_vermogen_eind_euro": _money(position.debt_end),
        "financieel_resultaat_euro": _money(position.result),
        "risicos": position.risks,
    }


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
    Column(
        "perspectief_meerwaarde",
        "Welke meerwaarde de samenwerking vooral moet opleveren. Leeg: niet ingevuld.",
        lambda p, y: p.get_added_value_perspective_display() if p.added_value_perspective else "",
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
        "bestuurlijk_belang",
        "Het bestuurlijk belang van de gemeente in een verbonden partij: zeggenschap, zoals een "
        "zetel in het bestuur of stemrecht.",
        lambda p, y: p.bestuurlijk_belang,
    ),
    Column(
        "financieel_belang",
        "Het financieel belang van de gemeente in een verbonden partij: geld dat zij kwijt is "
        "of bijdragen die zij moet betalen als de partij niet aan haar verplichtingen voldoet.",
        lambda p, y: p.financieel_belang,
    ),
    Column(
        "vertegenwoordiging",
        "Wie de gemeente vertegenwoordigt in de organen van de samenwerking.",
        lambda p, y: p.representatives,
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
    Column(
        "evaluatie_maanden_voor_einde",
        "Hoeveel maanden voor het einde van de looptijd de samenwerking wordt geëvalueerd.",
        lambda p, y: p.evaluation_lead_months,
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
        "politiek_relevante_onderwerpen",
        "De politiek relevante onderwerpen die raad en college bij de laatste kadernota "
        "vastlegden. Leeg: nog niet vastgesteld.",
        lambda p, y: _political_topics(p),
    ),
    Column(
        "politiek_relevante_onderwerpen_jaar",
        "Het jaar van de kadernota waar die onderwerpen bij horen.",
        lambda p, y: _topics_year(p),
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
        # Annotated by register.open_data_partnerships(year): Partnership.with_contribution.
        lambda p, y: _money(p.contribution),  # type: ignore[attr-defined]
    ),
    Column(
        "financiele_positie_jaar",
        "Verbonden partijen: het laatste jaar waarover de cijfers hieronder gaan (BBV artikel "
        "15, zoals in de paragraaf verbonden partijen van de begroting). Leeg: geen cijfers.",
        _position_value("year"),
    ),
    Column(
        "belang_gemeente_begin",
        "Het belang van de gemeente op 1 januari van dat jaar (zoals een aandeel of "
        "stemverhouding).",
        _position_value("interest_begin"),
    ),
    Column(
        "belang_gemeente_eind",
        "Het belang van de gemeente op 31 december van dat jaar.",
        _position_value("interest_end"),
    ),
    Column(
        "eigen_vermogen_begin_euro",
        "Eigen vermogen van de verbonden partij op 1 januari, in euro (1234.50).",
        _position_value("equity_begin"),
    ),
    Column(
        "eigen_vermogen_eind_euro",
        "Eigen vermogen op 31 december, in euro.",
        _position_value("equity_end"),
    ),
    Column(
        "vreemd_vermogen_begin_euro",
        "Vreemd vermogen (schulden) op 1 januari, in euro.",
        _position_value("debt_begin"),
    ),
    Column(
        "vreemd_vermogen_eind_euro",
        "Vreemd vermogen op 31 december, in euro.",
        _position_value("debt_end"),
    ),
    Column(
        "financieel_resultaat_euro",
        "Financieel resultaat van de verbonden partij in dat jaar, in euro.",
        _position_value("result"),
    ),
    Column(
        "risicos",
        "Risico’s waar nog geen maatregelen voor zijn.",
        _position_value("risks"),
    ),
    Column(
        "laatst_gewijzigd",
        "Datum van de laatste wijziging van de gegevens (JJJJ-MM-DD).",
        lambda p, y: _iso(timezone.localdate(p.updated_at)),
    ),
)

# Only in the JSON file: every contribution per year, and the partners as a list.
JSON_ONLY = (
    (
        "deelnemers",
        "Lijst van partners: naam, soort organisatie, website, rol en aandeel in procenten.",
    ),
    (
        "bijdragen",
        "Lijst van bijdragen per jaar: jaar, soort (financieel, personele inzet, in natura), "
        'begroot en werkelijk (bedragen in euro als tekst, bijvoorbeeld "1234.50"; '
        "werkelijk is leeg zolang het jaar niet is afgesloten) en de begrotingspost.",
    ),
    (
        "financiele_posities",
        "Verbonden partijen: de cijfers van elk jaar, nieuwste eerst, met dezelfde namen als de "
        "kolommen hierboven.",
    ),
    (
        "evaluaties",
        "Lijst van gepubliceerde evaluaties: soort, titel, uiterlijk klaar op, afgerond op, "
        "status, conclusie, advies, of zij op de agenda van de raad staat en wanneer.",
    ),
    (
        "besluiten",
        "Lijst van besluiten, nieuwste eerst: orgaan, datum, kenmerk, onderwerp en webadres.",
    ),
)


def record(partnership: Partnership, year: int) -> dict[str, Any]:
    """One partnership as a JSON object: every column, then the nested lists."""
    data = {column.name: column.value(partnership, year) for column in COLUMNS}
    data["deelnemers"] = [
        {
            "naam": p.organisation.name,
            "soort": p.organisation.get_kind_display(),
            "website": p.organisation.website,
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
    data["financiele_posities"] = [_position_record(fp) for fp in _positions(partnership)]
    data["evaluaties"] = [
        {
            "soort": e.get_kind_display(),
            "titel": e.title,
            "uiterlijk_klaar": _iso(e.due_date),
            "afgerond_op": _iso(e.completed_on),
            "status": e.get_status_display(),
            "conclusie": e.conclusion,
            "advies": e.get_advice_display() if e.advice else "",
            "op_agenda_raad": "ja" if e.on_council_agenda else "nee",
            "datum_agenda_raad": _iso(e.council_agenda_date),
        }
        for e in partnership.published_evaluations  # type: ignore[attr-defined]
    ]
    data["besluiten"] = [
        {
            "orgaan": d.get_body_display(),
            "datum": _iso(d.date),
            "kenmerk": d.reference,
            "onderwerp": d.title,
            "webadres": d.url,
        }
        for d in partnership.decisions.all()
    ]
    return data


def json_chunks(partnerships: QuerySet[Partnership], year: int) -> Iterator[bytes]:
    """The JSON file, streamed: the register read EXPORT_CHUNK_SIZE partnerships at a time."""
    document = {
        "bron": settings.MUNICIPALITY_NAME,
        "omschrijving": "Register van gepubliceerde samenwerkingsverbanden",
        "aantal": partnerships.count(),
        "samenwerkingsverbanden": [],
    }
    rows = partnerships.iterator(chunk_size=EXPORT_CHUNK_SIZE)
    return stream_json(document, (record(p, year) for p in rows))


def csv_chunks(partnerships: QuerySet[Partnership], year: int) -> Iterator[bytes]:
    """The CSV file, streamed (byte-order mark, `;`); no cell can run as a formula."""
    rows = partnerships.iterator(chunk_size=EXPORT_CHUNK_SIZE)
    return stream_csv(
        itertools.chain(
            [[column.name for column in COLUMNS]],
            ([_csv_cell(column.value(p, year)) for column in COLUMNS] for p in rows),
        )
    )


# The code that writes the files: a release that changes it makes the files anew.
_SOURCES = (Path(__file__), Path(exports.__file__))


@functools.cache
def _code_fingerprint() -> str:
    return hashlib.sha256(b"".join(path.read_bytes() for path in _SOURCES)).hexdigest()[:12]


def file_key(kind: str, year: int) -> str:
    """The cache key and ETag of one open-data file: it names everything the file depends on,
    the register's data version first."""
    content = (
        register_version(),
        year,
        settings.SITE_URL,
        settings.MUNICIPALITY_NAME,
        _code_fingerprint(),
    )
    return f"open-data-{kind}-{hashlib.sha256(repr(content).encode()).hexdigest()[:32]}"


PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if not isinstance(value, str) or PLAIN_NUMBER.fullmatch(value):
        # A negative amount ("-1234.50") is a number to a spreadsheet, not a formula.
        return value
    return neutralise_formula(value)
