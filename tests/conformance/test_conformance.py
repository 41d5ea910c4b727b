"""Every applicable W3C protocol and service description test passes."""

from __future__ import annotations

from pathlib import Path

from conformance_runner import run_all
from conformance_store import build_conformance_store
from fastapi.testclient import TestClient

from ess_core.settings import Settings
from graph_service.app import create_app


def test_w3c_conformance(tmp_path: Path) -> None:
    store = build_conformance_store(tmp_path / "store", "http://testserver/")
    settings = Settings(
        store_path=store, public_url="http://testserver/", query_workers=1, _env_file=None
    )
    with TestClient(create_app(settings)) as client:
        outcomes = run_all(client, "http://testserver/sparql")
    failed = [f"{o.name}: {o.detail}" for o in outcomes if o.verdict == "fail"]
    assert not failed, "\n".join(failed)
    assert sum(o.verdict == "pass" for o in outcomes) >= 34
    assert len(outcomes) == 34 + 3 + 18


def test_w3c_protocol_updates_on_a_writable_service(tmp_path: Path) -> None:
    """With ESS_READ_ONLY=false (the in-process writable backend) the update tests apply."""
    store = build_conformance_store(tmp_path / "store", "http://testserver/")
    settings = Settings(
        store_path=store,
        public_url="http://testserver/",  # type: ignore[call-arg]
        read_only=False,
        _env_file=None,
    )
    with TestClient(create_app(settings)) as client:
        outcomes = run_all(client, "http://testserver/sparql", read_only=False)
    protocol = [o for o in outcomes if o.suite == "protocol"]
    failed = [f"{o.name}: {o.detail}" for o in protocol if o.verdict != "pass"]
    assert not failed, "\n".join(failed)
    assert len(protocol) == 34
