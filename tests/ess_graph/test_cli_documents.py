"""``ess-graph add``, ``remove`` and ``review``: user mistakes end with one line and exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ess_graph.cli import app

REPO = Path(__file__).resolve().parents[2]
OPTIONS = [
    "--title",
    "T",
    "--publisher",
    "Journal du Val",
    "--date",
    "2024",
    "--genre",
    "article",
    "--territory",
    "Val-de-Brume",
]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.setenv("ESS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ESS_STORE_PATH", str(tmp_path / "var" / "store"))
    (tmp_path / "texte.txt").write_text("Un texte.", "utf-8")
    return tmp_path / "data"


def _one_line(args: list[str], *needles: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_add_missing_file(data: Path) -> None:
    _one_line(["add", str(data / "absent.txt"), *OPTIONS], "absent.txt: cannot read")


def test_add_missing_fields_says_how_to_give_them(data: Path) -> None:
    _one_line(
        ["add", str(data.parent / "texte.txt"), "--title", "T"],
        "no publisher",
        "--publisher",
        "texte.yaml",
    )


def test_add_bad_genre_and_date(data: Path) -> None:
    text = str(data.parent / "texte.txt")
    _one_line(["add", text, *OPTIONS, "--genre", "roman"], "genre 'roman' is not one of")
    _one_line(["add", text, *OPTIONS, "--date", "mai 2024"], "is not YYYY, YYYY-MM")


def test_add_id_of_another_document(data: Path) -> None:
    _one_line(
        ["add", str(data.parent / "texte.txt"), *OPTIONS, "--id", "apes-artois"],
        "id 'apes-artois' is already used by 003_cf9448427e7c5707.txt",
        "--id",
    )


def test_add_id_for_two_texts(data: Path) -> None:
    text = str(data.parent / "texte.txt")
    _one_line(["add", text, text, *OPTIONS, "--id", "x"], "--id and --title name one document")


def test_nothing_is_written_after_a_mistake(data: Path) -> None:
    before = (data / "documents.yaml").read_bytes()
    CliRunner().invoke(app, ["add", str(data.parent / "texte.txt"), "--title", "T"])
    assert (data / "documents.yaml").read_bytes() == before


def test_remove_unknown_id(data: Path) -> None:
    _one_line(["remove", "inconnu", "--no-build"], "no document 'inconnu'", "apes-artois")


def test_remove_unregisters_and_deletes_records(data: Path) -> None:
    result = CliRunner().invoke(app, ["remove", "apes-artois", "--no-build"])
    assert result.exit_code == 0, result.output
    assert "apes-artois" not in (data / "documents.yaml").read_text("utf-8")
    assert not (data / "extracted" / "apes-artois.jsonl").exists()
    assert (data / "extracted" / "apes-mel-roubaix.jsonl").exists()


def test_remove_of_orphan_records(data: Path) -> None:
    orphan = data / "extracted" / "orphelin.jsonl"
    orphan.write_text("", "utf-8")
    result = CliRunner().invoke(app, ["remove", "orphelin", "--no-build"])
    assert result.exit_code == 0, result.output
    assert not orphan.exists()


def test_review_mistakes(data: Path) -> None:
    _one_line(["review", "accept", "999"], "no entry 999 (")
    _one_line(["review", "maybe", "1"], "usage: ess-graph review")


def test_review_lists(data: Path) -> None:
    (data / "review.yaml").write_text(
        "merges:\n  - {kind: person, names: [Ada Lenoir, Adèle Lenoir], score: 0.7}\n", "utf-8"
    )
    result = CliRunner().invoke(app, ["review"])
    assert result.exit_code == 0
    assert result.stdout.startswith("1. person: Ada Lenoir = Adèle Lenoir? (score 0.70)")


def test_add_a_copy_of_a_registered_text(data: Path) -> None:
    seed = REPO.parent / "shared" / "seeds" / "003_cf9448427e7c5707.txt"
    if not seed.exists():
        pytest.skip("no seeds")
    copy = data.parent / "copie.txt"
    shutil.copy(seed, copy)
    _one_line(
        ["add", str(copy), *OPTIONS],
        "same text is registered as 'apes-artois'",
        "ess-graph remove apes-artois",
    )
