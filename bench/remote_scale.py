"""The remote backend at scale (issue 16): ``python bench/remote_scale.py --triples 1000000``.

Our service in front of a read-only SPARQL engine holding the synthetic national graph
(:mod:`bench.synthetic_graph`), over Oxigraph server and over Virtuoso (Debian's
``virtuoso-opensource``, ``make virtuoso``), each with its own loading path. In one run:

1. generates the synthetic quads (``--quads-only``: the engines serve the union of the named
   graphs, no materialised default graph) into ``DIR/data`` unless they are there, and dumps
   the project's own sources (``ingest.store.bulk.load_sources``, named graphs only) beside
   them as ``sources.nq``;
2. **Oxigraph**: ``oxigraph load --lenient --file sources.nq synthetic.nq`` (the CLI's bulk
   loader, files in parallel) into ``DIR/oxigraph``, ``oxigraph optimize`` (the compaction the
   CLI advises before reads), then the service's search index built from that store
   (``ingest.store.label_index``, read through the union of the graphs);
3. **Virtuoso**: a database in ``DIR/virtuoso`` (the Debian configuration, on free loopback
   ports, ``--virtuoso-buffers`` 8 KiB pages of cache, no row cap, no execution-time cap), the
   RDF bulk loader (``ld_dir`` of the two ``.nq`` files, ``rdf_loader_run()`` in one ``isql``
   session per core, ``checkpoint``);
4. serves each engine with ``ess-graph serve`` in front (``ESS_BACKEND=remote``,
   ``ESS_UNION_DEFAULT_GRAPH=true``, the search index of ``DIR/oxigraph``) and times REST (a list
   with a territory filter, one actor, a search; one client) and the SPARQL mix of
   ``bench/sparql_bench.py`` at concurrency 1 and 8, straight to each engine and through ours;
   a request that fails is counted by the mix's label with its status, not retried;
5. prints the resident memory of each engine and of our service;
6. with ``--compare``: the REST answers of ours over each engine (12 lists, 30 actors),
   byte for byte, and the size of each mix query's answer from each engine.

Steps whose result is in ``DIR`` already (data, loaded stores) are not redone: ``--dir`` keeps
them between runs; remove the folder when done (a 50 M store is tens of GiB).
docs/BENCHMARKS.md ("National scale") keeps the figures, docs/DEPLOYMENT.md what they mean.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
from pyoxigraph import RdfFormat, Store

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from the repository root
    sys.path.insert(0, str(REPO))

from bench.scale_bench import DEPARTEMENTS, UnionView, _samples, _size  # noqa: E402
from bench.sparql_bench import BIN, free_port, pct, pss_kb, rss_kb  # noqa: E402
from bench.sparql_workload import mix_project  # noqa: E402
from bench.synthetic_graph import generate  # noqa: E402
from ess_core.settings import load_settings  # noqa: E402
from ess_core.store_layout import INDEX_FILE_NAME, write_build_id  # noqa: E402
from ingest.store.bulk import load_sources  # noqa: E402
from ingest.store.label_index import build_search_index  # noqa: E402
from ingest.store.sources import collect_sources  # noqa: E402

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def _timed(label: str, tick: float, said: str = "") -> float:
    seconds = time.perf_counter() - tick
    print(f"  {label:44} {seconds:8.1f} s{(' (' + said + ')') if said else ''}", flush=True)
    return seconds


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds:.0f} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def prepare_data(data: Path, triples: int, seed: int) -> None:
    if not (data / "synthetic.nq").exists():
        tick = time.perf_counter()
        count, orgs = generate(data, triples, seed, default_file=False)
        _timed("generate the synthetic quads", tick, f"{count:,} triples, {orgs:,} orgs")
    if not (data / "sources.nq").exists():
        tick = time.perf_counter()
        store = Store()
        load_sources(store, collect_sources(load_settings())[0], default_graph=False)
        store.dump(output=data / "sources.nq", format=RdfFormat.N_QUADS)
        _timed("dump the project's sources (named graphs)", tick, f"{len(store):,} quads")
    size = sum(p.stat().st_size for p in data.glob("*.nq")) / 2**20
    print(f"  N-Quads to load: {size:,.0f} MiB")


def load_oxigraph(data: Path, store_dir: Path, optimize: bool = True, index: bool = True) -> None:
    if (store_dir / INDEX_FILE_NAME).exists() or (not index and (store_dir / "loaded").exists()):
        print(f"  oxigraph store {store_dir}: loaded before, {_size(store_dir):,.0f} MiB")
        return
    if not (store_dir / "loaded").exists():
        shutil.rmtree(store_dir, ignore_errors=True)
        tick, cpu = time.perf_counter(), os.times()
        subprocess.run(
            [
                str(BIN / "oxigraph"),
                "load",
                "--location",
                str(store_dir),
                "--lenient",
                "--file",
                str(data / "sources.nq"),
                str(data / "synthetic.nq"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        spent = os.times()
        cpu_s = spent.children_user + spent.children_system
        cpu_s -= cpu.children_user + cpu.children_system
        _timed("oxigraph load (bulk, 2 files)", tick, f"{cpu_s:.0f} s CPU")
        (store_dir / "loaded").write_text("yes\n")
    print(f"  oxigraph store: {_size(store_dir):,.0f} MiB")
    if optimize:
        tick = time.perf_counter()  # the CLI's advice before a read-heavy workload
        location = ["--location", str(store_dir)]
        subprocess.run([str(BIN / "oxigraph"), "optimize", *location], check=True)
        _timed("oxigraph optimize (compaction)", tick, f"{_size(store_dir):,.0f} MiB")
    tick = time.perf_counter()
    store = Store.read_only(str(store_dir))
    labels = build_search_index(store, store_dir / INDEX_FILE_NAME, load_settings())
    _timed("search index (from the loaded store)", tick, f"{len(store):,} quads, {labels:,} labels")
    del store
    write_build_id(store_dir)


def virtuoso_ini(folder: Path, sql_port: int, http_port: int, buffers: int) -> Path:
    """The Debian configuration with its files in ``folder``, on our ports, sized for a load."""
    section, lines = "", []
    for line in VIRTUOSO_INI.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = line.split("=")[0].strip()
        value = line.split("=", 1)[1].split(";")[0].strip() if "=" in line else ""
        if key in ("DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile"):
            line = f"{key} = {folder}/{Path(value).name}"
        elif key == "xa_persistent_file":
            line = f"{key} = {folder}/{Path(value).name}"
        elif key == "ServerPort":
            line = f"ServerPort = {http_port if section == '[HTTPServer]' else sql_port}"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., {folder.parent / 'data'}, {folder}"
        elif key == "NumberOfBuffers":
            line = f"NumberOfBuffers = {buffers}"
        elif key == "MaxDirtyBuffers":
            line = f"MaxDirtyBuffers = {buffers * 3 // 4}"
        elif key in ("ResultSetMaxRows", "MaxQueryExecutionTime"):
            line = f"{key} = 0"  # no silent cut of rows nor partial "anytime" answers
        elif key == "MaxQueryCostEstimationTime":
            line = f"{key} = 0"
        elif key in ("MaxClientConnections", "ServerThreads"):
            line = f"{key} = 20"
        lines.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n")
    return ini


def isql(port: int, statements: str) -> str:
    done = subprocess.run(
        ["isql-vt", str(port), "dba", "dba", f"exec={statements}"],
        check=True,
        capture_output=True,
        text=True,
    )
    if "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql: {statements}: {done.stdout[-500:]} {done.stderr[-500:]}")
    return done.stdout


def start_virtuoso(
    folder: Path, data: Path, buffers: int
) -> tuple[subprocess.Popen[bytes], str, int]:
    """Start (and on the first run, bulk-load) the database in ``folder``."""
    fresh = not (folder / "loaded").exists()
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = virtuoso_ini(folder, sql_port, http_port, buffers)
    proc = subprocess.Popen(
        ["virtuoso-t", "-f", "-c", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    print(f"  virtuoso pid {proc.pid}, {url}", flush=True)
    try:
        _wait(url + "?query=ASK%7B%7D", proc, 300)
        if fresh:
            tick = time.perf_counter()
            isql(sql_port, f"ld_dir('{data}', '*.nq', 'urn:ess:unused');")
            loaders = [
                subprocess.Popen(
                    ["isql-vt", str(sql_port), "dba", "dba", "exec=rdf_loader_run();"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(max(1, os.cpu_count() or 1))
            ]
            for loader in loaders:
                loader.wait()
            loaded = time.perf_counter() - tick
            isql(sql_port, "checkpoint;")
            report = isql(sql_port, "SELECT ll_file, ll_state, ll_error FROM DB.DBA.LOAD_LIST;")
            print("  " + "\n  ".join(line for line in report.splitlines() if ".nq" in line))
            _timed("virtuoso bulk load + checkpoint", tick, f"load {loaded:.1f} s")
            (folder / "loaded").write_text("yes\n")
        count = httpx.post(
            url,
            data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "text/csv"},
            timeout=600,
        ).text.split()[-1]
        db = sum(p.stat().st_size for p in folder.glob("*.db")) / 2**20
        print(f"  virtuoso: {count} quads (with its own), database files {db:,.0f} MiB")
    except BaseException:
        _stop(proc)
        raise
    return proc, url, sql_port


async def mix_run(
    url: str, queries: list[tuple[str, str]], concurrency: int
) -> tuple[list[float], float, Counter[str]]:
    """The mix with ``concurrency`` clients: latencies of the answers, wall time, failures."""
    pending = list(queries)
    latencies: list[float] = []
    failed: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=600) as client:

        async def loop() -> None:
            while pending:
                query, accept = pending.pop()
                tick = time.perf_counter()
                try:
                    r = await client.post(url, data={"query": query}, headers={"Accept": accept})
                    await r.aread()
                except httpx.HTTPError as error:
                    failed[f"{query.splitlines()[0]}: {type(error).__name__}"] += 1
                    continue
                if r.status_code != 200:
                    first = r.text.strip().splitlines()[:1]
                    failed[f"{query.splitlines()[0]}: {r.status_code} {first}"[:200]] += 1
                    continue
                latencies.append(time.perf_counter() - tick)

        began = time.perf_counter()
        await asyncio.gather(*(loop() for _ in range(concurrency)))
        return latencies, time.perf_counter() - began, failed


def sparql(urls: dict[str, str], queries: list[tuple[str, str]]) -> None:
    for url in urls.values():
        asyncio.run(mix_run(url, queries[: len(queries) // 2], 2))  # warm
    for concurrency in (1, 8):
        print(f"  SPARQL mix of {len(queries)} requests, concurrency {concurrency}:")
        for name, url in urls.items():
            latencies, wall, failed = asyncio.run(mix_run(url, queries, concurrency))
            print(
                f"    {name:26} p50 {pct(latencies or [0], 0.5):8.1f}  "
                f"p95 {pct(latencies or [0], 0.95):8.1f} ms  "
                f"{len(latencies) / wall:6.2f} req/s ({len(latencies)} answered in {wall:.1f} s)",
                flush=True,
            )
            for what, times in sorted(failed.items()):
                print(f"      failed x{times}: {what}")


def rest(
    base: str,
    slugs: list[str],
    words: list[str],
    count: int,
    rng: random.Random,
    seconds: float,
    timeout: float,
) -> None:
    """p50/p95/p99 of the three REST requests, one client, as ``bench/scale_bench.py`` times
    them; a request with no answer in ``timeout`` seconds ends its kind (said so)."""
    kinds = {
        "list, territory filter": lambda: (
            f"/api/actors?territory=departement/{rng.choice(DEPARTEMENTS)}"
        ),
        "item": lambda: f"/api/actors/{rng.choice(slugs)}",
        "search": lambda: f"/api/search?q={rng.choice(words)}",
    }
    with httpx.Client(base_url=base, timeout=timeout) as client:
        for name, path in kinds.items():
            latencies: list[float] = []
            statuses: set[int] = set()
            late = ""
            began = time.perf_counter()
            for i in range(count + 1):  # the first one warms, not counted
                if latencies and time.perf_counter() - began > seconds:
                    break  # a slow kind: keep what was measured
                tick = time.perf_counter()
                try:
                    response = client.get(path())
                except httpx.TimeoutException:
                    late = f", then one with no answer in {timeout:.0f} s"
                    break
                if i:
                    latencies.append(time.perf_counter() - tick)
                    statuses.add(response.status_code)
            figures = "  ".join(
                f"p{q} {pct(latencies, q / 100):7.1f}" for q in (50, 95, 99) if latencies
            )
            print(
                f"    {name:24} {figures or 'no answer'} ms  ({len(latencies)} requests, "
                f"status {sorted(statuses)}{late})",
                flush=True,
            )


def serve_ours(
    store_dir: Path, engine_url: str, folder: Path
) -> tuple[subprocess.Popen[bytes], str]:
    """``ess-graph serve`` with the remote backend in front of ``engine_url``; its SPARQL URL."""
    port = free_port()
    env = {
        **os.environ,
        "ESS_STORE_PATH": str(store_dir),
        "ESS_HOST": "127.0.0.1",
        "ESS_PORT": str(port),
        "ESS_PUBLIC_URL": f"http://127.0.0.1:{port}/",
        "ESS_QUERY_TIMEOUT_S": "300",
        "ESS_UNION_DEFAULT_GRAPH": "true",
        "ESS_BACKEND": "remote",
        "ESS_REMOTE_QUERY_URL": engine_url,
    }
    proc = subprocess.Popen(
        [str(BIN / "ess-graph"), "serve"],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=(folder / f"ours-{port}.log").open("wb"),
    )
    url = f"http://127.0.0.1:{port}/sparql"
    _wait(url + "?query=ASK%7B%7D", proc, 120)
    return proc, url


def _size_of(response: httpx.Response) -> str:
    """What an answer holds, to compare engines: rows, triples or the boolean."""
    if response.status_code != 200:
        return f"status {response.status_code}"
    if "json" not in response.headers.get("content-type", ""):
        return f"{len(response.content.splitlines())} lines"
    body = response.json()
    if "boolean" in body:
        return str(body["boolean"])
    if "results" in body:
        return f"{len(body['results']['bindings'])} rows"
    return f"{len(response.content)} bytes"  # a REST answer


def _canonical(response: httpx.Response) -> str:
    """A JSON answer with every array sorted (arrays the API does not order)."""

    def sort(value: object) -> object:
        if isinstance(value, dict):
            return {k: sort(v) for k, v in value.items()}
        if isinstance(value, list):
            return sorted((sort(v) for v in value), key=json.dumps)
        return value

    try:
        return json.dumps(sort(response.json()), sort_keys=True)
    except ValueError:
        return response.text


def compare(urls: dict[str, str], queries: list[tuple[str, str]], slugs: list[str]) -> None:
    """The same REST answers and the same SPARQL answer sizes from each engine?"""
    ours = {n: u.removesuffix("/sparql") for n, u in urls.items() if n.startswith("ours")}
    engines = {n: u for n, u in urls.items() if not n.startswith("ours")}
    paths = [f"/api/actors?territory=departement/{d}" for d in DEPARTEMENTS]
    paths += [f"/api/actors/{slug}" for slug in slugs[:30]]
    with httpx.Client(timeout=600) as client:
        if len(ours) > 1:
            differ, order = [], 0
            for path in paths:
                answers = [client.get(base + path) for base in ours.values()]
                if len({(a.status_code, a.content) for a in answers}) == 1:
                    continue
                if len({(a.status_code, _canonical(a)) for a in answers}) == 1:
                    order += 1  # the same items, in another order where none is asked for
                    continue
                differ.append(f"{path}: " + ", ".join(_size_of(a) for a in answers))
            print(
                f"  REST answers compared ({len(paths)} paths): {len(differ)} differ, "
                f"{order} only by the order of unsorted arrays"
            )
            for line in differ[:10]:
                print(f"    {line}")
        if len(engines) > 1:
            seen: dict[str, list[str]] = {}
            for query, accept in queries:
                sizes = [
                    _size_of(client.post(u, data={"query": query}, headers={"Accept": accept}))
                    for u in engines.values()
                ]
                if len(set(sizes)) > 1:
                    seen.setdefault(query.splitlines()[0], []).append(" / ".join(sizes))
            print(f"  SPARQL answer sizes ({' / '.join(engines)}): {len(seen)} kinds differ")
            for label, cases in seen.items():
                print(f"    {label}: {len(cases)}x, e.g. {cases[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--dir", type=Path, required=True, help="data and stores (kept)")
    parser.add_argument("--engines", default="oxigraph,virtuoso")
    parser.add_argument("--requests", type=int, default=18, help="SPARQL mix size")
    parser.add_argument("--rest", type=int, default=100, help="requests of each REST kind")
    parser.add_argument("--rest-seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="per REST request, s")
    parser.add_argument(
        "--virtuoso-buffers", type=int, default=170_000, help="NumberOfBuffers (8 KiB pages)"
    )
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument(
        "--no-optimize", dest="optimize", action="store_false", help="no oxigraph optimize"
    )
    parser.add_argument(
        "--no-index", dest="index", action="store_false", help="no search index (search: 503)"
    )
    parser.add_argument("--compare", action="store_true", help="compare the engines' answers")
    parser.add_argument("--compare-only", action="store_true", help="compare, time nothing")
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    print(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    data, store_dir = args.dir / "data", args.dir / "oxigraph"
    args.dir.mkdir(parents=True, exist_ok=True)
    prepare_data(data, args.triples, args.seed)
    load_oxigraph(data, store_dir, args.optimize, args.index)  # the search index every arm reads
    procs: list[subprocess.Popen[bytes]] = []
    urls: dict[str, str] = {}
    pids: dict[str, int] = {}
    try:
        if "oxigraph" in engines:
            port = free_port()
            oxi = subprocess.Popen(
                [
                    str(BIN / "oxigraph"),
                    "serve-read-only",
                    "--location",
                    str(store_dir),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--union-default-graph",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            procs.append(oxi)
            urls["oxigraph"] = f"http://127.0.0.1:{port}/query"
            _wait(urls["oxigraph"] + "?query=ASK%7B%7D", oxi, 120)
            pids["oxigraph"] = oxi.pid
        if "virtuoso" in engines:
            virt, urls["virtuoso"], _sql = start_virtuoso(
                args.dir / "virtuoso", data, args.virtuoso_buffers
            )
            procs.append(virt)
            pids["virtuoso"] = virt.pid
        if args.load_only:
            return
        for engine in list(urls):
            ours, urls[f"ours in front of {engine}"] = serve_ours(store_dir, urls[engine], args.dir)
            procs.append(ours)
            pids[f"ours in front of {engine}"] = ours.pid
        rng = random.Random(16)  # noqa: S311 (a reproducible workload)
        slugs, words = _samples(store_dir, rng, True)
        local = UnionView(Store.read_only(str(store_dir)))
        queries = mix_project(local, random.Random(7), args.requests)  # type: ignore[arg-type]  # noqa: S311
        if not args.compare_only:
            for name, url in urls.items():
                if name.startswith("ours"):
                    print(f"  REST, {name}, {args.rest} requests each:")
                    base = url.removesuffix("/sparql")
                    rest(base, slugs, words, args.rest, rng, args.rest_seconds, args.timeout)
            sparql(urls, queries)
            print(
                "  memory at the end: "
                + ", ".join(
                    f"{name} RSS {rss_kb(pid) // 1024} MiB / PSS {sum(pss_kb(pid)) // 1024} MiB"
                    for name, pid in pids.items()
                )
            )
        if args.compare or args.compare_only:
            compare(urls, queries, slugs)
    finally:
        for proc in reversed(procs):
            _stop(proc)
        print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
