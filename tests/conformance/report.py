"""Write docs/CONFORMANCE.md: the W3C tests played against a live server.

    .venv/bin/python -m tests.conformance.report

Builds a store with the tests' data, starts ``ess-graph serve`` on a free loopback port,
plays every test with httpx and writes the table.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conformance_runner import Outcome, run_all, table  # noqa: E402
from conformance_store import build_conformance_store  # noqa: E402

ROOT = HERE.parents[1]
WRITABLE = """
## The update tests on a writable service

The same runner against `ess-graph serve` started with `ESS_READ_ONLY=false` (the in-process
writable backend, `graph_service/backends/embedded.py`), on a fresh store, for the protocol
tests that send updates. The deployed service is read-only; this checks the protocol layer.

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
played and pass: a read-only service refuses every update with 403); the second table plays
them on a writable service. Every graph store test is deprecated by the W3C and chains
writes with reads of their result: the writes are not applicable (they are sent, and must
answer 403), and of the reads those whose expected state is the initial one (the graph the
first PUT writes, loaded before the run, and absent graphs) are played against the
read-only graph store at `/store` (GET and HEAD).

## The deployed, read-only service

"""


def live_outcomes(folder: Path, read_only: bool) -> list[Outcome]:
    """Start ``ess-graph serve`` over a fresh conformance store and play every test."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    store = build_conformance_store(folder / f"store-{port}", url)
    env = {
        **os.environ,
        "ESS_STORE_PATH": str(store),
        "ESS_PORT": str(port),
        "ESS_PUBLIC_URL": url,
        "ESS_QUERY_WORKERS": "1",
        "ESS_READ_ONLY": "true" if read_only else "false",
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
        with httpx.Client(base_url=url, timeout=30) as client:
            return run_all(client, url + "sparql", read_only=read_only)
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ess-conformance-") as tmp:
        outcomes = live_outcomes(Path(tmp), read_only=True)
        writable = [
            o
            for o in live_outcomes(Path(tmp), read_only=False)
            if o.suite == "protocol"
            and (o.name.startswith(("update", "bad_update")) or o.name == "bad_multiple_updates")
        ]
    target = ROOT / "docs" / "CONFORMANCE.md"
    target.write_text(INTRO + table(outcomes) + WRITABLE + table(writable), encoding="utf-8")
    failed = sum(o.verdict == "fail" for o in outcomes + writable)
    print(
        f"wrote {target.relative_to(ROOT)}: {len(outcomes)} tests, then "
        f"{len(writable)} update tests on a writable service; {failed} failed"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
