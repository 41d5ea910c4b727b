"""Every applicable W3C protocol and service description test passes."""

from __future__ import annotations

from pathlib import Path

from conformance_runner import run_all
from conformance_store import build_conformance_store
from conformance_writes import play_graph_store, play_protocol, writable_instance
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


def _writable_client(tmp_path: Path, suite: str) -> tuple[TestClient, str]:
    env, token = writable_instance(tmp_path / suite, "http://testserver/", suite)
    settings = Settings(
        store_path=Path(env["ESS_STORE_PATH"]),
        public_url="http://testserver/",  # type: ignore[call-arg]
        write_tokens_file=Path(env["ESS_WRITE_TOKENS_FILE"]),
        write_default_graph=True,
        ontology_dir=Path(env["ESS_ONTOLOGY_DIR"]),
        submissions_dir=Path(env["ESS_SUBMISSIONS_DIR"]),
        query_workers=1,
        rest_query_workers=0,
        _env_file=None,
    )
    return TestClient(create_app(settings)), token


def test_w3c_writes_with_a_token(tmp_path: Path) -> None:
    """The protocol's update tests and every graph store test pass with a write token."""
    client, token = _writable_client(tmp_path, "protocol")
    with client:
        protocol = play_protocol(client, token)
    client, token = _writable_client(tmp_path, "graph-store")
    with client:
        store = play_graph_store(client, "http://testserver/", token)
    failed = [f"{o.name}: {o.detail}" for o in protocol + store if o.verdict == "fail"]
    assert not failed, "\n".join(failed)
    assert [o.name for o in store if o.verdict == "n/a"] == ["get_of_post__existing_graph"]
    assert len(protocol) == 14 and len(store) == 18
