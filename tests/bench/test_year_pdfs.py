"""The year documents' rows of the benchmark: CPU per page against the small register, peak."""

from bench.year_pdfs import render_rows, verdict_rows


def probe(pages: int, cpu: float, peak: float) -> dict:
    return {"pages": pages, "cpu_seconds": cpu, "cpu_per_page": cpu / pages, "peak_mb": peak}


def by_label(rows: list[dict]) -> dict[str, str]:
    return {row["meting"]: row["oordeel"] for row in rows}


def test_a_page_that_costs_as_much_in_a_long_document_and_a_small_peak_are_gehaald():
    rows = verdict_rows({"kadernota": {"300": probe(50, 5.0, 130), "5000": probe(700, 80.0, 450)}})
    verdicts = by_label(rows)
    assert verdicts["kadernota, register van 300"] == "gehaald"
    assert verdicts["kadernota, register van 5.000"] == "gehaald"
    assert verdicts["kadernota, cpu per pagina 5000 / 300"] == "gehaald", "0.114 / 0.100"
    table = render_rows(rows)
    assert "1.14×" in table
    assert "700 p. · cpu 80.0 s · 114 ms per pagina · piek 450 MB" in table


def test_a_page_that_costs_more_in_a_long_document_or_a_large_peak_is_not_gehaald():
    rows = verdict_rows(
        {"jaarrekening": {"300": probe(100, 10.0, 150), "5000": probe(1500, 270.0, 3100)}}
    )
    verdicts = by_label(rows)
    assert verdicts["jaarrekening, register van 5.000"] == "niet gehaald", "3,100 > 500 MB"
    assert verdicts["jaarrekening, cpu per pagina 5000 / 300"] == "niet gehaald", "1.8×"


def test_a_document_that_failed_says_so():
    rows = verdict_rows({"kadernota": {"300": {"missing": "niet gemeten (kapot)"}}})
    assert render_rows(rows).splitlines()[1].startswith("kadernota 300  niet gemeten (kapot)")
