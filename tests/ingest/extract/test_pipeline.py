"""The whole pipeline on invented documents: records, schema, determinism, robustness."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.curation import CuratedEntity, Curation
from ingest.extract.emit import document_records, read_records, record_errors, write_records
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve

PORTRAIT = """# Le quartier des Tilleuls se mobilise

## “ LUCIE MARTIN - La Ruche / GRAAL de 2015 à 2019

La Ruche, café solidaire, a été créée en 2012. Elle a noué un partenariat avec la Maison des
Familles. Camille Lefort, présidente de la Maison des Familles, salue le tra-
vail du GRAAL (Groupe Régional des Acteurs de l'Alimentation Locale).

Hugo BERNARD

Trésorier du GRAAL (depuis 2020)
"""
CURATION = Curation(entities=(CuratedEntity("organisation", "La Ruche", ("Ruche",)),))


def _records(text: str, nlp: Any, document: str = "doc-a") -> list[dict[str, Any]]:
    extraction = extract(document, text, nlp, CURATION.names())  # type: ignore[arg-type]
    entities = resolve(extraction.occurrences, extraction.acronyms, CURATION)
    return document_records(extraction, entities)


def test_portrait_records(nlp: Any) -> None:
    records = _records(PORTRAIT, nlp)
    assert record_errors(records) == []
    ids = {r["id"] for r in records}
    assert {
        "doc-a/person/lucie-martin",
        "doc-a/person/hugo-bernard",
        "doc-a/organisation/graal",
        "doc-a/organisation/la-ruche",
    } <= ids
    roles = {
        (r["fields"]["subject"], r["fields"]["object"], r["fields"].get("start_year"))
        for r in records
        if r["kind"] == "role"
    }
    assert ("person/hugo-bernard", "organisation/graal", 2020) in roles
    assert ("person/lucie-martin", "organisation/graal", 2015) in roles
    founded = [r for r in records if r["kind"] == "founded"]
    assert [(r["fields"]["subject"], r["fields"]["year"]) for r in founded] == [
        ("organisation/la-ruche", 2012)
    ]
    for r in records:
        for e in r["evidence"]:
            assert PORTRAIT[e["start"] : e["end"]] == e["exact"]


def test_records_are_written_byte_for_byte_the_same(nlp: Any, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_records(first, _records(PORTRAIT, nlp))
    write_records(second, _records(PORTRAIT, nlp))
    assert first.read_bytes() == second.read_bytes()
    assert read_records(first) == _records(PORTRAIT, nlp)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=400))
def test_ingest_never_crashes_on_arbitrary_text(text: str) -> None:
    records = _records(text, None)
    assert record_errors(records) == []
    for r in records:
        for e in r["evidence"]:
            assert text[e["start"] : e["end"]] == e["exact"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Lucie MARTIN\n\nDirectrice de l'association La Ruche (de 2010 à 2016)\n",
                "“ HUGO BERNARD - GRAAL\n",
                "Le collectif Graine, porté par l'association Alpha, grandit.\n",
                "Texte libre sans nom. ",
                "La Maison des Familles a été créée en 1999.\n",
                "\n\n",
                "dévelop-\npement ",
            ]
        ),
        max_size=8,
    )
)
def test_ids_are_stable(parts: list[str]) -> None:
    text = "".join(parts)
    once = _records(text, None)
    assert once == _records(text, None)
    assert len({r["id"] for r in once}) == len(once)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_ingest_with_the_model_never_crashes(nlp: Any, text: str) -> None:
    for r in _records(text, nlp):
        for e in r["evidence"]:
            assert text[e["start"] : e["end"]] == e["exact"]
