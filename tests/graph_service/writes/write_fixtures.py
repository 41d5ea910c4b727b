"""A writable service: a small store, a tokens file with two tokens (fixture in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from pyoxigraph import Quad
from sparql_testdata import make_store, small_quads

from ess_core.settings import Settings
from ess_core.write_tokens import create_token

BASE = "https://w3id.org/ess-hdf/"
DATASET = f"{BASE}graph/dataset/observatoire"
OTHER = f"{BASE}graph/dataset/autre"


@dataclass
class Writable:
    client: TestClient
    settings: Settings
    token: str  # may write DATASET
    wide: str  # may write every writable graph

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}


def writable_settings(
    tmp_path: Path, quads: list[Quad] | None = None, **overrides: object
) -> tuple[Settings, str, str]:
    tokens = tmp_path / "tokens.yaml"
    token = create_token(tokens, "observatoire", [DATASET])
    wide = create_token(tokens, "tests", ["*"])
    settings = Settings(
        store_path=make_store(tmp_path / "store", small_quads() + (quads or [])),
        write_tokens_file=tokens,
        submissions_dir=tmp_path / "submissions",
        query_workers=1,
        rest_query_workers=0,
        _env_file=None,
        **overrides,  # type: ignore[arg-type]
    )
    return settings, token, wide
