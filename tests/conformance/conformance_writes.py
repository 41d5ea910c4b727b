"""The W3C tests that write, played with a write token against a writable test instance.

A writable test instance is the service with write tokens (``ESS_WRITE_TOKENS_FILE``), a
token for every graph and the default graph (``graphs: ["*", "default"]``), the default graph
as a graph of its own (``ESS_WRITE_DEFAULT_GRAPH=true``: the W3C tests expect it; a project
store keeps it as the merge of the named graphs) and no project shapes (the tests' FOAF data
is not ESS data: ``ontology/shapes.ttl`` would refuse a ``foaf:businessCard``). Two POST bodies
of the manifest are not valid Turtle (the last triple lacks its dot): the dot is added
(:func:`complete_turtle`). Each suite runs
on a fresh store: the graph store tests assume an empty one. Before the graph store tests, the
store holds ``person/2.ttl``, which "DELETE - existing graph" deletes (the manifest never
creates it). The Graph Store Protocol lets a successful write answer 200 or 204: either is
accepted where the manifest names one.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pyoxigraph as ox
from conformance_manifests import Case, Request, graph_store_cases, protocol_cases
from conformance_runner import Outcome, gsp_fill, manifest_data, play
from rdflib import Graph
from rdflib.compare import isomorphic

from ess_core.write_tokens import create_token

SUCCESS = {"200", "204"}
MANIFEST_ERRORS = {
    "get_of_post__existing_graph": "the manifest's expected graph contradicts its own earlier "
    'steps (v:fn "John Doe" after the PUT of "Jane Doe", and without the foaf:name the POST '
    "adds); the graph is still compared by the next test, get_of_post__multipart_formdata",
}
PERSON_2 = '<{url}store/person/2.ttl> <http://xmlns.com/foaf/0.1/name> "Jo Doe" .'


def writable_instance(folder: Path, public_url: str, suite: str) -> tuple[dict[str, str], str]:
    """A fresh store and tokens file under ``folder`` for ``suite`` ("protocol" or
    "graph-store"): the service's settings (as ESS_ variables) and the token."""
    folder.mkdir(parents=True)
    store = ox.Store(str(folder / "store"))
    if suite == "protocol":
        for name, source in manifest_data().items():
            store.load(path=str(source), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    else:
        store.load(
            PERSON_2.format(url=public_url).encode(),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(f"{public_url}store/person/2.ttl"),
        )
    store.flush()
    del store
    (folder / "ontology").mkdir()
    (folder / "ontology" / "shapes.ttl").write_text("", "utf-8")
    token = create_token(folder / "tokens.yaml", "w3c-tests", ["*", "default"])
    env = {
        "ESS_STORE_PATH": str(folder / "store"),
        "ESS_PUBLIC_URL": public_url,
        "ESS_WRITE_TOKENS_FILE": str(folder / "tokens.yaml"),
        "ESS_WRITE_DEFAULT_GRAPH": "true",
        "ESS_ONTOLOGY_DIR": str(folder / "ontology"),
        "ESS_SUBMISSIONS_DIR": str(folder / "submissions"),
    }
    return env, token


def _with_token(request: Request, token: str) -> Request:
    headers = {**request.headers, "authorization": f"Bearer {token}"}
    return Request(
        request.method,
        request.path,
        request.body,
        headers,
        request.statuses,
        request.expected_format,
        request.expected_boolean,
    )


def play_protocol(client: httpx.Client, token: str) -> list[Outcome]:
    """The protocol tests that send updates (and the bad ones), each request with the token."""
    outcomes = []
    for case in protocol_cases():
        if not (
            case.is_update
            or case.name.startswith("bad_update")
            or case.name == "bad_multiple_updates"
        ):
            continue
        signed = Case(
            case.suite, case.name, case.title, [_with_token(r, token) for r in case.requests]
        )
        outcomes.append(play(client, signed, read_only=False))
    return outcomes


def complete_turtle(text: str) -> str:
    """The manifest's POST bodies end their last triple without the dot Turtle requires
    (``… foaf:name "Jane Doe"``): a strict parser refuses them with 400, so the dot is added
    (also before each multipart boundary)."""
    text = re.sub(r'([">])([ \t]*\n\s*\n--)', r"\1 .\2", text)
    return text + " ." if text.rstrip().endswith(('"', ">")) else text


def _status_ok(status: int, expected: str) -> bool:
    return str(status) == expected or (expected in SUCCESS and str(status) in SUCCESS)


def play_graph_store(client: httpx.Client, public_url: str, token: str) -> list[Outcome]:
    """Every graph store test, in manifest order, writes with the token."""
    outcomes, new_path = [], ""
    for case in graph_store_cases():
        request = case.requests[0]
        path = gsp_fill(request.path, public_url).replace("$NEWPATH$", new_path or "/store/none")
        headers = {**request.headers, "authorization": f"Bearer {token}"}
        text = complete_turtle(gsp_fill(request.body.decode(), public_url)) if request.body else ""
        body = text.encode() if text else None
        response = client.request(request.method, path, content=body, headers=headers)
        verdict = Outcome(case.suite, case.name, case.title, "pass")
        if response.status_code == 201 and request.method == "POST":
            new_path = response.headers.get("location", "")
        expected = request.statuses[0]
        if not _status_ok(response.status_code, expected):
            verdict.verdict = "fail"
            verdict.detail = (
                f"status {response.status_code}, expected {expected}: {response.text[:160]}"
            )
        elif request.method == "GET" and response.status_code == 200 and case.comment.strip():
            expected_graph = Graph().parse(data=gsp_fill(case.comment, public_url), format="turtle")
            got = Graph().parse(data=response.content, format="turtle")
            if case.name in MANIFEST_ERRORS:
                verdict.verdict, verdict.detail = "n/a", MANIFEST_ERRORS[case.name]
            elif not isomorphic(expected_graph, got):
                verdict.verdict, verdict.detail = "fail", "the graph differs from the expected one"
        elif response.status_code in (200, 204) and request.method in ("PUT", "POST", "DELETE"):
            verdict.detail = (
                f"answered {response.status_code}" if str(response.status_code) != expected else ""
            )
        outcomes.append(verdict)
    return outcomes
