"""Records -> RDF: n-ary facts with their mentions; one SPARQL query finds the passage."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from ess_core.iris import Iris
from ess_core.settings import Settings
from ingest.curation import Curation
from ingest.extract.emit import document_records, write_records
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve
from ingest.rdf.records import document_quads, source_graphs

TEXT = (
    "# Portrait\n\nLucie MARTIN\n\nDirectrice de l'association Les Jardins du Coin "
    "(de 2011 à 2016)\n\nL'association Les Jardins du Coin a été créée en 2004.\n"
)
PREFIXES = """PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX ess: <https://w3id.org/ess-hdf/ontology#>
"""


def _store() -> Store:
    extraction = extract("doc-c", TEXT, None, [])
    records = document_records(extraction, resolve(extraction.occurrences, (), Curation()))
    store = Store()
    store.extend(document_quads(Iris(), "doc-c", records))
    return store


def test_membership_has_its_dates() -> None:
    rows = list(
        _store().query(
            PREFIXES
            + """
        SELECT ?start ?end WHERE { GRAPH ?g {
          ?m a org:Membership ; org:member ?p ; org:memberDuring ?i .
          ?i time:hasBeginning/time:inXSDgYear ?start ; time:hasEnd/time:inXSDgYear ?end } }"""
        )
    )
    assert [(r["start"].value, r["end"].value) for r in rows] == [("2011", "2016")]


def test_every_mention_quotes_the_document() -> None:
    rows = list(
        _store().query(
            PREFIXES
            + """
        SELECT ?fact ?doc ?start ?end ?exact ?method ?confidence WHERE {
          ?m oa:hasBody ?fact ; oa:hasTarget ?t ; ess:extractionMethod ?method ;
             ess:confidence ?confidence .
          ?t oa:hasSource ?doc ; oa:hasSelector ?p, ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact . }""",
            use_default_graph_as_union=True,
        )
    )
    assert rows
    for row in rows:
        assert TEXT[int(row["start"].value) : int(row["end"].value)] == row["exact"].value
        assert row["doc"].value == "https://w3id.org/ess-hdf/id/document/doc-c"
    facts = {row["fact"].value for row in rows}
    assert any("/id/membership/" in f for f in facts) and any(
        "/id/change/founded-" in f for f in facts
    )


REGISTRY = """documents:
  - {id: doc-c, file: doc-c.txt, title: Doc C, publisher: Journal du Val, date: "2024",
     genre: article, territory: Val, language: fr, sha256: "%s"}
""" % ("0" * 64)


def test_provider_gives_one_graph_per_file(tmp_path: Path) -> None:
    extraction = extract("doc-c", TEXT, None, [])
    write_records(
        tmp_path / "extracted" / "doc-c.jsonl",
        document_records(extraction, resolve(extraction.occurrences, (), Curation())),
    )
    (tmp_path / "documents.yaml").write_text(REGISTRY, "utf-8")
    graphs = source_graphs(Settings(data_dir=tmp_path))
    assert [g.graph for g in graphs] == ["https://w3id.org/ess-hdf/graph/document/doc-c"]
    assert graphs[0].origin_kind == "extraction"
    quads = list(graphs[0].quads())
    assert quads == list(graphs[0].quads())
    assert {q.graph_name.value for q in quads} == {graphs[0].graph}
