"""Whole-register downloads in process: seconds and peak memory, next to a streamed floor.

Run by bench.run once per register size, in a fresh process:
    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.exports --out f.json
For each output (the open data CSV and JSON, made anew with the cache emptied; the agenda
CSV; the internal register's CSV and XLSX, asked from the register table, which redirects)
and its floor (bench/floor.py: the same file made in the least work): first a check that the
floor's bytes are the download's (for the XLSX: every part of the zip but the creation time
in docProps/core.xml), a mismatch recorded instead of a ratio; then the median wall-clock
seconds of `--repeats` downloads read to the end (the XLSX: one), and the peak of Python's
allocations during one more download (tracemalloc, which slows that one down, so it is
measured apart). Then the open data served from the cache, a revalidation (304), and the
floor of a 50-row page, as medians of a few requests. Writes one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from partnerships.models import Partnership  # noqa: E402

CACHED_REPEATS = 10
# Timed once (the download the check reads), not `--repeats` times: openpyxl takes half a
# minute for 20,000 partnerships.
ONCE = ("register_xlsx",)


def download(
    client: Client, url: str, headers: dict[str, str] | None = None
) -> tuple[int, int, dict[str, str]]:
    response = client.get(url, headers=headers, follow=True)
    size = sum(len(piece) for piece in response)
    return response.status_code, size, dict(response.items())


# The part of an XLSX file that differs between any two writes: its creation time.
XLSX_TIMESTAMPED = "docProps/core.xml"


def mismatch(made: bytes, floor: bytes) -> str | None:
    """Where the floor's file differs from the download's; None when it is the same file."""
    if made[:2] == b"PK":  # a zip: XLSX
        parts = [zipfile.ZipFile(io.BytesIO(body)) for body in (made, floor)]
        names = [sorted(set(part.namelist()) - {XLSX_TIMESTAMPED}) for part in parts]
        if names[0] != names[1]:
            return f"andere onderdelen: {names[0]} tegen {names[1]}"
        differ = [n for n in names[0] if parts[0].read(n) != parts[1].read(n)]
        made, floor = (b"".join(part.read(n) for n in differ) for part in parts)
        if differ:
            return f"{', '.join(differ)}: {_first_difference(made, floor)}"
        return None
    return None if made == floor else _first_difference(made, floor)


def _first_difference(made: bytes, floor: bytes) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(made, floor, strict=False)) if a != b),
        min(len(made), len(floor)),
    )
    around = slice(max(0, at - 60), at + 60)
    return (
        f"byte {at} van {len(made)} (vloer {len(floor)}): {made[around]!r} tegen {floor[around]!r}"
    )


def body(client: Client, url: str) -> bytes:
    cache.clear()
    return b"".join(client.get(url, follow=True))


def seconds(run: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak_mb(run: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(client: Client, url: str, repeats: int, cold: bool) -> dict[str, Any]:
    """Measured after the check's download of the same file, which warmed the code paths."""

    def run() -> tuple[int, int, dict[str, str]]:
        if cold:
            cache.clear()
        return download(client, url)

    median, (status, size, _) = seconds(run, repeats)
    if status != 200:
        return {"missing": f"niet gemeten (HTTP {status})"}
    return {"seconds": round(median, 3), "peak_mb": round(peak_mb(run), 1), "mb": size / 2**20}


def measure_once(client: Client, url: str) -> tuple[dict[str, Any], bytes]:
    """One timed download, kept for the check, and one for the peak."""
    start = time.perf_counter()
    made = body(client, url)
    elapsed = time.perf_counter() - start
    peak = peak_mb(lambda: download(client, url))
    return {"seconds": round(elapsed, 3), "peak_mb": round(peak, 1), "mb": len(made) / 2**20}, made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    public, internal = Client(), Client()
    internal.force_login(User.objects.get(username="bulk-beheerder"))
    csv_url, json_url = reverse("public:open_data_csv"), reverse("public:open_data_json")
    register = reverse("partnerships:partnership_list")
    outputs = {
        "open_data_csv": (public, csv_url, True, reverse("bench_floor_open_data_csv")),
        "open_data_json": (public, json_url, True, reverse("bench_floor_open_data_json")),
        "agenda_csv": (
            internal,
            reverse("evaluations:evaluation_list") + "?export=csv",
            False,
            reverse("bench_floor_agenda_csv"),
        ),
        "register_csv": (
            internal,
            f"{register}?export=csv",
            False,
            reverse("bench_floor_register_csv"),
        ),
        "register_xlsx": (
            internal,
            f"{register}?export=xlsx",
            False,
            reverse("bench_floor_register_xlsx"),
        ),
    }
    results: dict[str, Any] = {}
    for key, (client, url, cold, floor_url) in outputs.items():
        if key in ONCE:
            results[key], made = measure_once(client, url)
            results[f"{key}_floor"], floor = measure_once(Client(), floor_url)
            different = mismatch(made, floor)
        else:
            different = mismatch(body(client, url), body(Client(), floor_url))
            results[key] = measure(client, url, args.repeats, cold)
            results[f"{key}_floor"] = measure(Client(), floor_url, args.repeats, cold=False)
        if different is not None:
            results[f"{key}_floor"] = {"mismatch": different}

    # Served from the cache: the files are there now (made once more if the last run emptied it).
    # As a browser asks: it accepts the compressed file the cache holds.
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    cached: dict[str, Any] = {}
    for key, url in (("open_data_csv", csv_url), ("open_data_json", json_url)):
        download(public, url, browser)  # made and stored, if the last run emptied the cache
        _, _, headers = download(public, url, browser)  # the stored file's own ETag
        revalidation = {**browser, "If-None-Match": headers.get("ETag", "")}

        def hit(url: str = url) -> tuple[int, int, dict[str, str]]:
            return download(public, url, browser)

        def revalidate(
            url: str = url, revalidation: dict[str, str] = revalidation
        ) -> tuple[int, int, dict[str, str]]:
            return download(public, url, revalidation)

        median, _ = seconds(hit, CACHED_REPEATS)
        cached[key] = {"seconds": round(median, 4)}
        median, (status, _, _) = seconds(revalidate, CACHED_REPEATS)
        cached[f"{key}_304"] = {"seconds": round(median, 4), "status": status}
    floor_50 = reverse("bench_floor_50")
    download(public, floor_50)
    median, _ = seconds(lambda: download(public, floor_50), CACHED_REPEATS)
    cached["floor_50"] = {"seconds": round(median, 4)}

    output = {
        "partnerships": Partnership.objects.count(),
        "published": Partnership.objects.published().count(),
        "outputs": results,
        "cached": cached,
    }
    args.out.write_text(json.dumps(output, indent=2))


if __name__ == "__main__":
    main()
