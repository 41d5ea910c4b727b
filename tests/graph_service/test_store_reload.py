"""A store rebuilt by ``build_store`` under a running service is served without a restart.

Real stores built by the real build (a small provider, ``reload_provider.py``), the app in a
TestClient, the reloading worker pool directly, and one ``ess-graph serve`` subprocess.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from reload_provider import PROVIDERS, write_data

from ess_core.settings import Settings
from ess_core.store_layout import BUILD_ID_FILE, write_build_id
from graph_service.app import create_app
from graph_service.backends import open_backend
from graph_service.backends.base import QueryRequest
from graph_service.backends.reload import CHECK_INTERVAL_S, ReloadingBackend
from graph_service.backends.stats import select
from ingest.store.build import build_store
from ingest.store.errors import BuildError

PAUSE = CHECK_INTERVAL_S + 0.1  # past the check interval: the next request looks
LABELS = (
    "SELECT ?label WHERE { ?org <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    " ORDER BY ?label"
)
EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
FIRST = {"apes": "Apes", "garage": "Garage solidaire"}
SECOND = {"ruche": "La Ruche solidaire"}
PADDING = 20_000  # about 2.5 MB of N-Triples: an answer of many chunks


def _build(settings: Settings, labels: Mapping[str, str | None], padding: int = 0) -> int:
    write_data(settings.data_dir, labels, padding)
    return build_store(settings, validate=False, providers=PROVIDERS).total_quads


@pytest.fixture
def reload_settings(tmp_path: Path) -> Settings:
    settings = Settings(
        data_dir=tmp_path / "data", store_path=tmp_path / "var" / "store", _env_file=None
    )  # type: ignore[call-arg]
    _build(settings, FIRST)
    return settings


def _labels(client: TestClient) -> list[str]:
    response = client.get(
        "/sparql", params={"query": LABELS}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return [row["label"]["value"] for row in response.json()["results"]["bindings"]]


def _void_triples(client: TestClient) -> str:
    response = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    return response.text


def test_the_build_writes_a_new_build_id(reload_settings: Settings) -> None:
    first = (reload_settings.store_path / BUILD_ID_FILE).read_text("utf-8")
    _build(reload_settings, SECOND)
    assert (reload_settings.store_path / BUILD_ID_FILE).read_text("utf-8") != first


def test_a_rebuilt_store_is_served_without_a_restart(reload_settings: Settings) -> None:
    with TestClient(create_app(reload_settings)) as client:
        assert _labels(client) == ["Apes", "Garage solidaire"]
        first_quads = client.get("/health").json()["quads"]
        assert f'"{first_quads}"' in _void_triples(client)
        assert client.get("/api/search", params={"q": "ruche"}).json()["total"] == 0
        assert client.get("/api/search", params={"q": "apes"}).json()["total"] == 1

        second_quads = _build(reload_settings, SECOND)
        time.sleep(PAUSE)

        assert _labels(client) == ["La Ruche solidaire"]
        assert client.get("/health").json()["quads"] == second_quads != first_quads
        void = _void_triples(client)
        assert f'"{second_quads}"' in void and f'"{first_quads}"' not in void
        assert client.get("/api/search", params={"q": "ruche"}).json()["total"] == 1
        assert client.get("/api/search", params={"q": "apes"}).json()["total"] == 0
        backend = client.app.state.backend  # type: ignore[attr-defined]
        assert isinstance(backend, ReloadingBackend) and backend.generation == 1


def test_health_sees_a_rebuild_first(reload_settings: Settings) -> None:
    with TestClient(create_app(reload_settings)) as client:
        first_quads = client.get("/health").json()["quads"]
        second_quads = _build(reload_settings, SECOND)
        time.sleep(PAUSE)
        assert client.get("/health").json()["quads"] == second_quads != first_quads


def test_a_failed_build_changes_nothing(reload_settings: Settings) -> None:
    with TestClient(create_app(reload_settings)) as client:
        assert _labels(client) == ["Apes", "Garage solidaire"]
        with pytest.raises(BuildError):
            _build(reload_settings, {"nameless": None})
        time.sleep(PAUSE)
        assert _labels(client) == ["Apes", "Garage solidaire"]
        assert client.app.state.backend.generation == 0  # type: ignore[attr-defined]


def test_a_swapped_in_store_that_cannot_be_opened_is_ignored(reload_settings: Settings) -> None:
    store = reload_settings.store_path
    with TestClient(create_app(reload_settings)) as client:
        assert _labels(client) == ["Apes", "Garage solidaire"]
        store.rename(store.with_name("aside"))  # the old workers keep their open files
        store.mkdir()
        write_build_id(store)  # a store folder with an id but no database
        time.sleep(PAUSE)
        assert _labels(client) == ["Apes", "Garage solidaire"]
        time.sleep(PAUSE)  # not retried for the same build id: still served
        assert _labels(client) == ["Apes", "Garage solidaire"]
        assert client.app.state.backend.generation == 0  # type: ignore[attr-defined]


def test_a_query_running_during_the_swap_is_answered(reload_settings: Settings) -> None:
    old_quads = _build(reload_settings, FIRST, PADDING)

    async def scenario() -> None:
        backend = open_backend(reload_settings)
        assert isinstance(backend, ReloadingBackend)
        try:
            old_pool = backend.pool
            answer = await backend.query(QueryRequest(EVERYTHING, accept="application/n-triples"))
            first = await anext(answer.chunks)
            await asyncio.to_thread(_build, reload_settings, SECOND)
            await asyncio.sleep(PAUSE)
            rows = await select(backend, LABELS, 30.0)  # the new store, while the old streams
            assert [row["label"] for row in rows] == ["La Ruche solidaire"]
            assert backend.pool is not old_pool and not old_pool.finished
            rest = b"".join([chunk async for chunk in answer.chunks])
            assert (first + rest).count(b" .\n") == old_quads  # whole, from the old store
            assert old_pool.finished  # its last worker ended with its answer
        finally:
            await backend.close()

    asyncio.run(scenario())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(reload_settings: Settings, tmp_path: Path) -> Iterator[tuple[Settings, int]]:
    port = _free_port()
    env = {
        **os.environ,
        "ESS_STORE_PATH": str(reload_settings.store_path),
        "ESS_PORT": str(port),
        "ESS_HOST": "127.0.0.1",
    }
    command = [str(Path(sys.executable).with_name("ess-graph")), "serve"]
    cwd = tmp_path / "server"
    cwd.mkdir()
    server = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("ess-graph serve did not start")
        yield reload_settings, port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _http_labels(port: int) -> list[str]:
    query = urllib.parse.urlencode({"query": LABELS})
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/sparql?{query}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return [row["label"]["value"] for row in rows]


@pytest.mark.slow
def test_a_real_server_follows_a_rebuild(served: tuple[Settings, int]) -> None:
    settings, port = served
    old_quads = _build(settings, FIRST, PADDING)
    time.sleep(PAUSE)
    assert _http_labels(port) == ["Apes", "Garage solidaire"]
    streaming = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    streaming.request(
        "GET",
        "/sparql?" + urllib.parse.urlencode({"query": EVERYTHING}),
        headers={"Accept": "application/n-triples"},
    )
    response = streaming.getresponse()
    assert response.status == 200
    head = response.read(1 << 16)  # the answer is under way on the old store

    _build(settings, SECOND)
    time.sleep(PAUSE)
    assert _http_labels(port) == ["La Ruche solidaire"]  # no restart

    body = head + response.read()
    streaming.close()
    assert body.count(b" .\n") == old_quads


def _actor_labels(client: TestClient) -> list[str]:
    response = client.get("/api/actors", headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    return sorted(item["label"] for item in response.json()["items"])


def test_the_rest_answers_kept_for_a_build_are_dropped_with_it(reload_settings: Settings) -> None:
    with TestClient(create_app(reload_settings)) as client:
        cache = client.app.state.read_cache  # type: ignore[attr-defined]
        assert _actor_labels(client) == ["Apes", "Garage solidaire"]
        hits = cache.hits
        assert _actor_labels(client) == ["Apes", "Garage solidaire"]
        assert cache.hits > hits and len(cache) > 0  # answered from the cache
        assert client.get("/page/organisation/apes").status_code == 200
        first_build = cache.build_id

        _build(reload_settings, SECOND)
        time.sleep(PAUSE)

        assert _actor_labels(client) == ["La Ruche solidaire"]
        assert cache.build_id != first_build
        assert client.get("/page/organisation/apes").status_code == 404
        assert client.get("/page/organisation/ruche").status_code == 200
