"""A real uvicorn server in a subprocess, queried by SPARQLWrapper and curl."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "ESS_STORE_PATH": str(store_path)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "graph_service.app:app_from_environment",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=tmp_path_factory.mktemp("server"),
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("uvicorn did not start")
        yield f"{base}/sparql"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery("SELECT ?s WHERE { ?s a <http://xmlns.com/foaf/0.1/Document> } ORDER BY ?s")
    wrapper.setReturnFormat(JSON)
    result = wrapper.query().convert()
    assert isinstance(result, dict)
    rows = result["results"]["bindings"]
    assert [row["s"]["value"] for row in rows] == [
        "http://example.org/thing/one",
        "http://example.org/thing/three",
        "http://example.org/thing/two",
    ]


def test_sparqlwrapper_construct_turtle(endpoint: str) -> None:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    wrapper.setReturnFormat(TURTLE)
    data = wrapper.query().convert()
    assert isinstance(data, bytes)
    assert len(rdflib.Graph().parse(data=data, format="turtle")) == 6


def test_sparqlwrapper_post(endpoint: str) -> None:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setMethod("POST")
    wrapper.setQuery("ASK { ?s ?p ?o }")
    wrapper.setReturnFormat(JSON)
    result = wrapper.query().convert()
    assert isinstance(result, dict) and result["boolean"] is True


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl(endpoint: str) -> None:
    result = subprocess.run(
        [
            "curl",
            "-s",
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            "query=SELECT ?s WHERE { ?s a <http://xmlns.com/foaf/0.1/Document> }",
            endpoint,
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.splitlines()[0] == "s"
    assert len(result.stdout.splitlines()) == 4
