"""The application shell: open the backend, install error handlers, mount the routers.

``/sparql`` is answered before FastAPI's middleware stack and router (:class:`ServiceApp`):
for a tiny query they cost more than the query itself (docs/BENCHMARKS.md, SPARQL section).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from ess_core.settings import Settings, load_settings
from graph_service import (
    actor_map,
    dataset_writes,
    editor,
    linked_data,
    lists,
    metrics,
    pages,
    pictures,
    static_files,
    timeline,
)
from graph_service.api import include_api
from graph_service.api.read_cache import read_cache_for
from graph_service.backends import open_backend
from graph_service.discovery import router as discovery_router
from graph_service.error_responses import install_error_handlers
from graph_service.graph_store import router as graph_store_router
from graph_service.guard import Guard
from graph_service.health import VERSION, health_router
from graph_service.openapi_doc import install_openapi
from graph_service.sparql import PATHS, SparqlEndpoint, SparqlRouter
from graph_service.writes import WriteGate

ACCESS_LOGGER = "uvicorn.access"  # the server's one line per request (setting ESS_ACCESS_LOG)


class ServiceApp(FastAPI):
    """FastAPI, except that HTTP requests to ``/sparql`` go straight to the SPARQL endpoint.

    The endpoint answers errors with the same JSON body as the exception handlers, and is
    wrapped in the same CORS middleware when CORS is configured.
    """

    sparql: ASGIApp | None = None
    guard: Guard | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.guard is not None and scope["type"] == "http":
            await self.guard(scope, receive, send, self._dispatch)
            return
        await self._dispatch(scope, receive, send)

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.sparql is not None and scope["type"] == "http" and scope["path"] in PATHS:
            scope["app"] = self
            await self.sparql(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings) -> ServiceApp:
    """The FastAPI app serving the store named by ``settings``."""
    backend = open_backend(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        access = logging.getLogger(ACCESS_LOGGER)
        was_disabled = access.disabled
        access.disabled = was_disabled or not settings.access_log
        try:
            yield
        finally:
            access.disabled = was_disabled
            await backend.close()

    app = ServiceApp(
        title="ESS Hauts-de-France knowledge graph",
        description="SPARQL 1.1 endpoint and linked data over the social and solidarity "
        "economy of Hauts-de-France.",
        version=VERSION,
        lifespan=lifespan,
        docs_url=None,  # /docs and /redoc are served with local assets (graph_service/api/docs.py)
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.backend = backend
    app.state.writes = WriteGate(settings, backend)  # tokens and write jobs (writes.py)
    app.state.read_cache = read_cache_for(settings)  # the REST layer's answers, by build
    install_error_handlers(app)
    app.guard = Guard(settings)  # limits, metrics, security headers (graph_service/guard.py)
    endpoint = SparqlEndpoint(settings, backend, app.state.writes)
    app.sparql = endpoint
    if settings.cors_origins:
        origins, methods = settings.cors_origins, ["GET", "POST"]
        app.add_middleware(
            CORSMiddleware, allow_origins=origins, allow_methods=methods, allow_headers=["*"]
        )
        app.sparql = CORSMiddleware(
            endpoint, allow_origins=origins, allow_methods=methods, allow_headers=["*"]
        )
    app.include_router(SparqlRouter(endpoint))
    app.include_router(health_router(settings, backend))
    app.include_router(discovery_router)
    app.include_router(metrics.router)
    app.include_router(graph_store_router)
    app.include_router(dataset_writes.router)
    include_api(app, settings)
    app.include_router(linked_data.router)
    app.include_router(pages.router)
    app.include_router(editor.router)
    app.include_router(lists.router)
    app.include_router(pictures.router)
    app.include_router(timeline.router)
    app.include_router(actor_map.router)
    app.include_router(static_files.router)
    install_openapi(app)  # every status and content type declared (graph_service/openapi_doc.py)
    return app


def app_from_environment() -> ServiceApp:
    """Factory for ``uvicorn --factory graph_service.app:app_from_environment``."""
    return create_app(load_settings())
