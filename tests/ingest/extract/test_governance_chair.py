"""The office chairing a governance body when the plan names no person, and its triples
(invented sample texts)."""

from __future__ import annotations

from typing import Any

import pytest
from pyoxigraph import NamedNode

from ess_core.iris import Iris
from ess_core.namespaces import ORG, ess_namespace
from ingest.curation import Curation
from ingest.extract.emit import record_errors
from ingest.extract.layouts.plans import plan_records
from ingest.extract.layouts.structure import context
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve
from ingest.rdf.structure import StructureMapper

PLACES = {"Agglo Essai": "https://w3id.org/ess-hdf/id/epci/200000004"}


def _plan(chair_sentence: str) -> str:
    return f"""PLAN LOCAL DE DÉVELOPPEMENT DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE

2023-2028

L'Agglo Essai porte ce plan.

Orientation 1 – Coopérer

Objectif 1

- Rapprocher les acteurs

LA GOUVERNANCE DU PLAN

• **Comité de pilotage**

Il a pour mission de suivre le plan.

{chair_sentence}

Le comité de pilotage se réunira au moins une fois par an.
"""


def _bodies(text: str) -> list[dict[str, Any]]:
    extraction = extract("plan-essai", text, None, [("Agglo Essai", "organisation")])
    entities = resolve(extraction.occurrences, extraction.acronyms, Curation())
    records = plan_records(context("plan-essai", text, 2023, entities, PLACES.get))
    assert record_errors(records) == []
    return [r for r in records if r["kind"] == "body"]


@pytest.mark.parametrize(
    ("sentence", "office", "role"),
    [
        (
            "Il sera piloté par l'élue en charge de l'économie solidaire.",
            "élue en charge de l'économie solidaire",
            "elected-official",
        ),
        (
            "Il est présidé par le vice-président délégué au développement économique.",
            "vice-président délégué au développement économique",
            "vice-president",
        ),
        (
            "Il est animé par la directrice du service emploi.",
            "directrice du service emploi",
            "director",
        ),
    ],
)
def test_chair_office(sentence: str, office: str, role: str) -> None:
    text = _plan(sentence)
    (body,) = _bodies(text)
    assert (body["fields"]["chair_office"], body["fields"]["chair_role"]) == (office, role)
    quoted = {e["exact"] for e in body["evidence"]}
    assert any(q.endswith(office) for q in quoted)


def test_no_chair_without_a_chairing_verb() -> None:
    (body,) = _bodies(_plan("Il réunit les partenaires financeurs."))
    assert "chair_office" not in body["fields"]


def test_chair_as_a_post_of_the_carrier() -> None:
    iris = Iris()
    carrier = NamedNode(iris.resource("organisation", "agglo-essai"))
    body = NamedNode(iris.resource("body", "agglo-essai-copil"))
    mapper = StructureMapper(iris, "plan-essai", lambda ref: carrier if ref else None)
    triples = mapper.triples(
        body,
        "body",
        {
            "name": "Comité de pilotage",
            "carrier": "organisation/agglo-essai",
            "chair_office": "élu en charge de l'ESS",
            "chair_role": "elected-official",
        },
    )
    ess = ess_namespace(iris)
    (post,) = [o for s, p, o in triples if p == ess("chairPost")]
    assert post == NamedNode(iris.resource("post", "agglo-essai élu en charge de l'ESS"))
    assert (post, ORG("postIn"), carrier) in triples
    assert (
        post,
        ORG("role"),
        NamedNode(iris.resource("concept/role", "elected-official")),
    ) in triples
