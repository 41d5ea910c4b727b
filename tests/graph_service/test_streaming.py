"""Large results stream in chunks from the query workers (a client that leaves: test_pool.py)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    parse_query_results,
)
from sparql_testdata import make_store

from ess_core.settings import Settings
from graph_service.app import create_app
from graph_service.backends.worker import CHUNK

ROWS = 200_000
SELECT_ALL = "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }"


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = NamedNode("http://example.org/graph/big")
    predicate = NamedNode("http://example.org/p")
    quads = [
        Quad(NamedNode(f"http://example.org/item/{i}"), predicate, Literal(f"value {i}"), graph)
        for i in range(ROWS)
    ]
    return make_store(tmp_path_factory.mktemp("big") / "store", quads)


async def _asgi_get(app: Any, query: str) -> list[tuple[float, dict[str, Any]]]:
    """Call the app as a server would; return each message sent, with its time."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/sparql",
        "raw_path": b"/sparql",
        "root_path": "",
        "query_string": urlencode({"query": query}).encode(),
        "headers": [],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent: list[tuple[float, dict[str, Any]]] = []
    done = asyncio.Event()
    requested: list[bool] = []

    async def receive() -> dict[str, Any]:
        if not requested:
            requested.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append((time.monotonic(), message))
        if message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    await app(scope, receive, send)
    return sent


def test_large_select_streams_in_chunks(big_store: Path) -> None:
    app = create_app(Settings(store_path=big_store, _env_file=None))
    sent = asyncio.run(_asgi_get(app, SELECT_ALL))
    start = sent[0][1]
    assert start["type"] == "http.response.start" and start["status"] == 200
    bodies = [(at, m["body"]) for at, m in sent if m["type"] == "http.response.body"]
    assert len(bodies) > 8  # many chunks sent one after the other: it was streamed
    assert max(len(body) for _, body in bodies) <= 2 * CHUNK
    first_at, last_at = bodies[0][0], bodies[-1][0]
    assert first_at - sent[0][0] < (last_at - sent[0][0]) / 2  # first chunk well before the end
    body = b"".join(body for _, body in bodies)
    results = parse_query_results(body, format=QueryResultsFormat.JSON)
    assert isinstance(results, QuerySolutions)
    assert len(list(results)) == ROWS
