"""Read the W3C SPARQL 1.1 test manifests (protocol, service description, graph store).

The manifests live in ``../shared/conformance/`` (outside the repository; their licence is
the W3C's). Each test becomes a :class:`Case` with its HTTP requests and expectations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection
from rdflib.term import Node

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "conformance"


@dataclass
class Request:
    """One HTTP request of a test and what its response must be."""

    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    statuses: tuple[str, ...] = ("2xx",)
    expected_format: str | None = None
    expected_boolean: bool | None = None


@dataclass
class Case:
    """One test of a manifest."""

    suite: str
    name: str
    title: str
    requests: list[Request] = field(default_factory=list)
    graph_data: dict[str, Path] = field(default_factory=dict)
    deprecated: bool = False
    comment: str = ""

    @property
    def is_update(self) -> bool:
        """True when the test sends a SPARQL update (only a writable service can pass it)."""
        return any(
            "update"
            in (
                r.headers.get("content-type", "")
                + r.path
                + (r.body.decode("utf-8", "replace")[:7] if r.body else "")
            )
            for r in self.requests
        )


def _items(graph: Graph, head: Node | None) -> list[Node]:
    return list(Collection(graph, head)) if head is not None else []


def _local(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1]


def protocol_cases(directory: Path = DEFAULT_DIR) -> list[Case]:
    """The tests of sparql11-protocol/manifest.ttl, in manifest order."""
    folder = directory / "sparql11-protocol"
    graph = Graph().parse(folder / "manifest.ttl", publicID=folder.as_uri() + "/manifest.ttl")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    cases = []
    for entry in _items(graph, graph.value(manifest, MF.entries)):
        case = Case("protocol", _local(entry), str(graph.value(entry, MF.name)))
        for data in graph.objects(entry, UT.graphData):
            source = Path(str(graph.value(data, UT.graph)).removeprefix("file://"))
            case.graph_data[str(graph.value(data, RDFS.label))] = source
        action = graph.value(entry, MF.action)
        for req in _items(graph, graph.value(action, HT.requests)):
            case.requests.append(_request(graph, req))
        cases.append(case)
    return cases


def _request(graph: Graph, req: Node) -> Request:
    request = Request(str(graph.value(req, HT.methodName)), str(graph.value(req, HT.absolutePath)))
    body = graph.value(req, HT.body)
    if body is not None:
        encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
        request.body = str(graph.value(body, CNT.chars)).encode(encoding)
    headers = graph.value(req, HT.headers)
    for header in _items(graph, headers) if headers is not None else []:
        request.headers[str(graph.value(header, HT.fieldName)).lower()] = str(
            graph.value(header, HT.fieldValue)
        )
    resp = graph.value(req, HT.resp)
    request.statuses = tuple(
        sorted(_local(s).removeprefix("StatusCode") for s in graph.objects(resp, MF.expectedStatus))
    )
    fmt = graph.value(resp, MF.expectedFormat)
    request.expected_format = str(fmt) if fmt is not None else None
    boolean = graph.value(resp, MF.expectedBoolean)
    request.expected_boolean = bool(boolean.toPython()) if boolean is not None else None  # type: ignore[attr-defined]
    return request


def service_description_cases(directory: Path = DEFAULT_DIR) -> list[Case]:
    """The three service description tests (checks are defined by the runner)."""
    path = directory / "sparql11-service-description" / "manifest.ttl"
    graph = Graph().parse(path)
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return [
        Case(
            "service-description",
            _local(e),
            str(graph.value(e, MF.name)),
            [Request("GET", "/sparql/", headers={"accept": "text/turtle"})],
        )
        for e in _items(graph, graph.value(manifest, MF.entries))
    ]


_HTTP = re.compile(r"^(GET|HEAD|PUT|POST|DELETE) (\S+) HTTP/1\.1$")
_STATUS = re.compile(r"^(\d{3}) ")


def _message(text: str) -> tuple[str, dict[str, str], str]:
    """Start line, headers and body of an HTTP message written indented in Markdown."""
    lines = [line[4:] if line.startswith("    ") else line.strip() for line in text.splitlines()]
    while lines and not lines[0].strip():
        lines.pop(0)
    start, headers, i = (lines[0] if lines else ""), {}, 1
    while i < len(lines) and lines[i].strip():
        name, _, value = lines[i].partition(":")
        headers[name.strip().lower()] = value.strip()
        i += 1
    return start, headers, "\n".join(lines[i:]).strip()


def graph_store_cases(directory: Path = DEFAULT_DIR) -> list[Case]:
    """The graph store tests; their requests and responses are only in a Markdown comment.

    ``Case.comment`` keeps the expected response body (``$HOST$``/``$GRAPHSTORE$`` unreplaced)
    and ``Request.body`` the request body.
    """
    path = directory / "sparql11-graph-store" / "manifest.ttl"
    graph = Graph().parse(path)
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    cases = []
    for entry in _items(graph, graph.value(manifest, MF.entries)):
        comment = max((str(c) for c in graph.objects(entry, RDFS.comment)), key=len)
        case = Case(
            "graph-store",
            _local(entry),
            str(graph.value(entry, MF.name)),
            deprecated=(entry, DAWGT.approval, DAWGT.Deprecated) in graph,
        )
        request_text, _, response_text = comment.partition("#### Response")
        start, headers, body = _message(request_text.partition("#### Request")[2])
        status, _, expected = _message(response_text)
        method, code = _HTTP.match(start), _STATUS.match(status)
        if method and code:
            headers.pop("host", None)
            case.requests.append(
                Request(
                    method.group(1),
                    method.group(2),
                    body.encode() if body else None,
                    headers,
                    (code.group(1),),
                )
            )
            case.comment = expected
        cases.append(case)
    return cases
