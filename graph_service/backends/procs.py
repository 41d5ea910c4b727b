"""One query worker process seen from the pool: start, send, read frames with a deadline, kill."""

from __future__ import annotations

import asyncio
import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ess_core import errors
from graph_service.backends.worker import HEADER, write_frame

WORKER_SCRIPT = Path(__file__).with_name("worker.py")
READ_SIZE = 1 << 18
Frame = tuple[bytes, bytes]


_ERRORS: dict[str, type[errors.ServiceError]] = {
    "QuerySyntaxError": errors.QuerySyntaxError,
    "BadRequest": errors.BadRequest,
    "ResultTooLarge": errors.ResultTooLarge,
    "StorageError": errors.StorageError,
}


def frame_error(payload: bytes) -> errors.ServiceError:
    """The service exception an ``X`` frame describes."""
    return service_error(json.loads(payload))


def service_error(body: dict[str, str]) -> errors.ServiceError:
    """The service exception for an ``X`` frame's payload, decoded."""
    return _ERRORS.get(body["error"], errors.StorageError)(body["message"])


def split_frames(data: bytes) -> list[Frame]:
    """The complete frames of ``data`` (a whole answer collected in memory)."""
    frames, at = [], 0
    while at + HEADER.size <= len(data):
        kind, size = HEADER.unpack_from(data, at)
        frames.append((kind, data[at + HEADER.size : at + HEADER.size + size]))
        at += HEADER.size + size
    return frames


class ExpiredError(Exception):
    """The deadline passed while waiting for the worker."""


class WorkerDiedError(Exception):
    """The worker's pipe closed: it crashed or was killed."""


class WorkerProcess:
    """A worker started with ``python worker.py STORE``: a fresh interpreter, no fork state.

    Starting by exec (not ``fork``) keeps the parent's RocksDB handles and threads out of the
    child; each child opens its own read-only handle on the same store directory.
    """

    def __init__(
        self, store_path: Path, nice: int = 0, environment: dict[str, str] | None = None
    ) -> None:
        self.proc = subprocess.Popen(  # noqa: S603 (our own script, our interpreter)
            [sys.executable, "-I", str(WORKER_SCRIPT), str(store_path), str(nice)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            env=environment,  # None: this process's (a preloaded allocator: pool.py)
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None  # noqa: S101
        self.wfd = self.proc.stdin.fileno()
        self.rfd = self.proc.stdout.fileno()
        os.set_blocking(self.rfd, False)  # read when the event loop says it is readable
        self.buf = bytearray()
        self.lock = threading.Lock()
        self.dead = False

    def wait_ready(self, timeout_s: float) -> None:
        """Wait for the ``R`` frame sent once the store is open."""
        kind, _ = self.frame(time.monotonic() + timeout_s)
        if kind != b"R":
            raise WorkerDiedError(f"unexpected first frame {kind!r}")

    def send(self, payload: bytes) -> None:
        """Send one request (the worker reads it whole before answering)."""
        try:
            write_frame(self.wfd, b"Q", payload)
        except OSError as exc:
            raise WorkerDiedError(str(exc)) from None

    def _complete(self) -> tuple[bytes, bytes] | None:
        if len(self.buf) < HEADER.size:
            return None
        kind, size = HEADER.unpack_from(self.buf)
        end = HEADER.size + size
        if len(self.buf) < end:
            return None
        payload = bytes(self.buf[HEADER.size : end])
        del self.buf[:end]
        return kind, payload

    def frame(self, deadline: float) -> tuple[bytes, bytes]:
        """The next frame; ExpiredError past ``deadline``, WorkerDiedError at end of pipe."""
        while True:
            done = self._complete()
            if done is not None:
                return done
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ExpiredError
            try:
                ready, _, _ = select.select([self.rfd], [], [], remaining)
                if not ready:
                    raise ExpiredError
                data = os.read(self.rfd, READ_SIZE)
            except BlockingIOError:
                continue
            except (OSError, ValueError) as exc:
                raise WorkerDiedError(str(exc)) from None
            if not data:
                raise WorkerDiedError("the worker's pipe closed")
            self.buf += data

    async def frames_async(
        self,
        deadline: float,
        enough: Callable[[list[Frame]], bool],
    ) -> list[Frame]:
        """Frames read on the running event loop (no thread) until ``enough`` of them.

        ExpiredError past ``deadline`` (monotonic), WorkerDiedError at end of pipe.
        """
        frames = self.buffered()
        if enough(frames):
            return frames
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()

        def readable() -> None:
            try:
                data = os.read(self.rfd, READ_SIZE)
            except BlockingIOError:
                return
            except OSError as exc:
                data, error = b"", str(exc)
            else:
                error = "the worker's pipe closed"
            if done.done():
                self.buf += data
                return
            if not data:
                done.set_exception(WorkerDiedError(error))
                return
            self.buf += data
            frames.extend(self.buffered())
            if enough(frames):
                done.set_result(None)

        loop.add_reader(self.rfd, readable)
        try:
            await asyncio.wait_for(done, max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            raise ExpiredError from None
        finally:
            loop.remove_reader(self.rfd)
        return frames

    def buffered(self) -> list[tuple[bytes, bytes]]:
        """Frames already complete in the buffer (no system call)."""
        frames = []
        while (done := self._complete()) is not None:
            frames.append(done)
        return frames

    def kill(self) -> bool:
        """SIGKILL the worker and reap it; False if it was already dead."""
        with self.lock:
            if self.dead:
                return False
            self.dead = True
        self.proc.kill()
        self.proc.wait()  # the pipes close with the object, never under a reading thread
        return True
