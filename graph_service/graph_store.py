"""Read-only SPARQL 1.1 Graph Store HTTP Protocol at ``/store``: GET and HEAD of one graph.

* indirect identification: ``/store?graph=<IRI>`` and ``/store?default``;
* direct identification: ``/store/<path>`` names the graph ``<public_url>store/<path>``.

The graph is read with a CONSTRUCT through the backend (so it works over a remote store) and
streamed in the format Accept prefers (Turtle by default); a graph without triples is 404.
``?default`` is the service's default graph as SPARQL queries see it: each distinct triple of
the named graphs once (the build materialises it), or their union when
``ESS_UNION_DEFAULT_GRAPH`` is on.
Writes (PUT, POST, DELETE) need a write token (:mod:`graph_service.dataset_writes`); they
answer 403 on a read-only service (no ``ESS_WRITE_TOKENS_FILE``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from pyoxigraph import NamedNode

from ess_core.errors import BadRequest, NotFound
from graph_service.backends.base import Backend, QueryRequest
from graph_service.conneg import result_format
from graph_service.dataset_writes import create_graph, write_graph
from graph_service.media_types import OFFERED

router = APIRouter(tags=["graph store"])


def _graph(request: Request, path: str | None) -> str | None:
    """The IRI of the requested graph; None for the default graph."""
    params = request.query_params
    if path:
        if "graph" in params or "default" in params:
            raise BadRequest("A graph named by its URL takes no 'graph' or 'default' parameter.")
        return _iri(f"{request.app.state.settings.public_url}store/{path}")
    if ("graph" in params) == ("default" in params):
        raise BadRequest("Send exactly one of the parameters 'graph=<IRI>' and 'default'.")
    graph = params.get("graph")
    return None if graph is None else _iri(graph)


def _iri(text: str) -> str:
    """``text`` if it is an absolute IRI (so it can go between < and > in a query)."""
    try:
        return NamedNode(text).value
    except ValueError as exc:
        raise BadRequest(f"not a valid graph IRI: {text!r} ({exc})") from None


async def _read(request: Request, path: str | None) -> Response:
    backend: Backend = request.app.state.backend
    graph = _graph(request, path)
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    timeout = request.app.state.settings.query_timeout_s
    media, _ = result_format("graph", request.headers.get("accept"))
    exists = await backend.query(
        QueryRequest(
            f"ASK {{ {pattern} }}", accept="application/sparql-results+json", timeout_s=timeout
        )
    )
    if b"true" not in b"".join([chunk async for chunk in exists.chunks]):
        raise NotFound(
            f"no graph <{graph}> in the store" if graph else "the default graph is empty"
        )
    if request.method == "HEAD":
        return Response(media_type=media, headers={"Vary": "Accept"})
    answer = await backend.query(
        QueryRequest(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}", accept=media, timeout_s=timeout
        )
    )
    return StreamingResponse(
        answer.chunks, media_type=answer.media_type, headers={"Vary": "Accept"}
    )


async def read_graph(request: Request) -> Response:
    """GET or HEAD ``/store?graph=<IRI>`` or ``/store?default``."""
    return await _read(request, None)


async def read_graph_at(request: Request, path: str) -> Response:
    """GET or HEAD ``/store/<path>``: the graph whose IRI is this URL."""
    return await _read(request, path)


async def refuse_write(request: Request) -> Response:
    """PUT, POST, DELETE ``/store?graph=<IRI>`` or ``?default`` with a token; POST without
    either creates a new graph."""
    params = request.query_params
    if request.method == "POST" and "graph" not in params and "default" not in params:
        return await create_graph(request)
    return await write_graph(request, _graph(request, None))


async def refuse_write_at(request: Request, path: str) -> Response:
    """PUT, POST, DELETE ``/store/<path>``: the graph whose IRI is this URL, with a token."""
    return await write_graph(request, _graph(request, path))


Responses = dict[int | str, dict[str, Any]]
_READ: Responses = {
    200: {
        "description": "The graph, in the format Accept prefers (Turtle by default).",
        "content": {m: {"schema": {"type": "string"}} for m in OFFERED["graph"]},
    }
}
_WRITE: Responses = {
    201: {"description": "The graph was created."},
    204: {"description": "The graph was replaced, added to or deleted."},
    401: {"description": "No valid write token."},
    403: {"description": "Read-only service, or a graph the token may not write."},
    404: {"description": "DELETE of a graph that has no triple."},
    415: {"description": "The Content-Type is not an RDF syntax."},
    422: {"description": "The data breaks ontology/shapes.ttl; nothing was written."},
}
for _method in ("GET", "HEAD"):
    router.add_api_route(
        "/store",
        read_graph,
        methods=[_method],
        responses=_READ,
        operation_id=f"read_graph_store_{_method.lower()}",
    )
    router.add_api_route(
        "/store/{path:path}",
        read_graph_at,
        methods=[_method],
        responses=_READ,
        operation_id=f"read_graph_store_at_{_method.lower()}",
    )
for _method in ("PUT", "POST", "DELETE"):
    router.add_api_route(
        "/store",
        refuse_write,
        methods=[_method],
        responses=_WRITE,
        operation_id=f"refuse_graph_store_{_method.lower()}",
    )
    router.add_api_route(
        "/store/{path:path}",
        refuse_write_at,
        methods=[_method],
        responses=_WRITE,
        operation_id=f"refuse_graph_store_at_{_method.lower()}",
    )
