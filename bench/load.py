"""A bounded closed-loop load client: threads + http.client, loopback only.

Each client sends its next request as soon as the previous one is answered, for a fixed
time and at most `max_requests` in total. The normal mix: 60 % overview pages, 20 %
filtered overviews, 20 % partnership pages. The bounded steps send one kind of URL only
(`only`), or each URL of a list once (`each_once`, e.g. dossiers nobody asked for yet).
Groups of clients can run side by side (`run_groups`), each with its own figures: the
normal mix next to anonymous clients downloading open data and dossiers (`downloads`).
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from .stats import percentile

MIX = (("overview", 0.6), ("filtered", 0.2), ("detail", 0.2))
# The anonymous downloaders next to the normal mix: open data files and public dossiers.
DOWNLOADS = ("open_data", "dossier_repeated")


def _pick(rng: random.Random, urls: dict[str, list[str]]) -> str:
    roll, total = rng.random(), 0.0
    for kind, share in MIX:
        total += share
        if roll < total:
            return rng.choice(urls[kind])
    return rng.choice(urls["overview"])


def only(kind: str, urls: dict[str, list[str]]) -> Callable[[random.Random], str | None]:
    """A picker of the URLs of one kind, at random."""
    return lambda rng: rng.choice(urls[kind])


def each_once(urls: list[str]) -> Callable[[random.Random], str | None]:
    """A picker that hands out every URL once, over all clients; then None (the client stops)."""
    remaining: Iterator[str] = iter(urls)
    lock = threading.Lock()

    def pick(rng: random.Random) -> str | None:
        with lock:
            return next(remaining, None)

    return pick


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
    pick: Callable[[random.Random], str | None] | None = None,
) -> dict[str, Any]:
    """`clients` clients for `seconds`; `pick` chooses each URL (default: the normal mix)."""
    choose = pick or normal(urls)
    return run_groups(port, {"all": (clients, choose)}, seconds, max_requests)["all"]


def normal(urls: dict[str, list[str]]) -> Callable[[random.Random], str | None]:
    """A picker of the normal mix."""
    return lambda rng: _pick(rng, urls)


def downloads(urls: dict[str, list[str]]) -> Callable[[random.Random], str | None]:
    """A picker of the anonymous downloads: half open data files, half public dossiers."""
    return lambda rng: rng.choice(urls[rng.choice(DOWNLOADS)])


Groups = dict[str, tuple[int, Callable[[random.Random], str | None]]]


def run_groups(
    port: int, groups: Groups, seconds: float, max_requests: int = 50_000
) -> dict[str, dict[str, Any]]:
    """Groups of clients at the same time, each (clients, picker); the figures per group, so
    that the normal pages can be read apart from the downloads sent next to them."""
    duration, latencies, errors = _collect(port, groups, seconds, max_requests)
    return {
        group: _figures(clients, duration, latencies[group], errors[group])
        for group, (clients, _) in groups.items()
    }


def alternate(
    port: int, steps: list[Groups], seconds: float, rounds: int
) -> dict[str, dict[str, Any]]:
    """The steps in turn, `rounds` times, together `seconds` each; the figures of a group
    pooled over its turns. Two steps compared this way see the same moments of a shared
    machine, instead of one step its quiet minute and the other its busy one."""
    pooled: dict[str, dict[str, Any]] = {}
    for turn in range(rounds):
        for groups in steps:
            duration, latencies, errors = _collect(port, groups, seconds / rounds, seed=turn * 100)
            for group, (clients, _) in groups.items():
                into = pooled.setdefault(
                    group, {"clients": clients, "duration": 0.0, "latencies": [], "errors": []}
                )
                into["duration"] += duration
                into["latencies"] += latencies[group]
                into["errors"] += errors[group]
    return {
        group: _figures(p["clients"], p["duration"], p["latencies"], p["errors"])
        for group, p in pooled.items()
    }


def _collect(
    port: int, groups: Groups, seconds: float, max_requests: int = 50_000, seed: int = 0
) -> tuple[float, dict[str, list[float]], dict[str, list[str]]]:
    """Run the groups for `seconds`: the duration, and per group its latencies and errors."""
    latencies: dict[str, list[float]] = {name: [] for name in groups}
    errors: dict[str, list[str]] = {name: [] for name in groups}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def sent() -> int:
        return sum(len(v) for v in latencies.values()) + sum(len(v) for v in errors.values())

    def client(group: str, number: int, choose: Callable[[random.Random], str | None]) -> None:
        rng = random.Random(number)  # noqa: S311 (a reproducible request mix)
        while time.perf_counter() < deadline:
            with lock:
                if sent() >= max_requests:
                    return
            url = choose(rng)
            if url is None:
                return
            shown = url if len(url) <= 120 else f"{url[:120]}…"
            start = time.perf_counter()
            try:
                status = get(port, url)
            except (OSError, http.client.HTTPException) as error:
                status, detail = 0, f"{type(error).__name__} {shown}"
            else:
                detail = f"HTTP {status} {shown}"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if status == 200:
                    latencies[group].append(elapsed)
                else:
                    errors[group].append(detail)

    started = time.perf_counter()
    threads = []
    for offset, (group, (clients, choose)) in enumerate(groups.items()):
        # The first group's clients keep the seeds 0..n-1 a single group always had.
        threads += [
            threading.Thread(target=client, args=(group, seed + offset * 1000 + n, choose))
            for n in range(clients)
        ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    return time.perf_counter() - started, latencies, errors


def _figures(
    clients: int, duration: float, latencies: list[float], errors: list[str]
) -> dict[str, Any]:
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
