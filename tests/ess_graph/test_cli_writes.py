"""``ess-graph token create`` (the file never holds the token) and ``ess-graph diff``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ess_core.dataset_versions import Version, commit, stage
from ess_core.write_tokens import digest, find_token, read_tokens
from ess_graph.cli import app

GRAPH = "https://w3id.org/ess-hdf/graph/dataset/observatoire"


def test_token_create_prints_once_and_stores_only_the_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = tmp_path / "tokens.yaml"
    monkeypatch.setenv("ESS_WRITE_TOKENS_FILE", str(tokens))
    result = CliRunner().invoke(app, ["token", "create", "cress", "--graph", GRAPH])
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip().splitlines()[-1]
    assert len(secret) >= 40
    text = tokens.read_text("utf-8")
    assert secret not in text and digest(secret) in text
    [token] = read_tokens(tokens)
    assert token.name == "cress" and token.graphs == (GRAPH,)
    assert find_token([token], secret) == token
    assert find_token([token], secret + "x") is None
    assert oct(tokens.stat().st_mode & 0o777) == "0o600"
    again = CliRunner().invoke(app, ["token", "create", "cress", "--graph", GRAPH])
    assert again.exit_code == 1 and "exists already" in again.output


def _version(folder: Path, number: int, content: set[str]) -> None:
    record = Version(GRAPH, number, "2026-01-01T00:00:00+00:00", "t", "PUT", "f.ttl", 0, 0, 0)
    commit(stage(folder, GRAPH, content, record))


def test_diff_lists_added_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESS_SUBMISSIONS_DIR", str(tmp_path))
    folder = tmp_path / "observatoire"
    _version(folder, 1, {"<urn:a> <urn:p> 1 .", "<urn:b> <urn:p> 2 ."})
    _version(folder, 2, {"<urn:b> <urn:p> 2 .", "<urn:c> <urn:p> 3 ."})
    result = CliRunner().invoke(app, ["diff", "observatoire"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["- <urn:a> <urn:p> 1 .", "+ <urn:c> <urn:p> 3 ."]
    first = CliRunner().invoke(app, ["diff", "observatoire", "--from", "0", "--to", "1"])
    assert first.stdout.count("+ ") == 2
    missing = CliRunner().invoke(app, ["diff", "observatoire", "--from", "7"])
    assert missing.exit_code == 1 and "no version 7" in missing.output
    assert CliRunner().invoke(app, ["diff", "nothing"]).exit_code == 1
