"""The store layout contract: the build id file, written by the build and read by the service."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ess_core.iris import fold
from ess_core.store_layout import BUILD_ID_FILE, fold_label, kind_of, read_build_id, write_build_id


def test_a_written_build_id_is_read_back_and_each_build_gets_a_new_one(tmp_path: Path) -> None:
    first = write_build_id(tmp_path)
    assert read_build_id(tmp_path) == first
    assert (tmp_path / BUILD_ID_FILE).read_text("utf-8") == first + "\n"
    assert write_build_id(tmp_path) != first


def test_a_store_without_build_id_is_named_by_its_inode(tmp_path: Path) -> None:
    assert read_build_id(tmp_path) == f"inode:{tmp_path.stat().st_ino}"
    assert read_build_id(tmp_path / "missing") is None


def test_kinds_and_folding() -> None:
    base = "https://example.org/"
    assert kind_of(f"{base}id/commune/59606", base) == "commune"
    assert kind_of(f"{base}id/actor/x#fact", base) is None
    assert kind_of("https://elsewhere.org/id/actor/x", base) is None
    assert fold_label("  Œuvre  d'Été ") == "oeuvre d ete"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_label_folding_is_the_iri_folding_with_words_of_letters_and_digits(text: str) -> None:
    """The fast folding (ASCII only lower-cased, marks dropped by one table) is the IRI
    folding followed by one space for each run of other characters."""
    assert fold_label(text) == " ".join(re.split(r"[^a-z0-9]+", fold(text))).strip()
