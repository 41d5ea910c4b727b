"""The writable service of the write-path tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from write_fixtures import Writable, writable_settings

from graph_service.app import create_app


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[Writable]:
    settings, token, wide = writable_settings(tmp_path)
    with TestClient(create_app(settings)) as client:
        yield Writable(client, settings, token, wide)
