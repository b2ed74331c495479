"""In-process render times and queries per request, warm, with Django's test Client.

Run by bench.run in a fresh process per database:
    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.inprocess --out f.json
Prints nothing; writes one JSON object with a result per page and the URLs for the load test.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import django

django.setup()

from django.contrib import admin  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.template import TemplateDoesNotExist  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, resolve, reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from partnerships.models import Partnership  # noqa: E402
from partnerships.tiers import Tier  # noqa: E402

from .stats import percentile  # noqa: E402

ROWS_PER_PAGE = 50
MISSING = "niet gemeten (pagina ontbreekt)"
# The flood: a query of 2,000 different words, most of them the register's own, so that the
# words the search keeps (partnerships/search.py) have rows to look at.
FLOOD_WORDS = 2000
# Public dossiers for the load test: a few asked again and again, the rest each once.
DOSSIERS_REPEATED = 10
DOSSIERS_DISTINCT = 400


class QueryCounter:
    """A connection.execute_wrapper that counts every SQL statement of a request.

    Except the BEGIN of a transaction: SQLite's backend sends it as a statement of its own
    (transaction_mode IMMEDIATE), PostgreSQL's driver sends it unseen. Counted on neither,
    the same page has the same count on both databases."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any):
        if not sql.startswith("BEGIN"):
            self.count += 1
        return execute(sql, params, many, ctx)


def measure(client: Client, url: str, iterations: int, warmup: int) -> dict[str, Any]:
    try:
        for _ in range(warmup):
            response = client.get(url)
            if response.status_code != 200:
                return {"missing": f"{MISSING}: HTTP {response.status_code}"}
    except (TemplateDoesNotExist, NoReverseMatch) as error:
        return {"missing": f"{MISSING}: {type(error).__name__} {error}"}
    except Exception as error:  # a page that is still being built may fail in any way
        return {"missing": f"niet gemeten (fout: {type(error).__name__}: {error})"[:200]}
    times, cpu_times, queries = [], [], []
    for _ in range(iterations):
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            start, cpu_start = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            # CPU time of this process (SQLite included, a PostgreSQL server not): it
            # shows the page's own cost when other work shares the cores.
            cpu_times.append((time.process_time() - cpu_start) * 1000)
        queries.append(counter.count)
    return {
        "url": url if len(url) <= 200 else f"{url[:200]}… ({len(url)} tekens)",
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "cpu_median_ms": round(statistics.median(cpu_times), 2),
        "queries": max(queries),
        "queries_min": min(queries),
    }


def url_or_none(make: Callable[[], str]) -> str | None:
    try:
        return make()
    except (NoReverseMatch, AttributeError):
        return None


def worst_case_partnership() -> Partnership | None:
    """The published partnership with the most partners: the heaviest partnership page."""
    return (
        Partnership.objects.published()
        .annotate(n=Count("participations"))
        .order_by("-n", "pk")
        .first()
    )


def search_word() -> str:
    """The normal search: the first word of a published name, so it finds rows in every
    register (the same number of queries at 50 and 5,000)."""
    first = Partnership.objects.published().order_by("pk").values_list("name", flat=True).first()
    return (first or "Gemeente").split()[0]


def flood_query(words: int = FLOOD_WORDS) -> str:
    """`words` different words: the one-word search first, then the register's own words."""
    word = search_word()
    vocabulary: dict[str, str] = {word.casefold(): word}
    for name in Partnership.objects.published().order_by("pk").values_list("name", flat=True):
        for word in name.split():
            if not word.isdigit():
                vocabulary.setdefault(word.casefold(), word)
    known = list(vocabulary.values())
    flood = known[:words]
    number = 0
    while len(flood) < words:
        flood.append(f"{known[number % len(known)]}{number}")
        number += 1
    return " ".join(flood)


def search_url(query: str) -> str:
    return f"{reverse('public:overview')}?{urlencode({'q': query})}"


def load_urls(published: int) -> dict[str, list[str]]:
    """The load test's URL mix: overview pages, filtered overviews, partnership pages; and
    the URLs of the bounded steps: one-word searches, floods, public dossiers; and the open
    data files the anonymous downloaders of the mixed step fetch."""
    rng = random.Random(42)  # noqa: S311 (a fixed sample, not a secret)
    overview = reverse("public:overview")
    view = getattr(resolve(overview).func, "view_class", None)
    # The overview's own page size (25), not the internal table's: every page is in the mix.
    per_page = getattr(view, "table_pagination", {}).get("per_page", ROWS_PER_PAGE)
    pages = max(1, math.ceil(published / per_page))
    filters = getattr(view, "filterset_class", None)
    names = set(filters.base_filters) if filters else set()
    filtered = []
    if "tier" in names:
        filtered += [f"{overview}?tier={tier.value}" for tier in Tier]
    if "q" in names:
        filtered += [f"{overview}?q={word}" for word in ("Jeugdhulp", "Twente", "Gemeente")]
    if "legal_form" in names:
        filtered += [f"{overview}?legal_form={form}" for form in ("openbaar_lichaam", "stichting")]
    if not filtered:  # unknown filter names: sorting is still a different query and page
        filtered = [f"{overview}?sort=-name", f"{overview}?sort=tier"]
    slugs = list(Partnership.objects.published().order_by("pk").values_list("slug", flat=True))
    sample = rng.sample(slugs, min(200, len(slugs)))
    dossiers = rng.sample(slugs, min(DOSSIERS_REPEATED + DOSSIERS_DISTINCT, len(slugs)))
    flood = flood_query().split()
    return {
        "overview": [f"{overview}?page={n}" for n in range(1, pages + 1)],
        "filtered": filtered,
        "detail": [reverse("public:partnership_detail", args=[slug]) for slug in sample],
        "search": [search_url(search_word())],
        # The same words in three orders: each a different query, as a flood would send.
        "flood": [search_url(" ".join(flood[n:] + flood[:n])) for n in (0, 1, 2)],
        "dossier_repeated": [
            reverse("public:partnership_dossier", args=[slug])
            for slug in dossiers[:DOSSIERS_REPEATED]
        ],
        "dossier_distinct": [
            reverse("public:partnership_dossier", args=[slug])
            for slug in dossiers[DOSSIERS_REPEATED:]
        ],
        # The two files the /open-data/ page links to.
        "open_data": [reverse("public:open_data_csv"), reverse("public:open_data_json")],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", help="only these pages, comma separated (default: all)")
    args = parser.parse_args()

    # The admin shows 100 rows by default; compare on the same 50 rows as our table.
    partnership_admin = admin.site._registry.get(Partnership)
    if partnership_admin:
        partnership_admin.list_per_page = ROWS_PER_PAGE  # type: ignore[misc]

    beheerder = User.objects.get(username="bulk-beheerder")
    internal, public = Client(), Client()
    internal.force_login(beheerder)
    heavy = worst_case_partnership()
    pages: dict[str, tuple[Client, str | None]] = {
        "overview": (public, url_or_none(lambda: reverse("public:overview"))),
        "internal_table": (internal, url_or_none(lambda: reverse("partnerships:partnership_list"))),
        # The internal page (own query budget); the "<= 8" is the public one below.
        "partnership_page": (
            internal,
            url_or_none(lambda: reverse("dossiers:partnership_detail", args=[heavy.pk])),  # type: ignore[union-attr]
        ),
        "public_partnership_page": (
            public,
            url_or_none(lambda: reverse("public:partnership_detail", args=[heavy.slug])),  # type: ignore[union-attr]
        ),
        "dashboard": (internal, url_or_none(lambda: reverse("evaluations:dashboard"))),
        "evaluation_agenda": (
            internal,
            url_or_none(lambda: reverse("evaluations:evaluation_list")),
        ),
        # This year's round, as the internal menu links it: its first page of 50 rows.
        "kadernota_round": (
            internal,
            url_or_none(lambda: reverse("dossiers:kadernota", args=[date.today().year])),
        ),
        "admin_changelist": (
            internal,
            url_or_none(lambda: reverse("admin:partnerships_partnership_changelist"))
            if partnership_admin
            else None,
        ),
        "floor": (public, reverse("bench_floor")),
        "search_one_word": (public, url_or_none(lambda: search_url(search_word()))),
        "search_flood": (public, url_or_none(lambda: search_url(flood_query()))),
    }
    if args.pages is not None:
        wanted = set(args.pages.split(","))
        pages = {key: page for key, page in pages.items() if key in wanted}
    results: dict[str, Any] = {}
    for key, (client, url) in pages.items():
        if url is None:
            results[key] = {"missing": f"{MISSING}: geen URL"}
        else:
            results[key] = measure(client, url, args.iterations, args.warmup)
    published = Partnership.objects.published().count()
    output = {
        "partnerships": Partnership.objects.count(),
        "published": published,
        "pages": results,
        "load_urls": load_urls(published),
    }
    args.out.write_text(json.dumps(output, indent=2))


if __name__ == "__main__":
    main()
