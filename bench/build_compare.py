"""Compare cold builds of two code trees side by side: ``python bench/build_compare.py OLD``.

``OLD`` is a folder holding another version of the ``ingest`` and ``ess_graph`` packages, e.g.
the last commit's store code over the current tree::

    mkdir -p /tmp/old && cp -r ingest ess_graph /tmp/old/ && rm -r /tmp/old/ingest/store
    git archive HEAD ingest/store | tar -x -C /tmp/old

Both build the repository's ``data/`` and ``ontology/`` into a temporary store, alternating
(old, new, old, new...) so that both see the same machine load; each build runs in its own
process and is timed wall clock and CPU (user + system). Prints one row per build (with its
load time and the size of the store it made) and the ratios of the medians. Each store's
content is compared too: the digest of its sorted N-Quads, the build graph (times, counts of
the build itself) and its share of the default graph left out; old and new must be equal
when a change is meant to make the build faster without changing what the store holds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ess_core.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
BUILD = "from ingest.store.build import build_store; from ess_core.settings import load_settings; "
BUILD += "r = build_store(load_settings()); print(r.validation_mode, 'load', "
BUILD += "round(r.timings['load'], 1), 'total', round(r.timings['total'], 1))"


def _size(folder: Path) -> int:
    """Bytes of the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def content_digest(store_path: Path) -> str:
    """SHA-256 of the sorted N-Quads of the store, the build graph and its triples left out."""
    from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, serialize

    store = Store.read_only(str(store_path))
    build = [n for n in store.named_graphs() if str(n.value).endswith("/graph/build")]
    skip = {q.triple for g in build for q in store.quads_for_pattern(None, None, None, g)}
    kept = (
        q
        for q in store
        if not (isinstance(q.graph_name, NamedNode) and q.graph_name in build)
        and not (q.graph_name == DefaultGraph() and q.triple in skip)
    )
    lines = (serialize(kept, format=RdfFormat.N_QUADS) or b"").splitlines()
    return hashlib.sha256(b"\n".join(sorted(lines))).hexdigest()[:16]


def _build(code_dir: Path, store: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of one cold build with the packages of ``code_dir``, and what the
    build printed followed by the size of the store it made."""
    env = {
        **os.environ,
        "PYTHONPATH": str(code_dir),
        "ESS_STORE_PATH": str(store),
        "ESS_DATA_DIR": str(REPO / "data"),
        "ESS_ONTOLOGY_DIR": str(REPO / "ontology"),
        # the builds run in other folders: the texts (passages are cut from them) by full path
        "ESS_DOCUMENTS_DIR": str(load_settings().documents_dir.resolve()),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    tick = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", BUILD],
        cwd=code_dir,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - tick
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = _size(store.parent) / 2**20
    digest = content_digest(store)
    return wall, cpu, f"{done.stdout.strip()}; store {size:.1f} MiB; N-Quads {digest}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("old", type=Path, help="folder with the other ingest/ and ess_graph/")
    parser.add_argument("--rounds", type=int, default=2, help="builds of each version")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'build':6} {'wall s':>8} {'cpu s':>8}  report (validation mode, load, total; size)")
    results: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    for _ in range(max(1, args.rounds)):
        for name, code in (("old", args.old.resolve()), ("new", REPO)):
            with tempfile.TemporaryDirectory(prefix="ess-compare-") as tmp:
                wall, cpu, said = _build(code, Path(tmp) / "store")
            results[name].append((wall, cpu))
            print(f"{name:6} {wall:8.1f} {cpu:8.1f}  {said}")
    old_wall = statistics.median(w for w, _c in results["old"])
    new_wall = statistics.median(w for w, _c in results["new"])
    old_cpu = statistics.median(c for _w, c in results["old"])
    new_cpu = statistics.median(c for _w, c in results["new"])
    print(
        f"medians: old {old_wall:.1f} s ({old_cpu:.1f} s CPU), new {new_wall:.1f} s "
        f"({new_cpu:.1f} s CPU); old/new {old_wall / new_wall:.2f}x wall, "
        f"{old_cpu / new_cpu:.2f}x CPU; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
