"""The benchmark table: every figure judged against its target, missing pages said so."""

from bench.report import render_table, verdict_rows

PAGE = {"median_ms": 10.0, "p95_ms": 12.0, "cpu_median_ms": 9.0, "queries": 4, "queries_small": 4}


def run_with(**pages):
    base = {
        key: dict(PAGE)
        for key in (
            "overview",
            "internal_table",
            "partnership_page",
            "public_partnership_page",
            "dashboard",
            "evaluation_agenda",
            "kadernota_round",
            "admin_changelist",
            "floor",
        )
    }
    base["floor"] = PAGE | {"median_ms": 8.0}
    base.update(pages)
    load = {"p95_ms": 80.0, "rps": 90.0, "errors": 0}
    backend = {
        "label": "SQLite",
        "pages": base,
        "pdf": {
            "50": {"seconds": 0.5, "cpu_seconds": 0.5, "peak_mb": 100, "pages": 12},
            "300": {"seconds": 6.0, "cpu_seconds": 6.0, "peak_mb": 150, "pages": 60}
            | {"warm_seconds": 5.0, "resident_mb": [140.0, 140.0], "growth_mb_per_render": 0.0},
            "1000": {"seconds": 9.0, "cpu_seconds": 9.0, "peak_mb": 260, "pages": 200},
        },
        "load": {"4": load, "10": load | {"p95_ms": 450.0}},
    }
    return {
        "date": "2026-11-22T12:00:00",
        "machine": {"cpus": 2, "load_before": 0.1},
        "partnerships": 5000,
        "iterations": 30,
        "load_seconds": 30,
        "backends": {"sqlite": backend},
    }


def verdict(rows, label_start):
    row = next(r for r in rows if r["meting"].startswith(label_start))
    return row["oordeel"]["sqlite"]


def test_figures_within_target_are_gehaald_and_beyond_are_not():
    rows = verdict_rows(run_with(admin_changelist=PAGE | {"median_ms": 20.0}))
    assert verdict(rows, "Openbaar overzicht: mediaan") == "gehaald"
    assert verdict(rows, "Interne tabel / Django admin") == "gehaald"
    assert verdict(rows, "Openbaar overzicht / kale vloer") == "gehaald"
    assert verdict(rows, "Kadernota-pdf, register van 300") == "niet gehaald", "6 s > 5 s"
    assert verdict(rows, "Kadernota-pdf, register van 1.000") == "gehaald"
    assert verdict(rows, "Belasting, 4 clients") == "gehaald"
    assert verdict(rows, "Belasting, 10 clients") == "niet gehaald", "p95 450 > 400 ms"


def test_query_count_that_grows_with_rows_is_not_gehaald():
    rows = verdict_rows(run_with(overview=PAGE | {"queries": 5, "queries_small": 4}))
    assert verdict(rows, "Openbaar overzicht: queries") == "niet gehaald"


def test_a_missing_page_is_reported_as_not_measured():
    missing = {"missing": "niet gemeten (pagina ontbreekt): geen URL", "queries_small": None}
    run = run_with(internal_table=missing)
    rows = verdict_rows(run)
    assert verdict(rows, "Interne tabel: queries") == "niet gemeten"
    assert verdict(rows, "Interne tabel / Django admin") == "niet gemeten"
    table = render_table(run, rows, markdown=False)
    assert "niet gemeten (pagina ontbreekt)" in table
    assert "niet gemeten: 2" in table


def test_memory_that_keeps_rising_over_repeated_renders_is_not_gehaald():
    run = run_with()
    pdf = run["backends"]["sqlite"]["pdf"]["300"]
    pdf |= {"cold_seconds": [4.4, 4.6, 5.3], "seconds": 4.6, "warm_seconds": 3.6}
    pdf |= {"resident_mb": [137.0, 139.0, 140.1, 139.0], "growth_mb_per_render": 0.0}
    rows = verdict_rows(run)
    assert verdict(rows, "Kadernota-pdf, register van 300") == "gehaald", "median 4.6 s"
    assert verdict(rows, "Kadernota-pdf 300, herhaald") == "gehaald"
    table = render_table(run, rows, markdown=False)
    assert "4× 3.6 s (mediaan) · 137–140 MB · +0.00 MB per render" in table

    pdf |= {"resident_mb": [130.0, 132.5, 135.0, 137.5], "growth_mb_per_render": 2.5}
    assert verdict(verdict_rows(run), "Kadernota-pdf 300, herhaald") == "niet gehaald"
