"""Metadata of a text: options over its sidecar, gold keys ignored, one line per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.sidecar import Metadata, MetadataError, merged, read_sidecar

SIDECAR = """title: "Le Garage du Coin, dix ans après"
publisher: Journal du Val
date: 2021-03-04
genre: press release
territory: Val-de-Brume
people: [{name: Ada Lenoir, role: présidente}]
organisations: [Garage du Coin]
"""


@pytest.fixture
def text(tmp_path: Path) -> Path:
    path = tmp_path / "Garage du Coin.txt"
    path.write_text("Un texte.", "utf-8")
    return path


def test_sidecar_keys_are_read_and_others_ignored(text: Path) -> None:
    text.with_suffix(".yaml").write_text(SIDECAR, "utf-8")
    fields = merged(text, Metadata(), None)
    assert fields == {
        "title": "Le Garage du Coin, dix ans après",
        "publisher": "Journal du Val",
        "date": "2021-03-04",
        "genre": "press-release",
        "territory": "Val-de-Brume",
        "id": "garage-du-coin",
    }


def test_options_override_the_sidecar(text: Path) -> None:
    text.with_suffix(".yaml").write_text(SIDECAR, "utf-8")
    fields = merged(text, Metadata(id="garage-2021", date="2021-03", genre="article"), None)
    assert (fields["id"], fields["date"], fields["genre"]) == ("garage-2021", "2021-03", "article")


def test_null_values_of_a_sidecar_count_as_missing(text: Path) -> None:
    text.with_suffix(".yaml").write_text(SIDECAR.replace("Journal du Val", "null"), "utf-8")
    assert read_sidecar(text).publisher is None
    with pytest.raises(
        MetadataError,
        match=r"no publisher: give --publisher or put "
        r"'publisher: …' in Garage du Coin.yaml",
    ):
        merged(text, Metadata(), None)


def test_missing_fields_are_named_with_their_options(text: Path) -> None:
    with pytest.raises(MetadataError) as caught:
        merged(text, Metadata(title="T", genre="article"), None)
    message = str(caught.value)
    assert "no publisher and no date and no territory" in message
    assert "--publisher, --date, --territory" in message and "\n" not in message


@pytest.mark.parametrize(
    ("option", "needle"),
    [
        (Metadata(date="2021/03"), "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (Metadata(date="2021-13"), "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (Metadata(genre="novel"), "genre 'novel' is not one of article, interview"),
        (Metadata(id="Mon Id"), "is not a slug"),
    ],
)
def test_bad_values_are_one_line(text: Path, option: Metadata, needle: str) -> None:
    full = {"title": "T", "publisher": "P", "date": "2021", "genre": "report", "territory": "V"}
    given = {**full, **option.given()}
    with pytest.raises(MetadataError, match=needle):
        merged(text, Metadata(**given), None)


def test_previous_entry_fills_what_is_not_given(text: Path) -> None:
    previous = {
        "id": "garage",
        "title": "T",
        "publisher": "P",
        "date": "2020",
        "genre": "report",
        "territory": "V",
        "sha256": "0" * 64,
    }
    fields = merged(text, Metadata(date="2021"), previous)
    assert (fields["id"], fields["date"], fields["title"]) == ("garage", "2021", "T")
    assert "sha256" not in fields
