"""The SPARQL 1.1 Protocol query endpoint: ``/sparql`` by GET, form POST and direct POST.

:class:`SparqlEndpoint` is a plain ASGI app: the application shell sends ``/sparql`` to it
before FastAPI's middleware stack and router (see :class:`graph_service.app.ServiceApp`),
which saves most of a tiny query's overhead. It reads the protocol's parameters straight
from the ASGI scope, refuses updates on a read-only service and hands a
:class:`QueryRequest` to the backend; it never touches the store itself. Answers that fit in
one chunk are sent as a plain response, bigger ones are streamed. :class:`SparqlRouter`
documents the same operations in OpenAPI and serves them if a request reaches the router.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from ess_core.errors import (
    BadRequest,
    InvalidParameter,
    MethodNotAllowed,
    ServiceError,
    UnsupportedMediaType,
    UpdateForbidden,
)
from ess_core.settings import Settings
from graph_service.backends.base import Backend, QueryAnswer, QueryRequest
from graph_service.backends.federation import check_services
from graph_service.discovery import service_description_response
from graph_service.error_responses import error_response
from graph_service.limits import check_query_text
from graph_service.media_types import FORMAT_NAMES, OFFERED
from graph_service.sparql_text import with_using
from graph_service.writes import NO_WRITES, WriteGate

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
PATHS = ("/sparql", "/sparql/")
METHODS = ("GET", "POST")
VARY = {"Vary": "Accept"}

Params = list[tuple[str, str]]


class ClientGoneError(Exception):
    """The client disconnected before its request body arrived: nothing to answer."""


def _values(params: Params, name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _one(params: Params, name: str) -> str | None:
    values = _values(params, name)
    if len(values) > 1:
        raise BadRequest(f"Send one '{name}' parameter, not {len(values)}.")
    return values[0] if values else None


def _utf8(body: bytes, charset: str) -> str:
    if charset not in ("", "utf-8", "utf8"):
        raise UnsupportedMediaType(f"Request bodies must be UTF-8, not {charset}.")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The request body is not valid UTF-8: {exc}") from None


def _content_type(header: str) -> tuple[str, str]:
    """The body's media type and charset, lower-cased."""
    media_type, *params = header.split(";")
    charset = ""
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.strip().lower(), charset


def _headers(scope: Scope) -> tuple[str | None, str]:
    """The first Accept and Content-Type headers of the request (latin-1, as in HTTP)."""
    accept: str | None = None
    content_type: str | None = None
    for name, value in scope["headers"]:
        if name == b"accept" and accept is None:
            accept = value.decode("latin-1")
        elif name == b"content-type" and content_type is None:
            content_type = value.decode("latin-1")
    return accept, content_type or ""


async def _body(receive: Receive) -> bytes:
    """The whole request body."""
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGoneError
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(parts)


async def answer_response(answer: QueryAnswer) -> Response:
    """A plain response for a one-chunk answer, a streaming one otherwise."""
    if answer.body is not None:
        return Response(answer.body, media_type=answer.media_type, headers=VARY)
    chunks = answer.chunks
    first = await anext(chunks, b"")
    second = await anext(chunks, None)
    if second is None:
        return Response(first, media_type=answer.media_type, headers=VARY)

    async def body() -> AsyncIterator[bytes]:
        try:
            yield first
            yield second
            async for chunk in chunks:
                yield chunk
        finally:  # a client gone midway stops the backend now, not when collected
            close = getattr(chunks, "aclose", None)
            if close is not None:
                await close()

    return StreamingResponse(body(), media_type=answer.media_type, headers=VARY)


class SparqlEndpoint:
    """``/sparql`` over one backend as a plain ASGI app, configured by the settings."""

    def __init__(
        self, settings: Settings, backend: Backend, writes: WriteGate | None = None
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.writes = writes  # with write tokens, updates go through it (graph_service/writes.py)
        self.base_iri = f"{settings.public_url}sparql"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request; a ServiceError becomes the one JSON error body."""
        try:
            response = await self.respond(scope, receive)
        except ServiceError as exc:
            response = error_response(exc)
        except ClientGoneError:
            return
        except Exception:  # as Starlette's ServerErrorMiddleware: a 500, then the traceback
            await error_response(ServiceError("Internal server error."))(scope, receive, send)
            raise
        await response(scope, receive, send)

    async def respond(self, scope: Scope, receive: Receive) -> Response:
        """The response to one GET or POST; raises the service's exceptions."""
        method = scope["method"]
        params = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        if method == "GET":
            return await self._get(scope, receive, params)
        if method == "POST":
            return await self._post(scope, receive, params)
        raise MethodNotAllowed(f"Method {method} is not allowed on {scope['path']}.", METHODS)

    async def _get(self, scope: Scope, receive: Receive, params: Params) -> Response:
        """Query by GET (``?query=``); without a query, the Service Description."""
        if _values(params, "update"):
            raise BadRequest("SPARQL updates must be sent by POST, with a write token.")
        query = _one(params, "query")
        if query is None:
            return await service_description_response(Request(scope, receive))
        return await self._answer(_headers(scope)[0], query, params)

    async def _post(self, scope: Scope, receive: Receive, params: Params) -> Response:
        """Query by form POST (``query=``) or direct POST (application/sparql-query)."""
        accept, content_type = _headers(scope)
        media_type, charset = _content_type(content_type)
        body = await _body(receive)
        if media_type == FORM:
            params += parse_qsl(_utf8(body, charset), keep_blank_values=True)
            update = _one(params, "update")
            query = _one(params, "query")
            if update is not None and query is not None:
                raise BadRequest("Send either 'query' or 'update', not both.")
            if update is not None:
                return await self._update(update, params, scope)
        elif media_type == QUERY:
            query = _utf8(body, charset)
            if _values(params, "query"):
                raise BadRequest("The query is in the body: no 'query' parameter.")
        elif media_type == UPDATE:
            return await self._update(_utf8(body, charset), params, scope)
        else:
            raise UnsupportedMediaType(
                f"Content-Type {media_type or '(none)'} is not accepted here.",
                errors=[f"send {FORM}, {QUERY} or {UPDATE}"],
            )
        if query is None:
            raise BadRequest("Missing the 'query' parameter.")
        return await self._answer(accept, query, params)

    async def _answer(self, accept: str | None, query: str, params: Params) -> Response:
        fmt = _one(params, "format")
        if fmt is not None:
            accept = FORMAT_NAMES.get(fmt.lower(), fmt)
            if "/" not in accept:
                raise InvalidParameter(
                    f"Unknown format {fmt!r}: use a media type or one of these names.",
                    errors=list(FORMAT_NAMES),
                )
        check_query_text(query, self.settings.max_query_bytes, self.settings.max_query_depth)
        answer = await self.backend.query(
            QueryRequest(
                query,
                accept=accept,
                default_graphs=tuple(_values(params, "default-graph-uri")),
                named_graphs=tuple(_values(params, "named-graph-uri")),
                timeout_s=self._timeout(_one(params, "timeout")),
                base_iri=self.base_iri,
            )
        )
        return await answer_response(answer)

    async def _update(self, update: str, params: Params, scope: Scope) -> Response:
        """A SPARQL update with a write token, applied by the writer process (writes.py)."""
        writes = self.writes
        if writes is None or not writes.enabled:
            raise UpdateForbidden(NO_WRITES)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        token = writes.token(headers)  # 401 before anything else is looked at
        check_query_text(update, self.settings.max_query_bytes, self.settings.max_query_depth)
        graphs, named = _values(params, "using-graph-uri"), _values(params, "using-named-graph-uri")
        if graphs or named:
            update = with_using(update, graphs, named)
        check_services(update, self.settings.service_allowlist)
        await writes.run(token, "UPDATE", update.encode("utf-8"), source="SPARQL update")
        return Response(status_code=204)

    def _timeout(self, value: str | None) -> float:
        limit = self.settings.query_timeout_s
        if value is None:
            return limit
        try:
            seconds = float(value)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds < float("inf"):
            raise InvalidParameter(f"timeout must be a positive number of seconds, not {value!r}.")
        return min(seconds, limit)


class SparqlRouter(APIRouter):
    """The OpenAPI documentation of ``/sparql``, served by the same :class:`SparqlEndpoint`.

    :class:`~graph_service.app.ServiceApp` answers ``/sparql`` before routing; these routes
    document the operations and answer any request that still reaches the router.
    """

    def __init__(self, endpoint: SparqlEndpoint) -> None:
        super().__init__(tags=["SPARQL"])
        self.endpoint = endpoint
        for path, documented in ((PATHS[0], True), (PATHS[1], False)):
            self.add_api_route(
                path,
                self.query_get,
                methods=["GET"],
                include_in_schema=documented,
                summary="SPARQL query by GET",
                openapi_extra=GET_DOC,
                responses=RESPONSES,
            )
            self.add_api_route(
                path,
                self.query_post,
                methods=["POST"],
                include_in_schema=documented,
                summary="SPARQL query, or update with a write token, by POST",
                openapi_extra=POST_DOC,
                responses=RESPONSES,
            )

    async def query_get(self, request: Request) -> Response:
        """Query by GET (``?query=``); without a query, the Service Description."""
        return await self.endpoint.respond(request.scope, request.receive)

    async def query_post(self, request: Request) -> Response:
        """Query by form POST (``query=``) or direct POST (application/sparql-query)."""
        return await self.endpoint.respond(request.scope, request.receive)


def _param(name: str, text: str, *, many: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if many:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": text,
        "schema": schema,
        "explode": True,
    }


_DATASET = [
    _param(
        "default-graph-uri",
        "A graph of the default graph (repeatable); without it and "
        "without FROM, the default graph holds each distinct triple of all graphs once.",
        many=True,
    ),
    _param("named-graph-uri", "A graph GRAPH clauses may use (repeatable).", many=True),
    _param("format", f"Overrides Accept: a media type or one of {', '.join(FORMAT_NAMES)}."),
    _param("timeout", "Deadline in seconds, at most the service's own."),
]
GET_DOC: dict[str, Any] = {
    "parameters": [
        _param("query", "The SPARQL query; without it, the Service Description."),
        *_DATASET,
    ]
}
POST_DOC: dict[str, Any] = {
    "parameters": _DATASET,
    "requestBody": {
        "required": True,
        "content": {
            FORM: {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
            QUERY: {"schema": {"type": "string"}},
            UPDATE: {
                "schema": {"type": "string"},
                "description": "A SPARQL update: needs 'Authorization: Bearer <write token>' and "
                "writes only the token's dataset graphs; refused (403) without write tokens.",
            },
        },
    },
}
_MEDIA = {m: {"schema": {"type": "string"}} for m in (*OFFERED["solutions"], *OFFERED["graph"])}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Results: SELECT/ASK as SPARQL results, CONSTRUCT/DESCRIBE as RDF.",
        "content": _MEDIA,
    },
    400: {"description": "Malformed request or query (the parser's message)."},
    204: {"description": "The update was applied (a new store version is served)."},
    401: {"description": "An update without a valid write token."},
    403: {
        "description": "An update outside the token's graphs, or sent to a service "
        "started without write tokens."
    },
    422: {"description": "The update's result fails the SHACL shapes; nothing was written."},
    406: {"description": "No offered format matches Accept; the error lists them."},
    415: {"description": "Unsupported Content-Type or charset."},
    500: {"description": "The store failed."},
}
