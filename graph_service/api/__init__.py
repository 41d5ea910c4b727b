"""The REST layer: one router per resource under ``/api/``, all data through the Backend.

:func:`include_api` mounts them (with the named queries of ``settings.queries_dir``); the app
keeps ``settings`` and ``backend`` in ``app.state``.
"""

from __future__ import annotations

from fastapi import FastAPI

from ess_core.settings import Settings


def include_api(app: FastAPI, settings: Settings) -> None:
    """Mount the resources, search, named queries, JSON-LD context and offline docs."""
    from graph_service.api import (
        actors,
        context,
        docs,
        documents,
        events,
        partnerships,
        people,
        plans,
        queries,
        search,
        territories,
    )

    for module in (
        actors,
        people,
        territories,
        plans,
        partnerships,
        events,
        documents,
        search,
        context,
        docs,
    ):
        app.include_router(module.router)
    app.include_router(queries.build_router(settings.queries_dir))
