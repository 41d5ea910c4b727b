"""Per-request cost of the service's ``/sparql`` in process, layer by layer (no network).

    .venv/bin/python bench/sparql_overhead.py [--store PATH] [--repeat 3000]

Opens the app of ``graph_service.app.create_app`` on a store (``--store``, else the project's
store built into a temporary folder) and calls it as an ASGI app with the tiny queries of
``bench/sparql_bench.py`` (ASK and one-entity lookup, form POST). Prints the median time of
a request through the whole app, and of pyoxigraph alone (the same query and serialization),
in microseconds: the difference is what the HTTP layer and the backend's checks cost. It
measures the code, not the server: uvicorn, the socket and the client are left out.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.sparql_workload import tiny_project


def _scope(accept: str, body: bytes) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/sparql",
        "raw_path": b"/sparql",
        "query_string": b"",
        "root_path": "",
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 2),
        "state": {},
        "headers": [
            (b"host", b"bench"),
            (b"accept", accept.encode()),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(body)).encode()),
        ],
    }


async def request_median(app: Any, query: str, accept: str, repeat: int) -> float:
    """Median microseconds of one form-POST request through a running ASGI app (the first
    tenth of the requests warms up and is left out)."""
    body = urlencode({"query": query}).encode()
    scope = _scope(accept, body)
    statuses: set[int] = set()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.add(message["status"])

    times = []
    for _ in range(repeat + repeat // 10):
        t = time.perf_counter_ns()
        await app(dict(scope), receive, send)
        times.append(time.perf_counter_ns() - t)
    if statuses != {200}:
        raise RuntimeError(f"unexpected statuses {statuses}")
    return statistics.median(times[repeat // 10 :]) / 1000


async def app_median(store_path: Path, query: str, accept: str, repeat: int) -> float:
    """Median microseconds of one request through the app."""
    from ess_core.settings import Settings
    from graph_service.app import create_app

    app = create_app(Settings(store_path=store_path, _env_file=None))  # type: ignore[call-arg]
    async with app.router.lifespan_context(app):
        return await request_median(app, query, accept, repeat)


def store_median(store: ox.Store, query: str, repeat: int) -> float:
    """Median microseconds of the query and its JSON serialization in pyoxigraph."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter_ns()
        result = store.query(query)
        assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean)  # noqa: S101
        result.serialize(format=ox.QueryResultsFormat.JSON)
        times.append(time.perf_counter_ns() - t)
    return statistics.median(times) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--repeat", type=int, default=3000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ess-overhead-"))
    try:
        store_path = args.store
        if store_path is None:
            from bench.sparql_bench import build

            store_path, _ = build(folder, "project")
        local = ox.Store.read_only(str(store_path))
        for label, (query, accept) in tiny_project(local).items():
            through_app = asyncio.run(app_median(store_path, query, accept, args.repeat))
            alone = store_median(local, query, args.repeat)
            print(
                f"{label:<7} app {through_app:7.1f} us, pyoxigraph alone {alone:6.1f} us, "
                f"HTTP layer and checks {through_app - alone:6.1f} us"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
