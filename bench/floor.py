"""The floors: what any Django view showing the same rows must at least cost.

`floor`: the public overview's first page (the same 25 rows) in a minimal template, one query;
`floor_50`: its first 50 rows, the page a cached open-data file is compared with. The
streamed floors: the rows of an export (the published partnerships, every evaluation) read
with one chunked query of plain values and streamed as CSV or JSON, without related lists,
formatting or cache.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import OuterRef, Subquery, Sum
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from evaluations.models import Evaluation
from partnerships.choices import ContributionKind
from partnerships.models import Contribution, Partnership


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


CHUNK = 2000
OPEN_DATA_FIELDS = (
    "name",
    "slug",
    "description",
    "goals",
    "public_interest",
    "legal_form",
    "status",
    "start_date",
    "end_date",
    "tier",
    "updated_at",
)
AGENDA_FIELDS = (
    "due_date",
    "title",
    "partnership__name",
    "partnership__tier",
    "status",
    "partnership__account_holder__last_name",
    "rule",
)


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 65536:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _json(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    yield b'{"samenwerkingsverbanden": ['
    for number, row in enumerate(rows):
        yield (b"," if number else b"") + json.dumps(row, default=str).encode()
    yield b"]}"


def _open_data_rows() -> Any:
    return Partnership.objects.published().values_list(*OPEN_DATA_FIELDS).iterator(CHUNK)


@login_not_required
def floor_open_data_csv(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(_csv(OPEN_DATA_FIELDS, _open_data_rows()))


@login_not_required
def floor_open_data_json(request: HttpRequest) -> StreamingHttpResponse:
    rows = (dict(zip(OPEN_DATA_FIELDS, row, strict=True)) for row in _open_data_rows())
    return StreamingHttpResponse(_json(rows))


@login_not_required
def floor_agenda_csv(request: HttpRequest) -> StreamingHttpResponse:
    rows = Evaluation.objects.order_by("due_date").values_list(*AGENDA_FIELDS).iterator(CHUNK)
    return StreamingHttpResponse(_csv(AGENDA_FIELDS, rows))
