"""Request limits: each a setting and a clear refusal in the one error shape, before work."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sparql_testdata import filler_quads, make_store, small_quads

from ess_core.settings import Settings
from graph_service.app import create_app
from graph_service.limits import query_depth

QUERY = "application/sparql-query"
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n2 ?o . ?p ?q ?r . ?t ?u ?v }"
)


def nested_optionals(levels: int) -> str:
    return "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * levels + "}" * (levels + 1)


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store_path = make_store(
        tmp_path_factory.mktemp("limited") / "store", [*small_quads(), *filler_quads()]
    )
    settings = Settings(
        store_path=store_path,
        max_body_bytes=50_000,
        max_query_bytes=60_000,
        max_query_depth=20,
        max_client_concurrency=4,
        _env_file=None,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _refused(response: object, status: int, words: str) -> None:
    body = response.json()  # type: ignore[attr-defined]
    assert response.status_code == status  # type: ignore[attr-defined]
    assert body["ok"] is False and body["status"] == status and words in body["error"]


def test_a_body_over_the_limit_is_413_by_its_length(limited: TestClient) -> None:
    response = limited.post("/sparql", content=b"x" * 60_000, headers={"content-type": QUERY})
    _refused(response, 413, "ESS_MAX_BODY_BYTES")


def test_a_chunked_body_over_the_limit_is_413(limited: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"#" * 10_000

    response = limited.post("/sparql", content=chunks(), headers={"content-type": QUERY})
    _refused(response, 413, "ESS_MAX_BODY_BYTES")


def test_the_body_limit_covers_the_rest_api(limited: TestClient) -> None:
    response = limited.post(
        "/api/search", content=b"{}" + b" " * 60_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_a_long_query_text_is_413(store_path: Path) -> None:
    settings = Settings(store_path=store_path, max_query_bytes=1_000, _env_file=None)
    with TestClient(create_app(settings)) as client:
        response = client.get("/sparql", params={"query": "ASK {}" + " " * 2_000})
    _refused(response, 413, "ESS_MAX_QUERY_BYTES")


def test_a_40_kb_nested_query_is_400_before_any_worker(
    limited: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    query = nested_optionals(1_000)
    assert 20_000 < len(query) < 60_000
    pool = limited.app.state.backend.pool.sparql  # type: ignore[attr-defined]
    pids = {w.proc.pid for w in pool._all}
    start = time.perf_counter()
    with caplog.at_level(logging.WARNING, "graph_service.events"):
        response = limited.post("/sparql", content=query, headers={"content-type": QUERY})
    assert time.perf_counter() - start < 0.5
    _refused(response, 400, "ESS_MAX_QUERY_DEPTH")
    assert {w.proc.pid for w in pool._all} == pids  # no worker killed or replaced
    assert any("event=request_refused" in r.getMessage() for r in caplog.records)


def test_a_query_within_the_depth_is_answered(limited: TestClient) -> None:
    response = limited.post(
        "/sparql",
        content=nested_optionals(10),
        headers={"content-type": QUERY, "accept": "text/csv"},
    )
    assert response.status_code == 200


def test_percent_ff_in_a_get_query_is_400_like_in_a_body(limited: TestClient) -> None:
    _refused(limited.get("/sparql?query=ASK%20%7B%7D%FF"), 400, "UTF-8")
    response = limited.post("/sparql", content=b"ASK {}\xff", headers={"content-type": QUERY})
    _refused(response, 400, "UTF-8")
    assert limited.get("/sparql?query=ASK%20%7B%7D%C3%A9").status_code in (200, 400)


def test_percent_ff_is_refused_on_rest_routes_too(limited: TestClient) -> None:
    _refused(limited.get("/api/actors?q=%FF"), 400, "UTF-8")


def test_twenty_concurrent_requests_beyond_the_cap_get_429(
    limited: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    statuses: list[int] = []
    retry: list[str | None] = []

    def one() -> None:
        response = limited.get("/sparql", params={"query": RUNAWAY, "timeout": "2"})
        statuses.append(response.status_code)
        if response.status_code == 429:
            retry.append(response.headers.get("retry-after"))

    with caplog.at_level(logging.WARNING, "graph_service.events"):
        threads = [threading.Thread(target=one) for _ in range(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses.count(429) >= 20 - 4 + 4  # 24 sent, 4 admitted
    assert set(retry) == {"1"}
    assert all(s in (429, 503, 200) for s in statuses)
    refused = [r for r in caplog.records if "event=request_refused status=429" in r.getMessage()]
    assert len(refused) == statuses.count(429)
    assert limited.get("/sparql", params={"query": "ASK {}"}).status_code == 200


@given(st.text(alphabet="{}()[]<>\"'#\\ ?xa\n", max_size=200))
def test_depth_scan_never_fails_and_is_bounded(text: str) -> None:
    depth = query_depth(text)
    assert 0 <= depth <= sum(text.count(c) for c in "{([")


def test_depth_ignores_strings_comments_and_escapes() -> None:
    assert query_depth('SELECT * { ?s ?p "{{{{((((" # {{{{ \n }') == 1
    assert query_depth("SELECT * { ?s ?p '''{\n{{''' . ex:a\\#b { } }") == 2
    assert query_depth("ASK { FILTER(?a<?b&&(?c>1)) }") == 3  # the ( in a would-be IRI counts
    assert query_depth("ASK \\u007B \\u007B }}") == 2
