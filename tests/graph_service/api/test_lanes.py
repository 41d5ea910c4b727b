"""Fair scheduling: REST requests have their own workers, never queued behind runaways."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from api_fixtures import build_test_store, make_client

RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n2 ?o . ?p ?q ?r . ?t ?u ?v }"
)


def test_a_rest_list_answers_fast_while_two_runaways_hold_the_sparql_workers(
    tmp_path: Path,
) -> None:
    settings = build_test_store(tmp_path, query_workers=2, rest_query_workers=1)
    with make_client(settings) as client:
        assert client.get("/api/actors?limit=5").status_code == 200  # warm
        statuses: list[int] = []

        def runaway() -> None:
            response = client.get("/sparql", params={"query": RUNAWAY, "timeout": "6"})
            statuses.append(response.status_code)

        threads = [threading.Thread(target=runaway) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        pool = client.app.state.backend.pool  # type: ignore[attr-defined]
        assert not pool.sparql._idle  # both SPARQL workers are busy with the runaways
        start = time.perf_counter()
        response = client.get("/api/actors?limit=5")
        elapsed = time.perf_counter() - start
        for thread in threads:
            thread.join()
    assert response.status_code == 200 and response.json()
    assert elapsed < 1.0
    assert statuses == [503, 503]
