"""A real uvicorn server in a subprocess, queried by SPARQLWrapper and curl."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from live_server import uvicorn_serving
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def endpoint(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with uvicorn_serving(store_path, tmp_path_factory.mktemp("server")) as base:
        yield f"{base}/sparql"


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
