"""The graphs a SPARQL update writes, and what is refused before it runs."""

from __future__ import annotations

import pytest

from ingest.writes.update_targets import ALL, DEFAULT, NAMED, TargetRefusedError, update_targets


def test_targets_of_each_operation() -> None:
    text = (
        "INSERT DATA { GRAPH <urn:g1> { <urn:a> <urn:b> <urn:c> } } ; "
        "WITH <urn:g2> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; "
        "INSERT { GRAPH <urn:g3> { ?s ?p 1 } } WHERE { ?s ?p ?o } ; "
        "DROP GRAPH <urn:g4> ; MOVE <urn:g5> TO <urn:g6> ; "
        "DELETE WHERE { GRAPH <urn:g7> { ?a ?b ?c } }"
    )
    assert update_targets(text) == [f"urn:g{n}" for n in (1, 2, 3, 4, 6, 5, 7)]


def test_the_default_graph_and_all_are_markers() -> None:
    assert update_targets("INSERT DATA { <urn:a> <urn:b> <urn:c> }") == [DEFAULT]
    assert update_targets("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == [DEFAULT]
    assert update_targets("CLEAR ALL ; DROP DEFAULT ; CLEAR NAMED") == [ALL, DEFAULT, NAMED]


@pytest.mark.parametrize(
    "text",
    [
        "LOAD <http://example.org/x> INTO GRAPH <urn:g>",
        "INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
    ],
)
def test_refused(text: str) -> None:
    with pytest.raises(TargetRefusedError):
        update_targets(text)


def test_a_syntax_error_is_a_syntax_error() -> None:
    with pytest.raises(SyntaxError):
        update_targets("INSERT DATA { <urn:a> ")
