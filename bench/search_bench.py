"""Time ``/api/search``'s lookup on a large synthetic index:
``python bench/search_bench.py [--labels 800000] [--queries 63]``.

Writes a search index (``ingest.store.label_index.index_labels``) of ``--labels`` synthetic
organisation names made of 18 syllables, so that a query word matches thousands of labels
(as the names of ``bench/synthetic_graph.py`` do), then times
``graph_service.label_search.search`` for one- to three-syllable queries and prints p50, p95
and the load average. docs/BENCHMARKS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from graph_service.label_search import search
from ingest.store.label_index import index_labels

BASE = "https://w3id.org/ess-hdf/"
SYLLABLES = "ba ti ro mu ne ka lo vi sa de po ri ga fu ze cho lan mar".split()
LABEL = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def _word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=800_000)
    parser.add_argument("--queries", type=int, default=63)
    args = parser.parse_args()
    rng = random.Random(1)  # noqa: S311 (reproducible synthetic names)
    store = Store()
    store.bulk_extend(
        Quad(
            NamedNode(f"{BASE}id/organisation/o{i}"),
            LABEL,
            Literal(" ".join(_word(rng, 2, 4).capitalize() for _ in range(rng.randint(2, 4)))),
            DefaultGraph(),
        )
        for i in range(args.labels)
    )
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "search.sqlite"
        tick = time.perf_counter()
        index_labels(store, index, BASE)
        print(f"index of {args.labels:,} labels: {time.perf_counter() - tick:.1f} s")
        print(f"load average before: {os.getloadavg()}")
        times = []
        for _ in range(args.queries):
            query = _word(rng, 2, 3)
            tick = time.perf_counter()
            search(index, query)
            times.append((time.perf_counter() - tick) * 1000)
        times.sort()
        p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
        print(f"search: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
        print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
