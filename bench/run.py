"""`make bench`: the national-scale benchmark on SQLite and, where reachable, PostgreSQL.

For each database: migrate once into a template, copy it for datasets of 5,000 (the register
measured) and 50, 300, 1,000 and 20,000 partnerships (the kadernota PDFs, the check that query
counts do not grow with rows, the pages and downloads at scale), fill each with seed_bulk
--seed 42, then measure: in-process render times and queries (bench.inprocess), each PDF in a
fresh process (bench.pdf_probe) and a bounded load test against gunicorn on 127.0.0.1
(bench.load).
Prints one table with every figure against its target; writes it as JSON to bench-results/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import load, year_pdfs
from .import_part import IMPORT_ROWS, measure_import
from .report import (
    LARGE_PAGES,
    PARTS,
    PDF_REPEATED_SIZE,
    page_keys,
    render_table,
    verdict_rows,
)

BASE = Path(__file__).resolve().parent.parent
RESULTS = BASE / "bench-results"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
MAIN_SIZE = 5000
PDF_SIZES = (50, 300, 1000)
PDF_COLD_RUNS = 3
PDF_REPEATS = 10
SMALL_SIZE = 50  # query counts here must equal those at 5,000
# The import starts from an empty register of its own.
IMPORT_DATABASE = 0
EXPORT_SIZES = (5000, 20000)  # the whole-register downloads (bench.exports)
# The pages again in the register of 20,000 (the one the downloads use): within 2x of 5,000.
LARGE_SIZE = EXPORT_SIZES[-1]
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
# The bounded steps of the load test (search flood, public dossiers): a few clients, short.
BOUNDED_CLIENTS = 4
BOUNDED_SECONDS = 20
# Anonymous clients downloading open data and dossiers next to the normal mix of 4 clients.
MIXED_DOWNLOADERS = 2
# The normal mix alone and with the downloaders, in turns: a slice of the step's time each.
MIXED_TURNS = 3


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


@dataclass
class Backend:
    """One database engine and how to make a fresh database of it."""

    name: str
    label: str

    def url(self, size: int | str) -> str:
        if self.name == "sqlite":
            return f"sqlite:///{RESULTS / 'db' / f'bench_{size}.sqlite3'}"
        return f"{PG_ADMIN_URL}/bench" + ("" if size == MAIN_SIZE else f"_{size}")

    def prepare_template(self) -> None:
        if self.name == "sqlite":
            (RESULTS / "db").mkdir(parents=True, exist_ok=True)
            for path in (RESULTS / "db").glob("bench_*"):
                path.unlink()
        else:
            self._pg(["bench_template"], template=None)
        manage(["migrate", "--noinput", "-v0"], self.url("template"))

    def copy_template(self, size: int) -> None:
        if self.name == "sqlite":
            shutil.copy(RESULTS / "db" / "bench_template.sqlite3", self.url(size)[10:])
        else:
            self._pg([self.url(size).rsplit("/", 1)[1]], template="bench_template")

    def analyze(self, size: int) -> None:
        """Planner statistics after seeding: autovacuum may be off or not have run yet."""
        if self.name == "sqlite":
            return
        import psycopg2

        connection = psycopg2.connect(self.url(size))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        connection.close()

    def _pg(self, names: list[str], template: str | None) -> None:
        import psycopg2

        connection = psycopg2.connect(f"{PG_ADMIN_URL}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            for name in names:
                # Only the benchmark's own databases, all named bench*, are dropped.
                assert name.startswith("bench")
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                suffix = f' TEMPLATE "{template}"' if template else ""
                cursor.execute(f'CREATE DATABASE "{name}"{suffix}')
        connection.close()


def postgres_reachable() -> bool:
    try:
        import psycopg2

        psycopg2.connect(f"{PG_ADMIN_URL}/postgres", connect_timeout=3).close()
    except Exception as error:
        log(f"PostgreSQL niet bereikbaar ({type(error).__name__}): alleen SQLite.")
        return False
    return True


def environment(database_url: str) -> dict[str, str]:
    return os.environ | {"DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": database_url}


def manage(args: list[str], database_url: str) -> str:
    done = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [PYTHON, "manage.py", *args],
        cwd=BASE,
        env=environment(database_url),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def python_module(module: str, args: list[str], database_url: str, timeout: float = 600) -> str:
    done = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [PYTHON, "-m", module, *args],
        cwd=BASE,
        env=environment(database_url),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} faalde:\n{done.stderr[-3000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def load_test(
    database_url: str,
    urls: dict[str, list[str]],
    seconds: float,
    parts: set[str],
    downloaders: int = MIXED_DOWNLOADERS,
) -> dict[str, Any]:
    """gunicorn with 3 sync workers on loopback; stopped by its pid. The normal mix with 4
    clients, then with anonymous downloaders next to it, then with 10; then the bounded steps
    with a few anonymous clients: one-word searches and floods of 2,000 words, public
    dossiers each asked once and a few asked again."""
    port = free_port()
    command = [GUNICORN, "samenwerkingswijzer.wsgi", "-w", "3", "-b", f"127.0.0.1:{port}"]
    # A flood of 2,000 words is a URL of ~20 KB. gunicorn and nginx refuse a request line
    # over 4 or 8 KB with a 414 before Django sees it; here it is let through, so the flood
    # meets the search itself, as behind a proxy that allows long URLs.
    command += ["--limit-request-line", "0"]
    server = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
        [*command, "--timeout", "30", "--log-level", "warning"],
        cwd=BASE,
        env=environment(database_url),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if load.get(port, "/health/", timeout=2) == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("gunicorn start niet")
            time.sleep(0.3)
        # Warm every worker: templates compiled, connections open.
        for url in [*urls["overview"][:5], *urls["filtered"], *urls["detail"][:10]] * 3:
            load.get(port, url)
        results: dict[str, Any] = {}
        if "load" in parts:
            results["4"] = load.run(port, urls, 4, seconds)
            # Right after the normal mix alone, so both see the machine as alike as can be.
            results["with_downloads"] = mixed_step(port, urls, seconds, downloaders)
            results["10"] = load.run(port, urls, 10, seconds)
        bounded = min(seconds, BOUNDED_SECONDS)
        if "search" in parts:
            for url in [*urls["search"], *urls["flood"]] * 3:
                load.get(port, url)
            for kind in ("search", "flood"):
                pick = load.only(kind, urls)
                results[kind] = load.run(port, urls, BOUNDED_CLIENTS, bounded, pick=pick)
        if "dossier" in parts:
            # Renders the few that are asked again (into the cache) and warms WeasyPrint.
            for url in urls["dossier_repeated"]:
                load.get(port, url, timeout=30)
            for kind, pick in (
                ("dossier_distinct", load.each_once(urls["dossier_distinct"])),
                ("dossier_repeated", load.only("dossier_repeated", urls)),
            ):
                results[kind] = load.run(port, urls, BOUNDED_CLIENTS, bounded, pick=pick)
        return results
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def mixed_step(
    port: int, urls: dict[str, list[str]], seconds: float, downloaders: int
) -> dict[str, Any]:
    """The normal mix with its 4 clients, alone and with anonymous clients downloading the
    open data files and public dossiers next to it, in turns (MIXED_TURNS each). Both kinds of
    download are served from the cache once made (per data version), as in production where
    the register changes a few times a day: each is asked once before, so the step measures
    serving them, not the first render."""
    for url in [*urls["open_data"], *urls["dossier_repeated"]]:
        load.get(port, url, timeout=60)
    alone: load.Groups = {"alone": (4, load.normal(urls))}
    mixed: load.Groups = {
        "normal": (4, load.normal(urls)),
        "downloads": (downloaders, load.downloads(urls)),
    }
    return load.alternate(port, [alone, mixed], seconds, MIXED_TURNS)


def measure_pdf(url: str, *, repeats: int) -> dict[str, Any]:
    """The kadernota in PDF_COLD_RUNS fresh processes, reported by the run with the median
    time, so that one slow moment of a shared machine does not decide the verdict. The first
    run then renders the document `repeats` more times in its own process, for the memory
    over repeated renders."""
    year = str(date.today().year)
    runs = []
    for run_repeats in (repeats, *[0] * (PDF_COLD_RUNS - 1)):
        output = python_module(
            "bench.pdf_probe", ["--year", year, "--repeats", str(run_repeats)], url
        )
        run = json.loads(output.strip().splitlines()[-1])
        if "missing" in run:
            return dict(run)
        runs.append(run)
    median = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    result = runs[0] | {key: median[key] for key in ("seconds", "cpu_seconds")}
    result["cold_seconds"] = [run["seconds"] for run in runs]
    result["peak_mb"] = max(run["peak_mb"] for run in runs)
    return result


def measure_backend(backend: Backend, args: argparse.Namespace) -> dict[str, Any]:
    parts = set(args.parts)
    pages = page_keys(parts)
    sizes = {args.partnerships}
    if pages:
        sizes.add(SMALL_SIZE)
    if "pages" in parts:
        sizes.add(LARGE_SIZE)
    if "pdf" in parts:
        sizes.update(PDF_SIZES)
    if "exports" in parts:
        sizes.update(EXPORT_SIZES)
    result: dict[str, Any] = {"label": backend.label, "seed": {}}
    log(f"{backend.label}: migreren")
    backend.prepare_template()
    for size in sorted(sizes):
        backend.copy_template(size)
        start = time.perf_counter()
        manage(["seed_bulk", "--partnerships", str(size), "--seed", "42"], backend.url(size))
        backend.analyze(size)
        result["seed"][str(size)] = round(time.perf_counter() - start, 1)
        log(f"{backend.label}: {size} samenwerkingsverbanden in {result['seed'][str(size)]} s")

    result["exports"] = {}
    for size in EXPORT_SIZES if "exports" in parts else ():
        log(f"{backend.label}: downloads van het hele register bij {size}")
        out = RESULTS / f"exports_{backend.name}_{size}.json"
        # Longer than the rest: the XLSX of 20,000 alone takes minutes on a busy machine.
        python_module("bench.exports", ["--out", str(out)], backend.url(size), timeout=1800)
        result["exports"][str(size)] = json.loads(out.read_text())

    out = RESULTS / f"inprocess_{backend.name}.json"
    log(f"{backend.label}: pagina's in proces meten")
    only = ["--pages", ",".join(pages)]
    python_module(
        "bench.inprocess",
        ["--iterations", str(args.iterations), "--out", str(out), *only],
        backend.url(args.partnerships),
    )
    main = json.loads(out.read_text())
    if pages:
        python_module(
            "bench.inprocess",
            ["--iterations", "3", "--out", str(out), *only],
            backend.url(SMALL_SIZE),
        )
        small = json.loads(out.read_text())
        for key, page in main["pages"].items():
            page["queries_small"] = small["pages"][key].get("queries")
    result["pages"] = main["pages"]
    result["published"] = main["published"]
    if "pages" in parts:
        log(f"{backend.label}: pagina's in proces meten bij {LARGE_SIZE}")
        python_module(
            "bench.inprocess",
            [
                *("--iterations", str(args.iterations), "--out", str(out)),
                *("--pages", ",".join(LARGE_PAGES)),
            ],
            backend.url(LARGE_SIZE),
        )
        large = json.loads(out.read_text())
        result["pages_large"] = {"partnerships": large["partnerships"], "pages": large["pages"]}

    result["pdf"] = {}
    if "pdf" in parts and not args.pdf_everywhere and backend.name != "sqlite":
        # WeasyPrint dominates a PDF (research 1.4): one engine keeps the run under 15 min.
        result["pdf"] = {str(size): {"missing": "alleen op SQLite gemeten"} for size in PDF_SIZES}
    for size in PDF_SIZES if "pdf" in parts and not result["pdf"] else ():
        log(f"{backend.label}: kadernota-pdf bij {size}")
        try:
            repeats = PDF_REPEATS if size == PDF_REPEATED_SIZE else 0
            result["pdf"][str(size)] = measure_pdf(backend.url(size), repeats=repeats)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            result["pdf"][str(size)] = {"missing": f"niet gemeten ({str(error)[-160:]})"}

    if "import" in parts:
        log(f"{backend.label}: register inlezen ({IMPORT_ROWS} rijen)")
        backend.copy_template(IMPORT_DATABASE)
        result["import"] = measure_import(backend.url(IMPORT_DATABASE), python_module)

    result["load"] = {}
    if parts & {"load", "search", "dossier"}:
        log(f"{backend.label}: belastingstest ({args.load_seconds:.0f} s per stap)")
        result["load"] = load_test(
            backend.url(args.partnerships),
            main["load_urls"],
            args.load_seconds,
            parts,
            args.downloaders,
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Benchmark op landelijke schaal (bench/README.md)."
    )
    parser.add_argument("--partnerships", type=int, default=MAIN_SIZE)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--load-seconds", type=float, default=30)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--pdf-everywhere", action="store_true", help="pdf's ook op PostgreSQL")
    parser.add_argument(
        "--downloaders",
        type=int,
        default=MIXED_DOWNLOADERS,
        help="anonieme clients met downloads naast de gewone mix",
    )
    parser.add_argument(
        "--parts",
        type=lambda value: value.split(","),
        default=list(PARTS),
        help=f"alleen deze delen, met komma's: {','.join(PARTS)} (standaard: alles)",
    )
    args = parser.parse_args()
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"onbekende delen: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    RESULTS.mkdir(exist_ok=True)
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) / 2:
        log(f"let op: de machine is al bezig (load {load_before:.1f}); tijden vallen hoger uit")

    backends = [Backend("sqlite", "SQLite")]
    if postgres_reachable():
        backends.append(Backend("postgresql", "PostgreSQL"))
    backends = [b for b in backends if args.only in (None, b.name)]

    log("statische bestanden verzamelen (manifest, zoals in productie)")
    manage(["collectstatic", "--noinput", "-v0"], backends[0].url("template"))
    # The year documents have their own registers and table; alone they need no backends.
    measured = set(args.parts) - {"yearpdf"}
    results = {b.name: measure_backend(b, args) for b in backends} if measured else {}
    if "yearpdf" in args.parts:
        log("jaardocumenten bij 300 en 5.000 (elk in een nieuw proces)")
        year_documents = year_pdfs.measure()
    run = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_before": round(load_before, 1),
            "load_after": round(os.getloadavg()[0], 1),
        },
        "partnerships": args.partnerships,
        "iterations": args.iterations,
        "load_seconds": args.load_seconds,
        "bounded_seconds": min(args.load_seconds, BOUNDED_SECONDS),
        "bounded_clients": BOUNDED_CLIENTS,
        "mixed_downloaders": args.downloaders,
        "large_size": LARGE_SIZE,
        "parts": [part for part in PARTS if part in args.parts],
        "backends": results,
        "duration_s": round(time.perf_counter() - started),
    }
    rows = verdict_rows(run)
    run["table"] = rows
    year_table = ""
    if "yearpdf" in args.parts:
        run["year_pdfs"] = year_documents
        year_table = "\n" + year_pdfs.render_rows(year_pdfs.verdict_rows(year_documents)) + "\n"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(run, indent=2, ensure_ascii=False))
    (RESULTS / "latest.md").write_text(render_table(run, rows, markdown=True) + year_table)
    print(render_table(run, rows, markdown=False) + year_table)
    log(f"klaar in {run['duration_s']} s; cijfers in {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
