"""The write path over real HTTP (uvicorn in a subprocess): writes visible to the query
workers, concurrent submissions serialised, a kill -9 of the service mid-write harmless."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from live_server import free_port, start_uvicorn
from pyoxigraph import NamedNode, Quad
from sparql_testdata import filler_quads
from write_fixtures import DATASET, writable_settings

pytestmark = pytest.mark.slow
ORG = "http://www.w3.org/ns/org#Organization"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def _start(tmp_path: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return start_uvicorn(tmp_path, port, env, tries=200)


def _env(
    tmp_path: Path, quads: list[Quad] | None = None, **extra: object
) -> tuple[dict[str, str], str]:
    settings, token, _wide = writable_settings(tmp_path, quads, **extra)
    env = {
        "ESS_STORE_PATH": str(settings.store_path),
        "ESS_WRITE_TOKENS_FILE": str(settings.write_tokens_file),
        "ESS_SUBMISSIONS_DIR": str(settings.submissions_dir),
        "ESS_ONTOLOGY_DIR": str(Path.cwd() / "ontology"),
        "ESS_QUERY_WORKERS": "1",
        "ESS_QUERY_TIMEOUT_S": str(settings.query_timeout_s),
    }
    return env, token


def _ask(base: str, query: str) -> bool:
    return bool(httpx.get(f"{base}/sparql", params={"query": query}, timeout=30).json()["boolean"])


def test_concurrent_submissions_are_serialised(tmp_path: Path) -> None:
    env, token = _env(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(tmp_path, env, port)
    statuses: list[int] = []

    def submit(name: str) -> None:
        body = f'<urn:org:{name}> a <{ORG}> ; <{LABEL}> "{name}"@fr .'
        response = httpx.post(
            f"{base}/api/datasets/observatoire",
            content=body,
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"},
            timeout=120,
        )
        statuses.append(response.status_code)

    try:
        threads = [threading.Thread(target=submit, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [201, 201]
        changes = httpx.get(f"{base}/api/datasets/observatoire/changes", timeout=30).json()
        assert [c["version"] for c in changes["changes"]] == [1, 2]
        assert changes["changes"][1]["removed"] == 2  # the second replaced the first, whole
        a, b = (_ask(base, f"ASK {{ <urn:org:{n}> ?p ?o }}") for n in "ab")
        assert a != b  # one version is served, not a mix of both
    finally:
        server.terminate()
        server.wait(10)


def _writer_jobs(tmp_path: Path) -> list[int]:
    """The write jobs of this test's service: their environment names the test's folder (a
    test run beside this one has jobs of its own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (
                    b"ingest.writes.job" in (entry / "cmdline").read_bytes()
                    and str(tmp_path).encode() in (entry / "environ").read_bytes()
                ):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_kill_9_during_a_write_serves_the_previous_version(tmp_path: Path) -> None:
    filler = [Quad(q.subject, q.predicate, q.object, NamedNode(DATASET)) for q in filler_quads()]
    env, token = _env(tmp_path, filler, query_timeout_s=60.0)
    store = Path(env["ESS_STORE_PATH"])
    before = sorted(p.name for p in store.iterdir())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(tmp_path, env, port)
    runaway = (
        f"INSERT {{ GRAPH <{DATASET}> {{ <urn:x> <urn:n> ?n }} }} WHERE {{ "
        "SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:p> ?b . ?c <urn:p> ?d . ?e <urn:p> ?f . "
        "?g <urn:p> ?h . ?i <urn:p> ?j . ?k <urn:p> ?l } }"
    )

    def send() -> None:
        headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {token}"}
        try:
            httpx.post(f"{base}/sparql", content=runaway, headers=headers, timeout=60)
        except httpx.TransportError:
            pass  # the server is killed under it

    sender = threading.Thread(target=send)
    sender.start()
    for _ in range(600):  # a loaded machine may take a while to start it
        if _writer_jobs(tmp_path):
            break
        time.sleep(0.1)
    assert _writer_jobs(tmp_path), "the write job never started"
    time.sleep(2.0)  # the job is evaluating the update
    os.kill(server.pid, signal.SIGKILL)
    server.wait(10)
    sender.join(60)
    for _ in range(300):  # the writer dies with the service (PR_SET_PDEATHSIG; its exit may
        # wait for a disk write on a loaded machine)
        if not _writer_jobs(tmp_path):
            break
        time.sleep(0.1)
    assert not _writer_jobs(tmp_path)
    server = _start(tmp_path, env, port)
    try:
        assert _ask(base, 'ASK { <urn:s7> <urn:p> "7" }')
        assert not _ask(base, "ASK { <urn:x> <urn:n> ?n }")
        assert not store.is_symlink() and sorted(p.name for p in store.iterdir()) == before
        assert not list(Path(env["ESS_SUBMISSIONS_DIR"]).glob("*/v*.json"))
    finally:
        server.terminate()
        server.wait(10)
