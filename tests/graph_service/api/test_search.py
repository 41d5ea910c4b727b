"""/api/search and the full-text index: names, aliases, acronyms; exact > acronym > prefix."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_fixtures import ID, assert_error_shape, names
from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Quad, Store

from ess_core.settings import Settings
from ess_core.store_layout import fold_label
from graph_service.label_search import SearchIndexMissingError, search
from ingest.store.label_index import acronym, build_search_index

CAVM = f"{ID}epci/245901160"


def hits(client: TestClient, query: str) -> list[dict[str, str]]:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.parametrize(
    ("q", "expected", "match"),
    [
        ("cavm", CAVM, "exact"),  # an alias
        ("CAVM", CAVM, "exact"),
        ("Valenciennes metropole", CAVM, "exact"),  # accents
        ("valenciennes-métropole", CAVM, "exact"),  # hyphen
        ("Lefebvre Chombard", f"{ID}person/marie-lefebvre-chombard", "words"),
        ("marie lefebvre-chombard", f"{ID}person/marie-lefebvre-chombard", "exact"),
        ("regie quartier", f"{ID}organisation/regie-de-quartier-d-anzin", "words"),
        ("apes", f"{ID}organisation/apes", "exact"),
        ("aes", f"{ID}organisation/apes", "acronym"),  # computed acronym
        ("MEL", f"{ID}epci/200093201", "exact"),
    ],
)
def test_finds_the_right_node_first(client: TestClient, q: str, expected: str, match: str) -> None:
    first = hits(client, f"q={q}")[0]
    assert (first["id"], first["match"]) == (expected, match)


def test_exact_then_prefix_then_other_matches(client: TestClient) -> None:
    found = hits(client, "q=valencien")
    assert [h["id"] for h in found] == [
        f"{ID}commune/59606",
        f"{ID}area/valenciennois",
        CAVM,
        f"{ID}event/forum-ess-2023",
    ]
    assert [h["match"] for h in found] == ["prefix", "prefix", "prefix", "words"]
    found = hits(client, "q=anzin")
    assert [(h["id"], h["match"]) for h in found] == [
        (f"{ID}commune/59014", "exact"),
        (f"{ID}organisation/regie-de-quartier-d-anzin", "words"),
    ]


def test_type_filter(client: TestClient) -> None:
    assert [h["id"] for h in hits(client, "q=valencien&type=event")] == [
        f"{ID}event/forum-ess-2023"
    ]
    both = hits(client, "q=valenciennes&type=territory&type=actor")
    assert {h["kind"] for h in both} == {"commune", "epci"}


def test_no_match_and_punctuation_only(client: TestClient) -> None:
    assert hits(client, "q=zzzz") == []
    assert hits(client, 'q="*) OR (') == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("", "q"), ("q=", "q"), ("q=x&type=planet", "type"), ("q=x&limit=0", "limit")],
)
def test_bad_search_is_422(client: TestClient, query: str, parameter: str) -> None:
    body = assert_error_shape(client.get(f"/api/search?{query}"), 422)
    assert names(body, parameter)


def test_folding_and_acronyms() -> None:
    assert fold_label("Lefebvre-Chombard") == "lefebvre chombard"
    assert fold_label("  Œuvre  d'Été ") == "oeuvre d ete"
    assert acronym("Communauté d'agglomération Valenciennes Métropole") == "cavm"
    assert acronym("CA Valenciennes Métropole") == "cavm"
    assert acronym("CC Avallon, Vézelay, Morvan") == "ccavm"
    assert acronym("Lille") == acronym("deux") == ""


def test_index_is_written_atomically_and_read_only(tmp_path: Path) -> None:
    store = Store()
    node = NamedNode(f"{ID}organisation/x")
    store.add(
        Quad(
            node,
            NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("Épicerie solidaire", language="fr"),
        )
    )
    store.add(
        Quad(
            NamedNode("http://example.org/not-ours"),
            NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("Épicerie"),
        )
    )
    path = tmp_path / "search.sqlite"
    assert build_search_index(store, path, Settings(_env_file=None)) == 1  # type: ignore[call-arg]
    assert not path.with_name("search.sqlite.tmp").exists()
    [hit] = search(path, "epicerie")
    assert (hit.iri, hit.kind, hit.match) == (node.value, "organisation", "prefix")
    with pytest.raises(SearchIndexMissingError):
        search(tmp_path / "missing.sqlite", "x")


def test_acronym_ranks_before_prefix(tmp_path: Path) -> None:
    store = Store()
    pref = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    names = (("area/melantois", "Mélantois"), ("epci/mel", "Métropole Européenne de Lille"))
    for slug, name in names:
        store.add(Quad(NamedNode(f"{ID}{slug}"), pref, Literal(name, language="fr")))
    path = tmp_path / "search.sqlite"
    build_search_index(store, path, Settings(_env_file=None))  # type: ignore[call-arg]
    assert [(h.iri, h.match) for h in search(path, "MEL")] == [
        (f"{ID}epci/mel", "acronym"),
        (f"{ID}area/melantois", "prefix"),
    ]


def test_an_exact_name_is_first_among_thousands_of_matches(tmp_path: Path) -> None:
    """Each kind of match is looked up by itself: 5,000 labels sharing the query's word do not
    crowd out the one that equals it, written last."""
    store = Store()
    label = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    for i in range(5000):
        node = NamedNode(f"{ID}organisation/atelier-{i}")
        store.add(Quad(node, label, Literal(f"Atelier numéro {i}")))
    store.add(Quad(NamedNode(f"{ID}organisation/zz-atelier"), label, Literal("Atelier")))
    index = tmp_path / "search.sqlite"
    build_search_index(store, index, Settings(_env_file=None))
    found = search(index, "atelier")
    assert (found[0].iri, found[0].match) == (f"{ID}organisation/zz-atelier", "exact")
    assert len(found) == 1000 and all(h.match == "prefix" for h in found[1:])


def test_pages_of_a_search_add_up_to_the_whole_and_give_its_total(client: TestClient) -> None:
    whole = client.get("/api/search?q=valencien").json()
    assert whole["total"] == len(whole["items"]) == 4
    pages = [client.get(f"/api/search?q=valencien&limit=3&offset={o}").json() for o in (0, 3)]
    assert [page["total"] for page in pages] == [4, 4]
    assert pages[0]["items"] + pages[1]["items"] == whole["items"]
