"""The outline parser on plans laid out in other ways than the seed plan: numbered lists,
"Axe" / "Priorité" / "Fiche action" headings, tab-separated tables (invented plan texts, the
held-out evidence that the parser generalises)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.curation import Curation
from ingest.extract.emit import record_errors
from ingest.extract.layouts.outline import heading, is_end, outline
from ingest.extract.layouts.plans import plan_records
from ingest.extract.layouts.structure import context, lines
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve

EPCI = "https://w3id.org/ess-hdf/id/epci/200000002"
PLACES = {"Communauté Test": EPCI}

NUMBERED = """Plan ESS de la Communauté Test
2023-2028

1. Contexte

La Communauté Test compte de nombreuses structures.

2. Coopérer sur le territoire

2.1 Mettre en réseau les structures
2.1.1 Créer un annuaire partagé
2.1.2 Organiser un forum annuel
2.2 Ouvrir la commande publique
2.2.1 Former les acheteurs

3. Financer l'émergence

3.1 Accompagner les porteurs de projet
- Guichet unique d'accompagnement
- Prêts d'honneur

4. Suivi du plan

La Communauté Test réunira un comité chaque année.
"""

AXES = """Stratégie de l'économie sociale et solidaire de la Communauté Test 2024-2029

Le présent document fixe trois axes.

Axe stratégique 1 : Faire connaître l'ESS

Objectif opérationnel 1.1 : Sensibiliser les jeunes
Fiche action n°1 : Interventions dans les lycées
Fiche action n°2 : Stages découverte

Objectif opérationnel 1.2 : Valoriser les acteurs
Fiche action n°3 : Guide des structures

Axe stratégique 2 – Soutenir l'emploi

Enjeu : Des emplois durables

Objectif opérationnel 2.1 : Consolider les emplois aidés
Actions à mener :
- Mutualiser des postes
- Groupement d'employeurs

Gouvernance

Un comité de suivi se réunit deux fois par an.
"""

PRIORITIES = """# Programme local pour l'ESS de la Communauté Test

Période : 2022-2026

## Priorité 1 – Alimentation durable

- Développer une légumerie solidaire
- Soutenir les épiceries sociales

## Priorité 2 – Mobilité solidaire

- Créer un garage solidaire

## Annexes
"""

TABLE = """Plan ESS Communauté Test 2025-2030

Axe\tObjectif\tAction
1. Coopération\tRapprocher les acteurs\tRencontres trimestrielles
\t\tPlateforme d'échange
\tOuvrir les marchés\tClauses sociales
2. Financement\tFaciliter l'accès au crédit\tFonds local de garantie

Budget prévisionnel à préciser.
"""


def _plan(text: str) -> list[dict[str, Any]]:
    extraction = extract("plan-test", text, None, [("Communauté Test", "organisation")])
    entities = resolve(extraction.occurrences, extraction.acronyms, Curation())
    records = plan_records(context("plan-test", text, 2025, entities, PLACES.get))
    assert record_errors(records) == []
    for r in records:
        for e in r["evidence"]:
            assert text[e["start"] : e["end"]] == e["exact"]
    return records


def _tree(records: list[dict[str, Any]]) -> list[tuple[str, str, int, str]]:
    """(kind, parent kind, order, name) of every plan part, in key order."""
    parts = [r for r in records if r["kind"] in ("orientation", "stake", "objective", "action")]
    return [
        (r["kind"], r["fields"]["parent"].split("/")[0], r["fields"]["order"], r["fields"]["name"])
        for r in sorted(parts, key=lambda r: r["key"])
    ]


def _plan_fields(records: list[dict[str, Any]]) -> dict[str, Any]:
    (plan,) = [r["fields"] for r in records if r["kind"] == "plan"]
    return plan


def test_numbered_list_keeps_only_sections_with_sub_items() -> None:
    records = _plan(NUMBERED)
    assert _plan_fields(records)["start_year"] == 2023
    assert _tree(records) == [
        ("orientation", "plan", 2, "Coopérer sur le territoire"),
        ("objective", "orientation", 1, "Mettre en réseau les structures"),
        ("action", "objective", 1, "Créer un annuaire partagé"),
        ("action", "objective", 2, "Organiser un forum annuel"),
        ("objective", "orientation", 2, "Ouvrir la commande publique"),
        ("action", "objective", 1, "Former les acheteurs"),
        ("orientation", "plan", 3, "Financer l'émergence"),
        ("objective", "orientation", 1, "Accompagner les porteurs de projet"),
        ("action", "objective", 1, "Guichet unique d'accompagnement"),
        ("action", "objective", 2, "Prêts d'honneur"),
    ]


def test_axes_operational_objectives_and_action_sheets() -> None:
    records = _plan(AXES)
    plan = _plan_fields(records)
    assert (plan["start_year"], plan["end_year"]) == (2024, 2029)
    assert plan["territory"] == EPCI
    tree = _tree(records)
    assert ("orientation", "plan", 1, "Faire connaître l'ESS") in tree
    assert ("orientation", "plan", 2, "Soutenir l'emploi") in tree
    assert ("stake", "orientation", 1, "Des emplois durables") in tree
    objectives = sorted((o, n) for k, _, o, n in tree if k == "objective")
    assert objectives == [
        (1, "Consolider les emplois aidés"),
        (1, "Sensibiliser les jeunes"),
        (2, "Valoriser les acteurs"),
    ]
    actions = sorted((o, n) for k, _, o, n in tree if k == "action")
    assert actions == [
        (1, "Interventions dans les lycées"),
        (1, "Mutualiser des postes"),
        (2, "Groupement d'employeurs"),
        (2, "Stages découverte"),
        (3, "Guide des structures"),
    ]
    keys = {r["key"] for r in records if r["kind"] == "action"}
    assert any(k.endswith("-obj2-a3") for k in keys)  # numbered sheets keep their number


def test_priorities_as_markdown_headings_with_bullets() -> None:
    records = _plan(PRIORITIES)
    assert _plan_fields(records)["start_year"] == 2022
    assert _tree(records) == [
        ("orientation", "plan", 1, "Alimentation durable"),
        ("objective", "orientation", 1, "Développer une légumerie solidaire"),
        ("objective", "orientation", 2, "Soutenir les épiceries sociales"),
        ("orientation", "plan", 2, "Mobilité solidaire"),
        ("objective", "orientation", 1, "Créer un garage solidaire"),
    ]


def test_tab_separated_table_repeats_the_cell_above() -> None:
    records = _plan(TABLE)
    assert _tree(records) == [
        ("orientation", "plan", 1, "Coopération"),
        ("objective", "orientation", 1, "Rapprocher les acteurs"),
        ("action", "objective", 1, "Rencontres trimestrielles"),
        ("action", "objective", 2, "Plateforme d'échange"),
        ("objective", "orientation", 2, "Ouvrir les marchés"),
        ("action", "objective", 1, "Clauses sociales"),
        ("orientation", "plan", 2, "Financement"),
        ("objective", "orientation", 1, "Faciliter l'accès au crédit"),
        ("action", "objective", 1, "Fonds local de garantie"),
    ]


@pytest.mark.parametrize(
    ("text", "kind", "number", "label"),
    [
        ("Orientation 3 – Coopérer", "orientation", 3, "Coopérer"),
        ("Axe II : Financer", "orientation", 2, "Financer"),
        ("**Priorité 1** – Se nourrir", "orientation", 1, "Se nourrir"),
        ("Objectifs 2", "objective", 2, ""),
        ("Objectif stratégique 1.3 – Former", "objective", 3, "Former"),
        ("Fiche-action 4 : Créer un fonds", "action", 4, "Créer un fonds"),
        ("Enjeu : Des acteurs solides", "stake", None, "Des acteurs solides"),
    ],
)
def test_heading_table(text: str, kind: str, number: int | None, label: str) -> None:
    found = heading(text)
    assert found is not None
    assert (found[0].kind, found[1], found[2]) == (kind, number, label)


@pytest.mark.parametrize(
    "text",
    [
        "Priorité à l'emploi des jeunes",
        "Orientation vers les structures",
        "- Orientation 1 – une orientation citée dans une liste",
        "Action sociale",
        "objectif d'utilité sociale",
    ],
)
def test_prose_is_not_a_heading(text: str) -> None:
    assert heading(text) is None


def test_end_headings() -> None:
    assert is_end("LA GOUVERNANCE DU PLAN")
    assert is_end("## Annexes")
    assert is_end("Suivi et évaluation")
    assert not is_end("La gouvernance sera partagée entre tous.")


def test_no_outline_without_an_orientation_or_objective() -> None:
    assert outline(lines("Contexte\n\n1. Un\n2. Deux\n- point\n")) == []


_PIECES = st.sampled_from(
    [
        "Axe 1 : A",
        "Objectif 1.1 – B",
        "1.",
        "1.2 C",
        "2.1.1 D",
        "- E",
        "Actions",
        "\t",
        "Axe\tAction",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=25))
def test_outline_never_crashes(parts: list[str]) -> None:
    text = "\n".join(parts)
    for node in outline(lines(text)):
        assert node.kind in ("orientation", "stake", "objective", "action")
        assert node.order >= 1
