"""The synthetic national graph of bench/synthetic_graph.py: the same seed gives the same
files, another seed other ones, and a small graph conforms to the project's shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Store

from bench.synthetic_graph import Place, generate, load, places
from ess_core.settings import Settings
from ingest.rdf.ontology import source_graphs as ontology_graphs
from ingest.store.bulk import load_sources
from ingest.store.validate import load_shapes, validate_store


@pytest.fixture(scope="module")
def geography() -> tuple[list[Place], list[int]]:
    return places()


def test_same_seed_same_files(tmp_path: Path, geography: tuple[list[Place], list[int]]) -> None:
    first = generate(tmp_path / "a", 3_000, seed=5, geography=geography)
    again = generate(tmp_path / "b", 3_000, seed=5, geography=geography)
    other = generate(tmp_path / "c", 3_000, seed=6, geography=geography)
    assert first == again and first[0] >= 3_000
    for name in ("synthetic.nq", "synthetic-default.nt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "synthetic.nq").read_bytes() != (
        tmp_path / "c" / "synthetic.nq"
    ).read_bytes()
    assert other[0] >= 3_000
    quads_only = generate(tmp_path / "d", 3_000, seed=5, geography=geography, default_file=False)
    assert quads_only == first and not (tmp_path / "d" / "synthetic-default.nt").exists()
    assert (tmp_path / "d" / "synthetic.nq").read_bytes() == (
        tmp_path / "a" / "synthetic.nq"
    ).read_bytes()


def test_small_graph_conforms_to_the_shapes(
    tmp_path: Path, geography: tuple[list[Place], list[int]]
) -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    count, orgs = generate(tmp_path / "syn", 5_000, seed=1, geography=geography)
    store = Store(str(tmp_path / "store"))
    load_sources(store, ontology_graphs(settings))  # concepts, roles, measures
    load(store, tmp_path / "syn")
    kinds = {
        re.split("[#/]", row["c"].value)[-1]  # type: ignore[union-attr]
        for row in store.query("SELECT DISTINCT ?c WHERE { GRAPH ?g { ?s a ?c } }")  # type: ignore[union-attr]
    }
    assert {"Organization", "Person", "Membership", "Partnership", "Mention"} <= kinds
    assert {"Observation", "SourceDocument", "Identifier", "Site"} <= kinds
    validation = validate_store(store, load_shapes(settings.shapes_path, settings.base_iri))
    assert validation.violations == (), validation.violations[:3]
    assert count >= 5_000 and orgs > 50
