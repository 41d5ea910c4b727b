"""Writes over HTTP: Graph Store PUT/POST/DELETE, ``/api/datasets/<name>``, and its changes.

* ``PUT /store?graph=<IRI>`` replaces a graph, ``POST`` adds to it, ``DELETE`` drops it
  (201 when a PUT or POST created the graph, 204 otherwise; 404 to DELETE a missing graph);
* ``POST /api/datasets/<name>`` replaces the dataset graph ``<base>graph/dataset/<name>``
  with RDF (any syntax pyoxigraph reads, by Content-Type) or CSV (``text/csv`` with
  ``?mapping=sirene|rna|figures``); 201 and the new version's record;
* ``GET /api/datasets/<name>/changes?since=<version or ISO time>`` lists the versions after
  ``since`` with the triples each added and removed (:mod:`ess_core.dataset_versions`).

Each write needs a token (:mod:`graph_service.writes`); the body is read whole up to
``ESS_MAX_BODY_BYTES`` (the guard refuses a bigger one with 413).
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ess_core import dataset_versions
from ess_core.errors import BadRequest, NotFound
from ess_core.iris import slugify
from graph_service.writes import WriteGate

router = APIRouter(tags=["datasets (writes)"])
HEADER_DOC = "Authorization: Bearer <token> (ESS_WRITE_TOKENS_FILE)"
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body does not parse (the message names line and column)."},
    401: {"description": "No valid token."},
    403: {"description": "The token may not write this graph, or the service is read-only."},
    413: {"description": "The body is larger than ESS_MAX_BODY_BYTES."},
    415: {"description": "The Content-Type is not an RDF syntax (or CSV on the dataset API)."},
    422: {"description": "Invalid rows or SHACL violations; each names its line or node."},
    503: {"description": "The write ran past its deadline; nothing was changed."},
}


def _gate(request: Request) -> WriteGate:
    gate: WriteGate = request.app.state.writes
    return gate


def _media(request: Request) -> str:
    return (request.headers.get("content-type") or "").split(";")[0].strip().lower()


async def write_graph(request: Request, graph: str | None) -> Response:
    """PUT, POST or DELETE of one graph of the Graph Store (``graph`` None: the default)."""
    gate = _gate(request)
    token = gate.token(request.headers)
    target = gate.check_graph(token, graph)
    body = b"" if request.method == "DELETE" else await request.body()
    result = await gate.run(
        token,
        request.method,
        body,
        graph=target,
        media=_media(request),
        source=request.headers.get("content-location") or f"{request.method} {request.url.path}",
        content_type=request.headers.get("content-type") or "",
    )
    if result["created"]:
        return Response(status_code=201, headers={"Location": str(graph or request.url)})
    return Response(status_code=204)


async def create_graph(request: Request) -> Response:
    """``POST /store`` without a graph: a new graph ``<public_url>store/graph-<uuid>``,
    201 with its URL in ``Location`` (the Graph Store Protocol's "POST to the service")."""
    graph = f"{request.app.state.settings.public_url}store/graph-{uuid.uuid4().hex}"
    return await write_graph(request, graph)


def _dataset_graph(request: Request, name: str) -> str:
    try:
        slug = slugify(name)
    except ValueError:  # no letter or digit at all
        slug = ""
    if slug != name:
        raise BadRequest(f"{name!r} is not a dataset name (lower-case words joined by '-').")
    return f"{request.app.state.settings.base_iri}graph/dataset/{name}"


async def submit_dataset(request: Request, name: str, mapping: str | None = None) -> Response:
    """Replace the dataset graph ``name`` with the body: RDF, or CSV with ``?mapping=``."""
    gate = _gate(request)
    token = gate.token(request.headers)
    graph = gate.check_graph(token, _dataset_graph(request, name))
    media = _media(request)
    if media == "text/csv" and not mapping:
        raise BadRequest("CSV needs ?mapping=sirene|rna|figures (the CSVW mapping of its rows).")
    result = await gate.run(
        token,
        "DATASET",
        await request.body(),
        graph=graph,
        media=media,
        mapping=mapping if media == "text/csv" else None,
        source=request.headers.get("content-location") or f"{name}.{media.split('/')[-1]}",
    )
    return JSONResponse({"ok": True, **result["versions"][0]}, status_code=201)


async def dataset_changes(request: Request, name: str, since: str = "0") -> JSONResponse:
    """The versions of dataset ``name`` after ``since`` (a version number or an ISO time)."""
    settings = request.app.state.settings
    graph = _dataset_graph(request, name)
    folder = settings.submissions_dir / dataset_versions.key_of(graph, settings.base_iri)
    known = dataset_versions.versions(folder)
    if not known:
        raise NotFound(f"dataset {name!r} has no version written through the service")
    try:
        number = dataset_versions.parse_since(since, known)
    except dataset_versions.VersionError as exc:
        raise BadRequest(str(exc)) from None
    return JSONResponse(
        {
            "dataset": name,
            "graph": graph,
            "since": number,
            "current": known[-1].version,
            "changes": dataset_versions.changes(folder, number),
        }
    )


router.add_api_route(
    "/api/datasets/{name}",
    submit_dataset,
    methods=["POST"],
    status_code=201,
    responses=RESPONSES,
    summary="Submit a new version of a dataset (token)",
    description=f"{HEADER_DOC}. Body: RDF (Turtle, N-Triples, RDF/XML, JSON-LD…) or text/csv "
    "with ?mapping=sirene|rna|figures.",
)
router.add_api_route(
    "/api/datasets/{name}/changes",
    dataset_changes,
    methods=["GET"],
    responses={
        400: {
            "description": "'since' is neither a version number nor an ISO 8601 time, or the "
            "name is not a dataset name."
        },
        404: {"description": "No version of this dataset."},
    },
    summary="What each version of a dataset added and removed",
)
