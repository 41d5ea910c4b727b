"""The bulk load in one thread or in several: ``python bench/parallel_load.py --triples N``.

Generates the synthetic national graph's quads (:mod:`bench.synthetic_graph`, named graphs
only: the ``ESS_UNION_DEFAULT_GRAPH`` build), splits the N-Quads file into ``--parts``
files of whole lines, then loads them into fresh stores, alternating (``--rounds``):

* ``one``: one ``Store.bulk_load`` of the whole file (what the build does);
* ``parts``: one ``bulk_load`` per part, each in its own thread, into the same store (what
  ``oxigraph load --file a --file b`` does with several files).

For each: wall and CPU seconds (all threads of this process), quads, and the load average
(the machine's cores are shared). Both stores must hold the same quads (their counts are
compared). docs/BENCHMARKS.md ("National scale", load levers) keeps the figures.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from the repository root
    sys.path.insert(0, str(REPO))

from bench.synthetic_graph import generate  # noqa: E402


def split(source: Path, parts: int) -> list[Path]:
    """``source`` cut into ``parts`` files of whole lines (N-Quads: one quad a line)."""
    size = source.stat().st_size
    paths = [source.with_name(f"part-{i}.nq") for i in range(parts)]
    with source.open("rb") as whole:
        for i, path in enumerate(paths):
            with path.open("wb") as out:
                end = size * (i + 1) // parts
                while whole.tell() < end or i == parts - 1:
                    block = whole.readlines(1 << 20)
                    if not block:
                        break
                    out.writelines(block)
    return paths


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def load(store_dir: Path, files: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU seconds of loading ``files`` (one thread each), and the quads loaded."""
    store = Store(str(store_dir))
    errors: list[BaseException] = []

    def one(target: Store, path: Path) -> None:
        try:
            target.bulk_load(path=path, format=RdfFormat.N_QUADS, lenient=True)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    tick, cpu = time.perf_counter(), _cpu()
    threads = [threading.Thread(target=one, args=(store, path)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.flush()
    wall, used = time.perf_counter() - tick, _cpu() - cpu
    if errors:
        raise errors[0]
    quads = len(store)
    del store
    gc.collect()
    return wall, used, quads


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--parts", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ess-parallel-load-", dir=args.dir))
    try:
        data = folder / "data"
        count, orgs = generate(data, args.triples, args.seed, default_file=False)
        whole = data / "synthetic.nq"
        parts = split(whole, args.parts)
        print(
            f"{os.cpu_count()} cores; {count:,} triples, {orgs:,} organisations; "
            f"{whole.stat().st_size / 2**20:,.0f} MiB of N-Quads in {args.parts} parts",
            flush=True,
        )
        for round_number in range(1, args.rounds + 1):
            for name, files in (("one", [whole]), (f"{args.parts} parts", parts)):
                load_avg = os.getloadavg()[0]
                wall, cpu, quads = load(folder / f"store-{name}-{round_number}", files)
                shutil.rmtree(folder / f"store-{name}-{round_number}")
                print(
                    f"  round {round_number}, {name:8}: {wall:7.1f} s wall, {cpu:7.1f} s CPU, "
                    f"{quads:,} quads (load average {load_avg:.1f})",
                    flush=True,
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
