"""Scoring against a development set, and the conflicts report."""

from __future__ import annotations

from typing import Any

from ingest.curation import Correction, CuratedEntity, Curation
from ingest.evaluation.seeds import evaluate, format_evaluation, held_out_curation
from ingest.extract.conflicts import conflicts, format_conflicts


def entity(doc: str, kind: str, key: str, name: str, start: int) -> dict[str, Any]:
    return {
        "id": f"{doc}/{kind}/{key}",
        "document": doc,
        "type": "entity",
        "kind": kind,
        "key": key,
        "fields": {"name": name},
        "evidence": [
            {
                "start": start,
                "end": start + len(name),
                "exact": name,
                "method": "rule",
                "confidence": 0.9,
            }
        ],
    }


def role(doc: str, person: str, org: str, start: int | None, key: str) -> dict[str, Any]:
    fields: dict[str, Any] = {"subject": f"person/{person}", "object": f"organisation/{org}"}
    if start:
        fields["start_year"] = start
    return {
        "id": f"{doc}/role/{key}",
        "document": doc,
        "type": "relation",
        "kind": "role",
        "key": key,
        "fields": fields,
        "evidence": [{"start": 0, "end": 4, "exact": "Lucie", "method": "rule", "confidence": 0.9}],
    }


RECORDS = {
    "d1": [
        entity("d1", "person", "lucie-martin", "Lucie Martin", 0),
        entity("d1", "organisation", "graal", "GRAAL", 20),
        entity("d1", "organisation", "ruche", "Ruche", 40),
        role("d1", "lucie-martin", "graal", 2015, "a"),
    ],
    "d2": [entity("d2", "organisation", "le-graal", "Le Graal", 5)],
}
GOLD = {
    "d1": {
        "document": "d1",
        "people": [{"name": "Lucie Martin", "start": 0, "end": 12}],
        "organisations": [{"name": "GRAAL", "start": 20, "end": 25}],
        "roles": [
            {"person": "Lucie Martin", "organisation": "GRAAL", "start_year": 2015},
            {"person": "Lucie Martin", "organisation": "GRAAL", "start_year": 2010},
        ],
    },
    "d2": {"document": "d2", "organisations": [{"name": "GRAAL", "start": 5, "end": 13}]},
}


def test_scores_and_duplicates() -> None:
    result = evaluate(RECORDS, GOLD)
    people, orgs, roles = (result.scores[k] for k in ("people", "organisations", "roles"))
    assert (people.precision, people.recall) == (1.0, 1.0)
    assert (orgs.tp_pred, orgs.pred, orgs.tp_gold, orgs.gold) == (2, 3, 2, 2)
    assert (roles.precision, roles.recall) == (1.0, 0.5)
    assert result.duplicates == [
        ("organisation GRAAL", ["organisation/graal", "organisation/le-graal"])
    ]
    assert "| roles | 1.00 | 0.50 |" in "\n".join(format_evaluation(result))


def test_held_out_curation_forgets_what_only_the_document_taught() -> None:
    curation = Curation(
        entities=(CuratedEntity("organisation", "GRAAL"), CuratedEntity("organisation", "Ruche")),
        corrections=(Correction("d1", 0, 4, "2025", "start_year", 2015),),
    )
    held = held_out_curation(curation, "d1", ["Un texte où le GRAAL apparaît."])
    assert [e.canonical for e in held.entities] == ["GRAAL"]
    assert held.corrections == ()


def test_conflicting_date_ranges_are_listed_with_their_sources() -> None:
    a = role("d1", "lucie-martin", "graal", 2015, "a")
    b = role("d2", "lucie-martin", "graal", 2012, "b")
    found = conflicts([a, b])
    assert len(found) == 1
    assert [c.value for c in found[0].claims] == ["2012– ?", "2015– ?"]
    assert any("d2@0-4 'Lucie'" in line for line in format_conflicts(found))
