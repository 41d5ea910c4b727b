"""Play the W3C tests against a live service through an httpx client; judge applicability.

``run_all(client, endpoint_url)`` returns one :class:`Outcome` per test of the three
manifests. The client is an ``httpx.Client`` whose base URL is the service (a real server)
or a FastAPI ``TestClient`` (same interface). Tests that cannot apply to a read-only service
are reported as not applicable with the reason, never silently skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import httpx
from conformance_manifests import (
    Case,
    Request,
    graph_store_cases,
    protocol_cases,
    service_description_cases,
)
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RESULTS = ("application/sparql-results+xml", "application/sparql-results+json")
TABULAR = (*RESULTS, "text/csv", "text/tab-separated-values")
RDF_TYPES = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}


@dataclass
class Outcome:
    """The verdict on one test: ``pass``, ``fail`` or ``n/a`` with a reason or a detail."""

    suite: str
    name: str
    title: str
    verdict: str
    detail: str = ""


def manifest_data(directory: Path | None = None) -> dict[str, Path]:
    """Graph name -> file of every graph the protocol tests need (loaded before the run)."""
    data: dict[str, Path] = {}
    for case in protocol_cases(*(directory,) if directory else ()):
        data.update(case.graph_data)
    return data


def _status_ok(status: int, expected: tuple[str, ...]) -> bool:
    return any(str(status) == e or (e.endswith("xx") and str(status)[0] == e[0]) for e in expected)


def _boolean(response: httpx.Response) -> bool | None:
    media = response.headers.get("content-type", "").split(";")[0]
    if media == "application/sparql-results+json":
        return bool(json.loads(response.content)["boolean"])
    if media == "application/sparql-results+xml":
        root = ElementTree.fromstring(response.content)  # noqa: S314 (our own service)
        node = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
        return None if node is None else node.text == "true"
    return None


def check(request: Request, response: httpx.Response) -> str:
    """Empty when ``response`` meets the expectations of ``request``, else what is wrong."""
    if not _status_ok(response.status_code, request.statuses):
        return (
            f"status {response.status_code}, expected {'/'.join(request.statuses)}: "
            f"{response.text[:160]}"
        )
    media = response.headers.get("content-type", "").split(";")[0].strip()
    wanted = {"boolean": RESULTS, "tabular": TABULAR, "RDF": tuple(RDF_TYPES)}
    if request.expected_format and media not in wanted[request.expected_format]:
        return f"content type {media!r} is not a {request.expected_format} format"
    if request.expected_format == "RDF":
        Graph().parse(data=response.content, format=RDF_TYPES[media])
    if request.expected_boolean is not None and _boolean(response) != request.expected_boolean:
        return f"boolean {_boolean(response)}, expected {request.expected_boolean}"
    return ""


def _send(client: httpx.Client, request: Request) -> httpx.Response:
    path = request.path
    if path.startswith("/sparql/"):  # the manifest's prefix; our endpoint is /sparql
        path = "/sparql" + path[len("/sparql/") :]
    return client.request(request.method, path, content=request.body, headers=request.headers)


def play(client: httpx.Client, case: Case, read_only: bool) -> Outcome:
    """Run a protocol test's requests in order; updates are n/a on a read-only service."""
    if read_only and case.is_update and not case.name.startswith("bad_"):
        return Outcome(
            case.suite,
            case.name,
            case.title,
            "n/a",
            "the service runs without write tokens (ESS_WRITE_TOKENS_FILE): updates answer 403",
        )
    for request in case.requests:
        problem = check(request, _send(client, request))
        if problem:
            return Outcome(case.suite, case.name, case.title, "fail", problem)
    note = (
        "refused with a 4xx as required (no write tokens)" if case.is_update and read_only else ""
    )
    return Outcome(case.suite, case.name, case.title, "pass", note)


def describe(client: httpx.Client, case: Case, endpoint: str) -> Outcome:
    """The service description tests on GET /sparql (no query)."""
    response = _send(client, case.requests[0])
    media = response.headers.get("content-type", "").split(";")[0].strip()
    verdict = Outcome(case.suite, case.name, case.title, "pass")
    if response.status_code != 200 or media not in RDF_TYPES:
        verdict.verdict, verdict.detail = "fail", f"{response.status_code} {media}"
        return verdict
    graph = Graph().parse(data=response.content, format=RDF_TYPES[media])
    services = set(graph.subjects(SD.endpoint, URIRef(endpoint)))
    if case.name == "has-endpoint-triple" and not services:
        verdict.verdict, verdict.detail = "fail", f"no sd:endpoint <{endpoint}>"
    if case.name == "conforms-to-schema":
        problems = _schema_problems(graph, services)
        if problems:
            verdict.verdict, verdict.detail = "fail", "; ".join(problems)
    return verdict


def _schema_problems(graph: Graph, services: set[Node]) -> list[str]:
    problems = []
    for service in services:
        if (service, RDF.type, SD.Service) not in graph:
            problems.append("the endpoint's subject is not an sd:Service")
        if not set(graph.objects(service, SD.supportedLanguage)) & LANGUAGES:
            problems.append("no sd:supportedLanguage")
    for named in graph.subjects(RDF.type, SD.NamedGraph):
        if len(set(graph.objects(named, SD.name))) != 1:
            problems.append(f"named graph {named} has not exactly one sd:name")
    return problems or ([] if services else ["no sd:Service"])


READS = {
    "get_of_put__initial_state": "the state the initial PUT leaves is loaded before the run",
    "head_on_an_existing_graph": "the state the initial PUT leaves is loaded before the run",
    "get_of_delete__existing_graph": "person/2.ttl is absent, the state DELETE leaves",
    "head_on_a_nonexisting_graph": "",
}


def gsp_fill(text: str, public_url: str) -> str:
    """Replace the manifest's placeholders: ``$HOST$`` and ``$GRAPHSTORE$`` (our ``/store``)."""
    host = urlsplit(public_url).netloc
    return (
        text.replace("http://$HOST$/$GRAPHSTORE$", f"http://{host}/store")
        .replace("$GRAPHSTORE$", "/store")
        .replace("$HOST$", host)
    )


def graph_store(client: httpx.Client, case: Case, public_url: str) -> Outcome:
    """Play the graph store tests a read-only store can pass; the others are n/a."""
    request = case.requests[0]
    if case.name not in READS:
        if request.method in ("PUT", "POST", "DELETE"):
            refused = client.request(
                request.method,
                gsp_fill(request.path, public_url),
                content=request.body,
                headers=request.headers,
            )
            if refused.status_code != 403:
                return Outcome(
                    case.suite,
                    case.name,
                    case.title,
                    "fail",
                    f"a write on a read-only store answered {refused.status_code}",
                )
            reason = f"{request.method} writes a graph: the read-only service answers 403"
        else:
            reason = "reads the result of a preceding write: the service is read-only"
        return Outcome(case.suite, case.name, case.title, "n/a", f"deprecated by W3C; {reason}")
    response = client.request(
        request.method, gsp_fill(request.path, public_url), headers=request.headers
    )
    verdict = Outcome(case.suite, case.name, case.title, "pass", READS[case.name])
    if str(response.status_code) not in request.statuses:
        verdict.verdict = "fail"
        verdict.detail = f"status {response.status_code}, expected {request.statuses[0]}"
    elif case.comment and request.method == "GET":
        expected = Graph().parse(data=gsp_fill(case.comment, public_url), format="turtle")
        got = Graph().parse(data=response.content, format="turtle")
        if not isomorphic(expected, got):
            verdict.verdict, verdict.detail = "fail", "the graph differs from the expected one"
    elif response.status_code == 200 and not response.headers.get("content-type", "").startswith(
        "text/turtle"
    ):
        verdict.verdict, verdict.detail = "fail", "HEAD without a text/turtle Content-Type"
    return verdict


def initial_graph_store_state(public_url: str) -> tuple[str, str]:
    """(graph IRI, Turtle) that the initial PUT of the graph store tests leaves."""
    put = next(c for c in graph_store_cases() if c.name == "put__initial_state").requests[0]
    iri = "http://" + urlsplit(public_url).netloc + gsp_fill(put.path, public_url)
    return iri, gsp_fill((put.body or b"").decode(), public_url)


def run_all(client: httpx.Client, endpoint: str, read_only: bool = True) -> list[Outcome]:
    """Every test of the three manifests, in manifest order (``endpoint`` ends in /sparql)."""
    public_url = endpoint.removesuffix("sparql")
    outcomes = [play(client, case, read_only) for case in protocol_cases()]
    outcomes += [describe(client, case, endpoint) for case in service_description_cases()]
    outcomes += [graph_store(client, case, public_url) for case in graph_store_cases()]
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    """A Markdown table of the outcomes with a summary line."""
    counts = {v: sum(o.verdict == v for o in outcomes) for v in ("pass", "fail", "n/a")}
    lines = [
        f"**{counts['pass']} pass, {counts['fail']} fail, {counts['n/a']} not applicable** "
        f"({len(outcomes)} tests)",
        "",
        "| suite | test | verdict | note |",
        "|---|---|---|---|",
    ]
    for o in outcomes:
        note = o.detail.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {o.suite} | `{o.name}` — {o.title} | {o.verdict} | {note} |")
    return "\n".join(lines) + "\n"
