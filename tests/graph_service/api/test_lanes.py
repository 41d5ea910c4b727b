"""Fair scheduling: REST requests have their own workers, never queued behind runaways."""

from __future__ import annotations

import os
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
    # no answer cache: the second list is evaluated again, on the REST lane
    settings = build_test_store(tmp_path, query_workers=2, rest_query_workers=1, rest_cache_mb=0)
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


def test_the_sparql_workers_run_at_a_lower_cpu_priority(tmp_path: Path) -> None:
    settings = build_test_store(
        tmp_path, query_workers=2, rest_query_workers=1, sparql_worker_nice=7
    )
    with make_client(settings) as client:
        pool = client.app.state.backend.pool  # type: ignore[attr-defined]
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        sparql = [os.getpriority(os.PRIO_PROCESS, w.proc.pid) for w in pool.sparql._all]
        rest = [os.getpriority(os.PRIO_PROCESS, w.proc.pid) for w in pool.rest._all]
    assert sparql == [min(mine + 7, 19)] * 2
    assert rest == [mine]
