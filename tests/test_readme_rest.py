"""The README's "REST in five minutes" curl examples, run against a live server (slow)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).parents[1]
sys.path.insert(0, str(REPO / "tests" / "graph_service" / "api"))  # the REST tests' helpers
from api_fixtures import build_test_store  # noqa: E402

pytestmark = pytest.mark.slow
DEFAULT = "http://127.0.0.1:8000"


def readme_commands() -> list[str]:
    """The curl lines of the README section's shell blocks."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## REST in five minutes\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert section, "README.md has no 'REST in five minutes' section"
    blocks = re.findall(r"```sh\n(.*?)```", section.group(1), re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("curl ")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("readme")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    settings = build_test_store(root)
    env = {
        **os.environ,
        "ESS_STORE_PATH": str(settings.store_path),
        "ESS_QUERIES_DIR": str(settings.queries_dir),
        "ESS_PORT": str(port),
        "ESS_PUBLIC_URL": f"{url}/",
        "ESS_QUERY_WORKERS": "1",
    }
    command = [str(Path(sys.executable).parent / "ess-graph"), "serve"]
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/context.jsonld", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                _out, err = process.communicate(timeout=10)
                raise RuntimeError(f"server did not start: {err.decode()[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_readme_has_examples() -> None:
    assert len(readme_commands()) >= 10


@pytest.mark.parametrize("command", readme_commands() if (REPO / "README.md").exists() else [])
def test_curl_example_succeeds(server: str, command: str) -> None:
    runnable = command.replace(DEFAULT, server).replace("curl ", "curl --fail --max-time 30 ", 1)
    result = subprocess.run(
        ["bash", "-c", runnable], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, (command, result.stderr)
    assert result.stdout.strip(), command
    if "-w '%{http_code}" in command:
        assert result.stdout.startswith("303 ")
