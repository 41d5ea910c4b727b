"""The OpenAPI document declares every status and content type a route can answer.

FastAPI documents what a route returns when it succeeds and its 422. The service answers more,
on every route: the limits of :mod:`graph_service.guard` (400 for a query string that is not
UTF-8, 413 for a body too large, 429 past the client's concurrency cap), 500 when the store
fails, 503 when a query runs past its deadline; 404 on routes with path parameters, 422 on
routes with parameters. Errors come as the one JSON body (:class:`ErrorBody`) or, for a
client that prefers HTML, as an HTML page of the same status. :func:`install_openapi` adds
those to the generated document once, when it is first asked for.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

_EVERYWHERE = {
    400: "Malformed request (a query string that is not UTF-8 once percent-decoded, …).",
    413: "The request body is larger than ESS_MAX_BODY_BYTES.",
    429: "Too many requests of this client under way (ESS_MAX_CLIENT_CONCURRENCY); "
    "see Retry-After.",
    500: "The store failed.",
    503: "A query ran past its deadline (ESS_QUERY_TIMEOUT_S) or no worker became free.",
}
_WITH_PATH = {404: "No such resource."}
_WITH_PARAMETERS = {422: "A parameter has an invalid value; the errors name it."}
_METHODS = ("get", "head", "post", "put", "delete", "patch", "options")


class ErrorBody(BaseModel):
    """The one error body of the whole API."""

    ok: bool = Field(False, description="Always false.")
    status: int = Field(description="The HTTP status, repeated.")
    error: str = Field(description="What went wrong, in one sentence.")
    errors: list[str] = Field(default_factory=list, description="Details (names, lines…).")


ERROR_CONTENT: dict[str, Any] = {
    "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}},
    "text/html": {"schema": {"type": "string"}},
}


def _complete(operation: dict[str, Any], path: str) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    extra = dict(_EVERYWHERE)
    if "{" in path:
        extra.update(_WITH_PATH)
    if operation.get("parameters") or operation.get("requestBody"):
        extra.update(_WITH_PARAMETERS)
    for code, description in extra.items():
        responses.setdefault(str(code), {"description": description})
    for status, response in responses.items():
        if str(status)[0] in "45":
            content = response.setdefault("content", {})
            for media_type, schema in ERROR_CONTENT.items():
                content.setdefault(media_type, schema)
            if "ValidationError" in str(content.get("application/json", {})):
                content["application/json"] = ERROR_CONTENT["application/json"]


def complete_document(document: dict[str, Any]) -> dict[str, Any]:
    """Add the service's error responses and the :class:`ErrorBody` schema to ``document``."""
    for path, item in document.get("paths", {}).items():
        for method in _METHODS:
            if method in item:
                _complete(item[method], path)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorBody"] = ErrorBody.model_json_schema()
    return document


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the completed document (built once)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete_document(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
