"""Write docs/CONFORMANCE.md: the W3C tests played against a live server.

    .venv/bin/python -m tests.conformance.report

Builds a store with the tests' data, starts ``ess-graph serve`` on a free loopback port,
plays every test with httpx and writes the table.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conformance_runner import Outcome, run_all, table  # noqa: E402
from conformance_store import build_conformance_store  # noqa: E402
from conformance_writes import play_graph_store, play_protocol, writable_instance  # noqa: E402

ROOT = HERE.parents[1]
AUTHORISED_WRITES = """
## Writes with a token (the write path)

The protocol's update tests and every graph store test, against `ess-graph serve` started as a
writable test instance (`tests/conformance/conformance_writes.py`): write tokens
(`ESS_WRITE_TOKENS_FILE`, one token for `*` and `default`), `ESS_WRITE_DEFAULT_GRAPH=true`
(the W3C tests write the default graph as a graph of its own; a project store keeps it as the
merge of the named graphs and refuses to write it), no project shapes (the tests' FOAF data is
not ESS data), a fresh store per suite. Every request carries `Authorization: Bearer <token>`;
every write goes through the write path (a writer process that clones the store version,
validates, swaps it in). A successful write may answer 200 or 204 (the Graph Store Protocol
allows both); two POST bodies of the manifest lack their final Turtle dot, which the runner
adds; `person/2.ttl`, which "DELETE - existing graph" deletes, is loaded before the run.

"""
INTRO = """# Conformance to the W3C SPARQL 1.1 test suites

Produced by `.venv/bin/python -m tests.conformance.report` (the same runner is the pytest
test `tests/conformance/test_conformance.py`). The runner reads the W3C manifests in
`../shared/conformance/` (protocol, service description, graph store), loads the tests' data
(`data1.nt`…`data3.nt`) into the named graphs the manifest gives them, starts the service
(`ess-graph serve`, read-only, embedded worker pool) on a loopback port and plays every
request with httpx. Paths `/sparql/…` of the manifest are sent to `/sparql…`.

Not applicable tests are listed with their reason: the service is read-only, so the
protocol's update tests cannot succeed (the `bad_update_*` tests, which expect a 4xx, are
played and pass: a service without write tokens refuses every update with 403); the second
table plays them and every graph store test with a write token through the write path.
Every graph store test is deprecated by the W3C and chains writes
with reads of their result: the writes are not applicable (they are sent, and must
answer 403), and of the reads those whose expected state is the initial one (the graph the
first PUT writes, loaded before the run, and absent graphs) are played against the
read-only graph store at `/store` (GET and HEAD).

## The deployed, read-only service

"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def live_outcomes(folder: Path) -> list[Outcome]:
    """Start ``ess-graph serve`` over a fresh conformance store and play every test."""
    port = _port()
    url = f"http://127.0.0.1:{port}/"
    store = build_conformance_store(folder / f"store-{port}", url)
    with _serving(folder, port, {"ESS_STORE_PATH": str(store)}) as client:
        return run_all(client, url + "sparql")


def live_writes(folder: Path) -> list[Outcome]:
    """The protocol's update tests and the graph store tests with a token, each suite on a
    fresh writable test instance (:mod:`conformance_writes`)."""
    outcomes: list[Outcome] = []
    for suite in ("protocol", "graph-store"):
        port = _port()
        url = f"http://127.0.0.1:{port}/"
        env, token = writable_instance(folder / f"writable-{port}", url, suite)
        with _serving(folder, port, env) as client:
            if suite == "protocol":
                outcomes += play_protocol(client, token)
            else:
                outcomes += play_graph_store(client, url, token)
    return outcomes


@contextlib.contextmanager
def _serving(folder: Path, port: int, settings: dict[str, str]) -> Iterator[httpx.Client]:
    """``ess-graph serve`` with ``settings`` on ``port``, and a client of it."""
    url = f"http://127.0.0.1:{port}/"
    env = {
        **os.environ,
        "ESS_PORT": str(port),
        "ESS_PUBLIC_URL": url,
        "ESS_QUERY_WORKERS": "1",
        **settings,
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("ess-graph")), "serve"],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                httpx.get(url + "sparql?query=ASK%7B%7D", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        with httpx.Client(base_url=url, timeout=60) as client:
            yield client
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ess-conformance-") as tmp:
        outcomes = live_outcomes(Path(tmp))
        tokened = live_writes(Path(tmp))
    target = ROOT / "docs" / "CONFORMANCE.md"
    target.write_text(
        INTRO + table(outcomes) + AUTHORISED_WRITES + table(tokened),
        encoding="utf-8",
    )
    failed = sum(o.verdict == "fail" for o in outcomes + tokened)
    print(
        f"wrote {target.relative_to(ROOT)}: {len(outcomes)} tests, then "
        f"{len(tokened)} with a token; {failed} failed"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
