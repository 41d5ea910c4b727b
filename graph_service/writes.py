"""The write path: tokens, then one writer process per submission, one at a time.

Without ``ESS_WRITE_TOKENS_FILE`` the service is read-only (:data:`WriteGate.enabled` is
False: writes answer 403 as before). With it, a write must carry ``Authorization: Bearer
<token>``: no or an unknown token -> 401 (:class:`~ess_core.errors.Unauthorized`), a graph the
token may not write -> 403 (:class:`~ess_core.errors.GraphForbidden`). The token is never
logged nor echoed: errors name the token's *name* only.

An accepted write runs ``python -m ingest.writes.job`` (by module name: the service never
imports the ingest package) under an asyncio lock, so submissions are serialised (the job also
takes the store's build lock, which serialises it with builds and other service processes).
The job clones the served store version, applies and validates the write, and swaps the clone
in; the deadline (``ESS_QUERY_TIMEOUT_S``, as for queries) counts from the job's ``started``
line, and a job past it is killed (SIGKILL): the store and the kept versions stay as they were.
Once it answers, the backend is told to look for the new version at once, so the writer reads
its own write.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Mapping
from typing import Any

from ess_core import errors
from ess_core.settings import Settings, SettingsError
from ess_core.write_tokens import TokenFileError, WriteToken, find_token, read_tokens, writable
from graph_service.backends.base import Backend
from graph_service.metrics import event

DEFAULT = "DEFAULT"  # the default graph, as the writer names it (ingest.writes.graphs)
START_TIMEOUT_S = 60.0  # interpreter start, imports, store clone: before the deadline counts
_ERRORS: dict[str, type[errors.ServiceError]] = {
    "BadRequest": errors.BadRequest,
    "QuerySyntaxError": errors.QuerySyntaxError,
    "InvalidSubmission": errors.InvalidSubmission,
    "GraphForbidden": errors.GraphForbidden,
    "UnsupportedMediaType": errors.UnsupportedMediaType,
    "NotFound": errors.NotFound,
}


NO_WRITES = (
    "This service takes no writes: it was started without write tokens "
    "(set ESS_WRITE_TOKENS_FILE; README, 'Write datasets')."
)


class WriteGate:
    """Checks tokens and runs write jobs for one service."""

    def __init__(self, settings: Settings, backend: Backend) -> None:
        self.settings, self.backend = settings, backend
        self.tokens: list[WriteToken] = []
        self.enabled = settings.write_tokens_file is not None
        if settings.write_tokens_file is not None:
            if settings.backend != "embedded":
                raise SettingsError(
                    "ESS_WRITE_TOKENS_FILE: writes with tokens need the embedded store "
                    "(ESS_BACKEND=embedded); the writer swaps new store versions in, which a "
                    "remote store cannot take"
                )
            try:
                self.tokens = read_tokens(settings.write_tokens_file)
            except TokenFileError as exc:
                raise SettingsError(f"ESS_WRITE_TOKENS_FILE: {exc}") from None
        self._stamp = self._file_stamp()
        self._lock = asyncio.Lock()

    def _file_stamp(self) -> tuple[int, int] | None:
        path = self.settings.write_tokens_file
        try:
            stat = path.stat() if path is not None else None
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size) if stat is not None else None

    def _current_tokens(self) -> list[WriteToken]:
        """The tokens, read again when the file changed (``ess-graph token create`` while the
        service runs); a file that became unreadable keeps the tokens read last."""
        stamp = self._file_stamp()
        path = self.settings.write_tokens_file
        if stamp != self._stamp and stamp is not None and path is not None:
            try:
                self.tokens = read_tokens(path)
                self._stamp = stamp
            except TokenFileError as exc:
                event("write_tokens_unreadable", detail=str(exc))
        return self.tokens

    def token(self, headers: Mapping[str, str]) -> WriteToken:
        """The token of ``Authorization: Bearer …``; Unauthorized without a valid one."""
        if not self.enabled:
            raise errors.UpdateForbidden(NO_WRITES)
        scheme, _, presented = (headers.get("authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            raise errors.Unauthorized("Writes need a token: send 'Authorization: Bearer <token>'.")
        found = find_token(self._current_tokens(), presented.strip())
        if found is None:
            raise errors.Unauthorized("The token is not valid.")
        return found

    def check_graph(self, token: WriteToken, graph: str | None) -> str:
        """``graph`` if ``token`` may write it (``DEFAULT`` for the default graph of a test
        instance, setting ESS_WRITE_DEFAULT_GRAPH); GraphForbidden otherwise."""
        base = self.settings.base_iri
        if graph is None:
            if self.settings.write_default_graph and "default" in token.graphs:
                return DEFAULT
            raise errors.GraphForbidden(
                "The default graph is derived (the merge of the named graphs): write a named graph."
            )
        if not writable(graph, base):
            raise errors.GraphForbidden(
                f"<{graph}> cannot be written: only dataset graphs ({base}graph/dataset/<name>) "
                "and graphs outside the project's own are writable."
            )
        if not token.may_write(graph, base):
            raise errors.GraphForbidden(f"Token {token.name!r} may not write <{graph}>.")
        return graph

    async def run(
        self,
        token: WriteToken,
        op: str,
        body: bytes,
        *,
        graph: str | None = None,
        media: str = "",
        mapping: str | None = None,
        source: str = "",
        content_type: str = "",
    ) -> dict[str, Any]:
        """Run one write job; its result (``created``, ``versions``) or the service's error."""
        job = {
            "store": str(self.settings.store_path),
            "base": self.settings.base_iri,
            "shapes": str(self.settings.shapes_path),
            "submissions": str(self.settings.submissions_dir),
            "token": token.name,
            "token_graphs": list(token.graphs),
            "op": op,
            "graph": graph,
            "media": media,
            "mapping": mapping,
            "input": source or f"{op} request",
            "update_base": f"{self.settings.public_url}sparql",
            "default_writable": self.settings.write_default_graph,
            "union": self.settings.union_default_graph,
            "content_type": content_type,
        }
        async with self._lock:
            result = await self._job(json.dumps(job).encode() + b"\n" + body)
        if not result.get("ok"):
            kind = _ERRORS.get(str(result.get("error")), errors.StorageError)
            raise kind(str(result.get("message")), list(result.get("errors") or []))
        event("write", logging.INFO, token=token.name, op=op, graph=graph or "(update)")
        await self._follow()
        return result

    async def _job(self, payload: bytes) -> dict[str, Any]:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "ingest.writes.job",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None  # noqa: S101
        try:
            proc.stdin.write(payload)
            await proc.stdin.drain()
            proc.stdin.close()
            first = await asyncio.wait_for(proc.stdout.readline(), START_TIMEOUT_S)
            if first.strip() == b"started":
                timeout = self.settings.query_timeout_s
                try:
                    first = await asyncio.wait_for(proc.stdout.readline(), timeout)
                except TimeoutError:
                    event("write_killed", reason="deadline", timeout_s=timeout)
                    raise errors.QueryTimeout(
                        f"the write ran past its deadline of {timeout:g} s and was stopped; "
                        "nothing was changed (setting ESS_QUERY_TIMEOUT_S)"
                    ) from None
        except TimeoutError:
            raise errors.StorageError("the writer process did not start in time") from None
        finally:
            if proc.returncode is None:
                proc.kill()
            await proc.wait()
        try:
            answer: dict[str, Any] = json.loads(first)
        except ValueError:
            raise errors.StorageError(
                f"the writer process failed (exit status {proc.returncode}); nothing was changed"
            ) from None
        return answer

    async def _follow(self) -> None:
        """Make the backend serve the new store version before answering."""
        check_now = getattr(self.backend, "check_now", None)
        if check_now is not None:
            await check_now()
