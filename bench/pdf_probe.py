"""One kadernota PDF in a fresh process: seconds and peak memory (ru_maxrss).

Run by bench.run, once per size, so that each figure starts from a clean interpreter:
    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.pdf_probe --year Y
Prints one JSON object.
"""

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402

from partnerships.models import Partnership  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, required=True)
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
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
        # Linux reports ru_maxrss in KiB: the peak of this whole process, Django included.
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size_kb = out.stat().st_size / 1024
        from pypdf import PdfReader

        page_count = len(PdfReader(out).pages)
    print(
        json.dumps(
            {
                "register": register,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu_seconds, 2),
                "peak_mb": round(peak_mb, 1),
                "pages": page_count,
                "size_kb": round(size_kb),
            }
        )
    )


if __name__ == "__main__":
    main()
