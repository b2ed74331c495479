"""A bounded closed-loop load client: threads + http.client, loopback only.

Each client sends its next request as soon as the previous one is answered, for a fixed
time and at most `max_requests` in total. The mix follows research §4.2: 60 % overview
pages, 20 % filtered overviews, 20 % partnership pages.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from typing import Any

from .stats import percentile

MIX = (("overview", 0.6), ("filtered", 0.2), ("detail", 0.2))


def _pick(rng: random.Random, urls: dict[str, list[str]]) -> str:
    roll, total = rng.random(), 0.0
    for kind, share in MIX:
        total += share
        if roll < total:
            return rng.choice(urls[kind])
    return rng.choice(urls["overview"])


def get(port: int, url: str, timeout: float = 10.0) -> int:
    """One GET on 127.0.0.1; the HTTP status. A new connection each time, as sync gunicorn."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", url, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run(
    port: int,
    urls: dict[str, list[str]],
    clients: int,
    seconds: float,
    max_requests: int = 50_000,
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)  # noqa: S311 (a reproducible request mix)
        while time.perf_counter() < deadline:
            with lock:
                if len(latencies) + len(errors) >= max_requests:
                    return
            url = _pick(rng, urls)
            start = time.perf_counter()
            try:
                status = get(port, url)
            except (OSError, http.client.HTTPException) as error:
                status, detail = 0, f"{type(error).__name__} {url}"
            else:
                detail = f"HTTP {status} {url}"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors.append(detail)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    duration = time.perf_counter() - started
    ordered = sorted(latencies)
    p95 = percentile(ordered, 0.95) if ordered else None
    return {
        "clients": clients,
        "seconds": round(duration, 1),
        "requests": len(latencies) + len(errors),
        "rps": round((len(latencies) + len(errors)) / duration, 1),
        "median_ms": round(ordered[len(ordered) // 2], 1) if ordered else None,
        "p95_ms": round(p95, 1) if p95 is not None else None,
        "errors": len(errors),
        "first_errors": errors[:5],
    }
