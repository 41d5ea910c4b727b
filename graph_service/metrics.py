"""What operators see: Prometheus metrics at ``/metrics`` and one log line per notable event.

The metrics live in one registry of this process (:data:`REGISTRY`), shared by every app it
serves; the gauges that describe the store (size, build id) and the pool (queue length) are
read when ``/metrics`` is scraped. :func:`event` writes one ``key=value`` log line for each
query killed, worker crashed or restarted, 5xx answered and request refused, and counts it
in ``ess_events_total``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

disable_created_metrics()  # the *_created series only add noise to a scrape
log = logging.getLogger("graph_service.events")
REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "ess_http_requests",
    "HTTP requests answered, by route template and status.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "ess_http_request_duration_seconds",
    "Time from request to the end of the response, by route template.",
    ["route"],
    registry=REGISTRY,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
EVENTS = Counter(
    "ess_events",
    "Notable events (each also logged): query_killed, "
    "worker_crashed, worker_restarted, worker_start_failed, server_error, "
    "request_refused.",
    ["event"],
    registry=REGISTRY,
)
QUEUE = Gauge(
    "ess_pool_queue_length",
    "Queries waiting for a free worker, by lane.",
    ["lane"],
    registry=REGISTRY,
)
STORE_BYTES = Gauge("ess_store_size_bytes", "Size of the store served, on disk.", registry=REGISTRY)
BUILD = Gauge(
    "ess_store_build_info",
    "The build id of the store served (value 1).",
    ["build_id"],
    registry=REGISTRY,
)


def _quoted(value: Any) -> str:
    text = str(value)
    if text and all(c.isalnum() or c in "._-/:@" for c in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def event(name: str, level: int = logging.WARNING, **fields: Any) -> None:
    """Count ``name`` and log it as one ``event=name key=value…`` line."""
    EVENTS.labels(name).inc()
    if log.isEnabledFor(level):
        details = " ".join(f"{key}={_quoted(value)}" for key, value in fields.items())
        log.log(level, "event=%s %s", name, details)


def _size(path: Path) -> int:
    try:
        folder = path.resolve()
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    except OSError:
        return 0


def _observe_store(request: Request) -> None:
    from ess_core.store_layout import read_build_id

    settings = request.app.state.settings
    if settings.backend != "embedded":
        return
    STORE_BYTES.set(_size(settings.store_path))
    BUILD.clear()
    BUILD.labels(read_build_id(settings.store_path) or "none").set(1)
    backend = request.app.state.backend
    lanes = getattr(backend, "queue_lengths", None)
    if callable(lanes):
        for lane, waiting in lanes().items():
            QUEUE.labels(lane).set(waiting)


router = APIRouter(tags=["Service"])


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {
            "description": "Metrics in the Prometheus text format.",
            "content": {CONTENT_TYPE_LATEST.split(";")[0]: {"schema": {"type": "string"}}},
        }
    },
)
async def read_metrics(request: Request) -> Response:
    """Requests by route and status, latencies, kills, crashes, queue length, store size, build."""
    _observe_store(request)
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
