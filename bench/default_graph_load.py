"""Ways to fill the store's default graph, side by side: ``python bench/default_graph_load.py``.

Generates the project's quads once (every provider, as the build does), then bulk-loads them
into a new on-disk store per way, in this process: wall and CPU seconds (all threads) of the
load and of ``optimize``, and the size of the store. Ways (``--ways``, default all):

* ``named``: the named graphs only (the store before issue #17, no default graph);
* ``after``: each quad, then after all of them their triples in the default graph
  (:func:`ingest.store.default_graph.with_default_graph`, what the build does);
* ``interleaved``: each quad followed at once by its triple in the default graph;
* ``read-back``: the named graphs, then their quads read back from the store into the default
  graph (:func:`ingest.store.default_graph.materialise_default_graph`);
* ``insert``: the named graphs, then ``INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, Store

from ess_core.settings import load_settings
from ingest.rdf.sources import PROVIDERS
from ingest.store.default_graph import materialise_default_graph, with_default_graph
from ingest.store.sources import checked_quads, collect_sources

WAYS = ("named", "after", "interleaved", "read-back", "insert")


def _interleaved(quads: list[Quad]) -> Iterator[Quad]:
    for quad in quads:
        yield quad
        yield Quad(quad.subject, quad.predicate, quad.object, DefaultGraph())


def _clock(label: str, function: Callable[[], object]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    print(
        f"  {label:28} wall {time.perf_counter() - wall:7.1f} s  "
        f"cpu {time.process_time() - cpu:6.1f} s",
        flush=True,
    )


def _optimize(store: Store) -> None:
    store.flush()
    store.optimize()


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _fill(store: Store, way: str, quads: list[Quad]) -> None:
    if way == "after":
        _clock("load (with default graph)", lambda: store.bulk_extend(with_default_graph(quads)))
    elif way == "interleaved":
        _clock("load (with default graph)", lambda: store.bulk_extend(_interleaved(quads)))
    else:
        _clock("load (named graphs)", lambda: store.bulk_extend(quads))
    if way == "read-back":
        _clock("+ read back", lambda: materialise_default_graph(store))
    elif way == "insert":
        _clock(
            "+ INSERT", lambda: store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--ways", nargs="+", choices=WAYS, default=list(WAYS))
    args = parser.parse_args()
    sources, _code = collect_sources(load_settings(), PROVIDERS)
    quads = [quad for source in sources for quad in checked_quads(source)]
    print(f"{len(quads):,} quads")
    with tempfile.TemporaryDirectory(prefix="ess-default-graph-") as tmp:
        for way in args.ways:
            folder = Path(tmp) / way
            print(way, flush=True)
            store = Store(str(folder))
            _fill(store, way, quads)
            _clock("optimize", partial(_optimize, store))
            del store
            print(f"  store {_size(folder):.1f} MiB", flush=True)
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
