"""Session fixtures shared by every test: the store built from the repo's real inputs.

``built_store`` is the path of a store built by :func:`ingest.store.build.build_store` from the
repository's ``data/`` and ``ontology/`` (copied to a temporary directory, never written in
place); ``built_settings`` are the settings that point at it. While the ontology is unfinished
(``ess.ttl`` or ``shapes.ttl`` missing) a stub stands in for the missing file. The fixture
skips SHACL validation (a few seconds per xdist worker): the test
``tests/ingest/store/test_store_real_data.py`` validates this very store against the shapes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ess_core.settings import Settings
from ingest.store.build import build_store

REPO = Path(__file__).resolve().parents[1]
# --doctest-modules (pyproject) imports every module under the test paths; the conftest files
# are pytest's own plugins and share one basename, so they are not read again for doctests.
collect_ignore_glob = ["*conftest.py"]
STUB_TTL = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"


def copy_inputs(target: Path) -> Settings:
    """Copy the repo's ``data/`` and ``ontology/`` under ``target``; settings using them."""
    data_dir, ontology_dir = target / "data", target / "ontology"
    shutil.copytree(REPO / "data", data_dir)
    if (REPO / "ontology").is_dir():
        shutil.copytree(REPO / "ontology", ontology_dir)
    else:
        ontology_dir.mkdir()
    for name in ("ess.ttl", "shapes.ttl"):
        if not (ontology_dir / name).exists():
            (ontology_dir / name).write_text(STUB_TTL, "utf-8")
    return Settings(
        data_dir=data_dir,
        ontology_dir=ontology_dir,
        store_path=target / "var" / "store",
        queries_dir=REPO / "queries",
        documents_dir=REPO.parent / "shared" / "seeds",
    )


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a store built once per session from the repo's real data and ontology."""
    settings = copy_inputs(tmp_path_factory.mktemp("built"))
    build_store(settings, validate=False)
    return settings


@pytest.fixture(scope="session")
def built_store(built_settings: Settings) -> Path:
    """Path of the store built from the repo's real data (open it with Store.read_only)."""
    return built_settings.store_path
