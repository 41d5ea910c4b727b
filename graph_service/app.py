"""The application shell: open the backend, install error handlers, mount the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from ess_graph.settings import Settings, load_settings
from graph_service import linked_data, pages
from graph_service.api import include_api
from graph_service.backends import open_backend
from graph_service.discovery import router as discovery_router
from graph_service.errors import install_error_handlers
from graph_service.graph_store import router as graph_store_router
from graph_service.health import VERSION, health_router
from graph_service.sparql import SparqlRouter


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI app serving the store named by ``settings``."""
    backend = open_backend(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await backend.close()

    app = FastAPI(
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
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"], allow_headers=["*"],
        )
    app.include_router(SparqlRouter(settings, backend))
    app.include_router(health_router(settings, backend))
    app.include_router(discovery_router)
    app.include_router(graph_store_router)
    include_api(app, settings)
    app.include_router(linked_data.router)
    app.include_router(pages.router)
    return app


def app_from_environment() -> FastAPI:
    """Factory for ``uvicorn --factory graph_service.app:app_from_environment``."""
    return create_app(load_settings())
