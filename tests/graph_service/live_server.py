"""A real uvicorn server over a built store, in a subprocess (the slow tests' helper)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_uvicorn(
    cwd: Path, port: int, env: Mapping[str, str], tries: int = 100
) -> subprocess.Popen[bytes]:
    """Start ``graph_service.app:app_from_environment`` under uvicorn on ``port`` with ``env``
    over the process's environment; return once /health answers 200 (fail the test if not)."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "graph_service.app:app_from_environment",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env={**os.environ, **env},
    )
    for _ in range(tries):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    server.wait(timeout=10)
    pytest.fail("uvicorn did not start")


@contextlib.contextmanager
def uvicorn_serving(
    store_path: Path, cwd: Path, *, public_url: bool = False, tries: int = 100, **env: str
) -> Iterator[str]:
    """Serve the store on a free loopback port until /health answers 200; yield the base URL
    (``http://127.0.0.1:<port>``). ``public_url`` sets ``ESS_PUBLIC_URL`` to that address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {"ESS_STORE_PATH": str(store_path), **env}
    if public_url:
        environment["ESS_PUBLIC_URL"] = f"{base}/"
    server = start_uvicorn(cwd, port, environment, tries)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
