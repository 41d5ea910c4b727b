"""``/api/queries``: every ``queries/*.rq`` published as a GET operation.

Each named query becomes ``GET /api/queries/<name>`` with its header's parameters as typed
query parameters in OpenAPI. Values are bound as RDF terms through the backend's
substitutions (never pasted into the query); a bad value is a 422 naming the parameter.
Results are SPARQL JSON unless Accept asks for another SPARQL results or RDF format.
"""

from __future__ import annotations

import inspect
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from ess_core.errors import InvalidParameter
from graph_service.api.representation import respond
from graph_service.backends.base import QueryRequest
from graph_service.named_queries import NamedQuery, NamedQueryError, load_named_queries

TAG = "named queries"
_TYPES: dict[str, Any] = {
    "iri": str,
    "string": str,
    "integer": int,
    "decimal": Decimal,
    "boolean": bool,
    "date": date,
    "gYear": int,
}
_RESULT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/ld+json",
)


class QueryParamPublic(BaseModel):
    """A parameter of a named query: a variable bound to a term of its type."""

    name: str
    type: str
    required: bool
    default: str | None
    description: str


class NamedQueryPublic(BaseModel):
    """A named query and where to run it."""

    name: str
    url: str
    summary: str
    description: str
    tags: list[str]
    params: list[QueryParamPublic]


class NamedQueriesPublic(BaseModel):
    """Every named query of the service."""

    items: list[NamedQueryPublic]


def _lexical(value: Any, kind: str) -> str:
    """The lexical form of a validated value of parameter type ``kind``."""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "gYear":
        return f"{int(value):04d}"
    if kind == "date":
        return str(value.isoformat())
    return str(value)


def _public(query: NamedQuery, public_url: str) -> NamedQueryPublic:
    return NamedQueryPublic(
        name=query.name,
        url=f"{public_url}api/queries/{query.name}",
        summary=query.summary,
        description=query.description,
        tags=list(query.tags),
        params=[
            QueryParamPublic(
                name=p.name,
                type=p.type,
                required=p.required,
                default=p.default,
                description=p.description,
            )
            for p in query.params.values()
        ],
    )


def _signature(query: NamedQuery) -> inspect.Signature:
    params = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    ]
    for i, param in enumerate(query.params.values()):
        gyear = param.type == "gYear"
        annotation = cast(Any, Annotated)[
            _TYPES[param.type] | None,
            Query(
                alias=param.name,
                description=f"{param.description} ({param.type})".strip(),
                ge=1 if gyear else None,
                le=9999 if gyear else None,
            ),
        ]
        params.append(
            inspect.Parameter(
                f"p{i}", inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=None
            )
        )
    return inspect.Signature(params)


def _endpoint(query: NamedQuery) -> Any:
    async def run_named_query(request: Request, **values: Any) -> StreamingResponse:
        given = {
            param.name: _lexical(values[f"p{i}"], param.type)
            for i, param in enumerate(query.params.values())
            if values.get(f"p{i}") is not None
        }
        try:
            terms = query.bindings(given)
        except NamedQueryError as exc:
            names = [n for n in query.params if n in str(exc)]
            raise InvalidParameter(str(exc), names) from None
        settings = request.app.state.settings
        answer = await request.app.state.backend.query(
            QueryRequest(
                query=query.sparql,
                accept=request.headers.get("accept"),
                substitutions={v.value: str(t) for v, t in terms.items()},
                timeout_s=settings.query_timeout_s,
                lane="rest",
            )
        )
        return StreamingResponse(answer.chunks, media_type=answer.media_type)

    run_named_query.__signature__ = _signature(query)  # type: ignore[attr-defined]
    run_named_query.__doc__ = query.description or query.summary
    return run_named_query


def build_router(queries_dir: Path) -> APIRouter:
    """A router with the list of named queries and one GET route per query."""
    router = APIRouter(prefix="/api/queries", tags=[TAG])
    queries = load_named_queries(queries_dir) if queries_dir.is_dir() else {}

    @router.get("", response_model=NamedQueriesPublic, summary="List named queries")
    async def read_queries(request: Request) -> JSONResponse:
        """Every named query with its parameters."""
        public_url = request.app.state.settings.public_url
        return respond(
            request, NamedQueriesPublic(items=[_public(q, public_url) for q in queries.values()])
        )

    for query in queries.values():
        router.add_api_route(
            f"/{query.name}",
            _endpoint(query),
            methods=["GET"],
            summary=query.summary,
            name=f"query_{query.name}",
            tags=[TAG, *query.tags],
            response_class=StreamingResponse,
            responses={
                200: {"description": "SPARQL results", "content": {m: {} for m in _RESULT_TYPES}}
            },
        )
    return router
