"""The one table of `make bench`: every figure next to its target, marked gehaald or not."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

GEHAALD, NIET_GEHAALD, NIET_GEMETEN = "gehaald", "niet gehaald", "niet gemeten"

# key, label, p95 limit (ms), query limit; targets of issue 8 (2 cores, 5,000 partnerships).
# The issue's "partnership page <= 8 queries" is the public page (issue 5 sets the same budget);
# the internal page, with every part and its latest changes, has a budget of its own.
PAGES: tuple[tuple[str, str, float | None, int | None], ...] = (
    ("overview", "Openbaar overzicht", 40, 6),
    ("internal_table", "Interne tabel", None, 12),
    ("partnership_page", "Samenwerkingsverband (intern, eigen budget)", None, 15),
    ("public_partnership_page", "Samenwerkingsverband (openbaar)", None, 8),
    ("dashboard", "Dashboard", None, None),
    ("evaluation_agenda", "Evaluatieagenda", None, None),
    ("admin_changelist", "Django admin, lijst Partnership", None, None),
    ("floor", "Kale vloer (zelfde 50 rijen)", None, None),
)
# size, seconds limit, peak MB limit
PDF_TARGETS: tuple[tuple[int, float | None, float | None], ...] = (
    (50, None, None),
    (300, 5, 300),
    (1000, 15, 500),
)
# Repeated renders in one process must not grow memory: the trend after the first warm render.
PDF_REPEATED_SIZE, PDF_GROWTH_MB_PER_RENDER = 300, 0.1
# clients, p95 limit (ms), minimum requests per second
LOAD_TARGETS: tuple[tuple[int, float, float | None], ...] = ((4, 150, 50), (10, 400, None))


def _nl(number: int) -> str:
    """Dutch thousands separator: 5.000."""
    return f"{number:,}".replace(",", ".")


def _judge(ok: bool | None) -> str:
    if ok is None:
        return NIET_GEMETEN
    return GEHAALD if ok else NIET_GEHAALD


def _row(
    run: dict[str, Any],
    label: str,
    target: str,
    cell: Callable[[dict[str, Any]], tuple[str, bool | None]],
) -> dict[str, Any]:
    values, verdicts = {}, {}
    for name, backend in run["backends"].items():
        text, ok = cell(backend)
        values[name] = text
        skipped = target == "—" or text.startswith("alleen op")
        verdicts[name] = "" if skipped else _judge(ok)
    return {"meting": label, "values": values, "doel": target, "oordeel": verdicts}


def _page_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    big, small = _nl(run["partnerships"]), "50"
    for key, label, p95_limit, query_limit in PAGES:

        def timing(b: dict[str, Any], key: str = key, limit: float | None = p95_limit) -> Any:
            page = b["pages"][key]
            if "missing" in page:
                return page["missing"], None
            text = f"{page['median_ms']:.1f} / {page['p95_ms']:.1f} ms"
            if "cpu_median_ms" in page:  # runs saved before the CPU column lack it
                text += f" (cpu {page['cpu_median_ms']:.1f})"
            return text, None if limit is None else page["p95_ms"] <= limit

        def queries(b: dict[str, Any], key: str = key, limit: int | None = query_limit) -> Any:
            page = b["pages"][key]
            if "missing" in page:
                return page["missing"], None
            text = f"{page['queries']} / {page['queries_small']}"
            if limit is None:
                return text, None
            return text, page["queries"] <= limit and page["queries"] == page["queries_small"]

        p95_target = f"p95 ≤ {p95_limit:.0f} ms" if p95_limit else "—"
        query_target = f"≤ {query_limit}, gelijk bij {small} en {big}" if query_limit else "—"
        rows.append(_row(run, f"{label}: mediaan / p95", p95_target, timing))
        rows.append(
            _row(run, f"{label}: queries per verzoek ({big} / {small})", query_target, queries)
        )
    return rows


def _ratio(b: dict[str, Any], top: str, bottom: str, limit: float, strict: bool) -> Any:
    a, z = b["pages"][top], b["pages"][bottom]
    if "missing" in a or "missing" in z:
        return "niet gemeten (pagina ontbreekt)", None
    ratio = a["median_ms"] / z["median_ms"]
    return f"{ratio:.2f}", ratio < limit if strict else ratio <= limit


def _pdf(b: dict[str, Any], size: int, seconds: float | None, mb: float | None) -> Any:
    pdf = b["pdf"].get(str(size), {"missing": NIET_GEMETEN})
    if "missing" in pdf:
        return pdf["missing"], None
    cpu = f" (cpu {pdf['cpu_seconds']:.1f})" if "cpu_seconds" in pdf else ""
    text = f"{pdf['seconds']:.1f} s{cpu} · {pdf['peak_mb']:.0f} MB"
    text += f" · {pdf['pages']} p."
    if len(pdf.get("cold_seconds", [])) > 1:
        text += f" (mediaan van {' / '.join(f'{s:.1f}' for s in pdf['cold_seconds'])} s)"
    if seconds is None or mb is None:
        return text, None
    return text, pdf["seconds"] <= seconds and pdf["peak_mb"] <= mb


def _pdf_repeated(b: dict[str, Any], size: int) -> Any:
    pdf = b["pdf"].get(str(size), {"missing": NIET_GEMETEN})
    if "missing" in pdf:
        return pdf["missing"], None
    slope = pdf.get("growth_mb_per_render")
    if slope is None:
        return NIET_GEMETEN, None
    resident = pdf["resident_mb"]
    text = (
        f"{len(resident)}× {pdf['warm_seconds']:.1f} s (mediaan) · "
        f"{min(resident):.0f}–{max(resident):.0f} MB · {slope:+.2f} MB per render"
    )
    return text, slope <= PDF_GROWTH_MB_PER_RENDER


def _load(b: dict[str, Any], clients: int, p95: float, rps: float | None) -> Any:
    load = b["load"].get(str(clients))
    if not load or load["p95_ms"] is None:
        return NIET_GEMETEN, None
    text = f"{load['rps']:.0f} req/s · p95 {load['p95_ms']:.0f} ms · {load['errors']} fouten"
    ok = load["errors"] == 0 and load["p95_ms"] <= p95 and (rps is None or load["rps"] >= rps)
    return text, ok


def verdict_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    rows = _page_rows(run)
    rows.append(
        _row(
            run,
            "Interne tabel / Django admin (mediaan)",
            "< 1.0",
            lambda b: _ratio(b, "internal_table", "admin_changelist", 1.0, strict=True),
        )
    )
    rows.append(
        _row(
            run,
            "Openbaar overzicht / kale vloer (mediaan)",
            "≤ 2.0",
            lambda b: _ratio(b, "overview", "floor", 2.0, strict=False),
        )
    )
    for size, seconds, mb in PDF_TARGETS:
        target = f"≤ {seconds:.0f} s en ≤ {mb:.0f} MB" if seconds and mb else "—"
        rows.append(
            _row(
                run,
                f"Kadernota-pdf, register van {_nl(size)}",
                target,
                partial(_pdf, size=size, seconds=seconds, mb=mb),
            )
        )
    rows.append(
        _row(
            run,
            f"Kadernota-pdf {_nl(PDF_REPEATED_SIZE)}, herhaald in één proces (geheugen na elke)",
            f"groeit niet (≤ {PDF_GROWTH_MB_PER_RENDER:.1f} MB per render)",
            partial(_pdf_repeated, size=PDF_REPEATED_SIZE),
        )
    )
    for clients, p95, rps in LOAD_TARGETS:
        target = f"0 fouten, p95 ≤ {p95:.0f} ms" + (f", ≥ {rps:.0f} req/s" if rps else "")
        rows.append(
            _row(
                run,
                f"Belasting, {clients} clients, {run['load_seconds']:.0f} s",
                target,
                partial(_load, clients=clients, p95=p95, rps=rps),
            )
        )
    return rows


def render_table(run: dict[str, Any], rows: list[dict[str, Any]], markdown: bool) -> str:
    names = list(run["backends"])
    labels = [run["backends"][n]["label"] for n in names]
    header = ["Meting", *labels, "Doel", *[f"Oordeel {label}" for label in labels]]
    body = [
        [
            r["meting"],
            *(r["values"][n] for n in names),
            r["doel"],
            *(r["oordeel"][n] for n in names),
        ]
        for r in rows
    ]
    title = (
        f"Samenwerkingswijzer benchmark {run['date']}: {_nl(run['partnerships'])} "
        f"samenwerkingsverbanden, {run['machine']['cpus']} cores, "
        f"{run['iterations']} metingen per pagina (warm, DEBUG uit), "
        f"load vooraf {run['machine'].get('load_before', '?')}"
    )
    if markdown:
        lines = [f"**{title}**", "", "| " + " | ".join(header) + " |"]
        lines.append("|" + "---|" * len(header))
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines) + "\n"
    widths = [max(len(str(cells[i])) for cells in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    missed = sum(v == NIET_GEHAALD for r in rows for v in r["oordeel"].values())
    unmeasured = sum(v == NIET_GEMETEN for r in rows for v in r["oordeel"].values())
    summary = f"Doelen niet gehaald: {missed}; niet gemeten: {unmeasured}."
    return "\n".join([title, "", line(header), rule, *map(line, body), rule, summary]) + "\n"


def main() -> None:
    """Print the table again from a saved run: python -m bench.report bench-results/latest.json"""
    import json
    import sys
    from pathlib import Path

    run = json.loads(Path(sys.argv[1]).read_text())
    rows = verdict_rows(run)
    print(render_table(run, rows, markdown="--markdown" in sys.argv))


if __name__ == "__main__":
    main()
