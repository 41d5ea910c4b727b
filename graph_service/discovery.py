"""Discovery: Service Description, VoID, DCAT and gzipped dumps.

* ``GET /sparql`` without a query answers the SPARQL 1.1 Service Description (the /sparql
  router calls :func:`service_description_response`);
* ``GET /.well-known/void`` VoID (``router``), ``GET /dataset`` DCAT (Turtle, N-Triples, RDF/XML,
  JSON-LD... by Accept);
* ``GET /dumps/all.nq.gz``, ``/dumps/all.trig.gz`` and ``/dumps/graph/<name>.nq.gz`` (or
  ``.trig.gz``) for the graph ``<base>graph/<name>``: streamed and gzipped on the fly.

Statistics are computed once per store with SPARQL through the backend, so they work over
the remote backend too; a rebuilt store swapped in under the service gets fresh ones
(:func:`~graph_service.backends.reload.refresh`).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from pyoxigraph import Triple

from ess_core.errors import NotFound
from ess_core.settings import Settings
from graph_service.backends.base import Backend
from graph_service.backends.reload import refresh
from graph_service.backends.stats import DatasetStats, DumpFormat, dataset_stats, dump, gzipped
from graph_service.conneg import result_format
from graph_service.media_types import OFFERED
from graph_service.service_description import (
    PREFIXES,
    dcat_description,
    graph_dump_name,
    service_description,
    void_description,
)

_MEDIA = {"nq": "application/n-quads", "trig": "application/trig"}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


async def stats_for(request: Request, settings: Settings) -> DatasetStats:
    """The dataset's statistics, computed on first use of each store and kept on the app.

    Two first requests may both compute them: harmless, and it needs no lock bound to one
    event loop.
    """
    backend = _backend(request)
    generation = await refresh(backend)
    cached: tuple[int, DatasetStats] | None = getattr(request.app.state, "ess_stats", None)
    if cached is None or cached[0] != generation:
        stats = await dataset_stats(backend, settings.base_iri, settings.query_timeout_s)
        request.app.state.ess_stats = cached = (generation, stats)
    return cached[1]


def rdf_response(triples: list[Triple], accept: str | None) -> Response:
    """Serialize a description in the format the Accept header prefers (Turtle by default)."""
    media, fmt = result_format("graph", accept)
    body = (
        ox.serialize(triples, format=getattr(ox.RdfFormat, fmt), prefixes=PREFIXES)
        if fmt in ("TURTLE", "TRIG", "N3")
        else ox.serialize(triples, format=getattr(ox.RdfFormat, fmt))
    )
    return Response(body or b"", media_type=media, headers={"Vary": "Accept"})


async def service_description_response(request: Request) -> Response:
    """The SPARQL 1.1 Service Description, negotiated by Accept."""
    settings = _settings(request)
    stats = await stats_for(request, settings)
    return rdf_response(service_description(settings, stats), request.headers.get("accept"))


async def read_void(request: Request) -> Response:
    """VoID description of the dataset."""
    settings = _settings(request)
    stats = await stats_for(request, settings)
    return rdf_response(void_description(settings, stats), request.headers.get("accept"))


async def read_dataset(request: Request) -> Response:
    """DCAT description of the dataset."""
    settings = _settings(request)
    stats = await stats_for(request, settings)
    return rdf_response(dcat_description(settings, stats), request.headers.get("accept"))


def _streamed(
    request: Request,
    graphs: list[str],
    fmt: DumpFormat,
    filename: str,
) -> StreamingResponse:
    timeout = _settings(request).query_timeout_s
    chunks = gzipped(dump(_backend(request), graphs, fmt, timeout))
    return StreamingResponse(
        chunks,
        media_type="application/gzip",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Content-Media-Type": _MEDIA[fmt],
        },
    )


async def read_dump_all(request: Request, ext: str) -> StreamingResponse:
    """Every named graph, gzipped N-Quads or TriG."""
    fmt = _format(ext)
    stats = await stats_for(request, _settings(request))
    return _streamed(request, list(stats.graphs), fmt, f"all.{ext}.gz")


async def read_dump_graph(request: Request, name: str) -> StreamingResponse:
    """One source graph ``<base>graph/<name>``, gzipped N-Quads or TriG."""
    settings = _settings(request)
    stem, _, ext = name.removesuffix(".gz").rpartition(".")
    fmt = _format(ext if name.endswith(".gz") else "")
    stats = await stats_for(request, settings)
    graphs = [g for g in stats.graphs if graph_dump_name(settings, g) == stem]
    if not graphs:
        raise NotFound(f"no graph {settings.base_iri}graph/{stem} in the dataset")
    return _streamed(request, graphs, fmt, f"{stem.replace('/', '-')}.{ext}.gz")


def _format(ext: str) -> DumpFormat:
    if ext == "nq":
        return "nq"
    if ext == "trig":
        return "trig"
    raise NotFound("dumps are <name>.nq.gz (N-Quads) or <name>.trig.gz (TriG)")


Responses = dict[int | str, dict[str, Any]]
_RDF: Responses = {
    200: {
        "description": "RDF, in the format Accept prefers (Turtle by default).",
        "content": {m: {"schema": {"type": "string"}} for m in OFFERED["graph"]},
    }
}
_GZIP: Responses = {
    200: {
        "description": "The dump, gzipped (X-Content-Media-Type: N-Quads or TriG).",
        "content": {"application/gzip": {"schema": {"type": "string", "format": "binary"}}},
    }
}
router = APIRouter(tags=["discovery"])
router.add_api_route("/.well-known/void", read_void, methods=["GET"], responses=_RDF)
router.add_api_route("/dataset", read_dataset, methods=["GET"], responses=_RDF)
router.add_api_route("/dumps/all.{ext}.gz", read_dump_all, methods=["GET"], responses=_GZIP)
router.add_api_route("/dumps/graph/{name:path}", read_dump_graph, methods=["GET"], responses=_GZIP)
