"""The floors: what any Django view showing the same rows must at least cost.

`floor`: the public overview's first page (the same 25 rows) in a minimal template, one query;
`floor_50`: its first 50 rows, the page a cached open-data file is compared with.

The streamed floors write the same file as a whole-register download, in the least work that
can: per chunk of partnerships one values_list() query for them and one per related list,
plain tuples, the labels from dicts made once, csv.writer or json.dumps directly, no model
instances, no column objects, no cache. bench/exports.py checks that each floor's bytes equal
the download's, so the ratio compares two ways of making the same file. They read the app's
choices and header names (data, not code), never its writers.
"""

import csv
import io
import itertools
import json
import re
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Case, Model, OuterRef, Subquery, Sum, When
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from evaluations.models import OPEN_STATUSES, Evaluation
from governance.models import TierDecision
from imports.columns import CONTRIBUTIONS, PARTNERS, REGISTER, SHEETS, Kind
from imports.spreadsheet import (
    DATE_FORMAT,
    EURO_FORMAT,
    PERCENT_FORMAT,
    _start_sheet,
    _write_documentation,
)
from partnerships.choices import (
    BBV_CATEGORY_BY_LEGAL_FORM,
    BBVCategory,
    ContributionKind,
    Motive,
    ParticipationRole,
)
from partnerships.models import (
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    Partnership,
)
from public.opendata import COLUMNS
from samenwerkingswijzer.formatting import NOT_ASSESSED


def _overview_rows_per_page() -> int:
    from public.views import OverviewView

    per_page: Any = OverviewView.table_pagination["per_page"]
    return int(per_page)


def _floor_rows(count: int) -> Any:
    this_year = (
        Contribution.objects.filter(
            partnership=OuterRef("pk"), year=date.today().year, kind=ContributionKind.FINANCIEEL
        )
        .values("partnership")
        .annotate(total=Sum("budgeted"))
        .values("total")
    )
    return (
        Partnership.objects.published()
        .select_related("policy_domain")
        .annotate(contribution=Subquery(this_year))
        .order_by("name")[:count]
    )


@login_not_required
def floor(request: HttpRequest) -> HttpResponse:
    rows = _floor_rows(_overview_rows_per_page())
    return render(request, "bench/floor.html", {"partnerships": rows})


@login_not_required
def floor_50(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/floor.html", {"partnerships": _floor_rows(50)})


CHUNK = 500  # the exports' EXPORT_CHUNK_SIZE: the same number of queries
PIECE = 64 * 1024
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _choices(model: type[Model], name: str) -> dict[Any, str]:
    return {value: str(text) for value, text in model._meta.get_field(name).flatchoices}  # type: ignore[union-attr]


def _label(labels: dict[Any, str], value: Any) -> str:
    return labels.get(value, "" if value is None else str(value))


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _yes(value: Any) -> str:
    return "ja" if value else "nee"


def _pieces(lines: Iterable[str]) -> Iterator[bytes]:
    pieces: list[str] = []
    size = 0
    for line in lines:
        pieces.append(line)
        size += len(line)
        if size >= PIECE:
            yield "".join(pieces).encode()
            pieces, size = [], 0
    yield "".join(pieces).encode()


def _csv(rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    """The rows as CSV for Dutch Excel (BOM, `;`, CRLF), in pieces of about PIECE characters."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= PIECE:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _chunks(rows: Iterable[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _grouped(queryset: Any, ids: list[int], *fields: str) -> dict[int, list[tuple[Any, ...]]]:
    """One query: the related rows of `ids` by partnership, in the queryset's order."""
    by_id: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in ids}
    for row in queryset.filter(partnership_id__in=ids).values_list("partnership_id", *fields):
        by_id[row[0]].append(row[1:])
    return by_id


# Open data -------------------------------------------------------------------------------

OPEN_DATA_FIELDS = (
    "id", "name", "slug", "description", "goals", "public_interest", "motives",
    "added_value_perspective", "nature", "policy_domain__name", "budget_programme__number",
    "budget_programme__name", "legal_form", "regulation", "legally_required",
    "powers_transferred", "is_verbonden_partij", "bestuurlijk_belang", "financieel_belang",
    "representatives", "registered_office", "website", "start_date", "end_date",
    "notice_period_months", "evaluation_lead_months", "status", "portfolio_holder", "tier",
    "tier_decided_year", "contribution", "updated_at",
)  # fmt: skip
CSV_LISTS = ("participations", "positions", "tier_decisions")


def _open_data_lists(ids: list[int], names: tuple[str, ...]) -> dict[str, Any]:
    penvoerder_first = Case(When(role=ParticipationRole.PENVOERDER, then=0), default=1)
    queries = {
        "participations": lambda: _grouped(
            Participation.objects.order_by(penvoerder_first, "organisation__name"), ids,
            "organisation__name", "organisation__kind", "organisation__website", "role", "share",
        ),
        "positions": lambda: _grouped(
            FinancialPosition.objects.order_by("-year"), ids, "year", "interest_begin",
            "interest_end", "equity_begin", "equity_end", "debt_begin", "debt_end", "result",
            "risks",
        ),
        "tier_decisions": lambda: _grouped(
            TierDecision.objects.order_by("-year"), ids, "year", "political_topics"
        ),
        "contributions": lambda: _grouped(
            Contribution.objects.order_by("-year", "kind"), ids, "year", "kind", "budgeted",
            "actual", "budget_line",
        ),
        "evaluations": lambda: _grouped(
            Evaluation.objects.filter(published=True).order_by("-completed_on", "-due_date"),
            ids, "kind", "title", "due_date", "completed_on", "status", "conclusion", "advice",
            "on_council_agenda", "council_agenda_date",
        ),
        "decisions": lambda: _grouped(
            Decision.objects.order_by("-date"), ids, "body", "date", "reference", "title", "url"
        ),
    }  # fmt: skip
    return {name: queries[name]() for name in names}


def _open_data(names: tuple[str, ...]) -> Iterator[tuple[tuple[Any, ...], dict[str, list[Any]]]]:
    """Per published partnership: its 45 values in column order, and its related rows."""
    year = date.today().year
    motives = dict(Motive.choices)
    roles = _choices(Participation, "role")
    perspectives, natures, legal_forms, regulations, statuses, tiers = (
        _choices(Partnership, name)
        for name in ("added_value_perspective", "nature", "legal_form", "regulation", "status",
                     "tier")
    )  # fmt: skip
    url = settings.SITE_URL.rstrip("/") + reverse("public:partnership_detail", args=["__s__"])
    url_start, url_end = url.split("__s__")
    this_year = Subquery(
        Contribution.objects.filter(
            partnership=OuterRef("pk"), year=year, kind=ContributionKind.FINANCIEEL
        ).values("budgeted")[:1]
    )
    rows = (
        # `IN (true)`, as the app's published(): SQLite then reads the (published, name) index.
        Partnership.objects.filter(published__in=[True])
        .annotate(contribution=this_year)
        .values_list(*OPEN_DATA_FIELDS)
        .order_by("name")
        .iterator(CHUNK)
    )
    for chunk in _chunks(rows):
        lists = _open_data_lists([row[0] for row in chunk], names)
        for (
            pk, name, slug, description, goals, public_interest, motive_list, perspective,
            nature, domain, programme_number, programme_name, legal_form, regulation,
            required, transferred, verbonden, bestuurlijk, financieel, representatives,
            office, website, start, end, notice, lead, status, holder, tier, decided,
            contribution, updated,
        ) in chunk:  # fmt: skip
            mine = {list_name: lists[list_name][pk] for list_name in names}
            partners = mine["participations"]
            position = mine["positions"][0] if verbonden and mine["positions"] else None
            decision = mine["tier_decisions"][0] if mine["tier_decisions"] else None
            if not verbonden:
                mine["positions"] = []
            yield (
                name, slug, url_start + slug + url_end, description, goals, public_interest,
                "; ".join(motives[m] for m in motive_list if m in motives),
                _label(perspectives, perspective), _label(natures, nature), domain or "",
                f"{programme_number}. {programme_name}" if programme_number is not None else "",
                _label(legal_forms, legal_form), _label(regulations, regulation), _yes(required),
                _yes(transferred), _yes(verbonden),
                BBV_CATEGORY_BY_LEGAL_FORM.get(legal_form, BBVCategory.OVERIG).label
                if verbonden else "",
                bestuurlijk, financieel, representatives, office, website, _iso(start),
                _iso(end), notice, lead, _label(statuses, status), holder, _label(tiers, tier),
                (f"vastgesteld bij kadernota {decided}" if decided
                 else "advies, nog niet vastgesteld") if tier else NOT_ASSESSED.lower(),
                str(decision[1]) if decision else "",
                decision[0] if decision and decision[1] else None,
                "; ".join(f"{p[0]} ({_label(roles, p[3]).lower()})" for p in partners),
                year, _money(contribution),
                *((position[0], position[1], position[2], *map(_money, position[3:8]),
                   position[8]) if position else (None,) * 9),
                timezone.localdate(updated).isoformat(),
            ), mine  # fmt: skip


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


@login_not_required
def floor_open_data_csv(request: HttpRequest) -> StreamingHttpResponse:
    header = [column.name for column in COLUMNS]
    rows = ([_cell(value) for value in row] for row, _ in _open_data(CSV_LISTS))
    return StreamingHttpResponse(_csv(itertools.chain([header], rows)))


def _json_lines() -> Iterator[str]:
    names = [column.name for column in COLUMNS]
    kinds, roles = _choices(Organisation, "kind"), _choices(Participation, "role")
    contribution_kinds = _choices(Contribution, "kind")
    evaluation_kinds, evaluation_statuses, advice = (
        _choices(Evaluation, name) for name in ("kind", "status", "advice")
    )
    bodies = _choices(Decision, "body")
    head = json.dumps(
        {
            "bron": settings.MUNICIPALITY_NAME,
            "omschrijving": "Register van gepubliceerde samenwerkingsverbanden",
            "aantal": Partnership.objects.filter(published=True).count(),
            "samenwerkingsverbanden": [],
        },
        ensure_ascii=False,
        indent=2,
    )
    start, _, end = head.rpartition("[]")
    yield start
    separator = "[\n    "
    lists = ("participations", "positions", "tier_decisions", "contributions", "evaluations",
             "decisions")  # fmt: skip
    for row, mine in _open_data(lists):
        record = dict(zip(names, row, strict=True))
        record["deelnemers"] = [
            {"naam": p[0], "soort": _label(kinds, p[1]), "website": p[2],
             "rol": _label(roles, p[3]), "aandeel_procent": _money(p[4])}
            for p in mine["participations"]
        ]  # fmt: skip
        record["bijdragen"] = [
            {"jaar": c[0], "soort": _label(contribution_kinds, c[1]), "begroot_euro": _money(c[2]),
             "werkelijk_euro": _money(c[3]), "begrotingspost": c[4]}
            for c in mine["contributions"]
        ]  # fmt: skip
        record["financiele_posities"] = [
            dict(
                zip(
                    ("jaar", *names[36:44]),
                    (f[0], f[1], f[2], *map(_money, f[3:8]), f[8]),
                    strict=True,
                )
            )
            for f in mine["positions"]
        ]
        record["evaluaties"] = [
            {"soort": _label(evaluation_kinds, e[0]), "titel": e[1], "uiterlijk_klaar": _iso(e[2]),
             "afgerond_op": _iso(e[3]), "status": _label(evaluation_statuses, e[4]),
             "conclusie": e[5], "advies": _label(advice, e[6]) if e[6] else "",
             "op_agenda_raad": _yes(e[7]), "datum_agenda_raad": _iso(e[8])}
            for e in mine["evaluations"]
        ]  # fmt: skip
        record["besluiten"] = [
            {"orgaan": _label(bodies, d[0]), "datum": _iso(d[1]), "kenmerk": d[2],
             "onderwerp": d[3], "webadres": d[4]}
            for d in mine["decisions"]
        ]  # fmt: skip
        yield separator + json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
        separator = ",\n    "
    yield ("[]" if separator.startswith("[") else "\n  ]") + end


@login_not_required
def floor_open_data_json(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(_pieces(_json_lines()))


# Evaluation agenda ---------------------------------------------------------------------------


@login_not_required
def floor_agenda_csv(request: HttpRequest) -> StreamingHttpResponse:
    today = timezone.localdate()
    kinds, statuses = _choices(Evaluation, "kind"), _choices(Evaluation, "status")
    tiers = _choices(Partnership, "tier")
    rows = (
        Evaluation.objects.order_by("due_date")
        .values_list(
            "due_date", "kind", "title", "status", "rule", "partnership__name",
            "partnership__tier", "partnership__tier_decided_year",
            "partnership__account_holder__username", "partnership__account_holder__first_name",
            "partnership__account_holder__last_name",
        )
        .iterator(CHUNK)
    )  # fmt: skip

    def lines() -> Iterator[list[Any]]:
        yield ["Uiterlijk klaar op", "Evaluatie", "Samenwerkingsverband", "Belangrijkheid",
               "Status", "Accounthouder", "Gepland door"]  # fmt: skip
        for due, kind, title, status, rule, name, tier, decided, user, first, last in rows:
            overdue = status in OPEN_STATUSES and due < today
            source = (
                f"vastgesteld bij kadernota {decided}"
                if decided
                else "advies, nog niet vastgesteld"
            )
            yield [
                due, _cell(title or kinds[kind]), _cell(name),
                f"{tiers[tier]} ({source})" if tier else None,
                statuses[status] + (", verlopen" if overdue else ""),
                _cell(f"{first} {last}".strip() or user) if user is not None else None,
                f"Regel {rule}" if rule else "Met de hand",
            ]  # fmt: skip

    return StreamingHttpResponse(_csv(lines()))


# The internal register (imports/export.py): CSV of the first sheet, XLSX of all three -------

REGISTER_FIELDS = (
    "id", "name", "description", "goals", "public_interest", "motives",
    "added_value_perspective", "nature", "policy_domain__name", "budget_programme__number",
    "legal_form", "regulation", "legally_required", "powers_transferred",
    "is_verbonden_partij", "bestuurlijk_belang", "financieel_belang", "registered_office",
    "website", "start_date", "end_date", "notice_period_months", "evaluation_lead_months",
    "status", "portfolio_holder", "account_holder__username", "deputy__username",
    "representatives", "published", "internal_notes", "tier", "contribution",
)  # fmt: skip
CHOICE_AT = {6: "added_value_perspective", 7: "nature", 10: "legal_form", 11: "regulation",
             23: "status", 30: "tier"}  # fmt: skip
BOOL_AT = (12, 13, 14, 28)


def _register_rows() -> Iterator[list[Any]]:
    """Every partnership as the first sheet's typed cells: labels, ja/nee, None for empty."""
    motives = dict(Motive.choices)
    labels = {at: _choices(Partnership, name) for at, name in CHOICE_AT.items()}
    this_year = Subquery(
        Contribution.objects.filter(
            partnership=OuterRef("pk"), year=date.today().year, kind=ContributionKind.FINANCIEEL
        ).values("budgeted")[:1]
    )
    rows = (
        Partnership.objects.annotate(contribution=this_year)
        .order_by("name", "pk")
        .values_list(*REGISTER_FIELDS)
        .iterator(CHUNK)
    )
    for values in rows:
        row = [None if value == "" else value for value in values]
        row[5] = "; ".join(motives.get(m, m) for m in values[5]) or None
        for at, names in labels.items():
            if row[at] is not None:
                row[at] = names.get(row[at], row[at])
        for at in BOOL_AT:
            row[at] = _yes(row[at])
        yield row


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return "'" + value if value.startswith(FORMULA) else value
    return value


def _csv_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return _safe(value)


@login_not_required
def floor_register_csv(request: HttpRequest) -> StreamingHttpResponse:
    rows = ([_csv_text(value) for value in row] for row in _register_rows())
    header = [column.header for column in REGISTER.columns]
    return StreamingHttpResponse(_csv(itertools.chain([header], rows)))


def _sheet_rows() -> dict[str, Iterable[Iterable[Any]]]:
    organisation_kinds, roles = _choices(Organisation, "kind"), _choices(Participation, "role")
    kinds = _choices(Contribution, "kind")
    partners = (
        Participation.objects.order_by("partnership__name", "partnership_id", "organisation__name")
        .values_list("partnership__name", "organisation__name", "organisation__kind", "role",
                     "share")
        .iterator(CHUNK)
    )  # fmt: skip
    contributions = (
        Contribution.objects.order_by("partnership__name", "partnership_id", "year", "kind")
        .values_list("partnership__name", "year", "kind", "budgeted", "actual", "budget_line",
                     "note")
        .iterator(CHUNK)
    )  # fmt: skip
    return {
        REGISTER.title: _register_rows(),
        PARTNERS.title: (
            (name, organisation or None, organisation_kinds.get(kind, kind) if kind else None,
             roles.get(role, role) if role else None, share)
            for name, organisation, kind, role, share in partners
        ),
        CONTRIBUTIONS.title: (
            (name, year, kinds.get(kind, kind) if kind else None, budgeted, actual,
             line or None, note or None)
            for name, year, kind, budgeted, actual, line, note in contributions
        ),
    }  # fmt: skip


@login_not_required
def floor_register_xlsx(request: HttpRequest) -> FileResponse:
    """openpyxl in write-only mode, as the export; the header rows and the documentation
    sheet (the same few hundred cells at any size) come from the export's own writer."""
    formats = {Kind.MONEY: EURO_FORMAT, Kind.DATE: DATE_FORMAT, Kind.PERCENT: PERCENT_FORMAT}
    number = (Decimal, int, float)
    workbook = Workbook(write_only=True)
    sheet_rows = _sheet_rows()
    for sheet in SHEETS:
        worksheet = _start_sheet(workbook, sheet)
        wanted = [(formats.get(c.kind), date if c.kind is Kind.DATE else number)
                  for c in sheet.columns]  # fmt: skip
        for values in sheet_rows[sheet.title]:
            cells = []
            for value, (number_format, kind) in zip(values, wanted, strict=True):
                cell = WriteOnlyCell(worksheet, value=_safe(value))
                if number_format and isinstance(value, kind) and not isinstance(value, bool):
                    cell.number_format = number_format
                cells.append(cell)
            worksheet.append(cells)
    _write_documentation(workbook)
    target = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
    workbook.save(target)
    target.seek(0)
    return FileResponse(target, content_type="application/octet-stream")
