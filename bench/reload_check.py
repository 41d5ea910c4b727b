"""Cost of following a rebuilt store: ``/sparql`` in process with and without the reload check.

    .venv/bin/python bench/reload_check.py [--store PATH] [--repeat 3000] [--rounds 3]

Three apps of ``graph_service.app.create_app`` over the same store (``--store``, else the
project's store built into a temporary folder), called as ASGI apps with the tiny queries of
``bench/sparql_overhead.py``: the bare worker pool (no check, as before), the reloading pool
as served (the build id is read at most every 0.25 s), and the reloading pool reading the
build id on every request. Rounds alternate between them; prints the median of each in
microseconds, the cost of one read of the build id alone, of ``refresh()`` between two
checks, and the time to open a new pool (what a reload waits for).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.sparql_overhead import request_median
from bench.sparql_workload import tiny_project
from ess_core.settings import Settings
from ess_core.store_layout import read_build_id
from graph_service import app as app_module
from graph_service.backends.base import Backend
from graph_service.backends.pool import WorkerPool
from graph_service.backends.reload import ReloadingBackend

Opener = Callable[[Settings], Backend]
VARIANTS: dict[str, Opener] = {
    "no check": WorkerPool.from_settings,
    "check every 0.25 s": ReloadingBackend.from_settings,
    "check every request": lambda s: ReloadingBackend(
        s.store_path, lambda: WorkerPool.from_settings(s), check_interval_s=0.0
    ),
}


async def _run(
    store_path: Path, queries: dict[str, tuple[str, str]], repeat: int, rounds: int
) -> dict[tuple[str, str], list[float]]:
    settings = Settings(store_path=store_path, _env_file=None)  # type: ignore[call-arg]
    apps = {}
    for name, opener in VARIANTS.items():
        app_module.open_backend = opener  # type: ignore[assignment]
        apps[name] = app_module.create_app(settings)
    results: dict[tuple[str, str], list[float]] = {}
    try:
        for _ in range(rounds):
            for label, (query, accept) in queries.items():
                for name, app in apps.items():
                    median = await request_median(app, query, accept, repeat)
                    results.setdefault((label, name), []).append(median)
        served = apps["check every 0.25 s"].state.backend
        times = []
        for _ in range(repeat):
            t = time.perf_counter_ns()
            await served.refresh()
            times.append(time.perf_counter_ns() - t)
        results[("refresh()", "check every 0.25 s")] = [statistics.median(times) / 1000]
    finally:
        for app in apps.values():
            await app.state.backend.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--repeat", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ess-reload-"))
    try:
        store_path = args.store
        if store_path is None:
            from bench.sparql_bench import build

            store_path, _ = build(folder, "project")
        queries = tiny_project(ox.Store.read_only(str(store_path)))
        results = asyncio.run(_run(store_path, queries, args.repeat, args.rounds))
        for label in queries:
            base = statistics.median(results[(label, "no check")])
            for name in VARIANTS:
                runs = results[(label, name)]
                median = statistics.median(runs)
                print(
                    f"{label:<7} {name:<20} {median:7.1f} us (rounds "
                    f"{', '.join(f'{r:.1f}' for r in runs)}), ratio {median / base:.3f}"
                )
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter_ns()
            read_build_id(store_path)
            times.append(time.perf_counter_ns() - t)
        print(f"one read of the build id: {statistics.median(times) / 1000:.1f} us")
        refresh = results[("refresh()", "check every 0.25 s")][0]
        print(f"refresh() between two checks: {refresh:.2f} us")
        settings = Settings(store_path=store_path, _env_file=None)  # type: ignore[call-arg]
        opening = []
        for _ in range(args.rounds):
            t = time.perf_counter_ns()
            pool = WorkerPool.from_settings(settings)
            opening.append((time.perf_counter_ns() - t) / 1e6)
            asyncio.run(pool.close())
        print(
            f"opening a new pool (the reload): {statistics.median(opening):.0f} ms "
            f"(runs {', '.join(f'{o:.0f}' for o in opening)})"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
