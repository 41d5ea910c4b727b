"""The materialised default graph against the union of the named graphs, side by side at scale.

``python bench/union_default_load.py --triples 1000000`` generates the synthetic national
graph (:mod:`bench.synthetic_graph`) once, then builds one store per way, alternating
(``--rounds``), in this process, with the build's bulk loader:

* ``merged``: the project's sources and the synthetic quads in their named graphs, and every
  triple again in the store's default graph (what ``ess-graph build`` does,
  docs/ARCHITECTURE.md, "Named graphs");
* ``named``: the named graphs only, for a store queried with the union of its graphs
  (``ESS_UNION_DEFAULT_GRAPH``, ``oxigraph serve --union-default-graph``).

For each: wall and CPU seconds (all threads) of the load and of ``optimize``, quads, store
size. Then the same queries on both (``--requests`` of the SPARQL mix of
``bench/sparql_bench.py``, the default graph of ``merged`` against the union of ``named``),
their total time, and a few counts that differ when a triple is stated by several graphs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import QueryBoolean, Store

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from the repository root
    sys.path.insert(0, str(REPO))

from bench.scale_bench import UnionView  # noqa: E402
from bench.sparql_workload import PROJECT_PREFIXES, mix_project  # noqa: E402
from bench.synthetic_graph import generate, load  # noqa: E402
from ess_core.settings import load_settings  # noqa: E402
from ingest.store.bulk import load_sources  # noqa: E402
from ingest.store.sources import collect_sources  # noqa: E402

WAYS = ("merged", "named")
COUNTS = {
    "triples": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
    "organisations": "SELECT (COUNT(?o) AS ?n) { ?o a org:Organization }",
    "labels": "SELECT (COUNT(*) AS ?n) { ?s skos:prefLabel ?l }",
}


def _clock(label: str, function: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    seconds = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label:30} wall {seconds[0]:7.1f} s  cpu {seconds[1]:7.1f} s", flush=True)
    return seconds


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def build(folder: Path, data: Path, way: str) -> Store:
    """A new store at ``folder`` loaded the ``way`` way; prints its timings."""
    merged = way == "merged"
    store = Store(str(folder))
    sources = collect_sources(load_settings())[0]
    _clock("load the project's sources", lambda: load_sources(store, sources, default_graph=merged))
    _clock("load the synthetic graph", lambda: load(store, data, default_graph=merged))
    _clock("flush + optimize", lambda: (store.flush(), store.optimize()))
    print(f"  {len(store):,} quads, store {_size(folder):,.0f} MiB", flush=True)
    return store


def query(store: Store, way: str, requests: int) -> None:
    """The mix and the counts on ``store`` (its union for ``named``)."""
    union = way == "named"
    seen = UnionView(store) if union else store
    mix = mix_project(seen, random.Random(16), requests)  # type: ignore[arg-type]  # noqa: S311
    tick = time.perf_counter()
    rows = 0
    for text, _accept in mix:
        result = store.query(text, use_default_graph_as_union=union)
        rows += 1 if isinstance(result, QueryBoolean) else sum(1 for _ in result)  # type: ignore[union-attr]
    print(f"  mix, {requests} queries: {time.perf_counter() - tick:7.1f} s, {rows:,} rows")
    for name, text in COUNTS.items():
        row = next(iter(store.query(PROJECT_PREFIXES + text, use_default_graph_as_union=union)))  # type: ignore[arg-type]
        print(f"  count {name:14} {int(row['n'].value):>12,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--requests", type=int, default=18)
    parser.add_argument("--ways", nargs="+", choices=WAYS, default=list(WAYS))
    parser.add_argument("--tmp", type=Path, default=None, help="where the stores go (/tmp)")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="ess-union-", dir=args.tmp) as tmp:
        data = Path(tmp) / "synthetic"
        _clock("generate", lambda: generate(data, args.triples, args.seed))
        for round_ in range(args.rounds):
            for way in args.ways:
                print(f"{way} (round {round_ + 1}), load average {os.getloadavg()[0]:.1f}:")
                folder = Path(tmp) / way
                store = build(folder, data, way)
                if args.requests:
                    query(store, way, args.requests)
                del store
                shutil.rmtree(folder, ignore_errors=True)
    print(f"load average at end: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
