"""Every kind of bad record stops the build with one line naming file:line and the problem;
dangling references are listed as warnings, never silently dropped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from ess_core.settings import Settings
from ingest.rdf import records
from ingest.store.errors import BuildError
from ingest.store.sources import checked_quads

REPO = Path(__file__).resolve().parents[3]
REGISTERED = "apes-artois"
EVIDENCE = [{"confidence": 0.9, "end": 12, "exact": "Atelier Vert", "method": "rule", "start": 0}]


def entity(kind: str, key: str, **fields: Any) -> dict[str, Any]:
    return {
        "document": "doc-a",
        "evidence": EVIDENCE,
        "fields": {"name": key, **fields},
        "id": f"doc-a/{kind}/{key}",
        "key": key,
        "kind": kind,
        "type": "entity",
    }


def located(subject: str, territory: str) -> dict[str, Any]:
    key = f"{subject}-{territory}"
    return {
        "document": "doc-a",
        "evidence": EVIDENCE,
        "fields": {"subject": f"organisation/{subject}", "object": f"territory/{territory}"},
        "id": f"doc-a/located-in/{key}",
        "key": key,
        "kind": "located-in",
        "type": "relation",
    }


GOOD = [
    entity("organisation", "atelier-vert"),
    entity("territory", "ville-x", iri="https://w3id.org/ess-hdf/id/commune/59001"),
    located("atelier-vert", "ville-x"),
    entity("organisation", "jardin-partage"),
]


def _write(tmp_path: Path, lines: list[str]) -> tuple[Settings, Path]:
    folder = tmp_path / "data" / "extracted"
    folder.mkdir(parents=True)
    shutil.copy(REPO / "data" / "documents.yaml", tmp_path / "data")
    path = folder / f"{REGISTERED}.jsonl"  # record files must be a registered document's
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return Settings(data_dir=tmp_path / "data", _env_file=None), path


def _load(settings: Settings) -> list[str]:
    """Run the build's reading path over the records; the warnings it lists."""
    (source,) = records.source_graphs(settings)
    assert list(checked_quads(source))
    return source.warnings


def _error(tmp_path: Path, lines: list[str]) -> tuple[str, Path]:
    settings, path = _write(tmp_path, lines)
    with pytest.raises(BuildError) as caught:
        _load(settings)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message, path


def _good_lines() -> list[str]:
    return [json.dumps(r) for r in GOOD]


def test_good_records_load_without_warning(tmp_path: Path) -> None:
    settings, _ = _write(tmp_path, _good_lines())
    assert _load(settings) == []


def test_truncated_json_on_line_5_names_line_5(tmp_path: Path) -> None:
    lines = [*_good_lines(), json.dumps(entity("organisation", "tronque"))[:57]]
    message, path = _error(tmp_path, lines)
    assert message.startswith(f"{path}:5: not valid JSON")


def test_a_record_without_fields_names_its_line_and_the_missing_key(tmp_path: Path) -> None:
    bad = entity("organisation", "sans-champs")
    del bad["fields"]
    message, path = _error(tmp_path, [*_good_lines()[:2], json.dumps(bad)])
    assert message.startswith(f"{path}:3: doc-a/organisation/sans-champs:")
    assert "'fields' is missing" in message


def test_an_unknown_record_type_is_named(tmp_path: Path) -> None:
    bad = {**entity("organisation", "bizarre"), "type": "opinion"}
    message, path = _error(tmp_path, [json.dumps(bad)])
    assert message.startswith(f"{path}:1: ") and "type" in message and "'opinion'" in message


def test_an_unknown_kind_is_named(tmp_path: Path) -> None:
    bad = {**entity("organisation", "bizarre"), "kind": "spaceship"}
    message, path = _error(tmp_path, [json.dumps(bad)])
    assert message.startswith(f"{path}:1: ") and "'spaceship'" in message


def test_a_line_that_is_not_an_object_is_named(tmp_path: Path) -> None:
    message, path = _error(tmp_path, [*_good_lines(), "[1, 2]"])
    assert message == f"{path}:5: a record must be a JSON object, not list"


def test_a_record_with_a_wrong_field_is_named(tmp_path: Path) -> None:
    bad = entity("organisation", "vide")
    bad["evidence"] = []
    message, path = _error(tmp_path, [json.dumps(bad)])
    assert message.startswith(f"{path}:1: doc-a/organisation/vide: evidence:")


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    settings, path = _write(tmp_path, [])
    path.write_bytes(b'{"id": "\xff"}\n')
    with pytest.raises(BuildError, match=f"^{path}: not UTF-8"):
        _load(settings)


def test_a_pointer_to_an_unresolved_territory_is_a_listed_warning(tmp_path: Path) -> None:
    lines = [
        *_good_lines(),
        json.dumps(entity("territory", "lieu-dit")),
        json.dumps(located("jardin-partage", "lieu-dit")),
    ]
    settings, path = _write(tmp_path, lines)
    (warning,) = _load(settings)
    assert warning.startswith(f"{path}:6: doc-a/located-in/jardin-partage-lieu-dit: ")
    assert "territory/lieu-dit" in warning and "not resolved" in warning


def test_a_pointer_to_an_undefined_entity_is_a_listed_warning(tmp_path: Path) -> None:
    lines = [*_good_lines(), json.dumps(located("fantome", "ville-x"))]
    settings, path = _write(tmp_path, lines)
    (warning,) = _load(settings)
    assert warning.startswith(f"{path}:5: ") and "organisation/fantome" in warning
    assert "no record of this file defines" in warning


def test_the_build_report_counts_and_lists_the_warnings(tmp_path: Path) -> None:
    from rich.console import Console

    from ingest.store.build import build_store

    lines = [*_good_lines(), json.dumps(located("fantome", "ville-x"))]
    settings, path = _write(tmp_path, lines)
    settings = settings.model_copy(update={"store_path": tmp_path / "var" / "store"})
    console = Console(record=True, width=300)
    report = build_store(
        settings, providers=("ingest.rdf.records:source_graphs",), validate=False, console=console
    )
    assert len(report.input_warnings) == 1 and report.input_warnings[0].startswith(f"{path}:5:")
    text = console.export_text()
    assert "1 input warning(s)" in text and f"{path}:5:" in text
