"""The service at national scale (issue 16): ``python bench/scale_bench.py --triples 1000000``.

Run from the repository root (``make bench-scale`` runs it at 1 M triples). In one run:

1. generates the synthetic graph (:mod:`bench.synthetic_graph`, seeded) into a temporary folder;
2. builds a store the way the build does, timed step by step: the project's own sources
   (ontology, registry, reference geography, records, curation: :func:`ingest.store.bulk.
   load_sources`), then the synthetic quads and their default-graph triples with the same
   bulk loader, the SHACL validation of the whole store (``--no-validate`` skips it), the
   search index, ``optimize``; prints the store's size;
3. serves it three ways at once, all reading the same store folder: ``ess-graph serve``
   (embedded backend), ``oxigraph serve-read-only``, and ``ess-graph serve`` with the remote
   backend in front of that Oxigraph server (its search index read from the store folder);
4. times the REST API on both of ours (a list of actors with a territory-containment filter,
   one actor, a search by name; ``--rest`` requests of each, one client): p50, p95, p99;
5. times the SPARQL mix of ``bench/sparql_bench.py`` (``mix_project``) at concurrency 1 and 8
   against the three: p50/p95/p99 and throughput, and the ratio ours / Oxigraph;
6. prints the resident memory of our embedded service (with its query workers) at the end:
   the sum of the processes' RSS, and of their PSS (shared pages counted once).

``--union`` builds the store as ``ESS_UNION_DEFAULT_GRAPH`` makes ``ess-graph build`` do (the
named graphs only, no materialised default graph; validated and indexed over their union)
and serves it so: ours with ``ESS_UNION_DEFAULT_GRAPH=true``, Oxigraph with
``--union-default-graph`` (the mix has no ``FROM``).

``--baseline CHECKOUT`` serves a fourth instance, ``ess-graph serve`` with ``PYTHONPATH`` set
to another checkout of the project (a ``git worktree`` of the commit before a change), in the
SPARQL mix beside the others: before and after in one run. ``--oxigraph-malloc`` chooses
Oxigraph's allocator (``system``, or a library to preload; by default it inherits this
process's ``LD_PRELOAD``, which ``make bench-scale`` sets to jemalloc when it is installed).
Our query workers preload jemalloc themselves when it is installed (``ESS_WORKER_MALLOC``).

The load average is printed at the start and the end: the machine's cores are shared.
docs/BENCHMARKS.md ("National scale") keeps the figures, docs/DEPLOYMENT.md what they mean.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from pyoxigraph import Store

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from the repository root
    sys.path.insert(0, str(REPO))

from bench.sparql_bench import BIN, free_port, http_run, pct, pss_kb, rss_kb, start  # noqa: E402
from bench.sparql_workload import mix_project  # noqa: E402
from bench.synthetic_graph import generate, load  # noqa: E402
from ess_core.settings import load_settings  # noqa: E402
from ess_core.store_layout import INDEX_FILE_NAME, write_build_id  # noqa: E402
from ingest.store.bulk import load_sources, load_threads  # noqa: E402
from ingest.store.label_index import build_search_index  # noqa: E402
from ingest.store.sources import collect_sources  # noqa: E402
from ingest.store.validate import load_shapes, validate_store  # noqa: E402

DEPARTEMENTS = ("59", "62", "75", "69", "13", "33", "31", "44", "67", "80", "02", "60")


def _step(label: str, function: Callable[[], object]) -> float:
    tick = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - tick
    said = f" ({result})" if isinstance(result, str) else ""
    print(f"  {label:44} {seconds:8.1f} s{said}", flush=True)
    return seconds


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


class UnionView:
    """A store read through the union of its graphs (for helpers that call ``query``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def query(self, text: str) -> object:
        return self.store.query(text, use_default_graph_as_union=True)


def _fill(
    store: Store, store_dir: Path, data: Path, validate: bool, union: bool = False
) -> tuple[dict[str, float], int]:
    settings = load_settings()
    merged = not union
    threads = load_threads(settings.load_threads)
    timings = {
        "load the project's sources": _step(
            f"load the project's sources ({threads} threads)",
            lambda: load_sources(
                store, collect_sources(settings)[0], default_graph=merged, threads=threads
            ),
        ),
        "load the synthetic graph": _step(
            "load the synthetic graph" + (" (+ default graph)" if merged else " (named only)"),
            lambda: load(store, data, default_graph=merged, threads=threads),
        ),
    }
    quads = len(store)
    if validate:
        shapes = load_shapes(settings.shapes_path, settings.base_iri)

        def check() -> str:
            found = validate_store(store, shapes, union=union)
            return f"{found.sparql_checks} checks, {len(found.violations)} violations"

        timings["validation"] = _step("SHACL validation (compiled checks)", check)
    timings["search index"] = _step(
        "search index",
        lambda: f"{build_search_index(store, store_dir / INDEX_FILE_NAME, settings):,} labels",
    )
    timings["optimize"] = _step("flush + optimize", lambda: (store.flush(), store.optimize()))
    store.flush()
    return timings, quads


def build(folder: Path, triples: int, seed: int, validate: bool, union: bool = False) -> Path:
    """Generate and load; returns the store folder."""
    data, store_dir = folder / "synthetic", folder / "store"
    print(f"build ({triples:,} synthetic triples, seed {seed}):")
    _step(
        "generate the synthetic graph (not loading)",
        lambda: "{:,} triples, {:,} orgs".format(*generate(data, triples, seed)),
    )
    timings, quads = _fill(Store(str(store_dir)), store_dir, data, validate, union)
    gc.collect()  # closes the store
    write_build_id(store_dir)
    total = sum(timings.values())
    loading = total - timings.get("validation", 0.0) - timings["search index"]
    print(
        f"  {'total (load + optimize: ' + f'{loading:.1f} s)':44} {total:8.1f} s; "
        f"{quads:,} quads; store {_size(store_dir):,.0f} MiB"
    )
    shutil.rmtree(data)
    return store_dir


def _samples(store_dir: Path, rng: random.Random, union: bool) -> tuple[list[str], list[str]]:
    """Slugs of synthetic actors and words of their names, for the REST requests."""
    store = Store.read_only(str(store_dir))
    rows = store.query(
        "SELECT ?o ?l WHERE { ?o a <http://www.w3.org/ns/org#Organization> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
        'FILTER(STRSTARTS(STR(?o), "https://w3id.org/ess-hdf/id/organisation/syn-")) } LIMIT 20000',
        use_default_graph_as_union=union,
    )
    pairs = [(row["o"].value, row["l"].value) for row in rows]  # type: ignore[union-attr]
    rng.shuffle(pairs)
    slugs = [iri.rsplit("/", 1)[-1] for iri, _label in pairs[:500]]
    words = [label.split()[2] for _iri, label in pairs[:500] if len(label.split()) > 2]
    return slugs, words


def rest(
    base: str, slugs: list[str], words: list[str], count: int, rng: random.Random, seconds: float
) -> None:
    """p50/p95/p99 of the three REST requests, one client (at most ``count`` of each, and no
    new one after ``seconds``)."""
    kinds = {
        "list, territory filter": lambda: (
            f"/api/actors?territory=departement/{rng.choice(DEPARTEMENTS)}"
        ),
        "item": lambda: f"/api/actors/{rng.choice(slugs)}",
        "search": lambda: f"/api/search?q={rng.choice(words)}",
    }
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, path in kinds.items():
            for _ in range(1):  # warm
                client.get(path())
            latencies, statuses = [], set()
            began = time.perf_counter()
            for _ in range(count):
                if latencies and time.perf_counter() - began > seconds:
                    break  # a slow kind: keep what was measured
                tick = time.perf_counter()
                response = client.get(path())
                latencies.append(time.perf_counter() - tick)
                statuses.add(response.status_code)
            print(
                f"    {name:24} p50 {pct(latencies, 0.5):7.1f}  p95 {pct(latencies, 0.95):7.1f}"
                f"  p99 {pct(latencies, 0.99):7.1f} ms  ({len(latencies)} requests, "
                f"status {sorted(statuses)})",
                flush=True,
            )


def sparql(urls: dict[str, str], queries: list[tuple[str, str]], rounds: int = 1) -> None:
    """The mix at concurrency 1 and 8 on each server, one after the other, ``rounds`` times;
    the throughput of ours / Oxigraph's of each round, then their spread."""
    warm = queries[: len(queries) // 2]
    for url in urls.values():
        asyncio.run(http_run(url, list(warm), 2))
    ratios: dict[tuple[int, str], list[float]] = {}
    for round_number in range(1, rounds + 1):
        for concurrency in (1, 8):
            print(
                f"  SPARQL mix of {len(queries)} requests, concurrency {concurrency}, "
                f"round {round_number}:"
            )
            rates: dict[str, float] = {}
            for name, url in urls.items():
                latencies, wall = asyncio.run(http_run(url, list(queries), concurrency))
                rates[name] = len(latencies) / wall
                print(
                    f"    {name:24} p50 {pct(latencies, 0.5):7.1f}  p95 {pct(latencies, 0.95):7.1f}"
                    f"  p99 {pct(latencies, 0.99):7.1f} ms  {rates[name]:6.2f} req/s "
                    f"({wall:.1f} s)",
                    flush=True,
                )
            ox = rates["oxigraph"]
            for n, r in rates.items():
                if n != "oxigraph":
                    ratios.setdefault((concurrency, n), []).append(r / ox)
            print(
                "    throughput / oxigraph: "
                + ", ".join(f"{n} {r / ox:.2f}" for n, r in rates.items() if n != "oxigraph"),
                flush=True,
            )
    for (concurrency, name), found in sorted(ratios.items()):
        print(
            f"  ratio {name} / oxigraph at c{concurrency} over {len(found)} rounds: "
            f"min {min(found):.2f}, median {statistics.median(found):.2f}, max {max(found):.2f}"
        )


class PeakMemory:
    """The largest sum of PSS (and of RSS) of a process and its children, sampled each
    ``period`` seconds in a thread while it runs (the memory at the end hides a peak)."""

    def __init__(self, pid: int, period: float = 0.5) -> None:
        self.pid, self.period = pid, period
        self.pss_kb = self.rss_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(self.period):
            self.pss_kb = max(self.pss_kb, sum(pss_kb(self.pid)))
            self.rss_kb = max(self.rss_kb, rss_kb(self.pid))

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def serve(store_dir: Path, folder: Path, args: argparse.Namespace) -> None:
    ours_port, ox_port, remote_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "ESS_STORE_PATH": str(store_dir),
        "ESS_HOST": "127.0.0.1",
        "ESS_QUERY_WORKERS": str(args.workers),
        "ESS_REST_QUERY_WORKERS": str(args.rest_workers),
        "ESS_QUERY_TIMEOUT_S": "300",
        "ESS_UNION_DEFAULT_GRAPH": "true" if args.union else "false",
    }
    urls = {
        "oxigraph": f"http://127.0.0.1:{ox_port}/query",
        "ours (embedded)": f"http://127.0.0.1:{ours_port}/sparql",
        "ours (remote)": f"http://127.0.0.1:{remote_port}/sparql",
    }
    if not args.remote:
        del urls["ours (remote)"]
    probe = "?query=ASK%7B%7D"
    oxi_env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" or not args.oxigraph_malloc}
    if args.oxigraph_malloc not in (None, "system"):
        oxi_env["LD_PRELOAD"] = args.oxigraph_malloc
    oxi = start(
        [
            str(BIN / "oxigraph"),
            "serve-read-only",
            "--location",
            str(store_dir),
            "--bind",
            f"127.0.0.1:{ox_port}",
            *(["--union-default-graph"] if args.union else []),
        ],
        oxi_env,
        urls["oxigraph"] + probe,
        folder,
    )
    procs = [oxi]
    try:
        ours = start(
            [str(BIN / "ess-graph"), "serve"],
            {**env, "ESS_PORT": str(ours_port), "ESS_PUBLIC_URL": f"http://127.0.0.1:{ours_port}/"},
            urls["ours (embedded)"] + probe,
            folder,
        )
        procs.append(ours)
        peak = PeakMemory(ours.pid)
        ports = {"ours (embedded)": ours_port}
        if args.baseline is not None:  # the same service from another checkout, side by side
            base_port = free_port()
            name = f"ours ({args.baseline.name})"
            urls[name] = f"http://127.0.0.1:{base_port}/sparql"
            procs.append(
                start(
                    [str(BIN / "ess-graph"), "serve"],
                    {
                        **env,
                        "PYTHONPATH": str(args.baseline.resolve()),
                        "ESS_PORT": str(base_port),
                        "ESS_PUBLIC_URL": f"http://127.0.0.1:{base_port}/",
                    },
                    urls[name] + probe,
                    folder,
                )
            )
        if args.remote:
            ports["ours (remote)"] = remote_port
            procs.append(_start_remote(env, urls, remote_port, folder))
        remote = procs[-1] if args.remote else None
        rng = random.Random(16)  # noqa: S311 (a reproducible workload)
        slugs, words = _samples(store_dir, rng, args.union)
        for name, port in ports.items():
            print(f"  REST, {name}, {args.rest} requests each:")
            rest(f"http://127.0.0.1:{port}", slugs, words, args.rest, rng, args.rest_seconds)
        if args.requests:
            local = Store.read_only(str(store_dir))
            seen = UnionView(local) if args.union else local
            queries = mix_project(seen, random.Random(7), args.requests)  # type: ignore[arg-type]  # noqa: S311
            sparql(urls, queries, args.rounds)
        peak.stop()
        others = f", ours (remote) {rss_kb(remote.pid) // 1024} MiB" if remote else ""
        print(
            f"  RSS at the end: ours (embedded, with workers) {rss_kb(ours.pid) // 1024} MiB"
            f"{others}, oxigraph {rss_kb(oxi.pid) // 1024} MiB"
        )
        pss = pss_kb(ours.pid)
        others = f", ours (remote) {sum(pss_kb(remote.pid)) // 1024} MiB" if remote else ""
        print(
            f"  PSS at the end: ours (embedded) {sum(pss) // 1024} MiB "
            f"(service, then each worker: {', '.join(str(k // 1024) for k in pss)} MiB)"
            f"{others}, oxigraph {sum(pss_kb(oxi.pid)) // 1024} MiB"
        )
        print(
            f"  peak, sampled every {peak.period:g} s: ours (embedded) PSS "
            f"{peak.pss_kb // 1024} MiB, RSS {peak.rss_kb // 1024} MiB"
        )
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _start_remote(
    env: dict[str, str], urls: dict[str, str], port: int, folder: Path
) -> subprocess.Popen[bytes]:
    """Our service with the remote backend, in front of the Oxigraph server."""
    return start(
        [str(BIN / "ess-graph"), "serve"],
        {
            **env,
            "ESS_PORT": str(port),
            "ESS_PUBLIC_URL": f"http://127.0.0.1:{port}/",
            "ESS_BACKEND": "remote",
            "ESS_REMOTE_QUERY_URL": urls["oxigraph"],
        },
        f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D",
        folder,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--requests", type=int, default=90, help="SPARQL mix size (0: no SPARQL mix)"
    )
    parser.add_argument("--rest", type=int, default=200, help="requests of each REST kind")
    parser.add_argument("--workers", type=int, default=2, help="our ESS_QUERY_WORKERS")
    parser.add_argument("--rest-workers", type=int, default=1, help="our ESS_REST_QUERY_WORKERS")
    parser.add_argument("--rounds", type=int, default=1, help="SPARQL mix rounds (spread)")
    parser.add_argument(
        "--no-remote", dest="remote", action="store_false", help="no remote service of ours"
    )
    parser.add_argument("--no-validate", dest="validate", action="store_false")
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    parser.add_argument("--load-only", action="store_true", help="build, serve nothing")
    parser.add_argument(
        "--union", action="store_true", help="no default graph: serve the union of the graphs"
    )
    parser.add_argument("--store", type=Path, help="serve this store (built before) instead")
    parser.add_argument(
        "--rest-seconds", type=float, default=60.0, help="time budget of each REST kind"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="also serve the service of this checkout (PYTHONPATH), in the SPARQL mix only",
    )
    parser.add_argument(
        "--oxigraph-malloc",
        help="'system' (no LD_PRELOAD) or a library Oxigraph preloads; default: this process's",
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    folder = Path(tempfile.mkdtemp(prefix="ess-scale-", dir=args.keep))
    try:
        store_dir = args.store or build(folder, args.triples, args.seed, args.validate, args.union)
        if not args.load_only:
            serve(store_dir, folder, args)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
