"""The benchmark rows of the whole-register downloads: time against the floor, peak memory."""

from bench.report import render_table, verdict_rows

from .test_report import run_with, verdict

MADE = {"seconds": 1.5, "peak_mb": 20.0, "mb": 12.0}
FLOOR = {"seconds": 1.0, "peak_mb": 2.0, "mb": 3.0}
CACHED = {
    "open_data_csv": {"seconds": 0.030},
    "open_data_csv_304": {"seconds": 0.004, "status": 304},
    "open_data_json": {"seconds": 0.050},
    "open_data_json_304": {"seconds": 0.004, "status": 304},
    "floor_50": {"seconds": 0.020},
}


def exports_run(**at_20000):
    outputs = {}
    for key in ("open_data_csv", "open_data_json", "agenda_csv"):
        outputs[key] = MADE
        outputs[f"{key}_floor"] = FLOOR
    big = outputs | at_20000
    run = run_with()
    run["parts"] = ["exports"]
    run["backends"]["sqlite"]["exports"] = {
        "5000": {"outputs": outputs, "cached": CACHED},
        "20000": {"outputs": big, "cached": CACHED},
    }
    return run


def test_downloads_within_twice_the_floor_are_gehaald():
    run = exports_run()
    rows = verdict_rows(run)
    assert verdict(rows, "Open data CSV (anoniem, nieuw gemaakt), 20.000") == "gehaald"
    assert verdict(rows, "Evaluatieagenda CSV, 5.000") == "gehaald"
    assert "1.50 s · piek 20 MB · 12 MB groot · 1.50× de vloer" in render_table(run, rows, False)


def test_peak_memory_counts_at_20000_and_time_at_every_size():
    heavy = verdict_rows(exports_run(open_data_json=MADE | {"peak_mb": 60.0}))
    assert verdict(heavy, "Open data JSON (anoniem, nieuw gemaakt), 20.000") == "niet gehaald"
    assert verdict(heavy, "Open data JSON (anoniem, nieuw gemaakt), 5.000") == "gehaald"

    slow = verdict_rows(exports_run(agenda_csv=MADE | {"seconds": 2.1}))
    assert verdict(slow, "Evaluatieagenda CSV, 20.000") == "niet gehaald", "2.1 > 2 × 1.0 s"


def test_the_cached_open_data_is_judged_against_the_floor_of_50_rows():
    rows = verdict_rows(exports_run())
    assert verdict(rows, "Open data CSV uit de cache, 5.000") == "gehaald", "30 ≤ 2 × 20 ms"
    assert verdict(rows, "Open data JSON uit de cache, 5.000") == "niet gehaald", "50 > 40 ms"
