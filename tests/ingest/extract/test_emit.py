"""Records: role merging, curation corrections, schema."""

from __future__ import annotations

from ingest.curation import Correction, Curation
from ingest.extract.emit import document_records, record_errors
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve

TEXT = (
    "“ LUCIE MARTIN - GRAAL de 2025 à 2019\n\n"
    "Lucie MARTIN\n\nDirectrice du GRAAL (de 2015 à 2019)\n"
)


def _records(corrections: tuple[Correction, ...] = ()) -> list[dict[str, object]]:
    extraction = extract("doc-b", TEXT, None, [])
    curation = Curation(corrections=corrections)
    return document_records(
        extraction, resolve(extraction.occurrences, extraction.acronyms, curation), corrections
    )


def test_conflicting_dates_stay_as_two_claims() -> None:
    roles = [r for r in _records() if r["kind"] == "role"]
    dates = sorted((r["fields"].get("start_year"), r["fields"].get("end_year")) for r in roles)  # type: ignore[union-attr]
    assert dates == [(2015, 2019), (2025, 2019)]


def test_correction_cites_its_passage_and_merges_the_claims() -> None:
    start = TEXT.index("2025")
    fix = Correction("doc-b", start, start + 4, "2025", "start_year", 2015)
    roles = [r for r in _records((fix,)) if r["kind"] == "role"]
    assert len(roles) == 1
    role = roles[0]
    assert role["fields"] == {
        "subject": "person/lucie-martin",
        "object": "organisation/graal",
        "role": "Directrice",
        "start_year": 2015,
        "end_year": 2019,
    }
    curated = [e for e in role["evidence"] if e["method"] == "curation"]  # type: ignore[union-attr]
    assert curated == [
        {"start": start, "end": start + 4, "exact": "2025", "method": "curation", "confidence": 1.0}
    ]


def test_schema_rejects_a_bad_record() -> None:
    good = _records()[0]
    bad = {**good, "evidence": []}
    assert record_errors([good]) == []
    assert record_errors([bad])


def test_a_resolved_short_form_stays_an_alias_of_its_body() -> None:
    from pathlib import Path

    from ingest.extract.mentions.gazetteers import load_gazetteers

    text = "Le chantier de Guise ouvre à Guise. Le Département finance les travaux."
    gaz = load_gazetteers(Path(__file__).resolve().parents[3] / "data")
    extraction = extract("doc-c", text, None, [], gazetteers=gaz)
    entities = resolve(extraction.occurrences, extraction.acronyms, Curation())
    orgs = [r for r in document_records(extraction, entities, ()) if r["kind"] == "organisation"]
    assert [(r["fields"]["name"], r["fields"]["aliases"]) for r in orgs] == [  # type: ignore[index]
        ("Département de l’Aisne", ["Département"])
    ]
