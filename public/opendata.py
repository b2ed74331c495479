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
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from evaluations.data_version import register_version
from evaluations.models import Evaluation
from partnerships.models import (
    BudgetProgramme,
    Contribution,
    Decision,
    Organisation,
    Participation,
    Partnership,
)
from samenwerkingswijzer import exports
from samenwerkingswijzer.exports import (
    EXPORT_CHUNK_SIZE,
    FORMULA_PREFIXES,
    neutralise_formula,
    stream_csv,
    stream_json,
)

from . import register
from .fields import PUBLIC_FIELDS

CSV_DELIMITER = exports.CSV_DELIMITER  # the /open-data/ page names it


# One partnership as the files read it: a dict of plain values (PARTNERSHIP_VALUES), with
# its related rows as lists of dicts under their list names (see _rows). No model instance
# per row: building one for each partnership and related row made a file of the whole
# register several times slower than writing it.
Values = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of the CSV file and one key of each JSON record."""

    name: str
    meaning: str
    value: Callable[[Values, int], Any]
    example: str = ""


PARTNERSHIP_VALUES = (
    *(
        name
        for name in PUBLIC_FIELDS["partnership"]
        if name not in ("policy_domain", "budget_programme")
    ),
    "policy_domain__name",
    "budget_programme__number",
    "budget_programme__name",
    "contribution",  # annotated by register.open_data_partnerships(year)
)
CSV_LISTS = ("participations", "financial_positions", "tier_decisions")
JSON_LISTS = (*CSV_LISTS, "contributions", "evaluations", "decisions")


@functools.cache
def _labels(model: type[models.Model], name: str) -> dict[Any, str]:
    return {value: str(text) for value, text in model._meta.get_field(name).flatchoices}  # type: ignore[union-attr]


def label_of(model: type[models.Model], name: str, value: Any) -> str:
    """`get_<name>_display()` from a table of labels made once: Django's own builds the
    table anew on every call, for every cell of a file of the whole register."""
    return _labels(model, name).get(value, "" if value is None else str(value))


def _label(name: str, partnership: Values) -> str:
    return label_of(Partnership, name, partnership[name])


def _rows(partnerships: QuerySet[Partnership], names: tuple[str, ...]) -> Iterator[Values]:
    """The partnerships a chunk at a time, each with its related rows: one query for the
    partnerships and one per list per chunk, as prefetch_related runs, all plain values."""
    lists = register.open_data_lists(*names)
    rows = partnerships.values(*PARTNERSHIP_VALUES).iterator(chunk_size=EXPORT_CHUNK_SIZE)
    while chunk := list(itertools.islice(rows, EXPORT_CHUNK_SIZE)):
        by_id = {}
        for row in chunk:
            for name in names:
                row[name] = []
            by_id[row["id"]] = row
        for name, values in lists.items():
            for related in values.filter(partnership_id__in=by_id):
                by_id[related["partnership_id"]][name].append(related)
        yield from chunk


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _money(amount: Decimal | None) -> str | None:
    return f"{amount:.2f}" if amount is not None else None


def _partners(partnership: Values) -> str:
    return "; ".join(
        f"{p['organisation__name']} ({label_of(Participation, 'role', p['role']).lower()})"
        for p in partnership["participations"]
    )


def _public_url(partnership: Values) -> str:
    return _public_url_pattern().replace(SLUG_MARK, partnership["slug"])


SLUG_MARK = "__slug__"


@functools.cache
def _public_url_pattern() -> str:
    # Reversed once: a reverse() per row is a tenth of the file's time.
    pattern = settings.SITE_URL.rstrip("/") + Partnership(slug=SLUG_MARK).get_public_url()
    if pattern.count(SLUG_MARK) != 1:
        raise ValueError("the public URL of a partnership must hold its slug once")
    return pattern


# The model's own wording, worked out once per combination of values (there are few), on a
# partnership that is never saved: the files say what the pages say.
@functools.cache
def _motive_text(motives: tuple[str, ...]) -> str:
    return "; ".join(Partnership(motives=list(motives)).motive_labels())


def _motives(partnership: Values) -> str:
    return _motive_text(tuple(partnership["motives"] or ()))


@functools.cache
def _bbv_text(is_verbonden_partij: bool, legal_form: str) -> str:
    category = Partnership(
        is_verbonden_partij=is_verbonden_partij, legal_form=legal_form
    ).bbv_category
    return category.label if category else ""


def _bbv_category(partnership: Values) -> str:
    return _bbv_text(partnership["is_verbonden_partij"], partnership["legal_form"])


@functools.cache
def _tier_source_text(tier: str, decided_year: int | None) -> str:
    return Partnership(tier=tier, tier_decided_year=decided_year).tier_source


def _tier_source(partnership: Values) -> str:
    return _tier_source_text(partnership["tier"], partnership["tier_decided_year"])


@functools.cache
def _programme_text(number: int | None, name: str) -> str:
    return str(BudgetProgramme(number=number, name=name)) if number is not None else ""


def _budget_programme(partnership: Values) -> str:
    return _programme_text(
        partnership["budget_programme__number"], partnership["budget_programme__name"] or ""
    )


def _positions(partnership: Values) -> list[Values]:
    """Newest year first; only a verbonden partij reports them."""
    if not partnership["is_verbonden_partij"]:
        return []
    positions: list[Values] = partnership["financial_positions"]
    return positions


def _latest_position(partnership: Values) -> Values | None:
    positions = _positions(partnership)
    return positions[0] if positions else None


def _position_value(name: str) -> Callable[[Values, int], Any]:
    """A column with one figure of the latest financial position; money as plain decimals."""

    def value(partnership: Values, year: int) -> Any:
        position = _latest_position(partnership)
        if position is None:
            return None
        figure = position[name]
        return _money(figure) if isinstance(figure, Decimal) or figure is None else figure

    return value


def _latest_tier_decision(partnership: Values) -> Values | None:
    decisions = partnership["tier_decisions"]
    return decisions[0] if decisions else None


def _political_topics(partnership: Values) -> str:
    decision = _latest_tier_decision(partnership)
    return str(decision["political_topics"]) if decision else ""


def _topics_year(partnership: Values) -> int | None:
    decision = _latest_tier_decision(partnership)
    return decision["year"] if decision and decision["political_topics"] else None


def _position_record(position: Values) -> dict[str, Any]:
    return {
        "jaar": position["year"],
        "belang_gemeente_begin": position["interest_begin"],
        "belang_gemeente_eind": position["interest_end"],
        "eigen_vermogen_begin_euro": _money(position["equity_begin"]),
        "eigen_vermogen_eind_euro": _money(position["equity_end"]),
        "vreemd_vermogen_begin_euro": _money(position["debt_begin"]),
        "vreemd_vermogen_eind_euro": _money(position["debt_end"]),
        "financieel_resultaat_euro": _money(position["result"]),
        "risicos": position["risks"],
    }


COLUMNS: tuple[Column, ...] = (
    Column("naam", "Naam van het samenwerkingsverband.", lambda p, y: p["name"]),
    Column(
        "kenmerk",
        "Vaste korte naam; ook het laatste deel van het webadres. Verandert niet.",
        lambda p, y: p["slug"],
    ),
    Column("webpagina", "Adres van de openbare pagina op deze site.", lambda p, y: _public_url(p)),
    Column("opgave", "Welke opgave de samenwerking aanpakt.", lambda p, y: p["description"]),
    Column("doelen", "Wat de gemeente met de samenwerking wil bereiken.", lambda p, y: p["goals"]),
    Column(
        "openbaar_belang",
        "Welk openbaar belang de samenwerking dient (zoals de begroting het noemt).",
        lambda p, y: p["public_interest"],
    ),
    Column(
        "motieven",
        "Waarom de gemeente samenwerkt. Meerdere motieven gescheiden door een puntkomma.",
        lambda p, y: _motives(p),
    ),
    Column(
        "perspectief_meerwaarde",
        "Welke meerwaarde de samenwerking vooral moet opleveren. Leeg: niet ingevuld.",
        lambda p, y: _label("added_value_perspective", p),
    ),
    Column("aard", "Soort samenwerking.", lambda p, y: _label("nature", p)),
    Column(
        "beleidsveld",
        "Beleidsveld waar de samenwerking bij hoort.",
        lambda p, y: p["policy_domain__name"] or "",
    ),
    Column(
        "begrotingsprogramma",
        "Programma van de gemeentebegroting.",
        lambda p, y: _budget_programme(p),
    ),
    Column("juridische_vorm", "Juridische vorm.", lambda p, y: _label("legal_form", p)),
    Column(
        "regeling",
        "Raadsregeling, collegeregeling of gemengde regeling. Leeg: niet van toepassing.",
        lambda p, y: _label("regulation", p),
    ),
    Column(
        "wettelijk_verplicht",
        "Is de gemeente wettelijk verplicht om mee te doen? ja of nee.",
        lambda p, y: "ja" if p["legally_required"] else "nee",
    ),
    Column(
        "bevoegdheden_overgedragen",
        "Heeft de gemeente bevoegdheden overgedragen? ja of nee.",
        lambda p, y: "ja" if p["powers_transferred"] else "nee",
    ),
    Column(
        "verbonden_partij",
        "Is het een verbonden partij: heeft de gemeente er een bestuurlijk én een financieel "
        "belang in? ja of nee.",
        lambda p, y: "ja" if p["is_verbonden_partij"] else "nee",
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
        lambda p, y: p["bestuurlijk_belang"],
    ),
    Column(
        "financieel_belang",
        "Het financieel belang van de gemeente in een verbonden partij: geld dat zij kwijt is "
        "of bijdragen die zij moet betalen als de partij niet aan haar verplichtingen voldoet.",
        lambda p, y: p["financieel_belang"],
    ),
    Column(
        "vertegenwoordiging",
        "Wie de gemeente vertegenwoordigt in de organen van de samenwerking.",
        lambda p, y: p["representatives"],
    ),
    Column(
        "vestigingsplaats",
        "Plaats waar de samenwerking gevestigd is.",
        lambda p, y: p["registered_office"],
    ),
    Column("website", "Website van de samenwerking.", lambda p, y: p["website"]),
    Column("startdatum", "Begin van de looptijd (JJJJ-MM-DD).", lambda p, y: _iso(p["start_date"])),
    Column(
        "einddatum",
        "Einde van de looptijd (JJJJ-MM-DD). Leeg: voor onbepaalde tijd.",
        lambda p, y: _iso(p["end_date"]),
    ),
    Column(
        "opzegtermijn_maanden",
        "Opzegtermijn in maanden (leeg als die niet bekend is).",
        lambda p, y: p["notice_period_months"],
    ),
    Column(
        "evaluatie_maanden_voor_einde",
        "Hoeveel maanden voor het einde van de looptijd de samenwerking wordt geëvalueerd.",
        lambda p, y: p["evaluation_lead_months"],
    ),
    Column("status", "In voorbereiding, actief of beëindigd.", lambda p, y: _label("status", p)),
    Column(
        "portefeuillehouder",
        "Lid van het college dat verantwoordelijk is.",
        lambda p, y: p["portfolio_holder"],
    ),
    Column(
        "belangrijkheid",
        "Hoe belangrijk de samenwerking is voor de gemeente: politiek zeer belangrijk, politiek "
        "belangrijk, bestuurlijk belangrijk of ambtelijk belangrijk. Leeg: nog niet afgewogen.",
        lambda p, y: _label("tier", p),
    ),
    Column(
        "belangrijkheid_herkomst",
        "Waar de belangrijkheid vandaan komt: vastgesteld bij de kadernota van een jaar, of "
        "een advies dat nog niet is vastgesteld.",
        lambda p, y: _tier_source(p),
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
        lambda p, y: _money(p["contribution"]),
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
        lambda p, y: _iso(timezone.localdate(p["updated_at"])),
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


def record(partnership: Values, year: int) -> dict[str, Any]:
    """One partnership as a JSON object: every column, then the nested lists."""
    data = {column.name: column.value(partnership, year) for column in COLUMNS}
    data["deelnemers"] = [
        {
            "naam": p["organisation__name"],
            "soort": label_of(Organisation, "kind", p["organisation__kind"]),
            "website": p["organisation__website"],
            "rol": label_of(Participation, "role", p["role"]),
            "aandeel_procent": _money(p["share"]),
        }
        for p in partnership["participations"]
    ]
    data["bijdragen"] = [
        {
            "jaar": c["year"],
            "soort": label_of(Contribution, "kind", c["kind"]),
            "begroot_euro": _money(c["budgeted"]),
            "werkelijk_euro": _money(c["actual"]),
            "begrotingspost": c["budget_line"],
        }
        for c in partnership["contributions"]
    ]
    data["financiele_posities"] = [_position_record(fp) for fp in _positions(partnership)]
    data["evaluaties"] = [
        {
            "soort": label_of(Evaluation, "kind", e["kind"]),
            "titel": e["title"],
            "uiterlijk_klaar": _iso(e["due_date"]),
            "afgerond_op": _iso(e["completed_on"]),
            "status": label_of(Evaluation, "status", e["status"]),
            "conclusie": e["conclusion"],
            "advies": label_of(Evaluation, "advice", e["advice"]) if e["advice"] else "",
            "op_agenda_raad": "ja" if e["on_council_agenda"] else "nee",
            "datum_agenda_raad": _iso(e["council_agenda_date"]),
        }
        for e in partnership["evaluations"]
    ]
    data["besluiten"] = [
        {
            "orgaan": label_of(Decision, "body", d["body"]),
            "datum": _iso(d["date"]),
            "kenmerk": d["reference"],
            "onderwerp": d["title"],
            "webadres": d["url"],
        }
        for d in partnership["decisions"]
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
    rows = _rows(partnerships, JSON_LISTS)
    return stream_json(document, (record(p, year) for p in rows))


def csv_chunks(partnerships: QuerySet[Partnership], year: int) -> Iterator[bytes]:
    """The CSV file, streamed (byte-order mark, `;`); no cell can run as a formula."""
    rows = _rows(partnerships, CSV_LISTS)
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
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        # A negative amount ("-1234.50") is a number to a spreadsheet, not a formula.
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return neutralise_formula(value)
    return value
