"""Two live instances of the service, one federated query joining them (slow)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from service_fixtures import sample_quads, serve, stop

QUERY = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label ?code WHERE {
  ?commune igeo:codeINSEE ?code .
  SERVICE <ENDPOINT> { ?org org:hasSite ?commune ; skos:prefLabel ?label }
} ORDER BY ?label"""


@pytest.fixture
def instances(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """B holds organisations only; A holds communes only and may call B."""
    everything = sample_quads()
    orgs = [q for q in everything if "organisation" in str(q.subject)]
    communes = [q for q in everything if "commune" in str(q.subject)]
    b_url, b_proc = serve(tmp_path, "b", orgs)
    try:
        a_url, a_proc = serve(tmp_path, "a", communes, ESS_SERVICE_ALLOWLIST=json.dumps([b_url]))
        try:
            yield a_url, b_url
        finally:
            stop(a_proc)
    finally:
        stop(b_proc)


@pytest.mark.slow
def test_federated_join_over_two_instances(instances: tuple[str, str]) -> None:
    a_url, b_url = instances
    alone = httpx.post(b_url, data={"query": QUERY.replace("SERVICE <ENDPOINT>", "")})
    assert alone.json()["results"]["bindings"] == []  # B has no communes
    response = httpx.post(a_url, data={"query": QUERY.replace("ENDPOINT", b_url)}, timeout=30)
    assert response.status_code == 200, response.text
    rows = [
        (r["label"]["value"], r["code"]["value"]) for r in response.json()["results"]["bindings"]
    ]
    assert rows == [
        ("Org 0", "59000"),
        ("Org 1", "59001"),
        ("Org 2", "59002"),
        ("Org 3", "59000"),
        ("Org 4", "59001"),
    ]


@pytest.mark.slow
def test_unlisted_endpoints_are_refused(instances: tuple[str, str]) -> None:
    a_url, b_url = instances
    # B may not call A: its allowlist is empty.
    response = httpx.post(b_url, data={"query": QUERY.replace("ENDPOINT", a_url)})
    assert response.status_code == 403
    assert a_url in response.json()["error"]
    other = "http://127.0.0.1:9/sparql"
    response = httpx.post(a_url, data={"query": QUERY.replace("ENDPOINT", other)})
    assert response.status_code == 403 and other in response.json()["error"]
    variable = f"SELECT * WHERE {{ VALUES ?e {{ <{b_url}> }} SERVICE ?e {{ ?s ?p ?o }} }}"
    assert httpx.post(a_url, data={"query": variable}).status_code == 403
