"""The four year documents at two register sizes: CPU seconds per page and peak memory.

Part `yearpdf` of `make bench` (bench.run), or on its own:
    python -m bench.year_pdfs [--sizes 300,5000] [--documents kadernota,jaarrekening]
Each document renders in a fresh process (`--probe`), through `render_year_document` as the
views and `export_pdf` do, tagged (PDF/UA-1), so that the peak is that one document's. The
targets: CPU per page at the large register at most 1.2× that at the small one (a page costs
the same however long the document), and a peak of at most 500 MB for every document.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

BASE = Path(__file__).resolve().parent.parent
DB_FOLDER = BASE / "bench-results" / "db"
DOCUMENTS = ("kadernota", "jaarrekening", "lange-termijn-agenda", "verbonden-partijen")
SIZES = (300, 5000)
PER_PAGE_RATIO = 1.2
PEAK_MB = 500.0
PROBE_TIMEOUT = 1800


def database_url(size: int) -> str:
    return f"sqlite:///{DB_FOLDER / f'yearpdf_{size}.sqlite3'}"


def _environment(url: str) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "PYTHONPATH": str(BASE),
    }


def collect_static() -> None:
    """The print stylesheet is read through the manifest, as in production."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env=_environment(database_url(SIZES[0])),
        check=True,
        capture_output=True,
    )


def seed(size: int) -> None:
    """A SQLite register of `size` (seed_bulk --seed 42), once: kept for later runs."""
    path = DB_FOLDER / f"yearpdf_{size}.sqlite3"
    if path.exists():
        return
    DB_FOLDER.mkdir(parents=True, exist_ok=True)
    for args in (["migrate", "--noinput", "-v0"], ["seed_bulk", "--partnerships", str(size)]):
        if args[0] == "seed_bulk":
            args += ["--seed", "42"]
        subprocess.run(  # noqa: S603 (fixed argv, no shell)
            [sys.executable, "manage.py", *args],
            cwd=BASE,
            env=_environment(database_url(size)),
            check=True,
            capture_output=True,
        )


def probe(slug: str, year: int) -> dict[str, Any]:
    """In this (fresh) process: render one document and measure it."""
    import django

    django.setup()
    from pypdf import PdfReader

    from partnerships.models import Partnership
    from reports.documents import render_year_document

    register = Partnership.objects.count()
    start, cpu_start = time.perf_counter(), time.process_time()
    rendered = render_year_document(slug, year)
    cpu = time.process_time() - cpu_start
    seconds = time.perf_counter() - start
    import io

    pages = len(PdfReader(io.BytesIO(rendered.content)).pages)
    return {
        "document": slug,
        "register": register,
        "pages": pages,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "cpu_per_page": round(cpu / pages, 4),
        # Linux reports ru_maxrss in KiB: the peak of this whole process, Django included.
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "size_kb": round(len(rendered.content) / 1024),
    }


def run_probe(slug: str, size: int, year: int) -> dict[str, Any]:
    try:
        done = subprocess.run(  # noqa: S603 (fixed argv, no shell)
            [sys.executable, "-m", "bench.year_pdfs", "--probe", slug, "--year", str(year)],
            cwd=BASE,
            env=_environment(database_url(size)),
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"missing": f"niet gemeten (langer dan {PROBE_TIMEOUT} s)"}
    if done.returncode != 0:
        return {"missing": f"niet gemeten ({done.stderr.strip()[-160:]})"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(
    sizes: tuple[int, ...] = SIZES, documents: tuple[str, ...] = DOCUMENTS, jobs: int = 1
) -> dict[str, Any]:
    """{document: {size: probe result}}, every document at every size, on SQLite.

    `jobs` > 1 runs that many probes at once: shorter, but each CPU figure then includes
    some contention for the caches, so the default is one at a time.
    """
    year = date.today().year
    collect_static()
    for size in sizes:
        seed(size)
    todo = [(slug, size) for slug in documents for size in sizes]

    def one(item: tuple[str, int]) -> dict[str, Any]:
        print(f"[year_pdfs] {item[0]} bij {item[1]}", file=sys.stderr, flush=True)
        return run_probe(item[0], item[1], year)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        done = list(pool.map(one, todo))
    results: dict[str, Any] = {slug: {} for slug in documents}
    for (slug, size), result in zip(todo, done, strict=True):
        results[slug][str(size)] = result
    return results


def _nl(number: int) -> str:
    """Dutch thousands separator: 5.000."""
    return f"{number:,}".replace(",", ".")


def verdict_rows(measured: dict[str, Any]) -> list[dict[str, str]]:
    """Per document and size: CPU per page and peak; per document the ratio of CPU per page."""
    rows = []
    for slug, by_size in measured.items():
        sizes = sorted(by_size, key=int)
        for size in sizes:
            r = by_size[size]
            if "missing" in r:
                rows.append({"meting": f"{slug} {size}", "waarde": r["missing"], "oordeel": "-"})
                continue
            ok = r["peak_mb"] <= PEAK_MB
            rows.append(
                {
                    "meting": f"{slug}, register van {_nl(int(size))}",
                    "waarde": (
                        f"{r['pages']} p. · cpu {r['cpu_seconds']:.1f} s · "
                        f"{r['cpu_per_page'] * 1000:.0f} ms per pagina · piek {r['peak_mb']:.0f} MB"
                    ),
                    "doel": f"piek ≤ {PEAK_MB:.0f} MB",
                    "oordeel": "gehaald" if ok else "niet gehaald",
                }
            )
        small, large = by_size[sizes[0]], by_size[sizes[-1]]
        if len(sizes) > 1 and "missing" not in small and "missing" not in large:
            ratio = large["cpu_per_page"] / small["cpu_per_page"]
            rows.append(
                {
                    "meting": f"{slug}, cpu per pagina {sizes[-1]} / {sizes[0]}",
                    "waarde": f"{ratio:.2f}×",
                    "doel": f"≤ {PER_PAGE_RATIO}×",
                    "oordeel": "gehaald" if ratio <= PER_PAGE_RATIO else "niet gehaald",
                }
            )
    return rows


def render_rows(rows: list[dict[str, str]]) -> str:
    header = {"meting": "Meting", "waarde": "Waarde", "doel": "Doel", "oordeel": "Oordeel"}
    lines = [header, *rows]
    widths = {k: max(len(row.get(k, "")) for row in lines) for k in header}
    return "\n".join(
        "  ".join(row.get(k, "").ljust(widths[k]) for k in header).rstrip() for row in lines
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Jaardocumenten: cpu per pagina en piek.")
    parser.add_argument("--probe", choices=DOCUMENTS, help=argparse.SUPPRESS)
    parser.add_argument("--year", type=int, default=date.today().year)
    parser.add_argument(
        "--sizes", type=lambda v: tuple(int(s) for s in v.split(",")), default=SIZES
    )
    parser.add_argument("--documents", type=lambda v: tuple(v.split(",")), default=DOCUMENTS)
    parser.add_argument("--jobs", type=int, default=1, help="zoveel documenten tegelijk")
    parser.add_argument("--out", type=Path, default=BASE / "bench-results" / "year_pdfs.json")
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe, args.year)))
        return
    measured = measure(args.sizes, args.documents, args.jobs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(measured, indent=2))
    print(render_rows(verdict_rows(measured)))


if __name__ == "__main__":
    main()
