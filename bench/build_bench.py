"""Time the store build: ``python bench/build_bench.py [--repeat N]`` (from the repository root).

Stages, timed one by one on the committed data: generating each origin's quads (in memory),
bulk-loading them into a new on-disk store, SHACL validation (reading the data into rdflib,
then pyshacl), and the swap (renames). Then the real ``build_store`` end to end, into a
temporary directory (best of ``--repeat``). Prints a table; docs/BENCHMARKS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pyoxigraph import Quad, Store

from ess_graph.settings import Settings, load_settings
from ingest.store.build import BuildError, build_store
from ingest.store.sources import collect_sources
from ingest.store.validate import load_shapes, validate_store


def _row(label: str, seconds: float, quads: int | None = None) -> None:
    count = f"{quads:,}" if quads is not None else ""
    print(f"  {label:44} {count:>9} {seconds:8.2f}")


def time_stages(settings: Settings, workdir: Path) -> None:
    """Generate, load, validate and swap, each timed on its own."""
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
    tick = time.perf_counter()
    store = Store(str(workdir / "new"))
    store.bulk_extend(quads)
    store.flush()
    _row("bulk load (on disk)", time.perf_counter() - tick, len(quads))
    validation = validate_store(store, load_shapes(settings.shapes_path, settings.base_iri))
    _row("validation: read into rdflib", validation.read_s, validation.data_triples)
    _row(f"validation: pyshacl ({len(validation.violations)} violations)",
         validation.validate_s)
    del store
    gc.collect()
    tick = time.perf_counter()
    (workdir / "new").rename(workdir / "store")
    _row("swap (rename)", time.perf_counter() - tick)


def time_build(settings: Settings, repeat: int) -> None:
    """The real build, end to end, best of ``repeat``."""
    best: dict[str, float] | None = None
    for _ in range(max(1, repeat)):
        with tempfile.TemporaryDirectory(prefix="ess-bench-", ignore_cleanup_errors=True) as tmp:
            target = settings.model_copy(update={"store_path": Path(tmp) / "store"})
            try:
                timings = build_store(target).timings
            except BuildError as exc:
                print(f"  build failed: {str(exc)[:160]}")
                return
        if best is None or timings["total"] < best["total"]:
            best = timings
    for stage, seconds in (best or {}).items():
        _row(stage, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="full builds to time (best kept)")
    args = parser.parse_args()
    settings = load_settings()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"\n{'stages':46} {'quads':>9} {'seconds':>8}")
    with tempfile.TemporaryDirectory(prefix="ess-bench-", ignore_cleanup_errors=True) as tmp:
        time_stages(settings, Path(tmp))
    print(f"\n{'build_store, end to end':56} {'seconds':>8}")
    time_build(settings, args.repeat)


if __name__ == "__main__":
    main()
