"""The remote backend over Virtuoso (Debian ``virtuoso-opensource``), when it is installed.

Slow: starts ``virtuoso-t`` in the foreground on loopback ports with a database in tmp_path,
loads the sample graphs with ``isql-vt`` and queries through :class:`RemoteBackend`.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from service_fixtures import free_port, sample_quads, stop, wait_http

from ess_core.errors import BadRequest, QueryTimeout, ResultTooLarge
from ess_core.settings import Settings
from graph_service.app import create_app
from graph_service.backends.base import QueryRequest
from graph_service.backends.remote import ANYTIME_STATE, RemoteBackend

TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
ORGS = "SELECT ?o WHERE { ?o a <http://www.w3.org/ns/org#Organization> }"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("virtuoso-t") is None or not TEMPLATE.exists(),
        reason="virtuoso-opensource is not installed",
    ),
]


def _ini(folder: Path, sql_port: int, http_port: int, sparql: dict[str, str] | None = None) -> Path:
    """The Debian configuration, moved into ``folder``, on our ports, 10 rows at most
    (``sparql`` replaces other keys' values)."""
    lines = []
    for line in TEMPLATE.read_text().splitlines():
        key = line.split("=")[0].strip()
        if key in (
            "DatabaseFile",
            "ErrorLogFile",
            "LockFile",
            "TransactionFile",
            "xa_persistent_file",
        ):
            line = f"{key} = {folder}/{Path(line.split('=', 1)[1].strip()).name}"
        elif key == "ServerPort":
            line = f"ServerPort = {http_port if ':' in line or '8890' in line else sql_port}"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., {folder}"
        elif key == "ResultSetMaxRows":
            line = "ResultSetMaxRows = 10"
        elif sparql and key in sparql:
            line = f"{key} = {sparql[key]}"
        lines.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n")
    return ini


@pytest.fixture
def virtuoso(tmp_path: Path) -> Iterator[str]:
    yield from _virtuoso(tmp_path)


@pytest.fixture
def hasty_virtuoso(tmp_path: Path) -> Iterator[str]:
    """Virtuoso answering what it found after 1 s (its "anytime" answers) and estimating no
    query too long to start."""
    yield from _virtuoso(
        tmp_path, {"MaxQueryExecutionTime": "1", "MaxQueryCostEstimationTime": "0"}
    )


def _virtuoso(tmp_path: Path, sparql: dict[str, str] | None = None) -> Iterator[str]:
    sql_port, http_port = free_port(), free_port()
    ini = _ini(tmp_path, sql_port, http_port, sparql)
    proc = subprocess.Popen(
        ["virtuoso-t", "-f", "-c", str(ini)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_http(url + "?query=ASK%7B%7D", proc, timeout_s=60)
        by_graph: dict[str, list[ox.Triple]] = {}
        for quad in sample_quads():
            by_graph.setdefault(str(quad.graph_name.value), []).append(quad.triple)  # type: ignore[union-attr]
        loads = []
        for i, (graph, triples) in enumerate(by_graph.items()):
            data = tmp_path / f"g{i}.nt"
            data.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
            loads.append(f"DB.DBA.TTLP(file_to_string_output('{data}'), '', '{graph}');")
        subprocess.run(
            ["isql-vt", str(sql_port), "dba", "dba", f"exec={' '.join(loads)} checkpoint;"],
            check=True,
            capture_output=True,
        )
        yield url
    finally:
        stop(proc)


def test_remote_backend_over_virtuoso(virtuoso: str) -> None:
    async def main() -> None:
        backend = RemoteBackend(virtuoso, base_iri="http://127.0.0.1:9999/sparql")
        try:
            answer = await backend.query(QueryRequest(ORGS))
            body = b"".join([c async for c in answer.chunks])
            assert len(json.loads(body)["results"]["bindings"]) == 5
            answer = await backend.query(
                QueryRequest(
                    "CONSTRUCT WHERE { ?c a <http://rdf.insee.fr/def/geo#Commune> }",
                    accept="application/n-triples",
                )
            )
            assert answer.kind == "graph"
            assert (b"".join([c async for c in answer.chunks])).count(b"\n") == 3
            with pytest.raises(BadRequest, match="SP030"):
                await backend.query(QueryRequest("SELEC ?x"))
            with pytest.raises(ResultTooLarge, match="row limit"):  # Virtuoso cut at 10 rows
                await backend.query(QueryRequest("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
        finally:
            await backend.close()

    asyncio.run(main())


def _remote(url: str, tmp_path: Path, **extra: Any) -> Settings:
    """The service's settings in front of the Virtuoso at ``url``."""
    return Settings(
        backend="remote",
        remote_query_url=url,
        store_path=tmp_path / "store",
        public_url="http://testserver/",
        _env_file=None,
        **extra,
    )


def test_rest_list_over_virtuoso(virtuoso: str, tmp_path: Path) -> None:
    """A sorted REST list: Virtuoso refuses ORDER BY on an aggregate's alias (SP031)."""
    with TestClient(create_app(_remote(virtuoso, tmp_path, union_default_graph=True))) as client:
        response = client.get("/api/actors", params={"limit": 3, "offset": 1})
        assert response.status_code == 200, response.text
        body = response.json()
    assert body["total"] == 5
    assert [item["label"] for item in body["items"]] == ["Org 1", "Org 2", "Org 3"]


# Long enough to pass Virtuoso's 1 s limit: a join of its own graphs' quads three times.
SLOW_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.parametrize(
    ("query_url", "state"),
    [("", "S1T00"), ("?timeout=1000", "X-SQL-State S1TAT")],
    ids=["its-limit", "anytime"],
)
def test_a_query_virtuoso_stops_at_its_limit_is_a_timeout(
    hasty_virtuoso: str, tmp_path: Path, query_url: str, state: str
) -> None:
    """Past MaxQueryExecutionTime Virtuoso answers 500 (S1T00); with a ``timeout`` parameter
    (an "anytime" query) it sends what it found with status 200 and an X-SQL-State header.
    Both are 503 from the service, never a short answer relayed as a whole one."""
    url = hasty_virtuoso + query_url
    raw = httpx.post(url, data={"query": SLOW_COUNT}, timeout=60)
    if query_url:
        assert raw.status_code == 200 and raw.headers["x-sql-state"] == ANYTIME_STATE
    else:
        assert raw.status_code == 500 and "x-sql-state" not in raw.headers

    async def main() -> None:
        backend = RemoteBackend(url, base_iri="http://127.0.0.1:9999/sparql")
        try:
            with pytest.raises(QueryTimeout, match=state):
                await backend.query(QueryRequest(SLOW_COUNT))
            answer = await backend.query(QueryRequest(ORGS))  # a whole answer still passes
            body = b"".join([c async for c in answer.chunks])
            assert len(json.loads(body)["results"]["bindings"]) == 5
        finally:
            await backend.close()

    asyncio.run(main())
    with TestClient(create_app(_remote(url, tmp_path))) as client:
        response = client.get("/sparql", params={"query": SLOW_COUNT})
    assert response.status_code == 503, response.text
    assert response.json()["ok"] is False and state in response.json()["error"]
