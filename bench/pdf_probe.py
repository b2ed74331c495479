"""The kadernota PDF in a fresh process: seconds, peak memory, and memory over repeated renders.

Run by bench.run, once per size and run, so that each cold figure starts from a clean
interpreter:
    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.pdf_probe --year Y
The first render goes through `manage.py export_pdf`, as a scheduled job would, and pays for
importing WeasyPrint and setting up the fonts. `--repeats N` then renders the same document N
more times in this process, as a web worker does, and reads the resident memory after each.
Prints one JSON object.
"""

import argparse
import contextlib
import ctypes
import gc
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402

from partnerships.models import Partnership  # noqa: E402
from reports.documents import render_year_document  # noqa: E402


def resident_mb() -> float:
    """Resident memory now (not the peak), from /proc: it shows growth between renders.

    Garbage is collected and glibc hands its free heap back first, so that the figure is the
    memory still in use rather than what the allocator happens to keep.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_mb() -> float:
    # Linux reports ru_maxrss in KiB: the peak of this whole process, Django included.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=0)
    args = parser.parse_args()
    register = Partnership.objects.count()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "kadernota.pdf"
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            call_command("export_pdf", "kadernota", "--year", str(args.year), "-o", str(out))
        except CommandError as error:
            print(json.dumps({"missing": f"niet gemeten (export_pdf: {error})"[:200]}))
            return
        result: dict[str, Any] = {
            "register": register,
            "seconds": round(time.perf_counter() - start, 2),
            "cpu_seconds": round(time.process_time() - cpu_start, 2),
            "peak_mb": round(peak_mb(), 1),
            "size_kb": round(out.stat().st_size / 1024),
        }
        from pypdf import PdfReader

        result["pages"] = len(PdfReader(out).pages)

    if args.repeats:
        seconds, resident = [], []
        for _ in range(args.repeats):
            start = time.perf_counter()
            render_year_document("kadernota", args.year)
            seconds.append(time.perf_counter() - start)
            resident.append(resident_mb())
        result["warm_seconds"] = round(statistics.median(seconds), 2)
        result["resident_mb"] = [round(mb, 1) for mb in resident]
        # Pango's and WeasyPrint's caches fill during the first renders. A leak is a steady
        # rise: the slope of a straight line through the memory after the first warm render.
        settled = resident[1:]
        result["growth_mb_per_render"] = (
            round(statistics.linear_regression(range(len(settled)), settled).slope, 3)
            if len(settled) > 1
            else None
        )
        result["peak_after_repeats_mb"] = round(peak_mb(), 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
