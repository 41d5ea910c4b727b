"""The review list: close but unjoined names and possible acronyms become candidates."""

from __future__ import annotations

from pathlib import Path

from ingest.extract.resolve.entities import Entity, Occurrence
from ingest.extract.resolve.review import (
    read_review,
    review_candidates,
    review_entries,
    write_review,
)


def _entity(key: str, name: str, doc: str = "d1") -> Entity:
    occ = Occurrence(doc, 0, len(name), "organisation", name, name)
    return Entity("organisation", key, name, (), (occ,))


def test_close_names_and_acronyms_are_candidates(tmp_path: Path) -> None:
    entities = [
        _entity("atelier-velo-solidaire", "Atelier Vélo Solidaire"),
        _entity("avs", "AVS", "d2"),
        _entity("atelier-du-bois-vert", "Atelier du Bois Vert"),
        _entity("atelier-bois-vert", "Atelier Bois Vert", "d3"),
        _entity("boulangerie-nord", "Boulangerie Nord"),
    ]
    found = review_candidates(entities)
    pairs = {(c["a"]["key"], c["b"]["key"], c["reason"]) for c in found}
    assert ("atelier-velo-solidaire", "avs", "acronym") in pairs
    assert ("atelier-bois-vert", "atelier-du-bois-vert", "close names") in pairs
    assert not any("boulangerie-nord" in (a, b) for a, b, _ in pairs)
    path = tmp_path / "review.yaml"
    write_review(path, found)
    first = path.read_bytes()
    write_review(path, review_candidates(list(reversed(entities))))
    assert path.read_bytes() == first
    assert read_review(path) == review_entries(found)
    assert {"kind", "names", "documents", "score", "evidence"} <= set(read_review(path)[0])
    assert read_review(tmp_path / "missing.yaml") == []
