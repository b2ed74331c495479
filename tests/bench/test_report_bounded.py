"""The bounded-work rows of the benchmark table: the search flood and the public dossiers."""

from bench.report import PARTS, page_keys, render_table, verdict_rows

from .test_report import PAGE, run_with, verdict

STEP = {"rps": 40.0, "p95_ms": 100.0, "errors": 0}


def bounded_run(*, flood_p95=30.0, flood_load=None, distinct=None, repeated=None):
    run = run_with(
        search_one_word=PAGE | {"p95_ms": 20.0},
        search_flood=PAGE | {"p95_ms": flood_p95},
    )
    run |= {"parts": list(PARTS), "bounded_clients": 4, "bounded_seconds": 20}
    run["backends"]["sqlite"]["load"] |= {
        "search": STEP,
        "flood": flood_load or STEP | {"p95_ms": 150.0},
        "dossier_distinct": distinct or STEP | {"rps": 2.1, "p95_ms": 1900.0},
        "dossier_repeated": repeated or STEP | {"rps": 60.0, "p95_ms": 90.0},
    }
    return run


def test_a_flood_within_twice_a_normal_search_is_gehaald():
    run = bounded_run()
    rows = verdict_rows(run)
    assert verdict(rows, "Zoekvloed / één woord, in proces") == "gehaald", "30 ≤ 2 × 20 ms"
    assert verdict(rows, "Zoekvloed (2.000 woorden), 4 clients") == "gehaald", "150 ≤ 2 × 100"
    assert verdict(rows, "Zoekvloed (2.000 woorden): queries") == "gehaald"
    table = render_table(run, rows, markdown=False)
    assert "1.50 (30.0 / 20.0 ms)" in table
    assert "40 req/s · p95 150 ms · 0 fouten · p95 1.50× die van één woord" in table


def test_a_flood_slower_than_twice_a_normal_search_or_with_errors_is_not_gehaald():
    rows = verdict_rows(bounded_run(flood_p95=41.0))
    assert verdict(rows, "Zoekvloed / één woord, in proces") == "niet gehaald", "41 > 40 ms"

    slow = verdict_rows(bounded_run(flood_load=STEP | {"p95_ms": 201.0}))
    assert verdict(slow, "Zoekvloed (2.000 woorden), 4 clients") == "niet gehaald"

    refused = verdict_rows(bounded_run(flood_load=STEP | {"errors": 3}))
    assert verdict(refused, "Zoekvloed (2.000 woorden), 4 clients") == "niet gehaald"


def test_dossiers_from_the_cache_must_outrun_rendering_tenfold():
    run = bounded_run()
    rows = verdict_rows(run)
    assert verdict(rows, "Openbaar dossier, steeds een ander") == "gehaald"
    assert verdict(rows, "Openbaar dossier, dezelfde tien herhaald") == "gehaald", "60 / 2.1"
    table = render_table(run, rows, markdown=False)
    assert "2.1 pdf/s · p95 1900 ms · 0 fouten" in table
    assert "60 pdf/s · p95 90 ms · 0 fouten · 29× die van steeds een ander" in table

    uncached = verdict_rows(bounded_run(repeated=STEP | {"rps": 2.5}))
    assert verdict(uncached, "Openbaar dossier, dezelfde tien herhaald") == "niet gehaald"


def test_a_reduced_run_shows_only_its_own_rows():
    run = bounded_run()
    run["parts"] = ["search", "dossier"]
    for key in page_keys({"pages"}):
        del run["backends"]["sqlite"]["pages"][key]
    rows = verdict_rows(run)
    labels = [row["meting"] for row in rows]
    assert not [label for label in labels if label.startswith(("Kadernota", "Belasting"))]
    assert any(label.startswith("Zoekvloed (2.000 woorden), 4 clients") for label in labels)
    assert any(label.startswith("Openbaar dossier, dezelfde tien") for label in labels)
    assert "Doelen niet gehaald: 0; niet gemeten: 0." in render_table(run, rows, markdown=False)


def test_a_run_saved_before_the_bounded_rows_reads_as_it_did():
    run = run_with()
    labels = [row["meting"] for row in verdict_rows(run)]
    assert not [label for label in labels if "Zoekvloed" in label or "dossier" in label]
    assert any(label.startswith("Belasting, 10 clients") for label in labels)
