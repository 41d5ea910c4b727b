"""The service's request limits, each a setting and a clear refusal in the one error shape.

- body size (``ESS_MAX_BODY_BYTES``): a ``Content-Length`` over the limit is refused before
  the body is read; a chunked body is counted while it streams (:func:`limited_receive`);
- query text size (``ESS_MAX_QUERY_BYTES``) and bracket depth (``ESS_MAX_QUERY_DEPTH``):
  checked by :func:`check_query_text` before the text reaches a parser or a worker. The depth
  is measured by one regular-expression scan that skips strings, IRIs and comments, so it
  costs microseconds and never recurses (pyoxigraph's parser overflows its stack on deeply
  nested input, so unbounded text must not be parsed in the service process);
- a query string that is not UTF-8 once percent-decoded (``%FF``) is refused with 400, as the
  same bytes in a body are;
- per-client concurrency (``ESS_MAX_CLIENT_CONCURRENCY``): :class:`ClientSlots` counts the
  requests under way per client address; one more is refused with 429 and ``Retry-After``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import unquote_to_bytes

from starlette.types import Message, Receive, Scope

from ess_core.errors import BadRequest, ServiceError
from graph_service.backends.scan import unescape_codepoints
from graph_service.metrics import event

RETRY_AFTER_S = 1
_SCAN = re.compile(
    r"""(?P<skip>\\.
      | \#[^\n\r]*
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<open>[{(\[]) | (?P<close>[})\]])""",
    re.VERBOSE | re.DOTALL,
)
_IRI_BRACKETS = re.compile(r"[(\[)\]]")


class PayloadTooLarge(ServiceError):
    """The request body or the query text is larger than the service accepts."""

    status = 413


class TooManyRequests(ServiceError):
    """The client has as many requests under way as it may; ``Retry-After`` says when to retry."""

    status = 429
    headers: Mapping[str, str] | None = {"Retry-After": str(RETRY_AFTER_S)}


class QueryTooComplex(BadRequest):
    """The query nests deeper than the service evaluates (refused before parsing)."""


def query_depth(text: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` in a SPARQL text.

    Strings, comments and backslash escapes are skipped (codepoint escapes are applied
    first, as the parser does). IRIs are tokens, so that a ``#`` in them starts no comment,
    but their brackets still count: ``?a<?b&&(?c>1`` may parse as a comparison, and its
    ``(`` must not hide. An unbalanced text is measured as far as it goes.
    """
    depth = deepest = 0
    for match in _SCAN.finditer(unescape_codepoints(text)):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "iri":
            for bracket in _IRI_BRACKETS.findall(match.group()):
                if bracket in "([":
                    depth += 1
                    deepest = max(deepest, depth)
                else:
                    depth = max(0, depth - 1)
    return deepest


def check_query_text(text: str, max_bytes: int, max_depth: int) -> None:
    """Refuse a query or update text that is too long (413) or nests too deep (400)."""
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise PayloadTooLarge(
            f"The SPARQL text has {size} bytes, more than the {max_bytes} this service accepts "
            "(setting ESS_MAX_QUERY_BYTES)."
        )
    if "{" not in text and "(" not in text and "[" not in text:
        return
    depth = query_depth(text)
    if depth > max_depth:
        event("request_refused", status=400, reason="query_depth", depth=depth)
        raise QueryTooComplex(
            f"The SPARQL text nests brackets {depth} deep, deeper than the {max_depth} this "
            "service evaluates (setting ESS_MAX_QUERY_DEPTH)."
        )


def check_query_string(query_string: bytes) -> None:
    """Refuse a query string whose percent-decoded bytes are not UTF-8 (400)."""
    if b"%" not in query_string and query_string.isascii():
        return
    raw = unquote_to_bytes(query_string.replace(b"+", b" "))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(
            f"The query string is not valid UTF-8 once percent-decoded: {exc.reason} at byte "
            f"{exc.start} of the decoded string."
        ) from None


def content_length(scope: Scope) -> int | None:
    """The request's Content-Length, None when absent; a malformed one is a 400."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                length = -1
            if length < 0:
                raise BadRequest(f"Invalid Content-Length: {value.decode('latin-1')!r}")
            return length
    return None


def too_large(size: int | str, limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The request body has {size} bytes, more than the {limit} this service accepts "
        "(setting ESS_MAX_BODY_BYTES)."
    )


def limited_receive(receive: Receive, limit: int) -> Receive:
    """``receive``, raising :class:`PayloadTooLarge` once the body passes ``limit`` bytes."""
    seen = 0

    async def guarded() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise too_large(f"more than {limit}", limit)
        return message

    return guarded


class ClientSlots:
    """Requests under way per client address, at most ``cap`` each (0: no cap)."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._busy: dict[str, int] = {}

    def take(self, client: str) -> None:
        """Count one more request of ``client``; :class:`TooManyRequests` past the cap."""
        busy = self._busy.get(client, 0)
        if self.cap and busy >= self.cap:
            raise TooManyRequests(
                f"This client already has {busy} requests under way, the most this service "
                f"serves at once (setting ESS_MAX_CLIENT_CONCURRENCY); retry in "
                f"{RETRY_AFTER_S} s."
            )
        self._busy[client] = busy + 1

    def give(self, client: str) -> None:
        """One request of ``client`` is finished."""
        busy = self._busy.get(client, 0) - 1
        if busy > 0:
            self._busy[client] = busy
        else:
            self._busy.pop(client, None)

    def busy(self, client: str) -> int:
        return self._busy.get(client, 0)
