"""One exception per failure kind, each naming the HTTP status it maps to.

A leaf module: it imports nothing of the project, so every layer may raise these. The
service turns them into responses (:mod:`graph_service.error_responses`).
"""

from __future__ import annotations

from collections.abc import Mapping


class ServiceError(Exception):
    """Base of the service's failures; ``status`` is the HTTP status it maps to."""

    status = 500
    headers: Mapping[str, str] | None = None

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class BadRequest(ServiceError):
    """The request is malformed (missing or conflicting parameters)."""

    status = 400


class QuerySyntaxError(BadRequest):
    """The SPARQL query or update does not parse; the message is the parser's."""


class Unauthorized(ServiceError):
    """A write came without a valid token (``Authorization: Bearer <token>``)."""

    status = 401

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message, errors)
        self.headers = {"WWW-Authenticate": 'Bearer realm="ess-graph"'}


class GraphForbidden(ServiceError):
    """The token may not write this graph (or the graph can never be written)."""

    status = 403


class InvalidSubmission(ServiceError):
    """Submitted data parsed but breaks the shapes or the row schema; errors name each case."""

    status = 422


class UpdateForbidden(ServiceError):
    """An update was sent to a read-only service."""

    status = 403


class ServiceNotAllowed(ServiceError):
    """A SERVICE clause names an endpoint that is not on the allowlist."""

    status = 403


class NotFound(ServiceError):
    """No such resource, query or route."""

    status = 404


class MethodNotAllowed(ServiceError):
    """The resource does not answer this HTTP method; ``Allow`` lists those it does."""

    status = 405

    def __init__(self, message: str, allow: tuple[str, ...]) -> None:
        super().__init__(message)
        self.headers = {"Allow": ", ".join(allow)}


class NotAcceptable(ServiceError):
    """No representation matches the request's Accept header."""

    status = 406


class ResultTooLarge(ServiceError):
    """The result has more rows than the service's limit allows."""

    status = 413


class UnsupportedMediaType(ServiceError):
    """The request body's Content-Type is not one the operation accepts."""

    status = 415


class InvalidParameter(ServiceError):
    """A parameter has a value of the wrong type; the message names the parameter."""

    status = 422


class QueryTimeout(ServiceError):
    """The query ran past its deadline and was stopped."""

    status = 503


class StorageError(ServiceError):
    """The store failed (I/O, corruption, remote store unreachable)."""

    status = 500
