"""The remote backend: the same service over an external SPARQL 1.1 store (Oxigraph, Virtuoso...).

Queries go to ``settings.remote_query_url`` (SPARQL 1.1 protocol, URL-encoded POST) and the
remote's answer is streamed through. Our checks run first (SERVICE allowlist, Accept), and the
remote's failures map to ours: a 4xx keeps its status class and the remote's message, an
unreachable store is a StorageError (500), a deadline past is a QueryTimeout (503), and so is
an answer the remote stopped at its own time limit: Virtuoso's error (SQL state S1T00) and
its "anytime" answer, a success with the rows found so far and an ``X-SQL-State`` header,
never relayed as if it were whole. The
remote keeps evaluating a query we gave up on unless it has its own timeout (see
docs/SERVICE.md). Substitutions are sent as a ``VALUES`` block (:func:`with_values`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from ess_core import errors
from ess_core.settings import Settings
from graph_service.backends.base import NAMED_QUADS, QueryAnswer, QueryRequest, ResultKind
from graph_service.backends.federation import check_calls
from graph_service.backends.scan import scan, unescape_codepoints, where_group_start
from graph_service.backends.worker import CountingBuffer, TooManyRowsError
from graph_service.conneg import result_format
from graph_service.media_types import OFFERED, SPARQL_XML, format_name

_STATUS: dict[int, type[errors.ServiceError]] = {
    400: errors.BadRequest,
    403: errors.UpdateForbidden,
    406: errors.NotAcceptable,
    413: errors.ResultTooLarge,
    415: errors.UnsupportedMediaType,
    503: errors.QueryTimeout,
    504: errors.QueryTimeout,
}
TIMEOUT_STATE = "S1T00"
"""Virtuoso's SQL state of a query stopped at its time limit (``MaxQueryExecutionTime``
without an anytime ``timeout`` parameter): a 500 "Transaction timed out", a timeout here."""
ANYTIME_STATE = "S1TAT"
"""Virtuoso's SQL state of an answer cut short by its time limit ("Returning incomplete
results, query interrupted by result timeout"): a 200 with the rows found so far."""


def with_values(query: str, substitutions: dict[str, str]) -> str:
    """``query`` with its substitutions as a ``VALUES`` block opening its WHERE group.

    Inside the group the variables are bound for every pattern and FILTER of it, as with
    pyoxigraph's substitutions, and a trailing ``VALUES`` of the query stays valid. Without a
    group (``CONSTRUCT WHERE``, ``DESCRIBE <x>``) the block goes at the end.
    """
    if not substitutions:
        return query
    names = " ".join(f"?{name}" for name in substitutions)
    terms = " ".join(substitutions.values())
    block = f"VALUES ({names}) {{ ({terms}) }}"
    text = unescape_codepoints(query)  # applied before parsing anyway (SPARQL 1.1 §19.2)
    at = where_group_start(text)
    if at is None:
        return f"{text}\n{block}"
    return f"{text[:at]} {block}\n{text[at:]}"


class RemoteBackend:
    """Backend forwarding to an external SPARQL 1.1 endpoint over HTTP."""

    def __init__(
        self,
        query_url: str,
        *,
        query_timeout_s: float = 30.0,
        max_result_rows: int = 0,
        service_allowlist: tuple[str, ...] = (),
        base_iri: str | None = None,
        union_default_graph: bool = False,
        stream_factor: float = 10.0,
    ) -> None:
        self.query_url = query_url
        self.query_timeout_s, self.max_result_rows = query_timeout_s, max_result_rows
        self.allowlist, self.stream_factor = service_allowlist, stream_factor
        self.prologue = f"BASE <{base_iri}>\n" if base_iri else ""
        self.union = union_default_graph
        self._client = httpx.AsyncClient(limits=httpx.Limits(max_connections=64))
        self._count: int | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteBackend:
        """The remote backend the settings describe (ESS_REMOTE_QUERY_URL is required)."""
        if not settings.remote_query_url:
            raise errors.StorageError("ESS_BACKEND=remote needs ESS_REMOTE_QUERY_URL")
        return cls(
            settings.remote_query_url,
            query_timeout_s=settings.query_timeout_s,
            max_result_rows=settings.max_result_rows,
            service_allowlist=tuple(settings.service_allowlist),
            base_iri=settings.public_url + "sparql",
            union_default_graph=settings.union_default_graph,
            stream_factor=settings.stream_cap_factor,
        )

    async def query(self, request: QueryRequest) -> QueryAnswer:
        """Send the query, wait (within the deadline) for the remote's status, stream the rest."""
        shape = scan(request.query)
        check_calls(shape.services, self.allowlist)
        kind: ResultKind = (
            "graph"
            if shape.form in ("CONSTRUCT", "DESCRIBE")
            else "boolean"
            if shape.form == "ASK"
            else "solutions"
        )
        media, fmt = result_format(kind, request.accept)
        counted = kind == "solutions" and self.max_result_rows > 0
        data: list[tuple[str, str]] = [
            ("query", self.prologue + with_values(request.query, dict(request.substitutions))),
            *(("default-graph-uri", g) for g in request.default_graphs),
            *(("named-graph-uri", g) for g in request.named_graphs),
        ]
        if self.union and not (shape.has_from or request.default_graphs or request.named_graphs):
            data.append(("union-default-graph", ""))  # Oxigraph's flag; others ignore it
        timeout = min(request.timeout_s, self.query_timeout_s)
        cap = timeout * self.stream_factor
        sent = self._client.build_request(
            "POST",
            self.query_url,
            content=urlencode(data).encode(),
            headers={
                "Accept": SPARQL_XML if counted else media,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            timeout=httpx.Timeout(cap, connect=min(timeout, 10.0)),
        )
        response = await self._send(sent, timeout)
        if counted:
            body = await self._counted(response, cap)
            if fmt == "XML":
                chunks: AsyncIterator[bytes] = _once(body)
            else:
                parsed = ox.parse_query_results(body, ox.QueryResultsFormat.XML)
                chunks = _once(parsed.serialize(format=getattr(ox.QueryResultsFormat, fmt)) or b"")
            return QueryAnswer(kind, media, chunks)
        returned = response.headers.get("content-type", media).split(";")[0].strip().lower()
        # the remote chose another format: say which
        if returned not in OFFERED[kind] or format_name(kind, returned) != fmt:
            media = returned
        return QueryAnswer(kind, media, self._relay(response, cap))

    async def _send(self, sent: httpx.Request, timeout: float) -> httpx.Response:
        try:
            response = await asyncio.wait_for(self._client.send(sent, stream=True), timeout)
        except (TimeoutError, httpx.TimeoutException):
            raise errors.QueryTimeout(
                f"the remote store did not answer within the {timeout:g} s deadline"
            ) from None
        except httpx.TransportError as exc:
            raise errors.StorageError(f"the remote store is unreachable: {exc}") from None
        if response.status_code >= 400:
            message = (await response.aread()).decode("utf-8", "replace").strip()[:2000]
            await response.aclose()
            cls = _STATUS.get(response.status_code, errors.StorageError)
            if response.status_code < 500 and cls is errors.StorageError:
                cls = errors.BadRequest
            elif TIMEOUT_STATE in message[:100]:  # Virtuoso past MaxQueryExecutionTime
                cls = errors.QueryTimeout
            raise cls(f"remote store answered {response.status_code}: {message}")
        state = response.headers.get("x-sql-state")
        if state is not None:  # Virtuoso's partial ("anytime") answer, sent with status 200
            # (a ``timeout`` parameter of the endpoint URL, or a proxy adding one)
            await response.aclose()
            said = response.headers.get("x-sql-message", "").strip()[:500]
            cls = errors.QueryTimeout if state == ANYTIME_STATE else errors.StorageError
            raise cls(
                f"the remote store gave an incomplete answer (X-SQL-State {state}: {said}); "
                "its own time limit (Virtuoso's MaxQueryExecutionTime) must be 0 or above "
                "the service's deadline (ESS_QUERY_TIMEOUT_S)"
            )
        if "x-sparql-maxrows" in response.headers:
            await response.aclose()
            raise errors.ResultTooLarge(
                "the remote store cut the result at its row limit "
                f"({response.headers['x-sparql-maxrows']} rows); add a LIMIT or narrow it"
            )
        return response

    async def _counted(self, response: httpx.Response, cap: float) -> bytes:
        buffer = CountingBuffer(self.max_result_rows)
        try:
            async for chunk in self._relay(response, cap):
                buffer.write(chunk)
        except TooManyRowsError:
            raise errors.ResultTooLarge(
                f"the result has more than {self.max_result_rows} rows, the service's limit "
                "(setting ESS_MAX_RESULT_ROWS): add a LIMIT or narrow it"
            ) from None
        return bytes(buffer.buf)

    async def _relay(self, response: httpx.Response, cap: float) -> AsyncIterator[bytes]:
        try:
            async for chunk in response.aiter_bytes():
                yield chunk
        except httpx.TimeoutException:
            raise errors.QueryTimeout(f"the remote store stalled for {cap:g} s; aborted") from None
        except httpx.TransportError as exc:
            raise errors.StorageError(f"the remote store failed mid-answer: {exc}") from None
        finally:
            await response.aclose()

    def triple_count(self) -> int:
        """Quads in the remote's named graphs (counted once: the data does not change)."""
        if self._count is None:
            try:
                answer = httpx.post(
                    self.query_url,
                    data={"query": NAMED_QUADS},
                    headers={"Accept": "application/sparql-results+json"},
                    timeout=self.query_timeout_s,
                )
                answer.raise_for_status()
                body: dict[str, Any] = answer.json()
            except httpx.HTTPError as exc:
                raise errors.StorageError(f"the remote store is unreachable: {exc}") from None
            self._count = int(body["results"]["bindings"][0]["n"]["value"])
        return self._count

    async def close(self) -> None:
        """Close the HTTP connections."""
        await self._client.aclose()


async def _once(body: bytes) -> AsyncIterator[bytes]:
    yield body
