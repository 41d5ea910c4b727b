"""``ess-graph serve`` believes X-Forwarded-For only from the proxies the settings trust.

The per-client concurrency cap keys on the client address uvicorn gives the app: a local
process must not pass for another client unless ``ESS_TRUSTED_PROXIES`` names its address.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "graph_service" / "api"))
sys.path.insert(0, str(Path(__file__).parents[1] / "graph_service"))
from api_fixtures import build_test_store
from live_server import free_port

RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n2 ?o . ?p ?q ?r . ?t ?u ?v }"
)


@contextmanager
def _serving(store: Path, cwd: Path, **env: str) -> Iterator[str]:
    port = free_port()
    environment = {
        **os.environ,
        "ESS_STORE_PATH": str(store),
        "ESS_HOST": "127.0.0.1",
        "ESS_PORT": str(port),
        "ESS_MAX_CLIENT_CONCURRENCY": "1",
        **env,
    }
    ess_graph = Path(sys.executable).with_name("ess-graph")
    server = subprocess.Popen(
        [str(ess_graph), "serve"],
        cwd=cwd,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("ess-graph serve did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _status(url: str, forwarded_for: str) -> int:
    request = urllib.request.Request(url, headers={"X-Forwarded-For": forwarded_for})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _second_client_status(base: str) -> int:
    """The status of a request 'from' 192.0.2.2 while 192.0.2.1 holds its one slot."""
    slow = f"{base}/sparql?" + urllib.parse.urlencode({"query": RUNAWAY, "timeout": "3"})
    holder = threading.Thread(target=_status, args=(slow, "192.0.2.1"))
    holder.start()
    time.sleep(1.0)
    try:
        return _status(f"{base}/health", "192.0.2.2")
    finally:
        holder.join()


@pytest.mark.slow
def test_forwarded_addresses_count_only_from_trusted_proxies(tmp_path: Path) -> None:
    settings = build_test_store(tmp_path / "data")
    cwd = tmp_path / "run"
    cwd.mkdir()
    with _serving(settings.store_path, cwd) as base:  # no proxy trusted: one client, the peer
        assert _second_client_status(base) == 429
    trusted = '["127.0.0.1"]'
    with _serving(settings.store_path, cwd, ESS_TRUSTED_PROXIES=trusted) as base:
        assert _second_client_status(base) == 200  # two clients behind the trusted proxy
