"""``/health``: is the service up, which store does it read, how big is it."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter

from ess_core.settings import Settings
from graph_service.backends.base import Backend
from graph_service.backends.reload import refresh

try:
    VERSION = version("ess-graph")
except PackageNotFoundError:  # running from a source tree that is not installed
    VERSION = "unknown"


def health_router(settings: Settings, backend: Backend) -> APIRouter:
    """A router answering ``GET /health`` for this backend."""
    router = APIRouter(tags=["service"])
    embedded = settings.backend == "embedded"
    where = str(settings.store_path) if embedded else settings.remote_query_url

    @router.get("/health", summary="Service status, store and size")
    async def read_health() -> dict[str, Any]:
        """Status, backend, store location, number of quads and version."""
        await refresh(backend)  # a rebuilt store is counted as soon as it is swapped in
        return {
            "ok": True,
            "status": "ok",
            "backend": settings.backend,
            "store": where,
            "read_only": settings.write_tokens_file is None,
            "quads": backend.triple_count(),
            "version": VERSION,
        }

    return router
