"""The swap is atomic: a build killed at any step leaves a valid store served, and the next
build leaves no leftover folder (fault injection by ESS_BUILD_FAULT_STEP, in a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store
from store_test_provider import PROVIDERS

from ess_core.settings import Settings
from ess_core.store_layout import read_build_id
from ess_core.store_versions import FAULT_EXIT, STEPS, garbage, served
from graph_service.app import create_app
from ingest.store.build import build_store

HERE = Path(__file__).parent
REPO = HERE.parents[2]
BUILD = (
    "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
    "from ess_core.settings import load_settings\n"
    "from ingest.store.build import build_store\n"
    "from store_test_provider import PROVIDERS\n"
    "build_store(load_settings(), providers=PROVIDERS, validate=False)\n"
)
AFTER_THE_SWAP = {"swap", "gc"}


def _killed_build(settings: Settings, step: str) -> None:
    env = {
        **os.environ,
        "ESS_DATA_DIR": str(settings.data_dir),
        "ESS_ONTOLOGY_DIR": str(settings.ontology_dir),
        "ESS_STORE_PATH": str(settings.store_path),
        "ESS_BUILD_FAULT_STEP": step,
    }
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(REPO), str(HERE)],
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == FAULT_EXIT, done.stderr.decode()[-2000:]


def _quads(path: Path) -> int:
    store = Store.read_only(str(path))
    count = len(store)
    del store
    return count


def _served_by_the_service(settings: Settings) -> str:
    quiet = settings.model_copy(update={"query_workers": 1, "rest_query_workers": 0})
    with TestClient(create_app(quiet)) as client:
        health = client.get("/health")
        assert health.status_code == 200, health.text
        ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ask.status_code == 200 and "true" in ask.text
    build_id = read_build_id(settings.store_path)
    assert build_id is not None
    return build_id


def _only_the_served_version(settings: Settings) -> None:
    target = settings.store_path
    current = served(target)
    assert current is not None and target.is_symlink()
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, current.name])


@pytest.mark.slow
@pytest.mark.parametrize("step", [s for s in STEPS if s != "migrate"])  # migrate: below
def test_a_build_killed_at_each_step_leaves_a_valid_store(
    small_settings: Settings, step: str
) -> None:
    build_store(small_settings, providers=PROVIDERS, validate=False)
    before = read_build_id(small_settings.store_path)
    _killed_build(small_settings, step)
    assert _quads(small_settings.store_path) > 0
    after = _served_by_the_service(small_settings)
    assert (after != before) == (step in AFTER_THE_SWAP)
    build_store(small_settings, providers=PROVIDERS, validate=False)
    assert read_build_id(small_settings.store_path) not in (before, after)
    _only_the_served_version(small_settings)


def _legacy_layout(settings: Settings) -> None:
    """Turn the store into the earlier layout: a plain folder at the store path."""
    build_store(settings, providers=PROVIDERS, validate=False)
    target = settings.store_path
    version = target.resolve()
    target.unlink()
    version.rename(target)
    assert target.is_dir() and not target.is_symlink()


def test_a_plain_folder_store_is_migrated_by_the_next_build(small_settings: Settings) -> None:
    _legacy_layout(small_settings)
    before = read_build_id(small_settings.store_path)
    build_store(small_settings, providers=PROVIDERS, validate=False)
    assert read_build_id(small_settings.store_path) != before
    _only_the_served_version(small_settings)


@pytest.mark.slow
def test_a_kill_mid_migration_is_recovered_at_service_start(small_settings: Settings) -> None:
    _legacy_layout(small_settings)
    _killed_build(small_settings, "migrate")
    assert not small_settings.store_path.exists()  # the one moment without a store
    assert garbage(small_settings.store_path)
    _served_by_the_service(small_settings)  # the service start links the newest build
    assert _quads(small_settings.store_path) > 0
    _only_the_served_version(small_settings)
    build_store(small_settings, providers=PROVIDERS, validate=False)
    _only_the_served_version(small_settings)


def test_leftovers_of_the_earlier_layout_are_collected(small_settings: Settings) -> None:
    build_store(small_settings, providers=PROVIDERS, validate=False)
    target = small_settings.store_path
    for name in ("store.new-123", "store.old-456", "store.v-0-dead"):
        (target.parent / name).mkdir()
        (target.parent / name / "000001.sst").write_bytes(b"x" * 100)
    (target.parent / "store.keep-me").mkdir()  # not ours: never removed
    build_store(small_settings, providers=PROVIDERS, validate=False)
    names = {p.name for p in target.parent.iterdir()}
    assert names == {"store", target.resolve().name, "store.keep-me"}
