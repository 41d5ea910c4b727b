"""SPARQL service benchmark: our /sparql vs `oxigraph serve` vs pyoxigraph in-process.

    .venv/bin/python bench/sparql_bench.py [--requests 90] [--data auto|project|generated]

Builds one store (the project's data through ``ingest.store.build.build_store`` when it
builds, without SHACL validation, else a generated graph of about 150k triples; each has its
own workload), copies it for ``oxigraph serve``,
starts both servers on loopback ports and runs the same mixed workload (lookups, joins,
aggregates, a large SELECT, CONSTRUCT) at concurrency 1 and 8 with one httpx client, then
tiny-query medians (ASK, one-entity lookup; our service as configured by default, without an
access log like ``oxigraph serve``, and a second instance with ``ESS_ACCESS_LOG=true``), then the
server's memory while it streams a 1-million-row result. Prints p50/p95 latency, throughput
and the ratios to Oxigraph.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.sparql_workload import (
    build_generated,
    memory_query,
    memory_query_project,
    mix,
    mix_project,
    tiny,
    tiny_project,
)

BIN = Path(sys.executable).parent


def build(folder: Path, data: str) -> tuple[Path, str]:
    """The store to serve and the base IRI of its data."""
    store = folder / "store"
    if data in ("auto", "project"):
        try:
            from ess_core.settings import load_settings
            from ingest.store.build import build_store

            settings = load_settings(store_path=store)
            build_store(settings, validate=False)  # SHACL does not change query speed
            if len(ox.Store.read_only(str(store))) > 10_000 or data == "project":
                return store, "project"
        except Exception as exc:  # any failure falls back to generated data
            if data == "project":
                raise
            print(f"project build unavailable ({type(exc).__name__}: {exc}); generating")
        shutil.rmtree(store, ignore_errors=True)
    build_generated(store)
    return store, "generated"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(cmd: list[str], env: dict[str, str], probe: str, cwd: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(300):
        try:
            httpx.get(probe, timeout=1.0)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{cmd[0]} did not start")


async def http_run(
    url: str, queries: list[tuple[str, str]], concurrency: int
) -> tuple[list[float], float]:
    """Send every query (POST form) with ``concurrency`` clients; latencies and wall time."""
    pending = list(queries)
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:

        async def loop() -> None:
            while pending:
                query, accept = pending.pop()
                t = time.perf_counter()
                r = await client.post(url, data={"query": query}, headers={"Accept": accept})
                await r.aread()
                latencies.append(time.perf_counter() - t)
                if r.status_code != 200:
                    raise RuntimeError(f"{url}: {r.status_code} {r.text[:200]}")

        start_t = time.perf_counter()
        await asyncio.gather(*(loop() for _ in range(concurrency)))
        return latencies, time.perf_counter() - start_t


def inproc_run(
    store: ox.Store, queries: list[tuple[str, str]], concurrency: int
) -> tuple[list[float], float]:
    """The same queries evaluated and serialized in this process by ``concurrency`` threads."""

    def one(item: tuple[str, str]) -> float:
        query, _ = item
        t = time.perf_counter()
        result = store.query(query)
        if isinstance(result, ox.QueryTriples):
            result.serialize(format=ox.RdfFormat.N_TRIPLES)
        else:
            result.serialize(format=ox.QueryResultsFormat.JSON)
        return time.perf_counter() - t

    start_t = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(one, queries))
    return latencies, time.perf_counter() - start_t


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _family(pid: int) -> list[int]:
    """``pid`` and its children (the query workers)."""
    pids = [pid]
    kids = Path(f"/proc/{pid}/task/{pid}/children")
    if kids.exists():
        pids += [int(p) for p in kids.read_text().split()]
    return pids


def pss_kb(pid: int) -> list[int]:
    """Proportional set size of ``pid`` and of each of its children, in KiB: resident memory
    with each page shared by n processes counted 1/n in each (the interpreter and libraries
    the workers share with the service are counted once in the sum, not once a process)."""
    sizes = []
    for p in _family(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    sizes.append(int(line.split()[1]))
        except FileNotFoundError:
            pass
    return sizes


def rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and its children (the query workers), in KiB."""
    total = 0
    for p in _family(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def memory_while_streaming(url: str, pid: int, query: str) -> tuple[int, int, int, int]:
    """(rows, RSS before, max RSS during, RSS at the end) while streaming ``query`` as TSV."""
    samples: list[int] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(rss_kb(pid))
            time.sleep(0.05)

    before = rss_kb(pid)
    thread = threading.Thread(target=sample)
    thread.start()
    rows = 0
    with httpx.stream(
        "POST",
        url,
        data={"query": query},
        timeout=600,
        headers={"Accept": "text/tab-separated-values"},
    ) as response:
        for chunk in response.iter_bytes():
            rows += chunk.count(b"\n")
            time.sleep(0.0005)  # a client slower than the server: backpressure must hold
    done.set()
    thread.join()
    return rows - 1, before, max(samples or [before]), rss_kb(pid)


def report(name: str, lat: list[float], wall: float) -> float:
    rps = len(lat) / wall
    print(
        f"  {name:<12} p50 {pct(lat, 0.5):8.1f} ms  p95 {pct(lat, 0.95):8.1f} ms  {rps:7.1f} req/s"
    )
    return rps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=90, help="requests per run")
    parser.add_argument("--data", choices=["auto", "project", "generated"], default="auto")
    parser.add_argument("--workers", type=int, default=2, help="our ESS_QUERY_WORKERS")
    parser.add_argument("--tiny", type=int, default=300, help="requests per tiny query")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ess-bench-"))
    try:
        run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    t = time.perf_counter()
    store_path, origin = build(folder, args.data)
    copy = folder / "oxigraph-copy"
    shutil.copytree(store_path, copy)
    local = ox.Store.read_only(str(store_path))
    print(
        f"store: {origin}, {len(local)} quads, built in {time.perf_counter() - t:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    ours_port, ox_port = free_port(), free_port()
    env = {
        **os.environ,
        "ESS_STORE_PATH": str(store_path),
        "ESS_PORT": str(ours_port),
        "ESS_HOST": "127.0.0.1",
        "ESS_QUERY_WORKERS": str(args.workers),
        "ESS_PUBLIC_URL": f"http://127.0.0.1:{ours_port}/",
        "ESS_QUERY_TIMEOUT_S": "300",
    }
    ours_url, ox_url = f"http://127.0.0.1:{ours_port}/sparql", f"http://127.0.0.1:{ox_port}/query"
    ours = start([str(BIN / "ess-graph"), "serve"], env, ours_url + "?query=ASK%7B%7D", folder)
    logged_port = free_port()
    logged_url = f"http://127.0.0.1:{logged_port}/sparql"
    logged = start(
        [str(BIN / "ess-graph"), "serve"],
        {**env, "ESS_PORT": str(logged_port), "ESS_ACCESS_LOG": "true", "ESS_QUERY_WORKERS": "1"},
        logged_url + "?query=ASK%7B%7D",
        folder,
    )
    oxi = start(
        [str(BIN / "oxigraph"), "serve", "--location", str(copy), "--bind", f"127.0.0.1:{ox_port}"],
        dict(os.environ),
        ox_url + "?query=ASK%7B%7D",
        folder,
    )
    try:
        urls = {"oxigraph": ox_url, "ours": ours_url, "ours, access log on": logged_url}
        compare(args, local, urls, ours.pid, origin == "project")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        for proc in (ours, logged, oxi):
            proc.terminate()
            proc.wait(10)


def compare(
    args: argparse.Namespace, local: ox.Store, urls: dict[str, str], ours_pid: int, project: bool
) -> None:
    ox_url, ours_url = urls["oxigraph"], urls["ours"]
    rng = random.Random(7)  # noqa: S311 (a reproducible workload)
    queries = (mix_project if project else mix)(local, rng, args.requests)
    warm = queries[: len(queries) // 2]  # both servers warm their caches alike (ours: per worker)
    for url in (ox_url, ours_url):
        asyncio.run(http_run(url, list(warm), 2))
    for concurrency in (1, 8):
        print(f"mix of {len(queries)} requests, concurrency {concurrency}:")
        results: dict[str, float] = {}
        for name, runner in (
            ("oxigraph", lambda q, c: asyncio.run(http_run(ox_url, q, c))),
            ("ours", lambda q, c: asyncio.run(http_run(ours_url, q, c))),
            ("in-process", lambda q, c: inproc_run(local, q, c)),
        ):
            lat, wall = runner(list(queries), concurrency)
            results[name] = report(name, lat, wall)
        print(
            f"  throughput ours/oxigraph = {results['ours'] / results['oxigraph']:.2f} "
            f"(target >= 0.7); in-process/oxigraph = "
            f"{results['in-process'] / results['oxigraph']:.2f}"
        )
    for label, (query, accept) in (tiny_project if project else tiny)(local).items():
        medians = tiny_medians(urls, query, accept, args.tiny)
        print(
            f"tiny {label:<8} median oxigraph {medians['oxigraph']:.2f} ms; "
            + "; ".join(
                f"{name} {medians[name]:.2f} ms, ratio {medians[name] / medians['oxigraph']:.2f}"
                for name in urls
                if name != "oxigraph"
            )
            + " (target <= 1.5)"
        )
    print("per-query medians (ms):")
    per_query(ours_url, ox_url, queries)
    if not args.skip_memory:
        t = time.perf_counter()
        rows, before, peak, after = memory_while_streaming(
            ours_url, ours_pid, memory_query_project() if project else memory_query()
        )
        print(
            f"streaming {rows} rows as TSV in {time.perf_counter() - t:.1f} s: server RSS "
            f"(with workers) {before // 1024} MiB before, {peak // 1024} MiB peak, "
            f"{after // 1024} MiB after"
        )


def tiny_medians(urls: dict[str, str], query: str, accept: str, count: int) -> dict[str, float]:
    """Median latency per server, requests interleaved in a new random order each round so
    that load noise hits all alike (after 20 rounds to warm connections and caches)."""
    clients = {name: httpx.Client(timeout=30) for name in urls}
    latencies: dict[str, list[float]] = {name: [] for name in urls}
    order = list(urls.items())
    rng = random.Random(11)  # noqa: S311 (a reproducible order)
    try:
        for i in range(count + 20):
            rng.shuffle(order)
            for name, url in order:
                t = time.perf_counter()
                response = clients[name].post(
                    url, data={"query": query}, headers={"Accept": accept}
                )
                if i >= 20:
                    latencies[name].append(time.perf_counter() - t)
                response.raise_for_status()
    finally:
        for client in clients.values():
            client.close()
    return {name: statistics.median(values) * 1000 for name, values in latencies.items()}


def per_query(ours_url: str, ox_url: str, queries: list[tuple[str, str]]) -> None:
    by_label: dict[str, list[tuple[str, str]]] = {}
    for query, accept in queries:
        by_label.setdefault(query.split("\n", 1)[0], []).append((query, accept))
    for label, items in by_label.items():
        line = []
        for url in (ox_url, ours_url):
            lat, _ = asyncio.run(http_run(url, items[:5], 1))
            line.append(statistics.median(lat) * 1000)
        print(f"  {label[2:]:<22} oxigraph {line[0]:7.1f}  ours {line[1]:7.1f}")


if __name__ == "__main__":
    main()
