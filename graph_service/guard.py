"""The wrapper every HTTP request passes first: limits, metrics, logs and security headers.

:class:`~graph_service.app.ServiceApp` hands each HTTP request to :class:`Guard` before
anything else (``/sparql`` included). The guard refuses what the limits forbid before the
app sees it (:mod:`graph_service.limits`: client concurrency, body size, query string),
bounds the body the app reads, adds the security headers to HTML answers
(:mod:`graph_service.security`), and counts the request by route template and status
(:mod:`graph_service.metrics`), logging a line for each refusal and each 5xx.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from starlette.types import Message, Receive, Scope, Send

from ess_core.errors import ServiceError
from ess_core.settings import Settings
from graph_service.error_responses import error_response
from graph_service.limits import (
    ClientSlots,
    check_query_string,
    content_length,
    limited_receive,
    too_large,
)
from graph_service.metrics import LATENCY, REQUESTS, event
from graph_service.security import html_headers

Inner = Callable[[Scope, Receive, Send], Awaitable[None]]
SPARQL_ROUTES = {"/sparql": "/sparql", "/sparql/": "/sparql"}


def route_of(scope: Scope) -> str:
    """The route template that answered (``/api/actors/{slug}``), never the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return SPARQL_ROUTES.get(scope["path"], "(unmatched)")


class Guard:
    """Limits, metrics and headers around one app's HTTP requests."""

    def __init__(self, settings: Settings) -> None:
        self.max_body = settings.max_body_bytes
        self.slots = ClientSlots(settings.max_client_concurrency)

    async def __call__(self, scope: Scope, receive: Receive, send: Send, inner: Inner) -> None:
        start = time.perf_counter()
        client = scope["client"][0] if scope.get("client") else "unknown"
        status = 0

        async def counted_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = html_headers(scope["path"], message.get("headers", ()))
            await send(message)

        try:
            self.slots.take(client)
        except ServiceError as exc:
            await self._refuse(scope, receive, counted_send, exc, client)
            self._count(scope, status, start)
            return
        refused = False
        try:
            try:
                self._check(scope)
            except ServiceError as exc:
                refused = True
                await self._refuse(scope, receive, counted_send, exc, client)
                return
            try:
                await inner(scope, limited_receive(receive, self.max_body), counted_send)
            except Exception:
                status = status or 500
                raise
        finally:
            self.slots.give(client)
            self._count(scope, status, start)
            if status >= 500:
                event(
                    "server_error",
                    logging.ERROR,
                    status=status,
                    method=scope["method"],
                    route=route_of(scope),
                    client=client,
                )
            elif status in (413, 429) and not refused:  # refused by the app (query text...)
                event(
                    "request_refused",
                    status=status,
                    method=scope["method"],
                    route=route_of(scope),
                    client=client,
                )

    def _check(self, scope: Scope) -> None:
        length = content_length(scope)
        if length is not None and length > self.max_body:
            raise too_large(length, self.max_body)
        check_query_string(scope["query_string"])

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, exc: ServiceError, client: str
    ) -> None:
        event(
            "request_refused",
            status=exc.status,
            method=scope["method"],
            path=scope["path"],
            client=client,
            reason=exc.message,
        )
        await error_response(exc)(scope, receive, send)

    @staticmethod
    def _count(scope: Scope, status: int, start: float) -> None:
        route = route_of(scope)
        REQUESTS.labels(route, scope["method"], str(status or 500)).inc()
        LATENCY.labels(route).observe(time.perf_counter() - start)
