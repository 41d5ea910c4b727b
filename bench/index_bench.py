"""Time the search index's build from a built store:
``python bench/index_bench.py --store PATH [--compare OLD] [--repeat N]``.

Opens the store at ``PATH`` read-only (e.g. one kept by ``bench/scale_bench.py --keep DIR``)
and writes its search index (``ingest.store.label_index.index_labels``) into a temporary
folder, each tree in its own process; with ``--compare OLD`` (another code tree, see
``bench/search_bench.py``) the trees alternate, ``--repeat`` times each. Prints wall and CPU
seconds, the number of labels, microseconds per label, the index file's size and, for the
current tree, the time spent reading the labels from the store. docs/BENCHMARKS.md keeps
the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/ess-hdf/"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from pyoxigraph import Store
from ingest.store import label_index
store = Store.read_only(sys.argv[1])
index = Path(sys.argv[2])
read_s = None
if sys.argv[4] == "new":
    tick = time.perf_counter()
    label_index._labels(store, sys.argv[3])
    read_s = time.perf_counter() - tick
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu0 = usage.ru_utime + usage.ru_stime
tick = time.perf_counter()
labels = label_index.index_labels(store, index, sys.argv[3])
wall = time.perf_counter() - tick
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime - cpu0,
                  "labels": labels, "read": read_s, "mib": index.stat().st_size / 2**20}))
"""


def _run(tree: Path, name: str, store: Path, folder: Path) -> dict[str, float]:
    index = folder / f"{name}.sqlite"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(store), str(index), BASE, name],
        env={**os.environ, "PYTHONPATH": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    index.unlink()
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="another code tree, timed alternately")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    trees = {"new": REPO} | ({"old": args.compare.resolve()} if args.compare else {})
    print(f"load average before: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            for name, tree in trees.items():
                got = _run(tree, name, args.store.resolve(), Path(tmp))
                read = f", reading the labels {got['read']:.1f} s" if got["read"] else ""
                print(
                    f"{name}: {got['wall']:.1f} s wall, {got['cpu']:.1f} s CPU, "
                    f"{got['labels']:,.0f} labels, "
                    f"{got['wall'] / got['labels'] * 1e6:.0f} µs per label, "
                    f"index {got['mib']:.0f} MiB{read}",
                    flush=True,
                )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
