"""Time the search index's build and ``/api/search``'s lookup on a large synthetic index:
``python bench/search_bench.py [--labels 800000] [--queries 63] [--compare OLD]``.

Writes a search index (``ingest.store.label_index.index_labels``) of ``--labels`` synthetic
organisation names made of 18 syllables, so that a query word matches thousands of labels
(as the names of ``bench/synthetic_graph.py`` do), then times, for one- to three-syllable
queries, what ``/api/search`` does for its first page of 20 (``search(limit=20)``, and the
capped ``count`` when there are more) and the whole list of up to 1,000 hits
(``search()``), and prints p50 / p95 and the load average.

``--compare OLD``: ``OLD`` is another code tree (e.g. ``git worktree add /tmp/old HEAD~1``, or
``git archive HEAD ingest ess_core graph_service | tar -x -C /tmp/old``); each tree builds
its own index of the same labels and runs the same queries in its own process, the trees
alternating query by query so that both see the same load. An old tree without a page
search (no ``limit``) answers the first page with its whole list, as its API did.
docs/BENCHMARKS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/ess-hdf/"
SYLLABLES = "ba ti ro mu ne ka lo vi sa de po ri ga fu ze cho lan mar".split()
PAGE = 20

# Run in a child process whose first path entry is the tree under test: builds the index
# (prints its seconds), then reads one query per line and answers with the two timings.
CHILD = r"""
import inspect, json, random, sys, time
from pathlib import Path
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store
from graph_service import label_search
from ingest.store.label_index import index_labels
labels, index, seed = int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
syllables = sys.argv[4].split()
rng = random.Random(seed)
def word(low, high):
    return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high)))
store = Store()
store.bulk_extend(
    Quad(
        NamedNode(f"{sys.argv[5]}id/organisation/o{i}"),
        NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
        Literal(" ".join(word(2, 4).capitalize() for _ in range(rng.randint(2, 4)))),
        DefaultGraph(),
    )
    for i in range(labels)
)
tick = time.perf_counter()
index_labels(store, index, sys.argv[5])
print(json.dumps({"index_s": time.perf_counter() - tick}), flush=True)
paged = "limit" in inspect.signature(label_search.search).parameters
for line in sys.stdin:
    query = line.strip()
    tick = time.perf_counter()
    if paged:
        hits = label_search.search(index, query, limit=20)
        total = len(hits) if len(hits) < 20 else label_search.count(index, query)
    else:
        total = len(label_search.search(index, query))
    page_ms = (time.perf_counter() - tick) * 1000
    tick = time.perf_counter()
    whole = label_search.search(index, query)
    whole_ms = (time.perf_counter() - tick) * 1000
    print(json.dumps({"page_ms": page_ms, "whole_ms": whole_ms, "total": total,
                      "first": [h.iri for h in whole[:5]]}), flush=True)
"""


def _start(tree: Path, labels: int, index: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(labels), str(index), "1", " ".join(SYLLABLES), BASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tree,
    )


def _pipes(child: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    if child.stdin is None or child.stdout is None:
        raise RuntimeError("the child process has no pipes")
    return child.stdin, child.stdout


def _ask(child: subprocess.Popen[str], query: str) -> dict[str, object]:
    stdin, stdout = _pipes(child)
    stdin.write(query + "\n")
    stdin.flush()
    answer: dict[str, object] = json.loads(stdout.readline())
    return answer


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=800_000)
    parser.add_argument("--queries", type=int, default=63)
    parser.add_argument(
        "--short", type=int, default=0, help="queries of 1-3 letters, and of two words (each)"
    )
    parser.add_argument("--compare", type=Path, help="another code tree, timed alternately")
    args = parser.parse_args()
    trees = {"new": REPO} | ({"old": args.compare.resolve()} if args.compare else {})
    rng = random.Random(2)  # noqa: S311 (reproducible synthetic queries)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))

    queries = [("word", word()) for _ in range(args.queries)]
    if args.short:  # what a user types first: a letter or three, or the start of two words
        queries += [("short", word()[: rng.randint(1, 3)]) for _ in range(args.short)]
        queries += [("two words", f"{word()} {word()[:3]}") for _ in range(args.short)]
    print(f"load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        children = {}
        for name, tree in trees.items():  # one build after the other: each has both cores
            children[name] = _start(tree, args.labels, Path(tmp) / f"{name}.sqlite")
            built = json.loads(_pipes(children[name])[1].readline())
            print(f"{name}: index of {args.labels:,} labels {built['index_s']:.1f} s", flush=True)
        times: dict[tuple[str, str, str], list[float]] = {}
        differ = 0
        for kind, query in queries:
            answers = {name: _ask(child, query) for name, child in children.items()}
            for name, answer in answers.items():
                for part in ("page", "whole"):
                    ms = float(answer[f"{part}_ms"])  # type: ignore[arg-type]
                    times.setdefault((name, kind, part), []).append(ms)
            differ += len({json.dumps(a["total"]) for a in answers.values()}) > 1
        for child in children.values():
            _pipes(child)[0].close()
            child.wait()
    for (name, kind, part), values in times.items():
        print(
            f"{name} {kind:9} {part:5}: p50 {_pct(values, 0.5):6.1f} ms, "
            f"p95 {_pct(values, 0.95):6.1f} ms, max {max(values):6.1f} ms ({len(values)} queries)"
        )
    if "old" in trees:
        for (name, kind, part), values in times.items():
            if name == "new":
                ratio = _pct(times["old", kind, part], 0.95) / _pct(values, 0.95)
                print(f"{kind} {part}: p95 old / new {ratio:.1f}x")
        print(f"queries whose total differs between the trees: {differ} of {len(queries)}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
