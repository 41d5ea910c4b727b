"""The curation graph: names, identifiers and same-as links of extracted nodes only."""

from __future__ import annotations

from pathlib import Path

from ess_core.settings import Settings
from ingest.extract.emit import write_records
from ingest.rdf.curation import source_graphs

CURATION = """entities:
  - kind: organisation
    canonical: Graal Nord
    aliases: [GRAAL]
    identifiers: {siren: "123456789"}
    same_as: ["https://w3id.org/ess-hdf/id/epci/200000000"]
  - kind: organisation
    canonical: Never Mentioned
"""
RECORD = {
    "id": "d/organisation/graal-nord",
    "document": "d",
    "type": "entity",
    "kind": "organisation",
    "key": "graal-nord",
    "fields": {"name": "Graal Nord"},
    "evidence": [{"start": 0, "end": 5, "exact": "GRAAL", "method": "rule", "confidence": 0.9}],
}


def test_curation_graph(tmp_path: Path) -> None:
    (tmp_path / "curation").mkdir()
    (tmp_path / "curation" / "entities.yaml").write_text(CURATION, "utf-8")
    write_records(tmp_path / "extracted" / "d.jsonl", [RECORD])
    settings = Settings(data_dir=tmp_path, base_iri="http://example.org/")
    (graph,) = source_graphs(settings)
    assert graph.graph == "http://example.org/graph/curation"
    assert graph.origin_kind == "curation"
    triples = {
        (q.subject.value, q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], q.object.value)
        for q in graph.quads()
    }
    node = "http://example.org/id/organisation/graal-nord"
    assert (node, "altLabel", "GRAAL") in triples
    assert (node, "siren", "123456789") in triples
    assert (node, "type", "http://www.w3.org/ns/regorg#RegisteredOrganization") in triples
    assert (node, "sameAs", "http://example.org/id/epci/200000000") in triples
    assert not any("never-mentioned" in s for s, _, _ in triples)
