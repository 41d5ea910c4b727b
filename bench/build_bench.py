"""Time the store build: ``python bench/build_bench.py [--repeat N] [--no-pyshacl]``.

Run from the repository root. Stages, timed one by one on the committed data: generating each
origin's quads (in memory), bulk-loading them into a new on-disk store, SHACL validation as the
build does it (shapes compiled to SPARQL, run in the store) and, side by side in the same run,
the former way (reading the triples the shapes look at into rdflib, then pyshacl), the search
index, the swap. Then the real ``build_store`` end to end into a temporary directory: cold
(best of ``--repeat``), again with only non-reference data changed (incremental validation),
and ``--if-stale`` with nothing changed. Prints tables; docs/BENCHMARKS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pyoxigraph import Quad, Store

from ess_core.settings import Settings, load_settings
from ess_core.store_layout import INDEX_FILE_NAME
from ingest.store.build import BuildError, build_store
from ingest.store.default_graph import with_default_graph
from ingest.store.label_index import build_search_index
from ingest.store.sources import collect_sources
from ingest.store.validate import load_shapes, validate_store, validate_with_pyshacl

T = TypeVar("T")


def _row(label: str, seconds: float, quads: int | None = None, cpu: float | None = None) -> None:
    count = f"{quads:,}" if quads is not None else ""
    used = f"{cpu:8.2f}" if cpu is not None else ""
    print(f"  {label:52} {count:>9} {seconds:8.2f} {used}")


def _clock(function: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _load(store: Store, quads: list[Quad]) -> None:
    store.bulk_extend(with_default_graph(quads))  # and their merge, as the build loads them
    store.flush()


def _time_store(settings: Settings, workdir: Path, quads: list[Quad], *, pyshacl: bool) -> None:
    """Load ``quads`` into a new store, validate it both ways, index it."""
    store = Store(str(workdir / "new"))
    _none, wall, cpu = _clock(lambda: _load(store, quads))
    _row("bulk load (on disk)", wall, len(quads), cpu)
    shapes = load_shapes(settings.shapes_path, settings.base_iri)
    compiled, wall, cpu = _clock(lambda: validate_store(store, shapes))
    _row(
        f"validation: {compiled.sparql_checks} SPARQL checks in the store "
        f"({len(compiled.violations)} violations)",
        wall,
        None,
        cpu,
    )
    if pyshacl:
        former, former_wall, former_cpu = _clock(lambda: validate_with_pyshacl(store, shapes))
        _row("validation, former way: read into rdflib", former.read_s, former.data_triples)
        _row(
            f"validation, former way: pyshacl ({len(former.violations)} violations)",
            former.validate_s,
        )
        _row("validation, former way: read + pyshacl", former_wall, None, former_cpu)
        print(
            f"  {'ratio former / compiled:':52} {'':>9} {former_wall / wall:7.1f}x "
            f"{former_cpu / cpu:7.1f}x"
        )
    _count, wall, cpu = _clock(
        lambda: build_search_index(store, workdir / INDEX_FILE_NAME, settings)
    )
    _row("search index (alone)", wall, None, cpu)


def time_stages(settings: Settings, workdir: Path, *, pyshacl: bool) -> None:
    """Generate, load, validate (both ways), index and swap, each timed on its own."""
    sources, _code = collect_sources(settings)
    quads: list[Quad] = []
    per_origin: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for source in sources:
        tick = time.perf_counter()
        before = len(quads)
        quads.extend(source.quads())
        per_origin[source.origin_kind][0] += len(quads) - before
        per_origin[source.origin_kind][1] += time.perf_counter() - tick
    for origin, (count, seconds) in sorted(per_origin.items()):
        _row(f"generate: {origin}", seconds, int(count))
    _time_store(settings, workdir, quads, pyshacl=pyshacl)
    gc.collect()
    tick = time.perf_counter()
    (workdir / "new").rename(workdir / "store")
    _row("swap (rename)", time.perf_counter() - tick)


def time_builds(settings: Settings, repeat: int) -> None:
    """The real build end to end: cold (best of ``repeat``), incremental, up to date."""
    best: dict[str, float] | None = None
    with tempfile.TemporaryDirectory(prefix="ess-bench-", ignore_cleanup_errors=True) as tmp:
        target = settings.model_copy(update={"store_path": Path(tmp) / "store"})
        try:
            for _ in range(max(1, repeat)):
                for path in Path(tmp).glob("store*"):
                    shutil.rmtree(path, ignore_errors=True)
                timings = build_store(target).timings
                if best is None or timings["total"] < best["total"]:
                    best = timings
            print(f"\n{'build_store, cold (no store): stages':66} {'seconds':>8}")
            for stage, seconds in (best or {}).items():
                _row(stage, seconds)
            again = build_store(target)
            print(f"\n{'build_store, reference unchanged (' + again.validation_mode + ')':66}")
            for stage, seconds in again.timings.items():
                _row(stage, seconds)
            fresh = _clock(lambda: build_store(target, if_stale=True))
            _row("build_store --if-stale, nothing changed", fresh[1])
        except BuildError as exc:
            print(f"  build failed: {str(exc)[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="cold builds to time (best kept)")
    parser.add_argument(
        "--no-pyshacl", action="store_true", help="skip timing the former pyshacl validation"
    )
    args = parser.parse_args()
    settings = load_settings()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"\n{'stages':54} {'quads':>9} {'seconds':>8} {'cpu s':>8}")
    with tempfile.TemporaryDirectory(prefix="ess-bench-", ignore_cleanup_errors=True) as tmp:
        time_stages(settings, Path(tmp), pyshacl=not args.no_pyshacl)
    time_builds(settings, args.repeat)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
