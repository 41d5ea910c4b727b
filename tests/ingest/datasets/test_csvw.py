"""The CSVW processor: templates, null cells, datatypes, languages, the configured base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode

from ess_core.iris import Iris
from ingest.datasets.csvw import MappingError, Processor, load_mapping
from ingest.datasets.files import KINDS, mapping_of

BASE = "https://w3id.org/ess-hdf/"


def _mapping(tmp_path: Path, columns: list[dict[str, object]]) -> Path:
    path = tmp_path / "m.csvw.json"
    path.write_text(
        json.dumps(
            {
                "@context": "http://www.w3.org/ns/csvw",
                "tableSchema": {"aboutUrl": BASE + "id/thing/{key}", "columns": columns},
            }
        ),
        "utf-8",
    )
    return path


def test_cells_become_typed_literals_and_iris(tmp_path: Path) -> None:
    mapping = load_mapping(
        _mapping(
            tmp_path,
            [
                {"name": "key", "suppressOutput": True},
                {"name": "label", "propertyUrl": "skos:prefLabel", "lang": "fr"},
                {"name": "year", "propertyUrl": "dcterms:date", "datatype": "gYear"},
                {
                    "name": "place",
                    "propertyUrl": "ess:locatedIn",
                    "valueUrl": BASE + "id/commune/{place}",
                },
                {
                    "name": "kind",
                    "virtual": True,
                    "propertyUrl": "rdf:type",
                    "valueUrl": "org:Site",
                },
            ],
        )
    )
    triples = set(
        Processor(mapping, Iris("https://example.org/")).triples(
            {"key": "a b", "label": "Un", "year": "2020", "place": ""}
        )
    )
    subject = NamedNode("https://example.org/id/thing/a%20b")
    assert triples == {
        (
            subject,
            NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("Un", language="fr"),
        ),
        (
            subject,
            NamedNode("http://purl.org/dc/terms/date"),
            Literal("2020", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#gYear")),
        ),
        (
            subject,
            NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            NamedNode("http://www.w3.org/ns/org#Site"),
        ),
    }


def test_unknown_keys_are_refused(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="column 1: unsupported key"):
        load_mapping(_mapping(tmp_path, [{"name": "x", "transformations": []}]))


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_mappings_load(kind: str) -> None:
    assert mapping_of(kind).real_columns


@given(st.text(min_size=1, max_size=30))
def test_any_cell_gives_a_valid_iri(text: str) -> None:
    mapping = mapping_of("figures")
    row = {
        "observation": text,
        "dataset": "d",
        "territory_kind": "commune",
        "territory_code": "59350",
        "indicator": "essJobs",
        "year": "2020",
        "value_integer": "1",
        "source": "s",
    }
    triples = list(Processor(mapping, Iris(BASE)).triples(row))
    assert len(triples) == 7
