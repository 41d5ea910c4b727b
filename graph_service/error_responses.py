"""One error body for every failure, and the handlers the app registers.

Every error the API returns has the shape built by :func:`error_body`::

    {"ok": false, "status": 400, "error": "...", "errors": [...]}

A client that prefers HTML to JSON (a browser) gets the same status with an HTML page
(``templates/error.html``) instead; ``/sparql`` always answers the JSON body. The exception
classes are :mod:`ess_core.errors`'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ess_core.errors import ServiceError

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, Response


def error_body(status: int, message: str, errors: list[str] | None = None) -> dict[str, Any]:
    """The one JSON body of every error response."""
    return {"ok": False, "status": status, "error": message, "errors": errors or []}


def _error_response(
    status: int,
    message: str,
    errors: list[str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    from fastapi.responses import JSONResponse

    return JSONResponse(error_body(status, message, errors), status_code=status, headers=headers)


def error_response(exc: ServiceError) -> JSONResponse:
    """The response for one of the service's exceptions."""
    return _error_response(exc.status, exc.message, exc.errors, exc.headers)


def _negotiated(
    request: Request,
    status: int,
    message: str,
    errors: list[str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An HTML error page for a client that prefers HTML (a browser), the JSON body else."""
    accept = request.headers.get("accept")
    if accept and "html" in accept:
        from graph_service.conneg import preferred

        if preferred(accept, ("application/json", "text/html")) == "text/html":
            from graph_service.pages import render_error

            return render_error(request, status, message, errors or [], headers)
    return _error_response(status, message, errors, headers)


def install_error_handlers(app: FastAPI) -> None:
    """Answer every failure with :func:`error_body` (ours, HTTP ones such as 404 and 405, and
    422), or with an HTML error page of the same status for a client that prefers HTML."""
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    async def service_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceError)  # noqa: S101 - registered for ServiceError only
        return _negotiated(request, exc.status, exc.message, exc.errors, exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)  # noqa: S101
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing here: {request.url.path}"
        elif exc.status_code == 405:
            message = f"Method {request.method} is not allowed on {request.url.path}."
        return _negotiated(request, exc.status_code, message, headers=exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)  # noqa: S101
        problems = [
            f"{'.'.join(str(part) for part in err['loc'])}: {err['msg']}" for err in exc.errors()
        ]
        return _negotiated(request, 422, "The request has invalid parameters.", problems)

    async def internal_error(request: Request, exc: Exception) -> Response:
        return _negotiated(request, 500, "Internal server error.")

    app.add_exception_handler(ServiceError, service_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)
