"""A live server refuses a 10 MB body with 413 without reading it whole (slow)."""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from service_fixtures import sample_quads, serve, stop

MB = 1_000_000


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    tmp: Path = tmp_path_factory.mktemp("live-limits")
    url, proc = serve(tmp, "store", sample_quads(), ESS_MAX_BODY_BYTES=str(MB))
    parts = urlsplit(url)
    try:
        yield parts.hostname or "127.0.0.1", parts.port or 80
    finally:
        stop(proc)


def _post(address: tuple[str, int], head: bytes, body: Iterator[bytes]) -> tuple[bytes, int]:
    """Send ``head`` then ``body``, stopping as soon as an answer can be read; the answer
    and how many body bytes had been sent when it became readable.

    One thread with ``select``: the count is taken the moment the answer arrives, not when a
    busy machine gets round to scheduling a reader thread."""
    sent = 0
    with socket.create_connection(address, timeout=30) as sock:
        sock.sendall(head)
        sock.setblocking(False)
        pending = b""
        chunks = iter(body)
        while True:
            if not pending:
                pending = next(chunks, b"")
            readable, writable, _ = select.select([sock], [sock] if pending else [], [], 30)
            if readable or not (pending or writable):
                break
            try:
                n = sock.send(pending)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:  # the server closed the connection: expected
                break
            sent += n
            pending = pending[n:]
        sock.settimeout(30)
        answer = b""
        while not _complete(answer):
            try:
                part = sock.recv(4096)
            except OSError:
                break
            if not part:
                break
            answer += part
        return answer, sent


def _complete(answer: bytes) -> bool:
    """The answer's head and its whole body (by its Content-Length) have arrived."""
    head, sep, body = answer.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return True


def _status(answer: bytes) -> int:
    """The answer's status code; 0 when no answer came."""
    return int(answer.split(b" ", 2)[1]) if answer else 0


@pytest.mark.slow
def test_a_10_mb_body_with_its_length_is_413_before_it_is_sent(service: tuple[str, int]) -> None:
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 10000000\r\n\r\n"
    )
    # no body byte is sent before the answer: the declared length alone is refused, so the
    # test cannot pass by the server reading the 10 MB faster than the client sends them
    answer, sent = _post(service, head, iter(()))
    assert _status(answer) == 413 and b"ESS_MAX_BODY_BYTES" in answer
    assert sent == 0


@pytest.mark.slow
def test_a_10_mb_chunked_body_is_413_once_past_the_limit(service: tuple[str, int]) -> None:
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"10000\r\n" + b"#" * 65536 + b"\r\n"
    answer, sent = _post(service, head, iter([chunk] * 153))
    assert _status(answer) == 413
    assert sent < 9 * MB
