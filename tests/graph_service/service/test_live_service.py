"""A live server (uvicorn subprocess): deadlines over HTTP, aborted streams (slow)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from service_fixtures import sample_quads, serve, stop

pytestmark = pytest.mark.slow
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n2 ?o . ?p ?q ?r . ?t ?u ?v }"
)
HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 24^4 rows


@pytest.fixture
def service(tmp_path: Path) -> Iterator[str]:
    url, proc = serve(
        tmp_path, "store", sample_quads(), ESS_QUERY_WORKERS="2", ESS_QUERY_TIMEOUT_S="20"
    )
    try:
        yield url
    finally:
        stop(proc)


def test_runaway_is_cut_and_another_client_is_served(service: str) -> None:
    answers: dict[str, tuple[int, str, float]] = {}

    def runaway() -> None:
        start = time.monotonic()
        response = httpx.get(service, params={"query": RUNAWAY, "timeout": "1.5"}, timeout=30)
        answers["runaway"] = (
            response.status_code,
            response.json()["error"],
            time.monotonic() - start,
        )

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    start = time.monotonic()
    other = httpx.get(service, params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    assert other.status_code == 200 and time.monotonic() - start < 1.0
    thread.join()
    status, error, elapsed = answers["runaway"]
    assert status == 503 and "deadline of 1.5 s" in error
    assert 1.4 < elapsed < 3.0
    assert httpx.get(service, params={"query": "ASK {}"}).status_code == 200


def test_a_stream_past_its_cap_is_aborted_never_cut_cleanly(service: str) -> None:
    """timeout=0.2 gives a 2 s streaming cap; a slow reader makes the answer outlast it."""
    received = 0
    with (
        pytest.raises(httpx.RemoteProtocolError),
        httpx.stream(
            "GET",
            service,
            params={"query": HUGE, "timeout": "0.2"},
            headers={"Accept": "text/tab-separated-values"},
            timeout=30,
        ) as response,
    ):
        assert response.status_code == 200
        for chunk in response.iter_raw(65536):
            received += len(chunk)
            time.sleep(0.05)
    assert 0 < received < 100 * 2**20
    assert httpx.get(service, params={"query": "ASK {}"}).status_code == 200
