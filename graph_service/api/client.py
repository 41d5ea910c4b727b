"""The REST layer's only way to the data: SPARQL queries on the Backend, values bound as terms.

Handlers get a :class:`GraphClient` from :func:`get_client`; the app keeps its settings and
backend in ``app.state``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi import Request

from ess_core.iris import Iris
from ess_core.namespaces import prefixes
from ess_core.settings import Settings
from graph_service.api.read_cache import ReadCache, build_of, cached
from graph_service.backends.base import Backend, QueryRequest

SPARQL_JSON = "application/sparql-results+json"
Row = dict[str, Any]
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {
    _XSD + "integer": int,
    _XSD + "int": int,
    _XSD + "long": int,
    _XSD + "decimal": float,
    _XSD + "double": float,
    _XSD + "float": float,
}


@cache
def prologue(base_iri: str) -> str:
    """PREFIX lines of every vocabulary the graph uses, ``ess:`` for this base IRI."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes(Iris(base_iri)).items())


def _value(term: Mapping[str, str]) -> Any:
    value = term["value"]
    convert = _NUMBERS.get(term.get("datatype", ""))
    if convert is not None:
        try:
            return convert(value)
        except ValueError:
            return value
    return value


@dataclass(frozen=True)
class GraphClient:
    """Runs the REST layer's queries on a backend with the service's settings."""

    backend: Backend
    settings: Settings
    cache: ReadCache | None = None
    """Answers kept for the build served (:mod:`graph_service.api.read_cache`)."""

    @property
    def iris(self) -> Iris:
        return Iris(self.settings.base_iri)

    async def raw(
        self, query: str, accept: str, bindings: Mapping[str, str] | None = None
    ) -> tuple[str, bytes]:
        """Run ``query`` (prefixes added) and return the media type and the whole body."""
        substitutions = dict(bindings or {})

        async def run() -> tuple[str, bytes]:
            answer = await self.backend.query(
                QueryRequest(
                    query=prologue(self.settings.base_iri) + query,
                    accept=accept,
                    substitutions=substitutions,
                    timeout_s=self.settings.query_timeout_s,
                    lane="rest",
                )
            )
            body = b"".join([chunk async for chunk in answer.chunks])
            return answer.media_type, body

        return await cached(self.cache, self.backend, (query, accept, substitutions), run)

    async def build_id(self) -> str | None:
        """The build id of the store served when answers are cached for it, else None."""
        return await build_of(self.backend) if self.cache is not None else None

    async def select(self, query: str, bindings: Mapping[str, str] | None = None) -> list[Row]:
        """Solutions of a SELECT as dicts of plain values (numbers converted)."""
        _media_type, body = await self.raw(query, SPARQL_JSON, bindings)
        data = json.loads(body)
        return [
            {name: _value(term) for name, term in binding.items()}
            for binding in data["results"]["bindings"]
        ]

    async def ask(self, query: str, bindings: Mapping[str, str] | None = None) -> bool:
        """The answer of an ASK query."""
        _media_type, body = await self.raw(query, SPARQL_JSON, bindings)
        return bool(json.loads(body)["boolean"])


async def get_client(request: Request) -> GraphClient:
    """FastAPI dependency: the client over the app's backend, settings and answer cache.

    A coroutine, as every dependency here: FastAPI runs a plain function in its thread pool,
    a thread hand-off per request that cost more than the rest of a cached REST answer.
    """
    state = request.app.state
    return GraphClient(state.backend, state.settings, getattr(state, "read_cache", None))


async def get_settings(request: Request) -> Settings:
    """FastAPI dependency: the app's settings."""
    settings: Settings = request.app.state.settings
    return settings
