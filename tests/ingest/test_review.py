"""The review list and its decisions, written into the curation without losing a comment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ess_core.settings import Settings
from ingest.curation import load_curation
from ingest.review import ReviewError, decide, format_review, load_review, status

REPO = Path(__file__).resolve().parents[2]
REVIEW = """# written by ess-graph ingest
merges:
  - kind: organisation
    names: [Apes, Apes Hauts-de-France]
    documents: [portrait-val, apes-artois]
    score: 0.86
    evidence: "same acronym; both in Val-de-Brume"
  - kind: person
    names: [Ada Lenoir, Adèle Lenoir]
    documents: [portrait-val]
    score: 0.71
    evidence: [same family name, same organisation]
  - kind: organisation
    names: [Garage du Coin, GDC]
    documents: [portrait-val]
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    shutil.copytree(REPO / "data" / "curation", tmp_path / "curation")
    (tmp_path / "review.yaml").write_text(REVIEW, "utf-8")
    return Settings(data_dir=tmp_path)


def test_list_is_numbered_with_names_documents_score_and_evidence(settings: Settings) -> None:
    lines = format_review(load_review(settings))
    assert lines[0] == "1. organisation: Apes = Apes Hauts-de-France? (score 0.86)"
    assert "   documents: portrait-val, apes-artois" in lines
    assert "   evidence: same organisation" in lines
    assert "3. organisation: Garage du Coin = GDC?" in lines


def test_no_file_means_nothing_to_review(tmp_path: Path) -> None:
    assert format_review(load_review(Settings(data_dir=tmp_path))) == ["nothing to review"]


def test_accept_adds_aliases_to_the_curated_entity(settings: Settings) -> None:
    path = settings.data_dir / "curation" / "entities.yaml"
    comments = [line for line in path.read_text("utf-8").splitlines() if line.startswith("#")]
    decide(settings, 1, accept=True)
    apes = next(e for e in load_curation(settings).entities if e.canonical == "Apes")
    assert "Apes Hauts-de-France" in apes.aliases and "APES" in apes.aliases
    assert [ln for ln in path.read_text("utf-8").splitlines() if ln.startswith("#")] == comments
    assert status(settings, load_review(settings)) == ["accepted", "", ""]


def test_accept_of_unknown_names_makes_a_new_entity(settings: Settings) -> None:
    decide(settings, 3, accept=True)
    entity = next(e for e in load_curation(settings).entities if e.canonical == "Garage du Coin")
    assert (entity.kind, entity.aliases) == ("organisation", ("GDC",))


def test_reject_writes_not_same_as(settings: Settings) -> None:
    line = decide(settings, 2, accept=False)
    assert "not the same" in line
    assert ("person", frozenset({"Ada Lenoir", "Adèle Lenoir"})) in load_curation(
        settings
    ).not_same_as
    assert status(settings, load_review(settings))[1] == "rejected"
    assert "[rejected]" in "\n".join(
        format_review(load_review(settings), status(settings, load_review(settings)))
    )


@pytest.mark.parametrize("number", [0, 4])
def test_no_such_entry(settings: Settings, number: int) -> None:
    with pytest.raises(ReviewError, match=f"no entry {number} \\(3 to review"):
        decide(settings, number, accept=True)


def test_bad_entry_names_file_and_entry(settings: Settings) -> None:
    (settings.data_dir / "review.yaml").write_text(
        "merges:\n  - kind: place\n    names: [A]\n", "utf-8"
    )
    with pytest.raises(ReviewError, match=r"review\.yaml: entry 1: needs a kind"):
        load_review(settings)
