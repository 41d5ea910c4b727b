"""What operators see: /metrics, one log line per kill, crash, 5xx and refusal, and the
security headers of HTML answers."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sparql_testdata import filler_quads, make_store, small_quads

from ess_core.settings import Settings
from graph_service.app import create_app

RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n2 ?o . ?p ?q ?r . ?t ?u ?v }"
)
EVENTS = "graph_service.events"


@pytest.fixture(scope="module")
def ops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = make_store(tmp_path_factory.mktemp("ops") / "store", [*small_quads(), *filler_quads()])
    settings = Settings(store_path=store, query_workers=1, rest_query_workers=0, _env_file=None)
    with TestClient(create_app(settings)) as client:
        yield client


def _samples(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def _value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_counted_by_route_template_and_status(ops: TestClient) -> None:
    before = _samples(ops)
    ops.get("/sparql", params={"query": "ASK {}"})
    ops.get("/no/such/page/42")
    after = _samples(ops)
    for route, status in (("/sparql", "200"), ("(unmatched)", "404")):
        key = {"route": route, "method": "GET", "status": status}
        assert (
            _value(after, "ess_http_requests_total", **key)
            == _value(before, "ess_http_requests_total", **key) + 1
        )
    assert not any("/no/such" in str(labels) for _, labels in after)  # never the raw path
    assert _value(after, "ess_http_request_duration_seconds_count", route="/sparql") >= 1


def test_store_size_build_id_and_queue_length_are_exposed(ops: TestClient) -> None:
    samples = _samples(ops)
    assert _value(samples, "ess_store_size_bytes") > 0
    assert any(name == "ess_store_build_info" for name, _ in samples)
    assert ("ess_pool_queue_length", (("lane", "sparql"),)) in samples


def test_a_query_killed_at_its_deadline_is_logged_and_counted(
    ops: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    before = _value(_samples(ops), "ess_events_total", event="query_killed")
    with caplog.at_level(logging.INFO, EVENTS):
        response = ops.get("/sparql", params={"query": RUNAWAY, "timeout": "0.5"})
        time.sleep(2.0)  # the replacement worker starts in the background
    assert response.status_code == 503
    lines = [r.getMessage() for r in caplog.records if r.name == EVENTS]
    assert any(line.startswith("event=query_killed reason=deadline") for line in lines)
    assert any(line.startswith("event=server_error status=503") for line in lines)
    assert any(line.startswith("event=worker_restarted") for line in lines)
    assert _value(_samples(ops), "ess_events_total", event="query_killed") == before + 1


def test_a_crashed_worker_is_logged_and_replaced(
    ops: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    pool = ops.app.state.backend.pool.sparql  # type: ignore[attr-defined]
    statuses: list[int] = []

    def runaway() -> None:
        statuses.append(ops.get("/sparql", params={"query": RUNAWAY, "timeout": "20"}).status_code)

    with caplog.at_level(logging.INFO, EVENTS):
        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(1.0)
        (busy,) = [w for w in pool._all if w not in pool._idle]
        os.kill(busy.proc.pid, signal.SIGKILL)
        thread.join()
        time.sleep(2.0)
    assert statuses == [500]
    lines = [r.getMessage() for r in caplog.records if r.name == EVENTS]
    assert any(line.startswith(f"event=worker_crashed pid={busy.proc.pid}") for line in lines)
    assert any(line.startswith("event=worker_restarted") for line in lines)
    assert ops.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_html_answers_carry_the_security_headers(ops: TestClient) -> None:
    page = ops.get("/", headers={"accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    error = ops.get("/nowhere", headers={"accept": "text/html"})
    assert (
        error.status_code == 404
        and "frame-ancestors 'none'" in error.headers["content-security-policy"]
    )


def test_swagger_ui_may_run_its_inline_script_and_json_gets_no_csp(ops: TestClient) -> None:
    docs = ops.get("/docs")
    assert docs.status_code == 200
    csp = docs.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in csp and "frame-ancestors 'none'" in csp
    assert "cdn" not in docs.text.lower()
    assert "content-security-policy" not in ops.get("/health").headers
