"""The `import` part of `make bench`: importing 5,000 rows, its measurement and its verdict."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

IMPORT_ROWS = 5000
# seconds, peak MB (2 cores)
IMPORT_TARGET = (60.0, 500.0)


def measure_import(url: str, run_module: Callable[[str, list[str], str], str]) -> dict[str, Any]:
    """Run bench.import_probe in a fresh process against the empty database at `url`."""
    try:
        output = run_module("bench.import_probe", ["--rows", str(IMPORT_ROWS)], url)
    except Exception as error:  # a failed probe is a row "niet gemeten", not a failed run
        return {"missing": f"niet gemeten ({str(error)[-160:]})"}
    return dict(json.loads(output.strip().splitlines()[-1]))


def import_cell(backend: dict[str, Any]) -> tuple[str, bool | None]:
    result = backend.get("import", {"missing": "niet gemeten"})
    if "missing" in result:
        return result["missing"], None
    seconds, mb = IMPORT_TARGET
    text = (
        f"{result['seconds']:.1f} s · {result['peak_mb']:.0f} MB · "
        f"{result['partnerships']} ingelezen, {result['planned']} met evaluatieplan"
    )
    complete = result["partnerships"] == result["rows"]
    return text, complete and result["seconds"] <= seconds and result["peak_mb"] <= mb
