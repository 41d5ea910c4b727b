"""``ess-graph add`` end to end: an invented portrait (tests/ingest/data) added to a fresh copy
of the repository's data, extracted with the seeds, built into a store; its people,
organisations and roles are then in SPARQL and on their pages, and the organisation it names
by an acronym ("APES", an alias of the curated "Apes") is the node that already existed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store
from typer.testing import CliRunner

from ess_core.settings import Settings
from ess_graph.cli import app

REPO = Path(__file__).resolve().parents[2]
TEXT = Path(__file__).parent / "data" / "portrait-recyclerie-trois-moulins.txt"
SEEDS = REPO.parent / "shared" / "seeds"
ID = "https://w3id.org/ess-hdf/id/"
DOC = "portrait-recyclerie-trois-moulins"
GRAPH = f"<https://w3id.org/ess-hdf/graph/document/{DOC}>"
APES = f"<{ID}organisation/apes>"
PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX ess: <https://w3id.org/ess-hdf/ontology#>
"""


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, str]]:
    """Settings of a store built after adding the portrait, and what `add` printed."""
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds in {SEEDS}")
    root = tmp_path_factory.mktemp("add")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "ontology", root / "ontology")
    texts = root / "texts"
    texts.mkdir()
    for path in (TEXT, TEXT.with_suffix(".yaml")):
        shutil.copy(path, texts / path.name)
    env = {
        "ESS_DATA_DIR": root / "data",
        "ESS_ONTOLOGY_DIR": root / "ontology",
        "ESS_STORE_PATH": root / "var" / "store",
        "ESS_DOCUMENTS_DIR": SEEDS,
        "ESS_QUERIES_DIR": REPO / "queries",
        "ESS_QUERY_WORKERS": "1",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, str(value))
        result = CliRunner().invoke(app, ["add", str(texts / TEXT.name)])
        assert result.exit_code == 0, result.output
        yield Settings(), result.stdout


def _select(settings: Settings, query: str) -> list[tuple[str, ...]]:
    store = Store.read_only(str(settings.store_path))
    try:
        rows = store.query(PREFIXES + query)  # the default graph: each triple once
        return sorted(tuple(t.value for t in row) for row in rows)  # type: ignore[union-attr]
    finally:
        del store


def test_add_prints_new_and_linked_nodes(added: tuple[Settings, str]) -> None:
    _, output = added
    assert f"{DOC} (" in output and "extracted" in output
    assert "linked: organisation Apes" in output
    assert "new: person Solène Carpentier" in output
    assert "new: organisation Recyclerie des Trois Moulins" in output


def test_registry_entry_reads_sidecar_and_records_the_path(added: tuple[Settings, str]) -> None:
    settings, _ = added
    text = (settings.data_dir / "documents.yaml").read_text("utf-8")
    entry = text[text.index(f"- id: {DOC}") :]
    assert "genre: portrait" in entry and 'date: "2024-05"' in entry
    assert "publisher: APES" in entry and "people" not in entry
    assert f"file: {settings.data_dir.parent / 'texts' / TEXT.name}" in entry


def test_people_organisations_and_roles_are_in_sparql(added: tuple[Settings, str]) -> None:
    settings, _ = added
    people = _select(
        settings,
        f"""SELECT ?name WHERE {{
        GRAPH {GRAPH} {{ ?p a foaf:Person ; foaf:name ?name }}
    }}""",
    )
    assert {("Solène Carpentier",), ("Capucine Delattre",)} <= set(people)
    roles = _select(
        settings,
        f"""SELECT ?person ?org ?role WHERE {{
        GRAPH {GRAPH} {{
          ?m a org:Membership ; org:member ?person ; org:organization ?org ; org:role ?role }}
    }}""",
    )
    assert (
        f"{ID}person/solene-carpentier",
        f"{ID}organisation/recyclerie-des-trois-moulins",
        f"{ID}concept/role/president",
    ) in roles
    assert (
        f"{ID}person/capucine-delattre",
        f"{ID}organisation/atelier-velocite",
        f"{ID}concept/role/coordinator",
    ) in roles


def test_existing_organisation_is_linked_not_duplicated(added: tuple[Settings, str]) -> None:
    settings, _ = added
    labels = _select(settings, f"SELECT DISTINCT ?l WHERE {{ {APES} skos:prefLabel ?l }}")
    assert labels == [("Apes",)]
    named = _select(
        settings,
        """SELECT DISTINCT ?o WHERE {
        ?o a org:Organization ; skos:prefLabel ?l FILTER(LCASE(STR(?l)) = "apes") }""",
    )
    assert named == [(f"{ID}organisation/apes",)]
    document = f"<{ID}document/{DOC}>"
    publisher = _select(settings, f"SELECT ?p WHERE {{ {document} dcterms:publisher ?p }}")
    assert publisher == [(f"{ID}organisation/apes",)]
    cited = _select(settings, f"SELECT ?s WHERE {{ GRAPH {GRAPH} {{ ?s ?p {APES} }} }}")
    assert cited, "the new document's records point at the existing node"


def test_pages_show_the_new_nodes(added: tuple[Settings, str]) -> None:
    settings, _ = added
    from graph_service.app import create_app

    with TestClient(create_app(settings)) as client:
        person = client.get("/page/person/solene-carpentier")
        assert person.status_code == 200
        assert "Solène Carpentier" in person.text
        assert "Recyclerie des Trois Moulins" in person.text
        apes = client.get("/page/organisation/apes")
        assert apes.status_code == 200
        assert "La Recyclerie des Trois Moulins, dix ans de réemploi à Douai" in apes.text


def test_adding_again_is_idempotent(added: tuple[Settings, str]) -> None:
    settings, _ = added
    registry = (settings.data_dir / "documents.yaml").read_bytes()
    records = (settings.data_dir / "extracted" / f"{DOC}.jsonl").read_bytes()
    path = settings.data_dir.parent / "texts" / TEXT.name
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ESS_DATA_DIR", str(settings.data_dir))
        patch.setenv("ESS_DOCUMENTS_DIR", str(SEEDS))
        result = CliRunner().invoke(app, ["add", str(path), "--no-build"])
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.stdout
    assert (settings.data_dir / "documents.yaml").read_bytes() == registry
    assert (settings.data_dir / "extracted" / f"{DOC}.jsonl").read_bytes() == records
