"""A bounded load test of a live service on loopback: a mixed workload plus runaway clients.

    .venv/bin/python bench/load_test.py [--requests 10000] [--concurrency 32] [--runaways 4]
        [--max-seconds 900] [--store PATH] [--rest-workers 1] [--workers 2]
        [--rest-cache-mb 64]

Builds the project store into a temporary folder (or serves ``--store``), starts
``ess-graph serve`` on 127.0.0.1 (a free port; nothing leaves the machine), and runs
``--concurrency`` clients: ``--runaways`` of them send only runaway SPARQL queries (a 5-way
cross join, cut at their 2 s deadline: 503 by design), the others share ``--requests``
requests of a fixed mix (per 20: 8 REST lists, 2 REST resources, 6 SPARQL lookups, 1 HTML
entity page, 3 /health). It stops when the requests are done or after ``--max-seconds``.
Prints, for the mixed requests: statuses, 5xx count, p50/p95/p99 by kind and for REST (lists
and resources together); the runaways' statuses; and the resident memory of the service
process and of its query workers, sampled every 0.5 s, at each tenth of the run and at its
peak. The clients speak HTTP/1.1 on kept-alive connections through
``bench/loopback_http.py``, a small asyncio client: with httpx the generator spent two to
three times the service's CPU and, on two cores, measured mostly itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.loopback_http import connection_for  # noqa: E402
from bench.sparql_bench import free_port, pct  # noqa: E402


def rss_split_kb(pid: int) -> tuple[int, int]:
    """Resident memory (KiB) of the service process ``pid`` and of its children together."""

    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except FileNotFoundError:
            pass
        return 0

    kids = Path(f"/proc/{pid}/task/{pid}/children")
    children = [int(p) for p in kids.read_text().split()] if kids.exists() else []
    return rss(pid), sum(rss(p) for p in children)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
ACCEPT = {
    "page": {"accept": "text/html"},
    "rest-list": {"accept": "application/json"},
    "rest-resource": {"accept": "application/json"},
    "sparql": {"accept": "application/sparql-results+json"},
    "health": {},
}
LOOKUP = "SELECT ?p ?o WHERE { <https://w3id.org/ess-hdf/id/organisation/%s> ?p ?o } LIMIT 50"


def build(folder: Path) -> Path:
    """The project's store, built from data/ into ``folder`` (SHACL skipped)."""
    from ess_core.settings import load_settings
    from ingest.store.build import build_store

    settings = load_settings(
        store_path=folder / "store",
        data_dir=ROOT / "data",
        ontology_dir=ROOT / "ontology",
        queries_dir=ROOT / "queries",
    )
    build_store(settings, validate=False)
    return settings.store_path


def serve(
    store: Path, port: int, workers: int, rest_workers: int, cwd: Path, cache_mb: int
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ESS_STORE_PATH": str(store),
        "ESS_PORT": str(port),
        "ESS_HOST": "127.0.0.1",
        "ESS_PUBLIC_URL": f"http://127.0.0.1:{port}/",
        "ESS_QUERY_WORKERS": str(workers),
        "ESS_REST_QUERY_WORKERS": str(rest_workers),
        "ESS_REST_CACHE_MB": str(cache_mb),
        "ESS_QUERIES_DIR": str(ROOT / "queries"),
    }
    ess_graph = Path(sys.executable).with_name("ess-graph")
    proc = subprocess.Popen(
        [str(ess_graph), "serve"],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("ess-graph serve did not start")


def workload(base: str, count: int) -> list[tuple[str, str, dict[str, str]]]:
    """``count`` (kind, path, params) requests of the fixed mix, in a shuffled order."""
    actors = httpx.get(f"{base}api/actors", params={"limit": "40"}, timeout=30).json()["items"]
    slugs = [item["id"].rsplit("/", 1)[1] for item in actors] or ["apes"]
    rng = random.Random(13)  # noqa: S311 (a reproducible mix)
    lists = [
        ("api/actors", {"limit": "5"}),
        ("api/actors", {"limit": "5", "offset": "10"}),
        ("api/people", {"limit": "5"}),
        ("api/events", {"limit": "5"}),
        ("api/plans", {"limit": "5"}),
        ("api/documents", {}),
        ("api/search", {"q": "solidaire"}),
        ("api/territories", {"kind": "epci", "limit": "10"}),
    ]
    mix: list[tuple[str, str, dict[str, str]]] = []
    for i in range(count):
        slug = slugs[i % len(slugs)]
        choice = i % 20
        if choice < 8:
            path, params = lists[choice]
            mix.append(("rest-list", f"/{path}", params))
        elif choice < 10:
            mix.append(("rest-resource", f"/api/actors/{slug}", {}))
        elif choice < 16:
            mix.append(("sparql", "/sparql", {"query": LOOKUP % slug}))
        elif choice == 16:
            mix.append(("page", f"/page/organisation/{slug}", {}))
        else:
            mix.append(("health", "/health", {}))
    rng.shuffle(mix)
    return mix


async def run(
    base: str,
    mix: list[tuple[str, str, dict[str, str]]],
    concurrency: int,
    runaways: int,
    max_seconds: float,
    pid: int,
) -> dict[str, object]:
    pending = list(mix)
    latencies: dict[str, list[float]] = {}
    statuses: Counter[tuple[str, int]] = Counter()
    runaway_statuses: Counter[int] = Counter()
    memory: list[tuple[float, int, int]] = []
    stop_at = time.monotonic() + max_seconds
    done = asyncio.Event()
    failures = (ConnectionError, asyncio.IncompleteReadError, OSError)

    async def mixed() -> None:
        connection = connection_for(base)
        while pending and time.monotonic() < stop_at:
            kind, path, params = pending.pop()
            start = time.perf_counter()
            try:
                status, _body = await connection.get(path, params, ACCEPT[kind])
            except failures as exc:  # counted: a dropped connection is a failure
                statuses[(f"{kind} {type(exc).__name__}", 0)] += 1
                await connection.close()
                continue
            latencies.setdefault(kind, []).append(time.perf_counter() - start)
            statuses[(kind, status)] += 1
        await connection.close()

    async def runaway() -> None:
        connection = connection_for(base)
        while not done.is_set() and time.monotonic() < stop_at:
            try:
                status, _body = await connection.get("/sparql", {"query": RUNAWAY, "timeout": "2"})
            except failures:
                runaway_statuses[0] += 1
                await connection.close()
                continue
            runaway_statuses[status] += 1
        await connection.close()

    async def sample() -> None:
        began = time.monotonic()
        while not done.is_set():
            memory.append((time.monotonic() - began, *rss_split_kb(pid)))
            await asyncio.sleep(0.5)

    began = time.perf_counter()
    background = [asyncio.create_task(runaway()) for _ in range(runaways)]
    background.append(asyncio.create_task(sample()))
    await asyncio.gather(*(mixed() for _ in range(concurrency - runaways)))
    wall = time.perf_counter() - began
    done.set()
    await asyncio.gather(*background)
    return {
        "latencies": latencies,
        "statuses": statuses,
        "runaways": runaway_statuses,
        "memory": memory,
        "wall": wall,
    }


def report(result: dict[str, object]) -> None:
    latencies: dict[str, list[float]] = result["latencies"]  # type: ignore[assignment]
    statuses: Counter[tuple[str, int]] = result["statuses"]  # type: ignore[assignment]
    memory: list[tuple[float, int, int]] = result["memory"]  # type: ignore[assignment]
    total = sum(statuses.values())
    errors = sum(n for (_, status), n in statuses.items() if status >= 500 or status == 0)
    print(
        f"mixed requests: {total} in {result['wall']:.1f} s "
        f"({total / float(result['wall']):.0f}/s), 5xx or dropped: {errors}"
    )  # type: ignore[arg-type]
    print("statuses:", dict(sorted(statuses.items())))
    print("runaway statuses:", dict(result["runaways"]))  # type: ignore[call-overload]
    print("| kind | requests | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for kind, values in sorted(latencies.items()):
        print(
            f"| {kind} | {len(values)} | {pct(values, 0.5):.1f} | {pct(values, 0.95):.1f} | "
            f"{pct(values, 0.99):.1f} |"
        )
    rest = latencies.get("rest-list", []) + latencies.get("rest-resource", [])
    if rest:
        print(
            f"| REST (lists + resources) | {len(rest)} | {pct(rest, 0.5):.1f} | "
            f"{pct(rest, 0.95):.1f} | {pct(rest, 0.99):.1f} |"
        )
    if memory:
        print("\nRSS MiB (service process + query workers = total), by tenth of the run:")
        print("| at | service | workers | total |\n|---|---:|---:|---:|")
        for tenth in range(11):
            at, service, workers = memory[min(len(memory) - 1, tenth * (len(memory) - 1) // 10)]
            print(
                f"| {at:.0f} s | {service / 1024:.0f} | {workers / 1024:.0f} | "
                f"{(service + workers) / 1024:.0f} |"
            )
        peak = max(memory, key=lambda m: m[1] + m[2])
        print(
            f"peak total {(peak[1] + peak[2]) / 1024:.0f} MiB at {peak[0]:.0f} s; service peak "
            f"{max(m[1] for m in memory) / 1024:.0f} MiB ({len(memory)} samples)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--runaways", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rest-workers", type=int, default=1)
    parser.add_argument("--rest-cache-mb", type=int, default=64)
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ess-load-"))
    try:
        store = args.store.resolve() if args.store else build(folder)
        port = free_port()
        proc = serve(store, port, args.workers, args.rest_workers, folder, args.rest_cache_mb)
        try:
            base = f"http://127.0.0.1:{port}/"
            mix = workload(base, args.requests)
            print(
                f"load: {len(os.sched_getaffinity(0))} cores, load average "
                f"{os.getloadavg()[0]:.1f}; {args.workers} SPARQL + {args.rest_workers} REST "
                f"workers; REST cache {args.rest_cache_mb} MiB; {args.concurrency} clients of "
                f"which {args.runaways} runaways"
            )
            result = asyncio.run(
                run(base, mix, args.concurrency, args.runaways, args.max_seconds, proc.pid)
            )
            report(result)
            print(f"load average after: {os.getloadavg()[0]:.1f}")
        finally:
            proc.terminate()
            proc.wait(30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
