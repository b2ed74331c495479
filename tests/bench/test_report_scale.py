"""The benchmark rows of the pages at 20,000 and of the load test with anonymous downloads."""

from bench.report import LARGE_PAGES, render_table, verdict_rows

from .test_report import PAGE, run_with, verdict


def large_run(**at_20000):
    run = run_with()
    run |= {"parts": ["pages", "load"], "large_size": 20000, "mixed_downloaders": 2}
    pages = {key: PAGE | {"median_ms": 15.0} for key in LARGE_PAGES}
    pages["internal_table"] = PAGE | {"median_ms": 20.0}
    pages.update(at_20000)
    run["backends"]["sqlite"]["pages_large"] = {"partnerships": 20000, "pages": pages}
    return run


def test_pages_within_twice_their_time_at_5000_are_gehaald():
    run = large_run()
    rows = verdict_rows(run)
    for label in ("Openbaar overzicht bij 20.000", "Kadernota-ronde (eerste pagina van 50) bij"):
        assert verdict(rows, label) == "gehaald", "15 ≤ 2 × 10 ms"
    assert verdict(rows, "Interne tabel bij 20.000") == "gehaald", "20 ≤ 2 × 10 ms"
    table = render_table(run, rows, markdown=False)
    assert "15.0 / 12.0 ms (cpu 9.0) · 4 queries · 1.50× die bij 5.000 (10.0 ms)" in table


def test_a_page_that_grows_more_than_twofold_is_not_gehaald():
    rows = verdict_rows(large_run(dashboard=PAGE | {"median_ms": 20.1}))
    assert verdict(rows, "Dashboard bij 20.000") == "niet gehaald", "20.1 > 2 × 10 ms"
    assert verdict(rows, "Evaluatieagenda bij 20.000") == "gehaald"


def test_dashboard_and_kadernota_round_are_judged_against_the_internal_table_at_20000():
    run = large_run(kadernota_round=PAGE | {"median_ms": 41.0})
    rows = verdict_rows(run)
    assert verdict(rows, "Dashboard / interne tabel bij 20.000") == "gehaald", "15 ≤ 2 × 20"
    assert verdict(rows, "Kadernota-ronde / interne tabel bij 20.000") == "niet gehaald"
    assert "2.05 (41.0 / 20.0 ms)" in render_table(run, rows, markdown=False)


def test_a_page_missing_at_20000_is_not_measured():
    missing = {"missing": "niet gemeten (pagina ontbreekt): HTTP 500"}
    rows = verdict_rows(large_run(kadernota_round=missing))
    assert verdict(rows, "Kadernota-ronde (eerste pagina van 50) bij") == "niet gemeten"
    assert verdict(rows, "Kadernota-ronde / interne tabel") == "niet gemeten"


def mixed_run(normal, downloads):
    run = large_run()
    run["backends"]["sqlite"]["load"]["with_downloads"] = {
        "normal": normal,
        "downloads": downloads,
    }
    return run


NORMAL = {"rps": 50.0, "p95_ms": 150.0, "errors": 0}
DOWNLOADS = {"rps": 12.0, "p95_ms": 300.0, "errors": 0}


def test_normal_pages_next_to_downloads_within_twice_their_p95_alone_are_gehaald():
    run = mixed_run(NORMAL, DOWNLOADS)
    rows = verdict_rows(run)
    assert verdict(rows, "Belasting met downloads, 4 clients + 2 anoniem, 30 s: gewone") == (
        "gehaald"
    ), "150 ≤ 2 × 80 ms (4 clients alone)"
    assert verdict(rows, "Belasting met downloads, 4 clients + 2 anoniem, 30 s: open") == (
        "gehaald"
    )
    table = render_table(run, rows, markdown=False)
    assert "50 req/s · p95 150 ms · 0 fouten · 1.88× de p95 zonder downloads (80 ms)" in table
    assert "12 downloads/s · p95 300 ms · 0 fouten" in table


def test_slower_normal_pages_or_a_failed_download_are_not_gehaald():
    slow = verdict_rows(mixed_run(NORMAL | {"p95_ms": 161.0}, DOWNLOADS))
    assert verdict(slow, "Belasting met downloads, 4 clients + 2 anoniem, 30 s: gewone") == (
        "niet gehaald"
    ), "161 > 2 × 80 ms"

    failed = verdict_rows(mixed_run(NORMAL, DOWNLOADS | {"errors": 1}))
    for label in ("gewone", "open data"):
        start = f"Belasting met downloads, 4 clients + 2 anoniem, 30 s: {label}"
        assert verdict(failed, start) == "niet gehaald"


def test_the_normal_mix_measured_in_turns_with_the_downloads_is_the_one_compared():
    run = mixed_run(NORMAL, DOWNLOADS)
    run["backends"]["sqlite"]["load"]["with_downloads"]["alone"] = NORMAL | {"p95_ms": 70.0}
    rows = verdict_rows(run)
    assert verdict(rows, "Belasting met downloads, 4 clients + 2 anoniem, 30 s: gewone") == (
        "niet gehaald"
    ), "150 > 2 × 70 ms, whatever the 4-client step measured before"
    assert "2.14× de p95 zonder downloads (70 ms)" in render_table(run, rows, markdown=False)


def test_a_run_saved_before_these_rows_shows_none_of_them():
    labels = [row["meting"] for row in verdict_rows(run_with())]
    assert not [label for label in labels if "20.000" in label or "downloads" in label]
