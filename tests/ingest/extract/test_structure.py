"""Plans, events and figures read from a document's structure (invented sample texts)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Store

from ess_core.iris import Iris
from ingest.curation import Curation
from ingest.evaluation.structure import structure_sets, words
from ingest.extract.conflicts import conflicts, format_conflicts
from ingest.extract.emit import merge_records, record_errors, structure_records
from ingest.extract.layouts.figures import figure_records
from ingest.extract.layouts.plans import plan_records
from ingest.extract.layouts.structure import context
from ingest.extract.layouts.timeline import named_event_records, timeline_records
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve
from ingest.rdf.records import document_quads

EPCI = "https://w3id.org/ess-hdf/id/epci/200000001"
REGION = "https://w3id.org/ess-hdf/id/region/32"
PLACES = {"Agglo Test": EPCI, "Hauts-de-France": REGION, "ATST": EPCI}

PLAN = """PLAN LOCAL DE DÉVELOPPEMENT DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE

2022-2027

Diagnostic

- 8 100 salariés, soit 1 salarié sur 9 ;
- 512 établissements recensés.

Avec la Région Hauts-de-France.

L'Agglo Test avait adopté le PLDESS 2018-2021 autour de :

- Orientation 1 – Vers des coopérations
- Orientation 2 – Vers des ressources

Au titre du PLDESS 2018-2021, 12 projets ont été soutenus à hauteur de 24.000€.

Le 3 mars 2021, lancement de la concertation du PLDESS 2022-2027 avec l'Agglo Test.

35 personnes, représentant 20 structures ont participé, avec l'Agglo Test et le GRAAL.

Du 4 mai au 9 juin, quatre ateliers.

PLAN D'ACTIONS 2022-2027

Orientation 1 – Coopérer entre acteurs

Enjeu : Une économie qui coopère

Objectif 1

- Rapprocher les acteurs locaux

Actions

- Rencontres d'acteurs
- Achats groupés

Orientation 2 – Financer les projets

Enjeu : Des projets financés

Objectif

- Soutenir les initiatives

Actions

- Fonds d'amorçage

LA GOUVERNANCE DU PLDESS

• **Comité technique**

Il a pour missions :

- D'assurer le suivi des actions ;
- De préparer les bilans.

Il est composé des représentants techniques de l'Agglo Test, du GRAAL, de la Région.

Le comité technique se réunira au moins trois fois par an.

ANNEXES

Atelier 1 : Coopérer

QUESTION	Votes
- Monter un groupement d'achat	7
- Partager des locaux	12
"""

TIMELINE = """Repères

2019

Création de l'association GRAAL à Valenciennes

“ LUCIE MARTIN GRAAL

Un long témoignage qui ne compte pas comme un événement du calendrier, parce qu'il est long,
bien plus long qu'un simple repère de frise chronologique, et ne fait que raconter.

2020

Lancement du Salon des acteurs

- › ouverture d'un tiers-lieu
- › première édition du forum

# Ensuite

2021 sans événement.
"""


def _context(doc: str, text: str, year: int = 2022) -> Any:
    extraction = extract(
        doc,
        text,
        None,
        [
            ("GRAAL", "organisation"),
            ("Agglo Test", "organisation"),
            ("Région Hauts-de-France", "organisation"),
        ],
    )
    entities = resolve(extraction.occurrences, extraction.acronyms, Curation())
    return context(doc, text, year, entities, PLACES.get)


def _by_kind(records: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in records if r["kind"] == kind]


def test_plan_outline_in_order_with_mentions() -> None:
    ctx = _context("plan-doc", PLAN)
    records = plan_records(ctx)
    assert record_errors(records) == []
    plans = {r["key"]: r["fields"] for r in _by_kind(records, "plan")}
    assert plans["agglo-test-pldess-2022"]["end_year"] == 2027
    assert plans["agglo-test-pldess-2018"]["territory"] == EPCI
    orientations = sorted(
        (r["fields"]["parent"], r["fields"]["order"], r["fields"]["name"])
        for r in _by_kind(records, "orientation")
    )
    assert orientations == [
        ("plan/agglo-test-pldess-2018", 1, "Vers des coopérations"),
        ("plan/agglo-test-pldess-2018", 2, "Vers des ressources"),
        ("plan/agglo-test-pldess-2022", 1, "Coopérer entre acteurs"),
        ("plan/agglo-test-pldess-2022", 2, "Financer les projets"),
    ]
    actions = [(r["fields"]["order"], r["fields"]["name"]) for r in _by_kind(records, "action")]
    assert sorted(actions) == [
        (1, "Fonds d'amorçage"),
        (1, "Rencontres d'acteurs"),
        (2, "Achats groupés"),
    ]
    for r in records:
        for e in r["evidence"]:
            assert PLAN[e["start"] : e["end"]] == e["exact"]


def test_governance_members_resolve_to_the_organisations() -> None:
    records = plan_records(_context("plan-doc", PLAN))
    (body,) = _by_kind(records, "body")
    assert body["fields"]["frequency"] == "au moins trois fois par an"
    assert body["fields"]["missions"] == ["assurer le suivi des actions", "préparer les bilans"]
    assert body["fields"]["members"] == [
        "organisation/agglo-test",
        "organisation/graal",
        "organisation/region-hauts-de-france",
    ]


def test_concertation_workshops_and_votes() -> None:
    records = plan_records(_context("plan-doc", PLAN))
    events = {r["key"]: r["fields"] for r in _by_kind(records, "event")}
    concertation = events["agglo-test-pldess-2022-concertation"]
    assert concertation["date"] == "2021-03-03"
    assert (concertation["participants"], concertation["structures"]) == (35, 20)
    assert concertation["organisers"] == ["organisation/agglo-test", "organisation/graal"]
    workshop = events["agglo-test-pldess-2022-concertation-w1"]
    assert (workshop["date"], workshop["end_date"]) == ("2021-05-04", "2021-06-09")
    votes = sorted(
        (r["fields"]["votes"], r["fields"]["name"]) for r in _by_kind(records, "proposal")
    )
    assert votes == [(7, "Monter un groupement d'achat"), (12, "Partager des locaux")]


def test_figures_with_territory_year_and_achievements() -> None:
    ctx = _context("plan-doc", PLAN)
    figures = {
        (r["fields"]["measure"], r["fields"]["year"]): r["fields"]["value"]
        for r in figure_records(ctx, EPCI) + _by_kind(plan_records(ctx), "observation")
    }
    assert figures == {
        ("essJobs", 2022): 8100,
        ("essShareOfJobs", 2022): 11.1,
        ("establishments", 2022): 512,
        ("projectCount", 2021): 12,
        ("amount", 2021): 24000,
    }


def test_timeline_events_skip_quotes_and_stop_at_a_heading() -> None:
    ctx = _context("frise", TIMELINE, 2024)
    events = [(r["fields"]["date"], r["fields"]["name"]) for r in timeline_records(ctx, EPCI)]
    assert events == [
        ("2019", "Création de l'association GRAAL à Valenciennes"),
        ("2020", "Lancement du Salon des acteurs"),
        ("2020", "ouverture d'un tiers-lieu"),
        ("2020", "première édition du forum"),
    ]
    # the association whose creation the item tells is involved, not its organiser
    (created, *_) = timeline_records(ctx, EPCI)
    assert "organisers" not in created["fields"]
    assert created["fields"]["involves"] == ["organisation/graal"]


def test_named_event_with_month_and_place() -> None:
    text = "Le GRAAL organise « Le Village de l'ESS » qui s'est tenu en mai 2019 à Valenciennes."
    ctx = _context("village", text, 2020)
    ctx.place_iri = {"Valenciennes": "https://w3id.org/ess-hdf/id/commune/59606"}.get
    (event,) = named_event_records(ctx, None)
    assert event["key"] == "village-de-l-ess-2019"
    assert event["fields"]["date"] == "2019-05"
    assert event["fields"]["organisers"] == ["organisation/graal"]


def test_structure_triples_and_mentions() -> None:
    ctx = _context("plan-doc", PLAN)
    records = merge_records([], structure_records(ctx, EPCI), ctx.extra)
    assert record_errors(records) == []
    store = Store()
    store.extend(document_quads(Iris("https://w3id.org/ess-hdf/"), "plan-doc", records))
    ask = """PREFIX ess: <https://w3id.org/ess-hdf/ontology#>
        PREFIX qb: <http://purl.org/linked-data/cube#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX org: <http://www.w3.org/ns/org#>
        ASK { GRAPH ?g {
          ?plan ess:hasOrientation ?o . ?o ess:order 2 ; ess:hasObjective/ess:hasAction ?a .
          ?obs qb:measureType ess:essJobs ; ess:essJobs 8100 .
          ?m oa:hasBody ?obs .
          ?p ess:voteCount 12 .
          ?seat a org:Membership ; org:organization ?body ; org:member ?graal .
          ?body a ess:GovernanceBody . ?m2 oa:hasBody ?seat .
        } }"""
    assert store.query(ask)


def test_plan_parts_and_figures_that_disagree_are_conflicts() -> None:
    def part(doc: str, name: str) -> dict[str, Any]:
        return {
            "id": f"{doc}/orientation/p-o1-{doc}",
            "document": doc,
            "type": "entity",
            "kind": "orientation",
            "key": f"p-o1-{doc}",
            "fields": {"name": name, "order": 1, "parent": "plan/p"},
            "evidence": [
                {"start": 0, "end": 3, "exact": "Ver", "method": "rule", "confidence": 0.9}
            ],
        }

    def figure(doc: str, value: int) -> dict[str, Any]:
        fields = {
            "name": "n",
            "measure": "essJobs",
            "value": value,
            "unit": "job",
            "area": EPCI,
            "year": 2020,
        }
        return {
            **part(doc, "x"),
            "id": f"{doc}/observation/o{value}",
            "kind": "observation",
            "fields": fields,
        }

    found = conflicts(
        [
            part("d1", "Vers A"),
            part("d2", "Vers B"),
            figure("d1", 10),
            figure("d2", 12),
            figure("d1", 14),
        ]
    )
    subjects = [c.subject for c in found]
    assert subjects == [f"essJobs of {EPCI} in 2020", "orientation 1 of plan/p"]
    assert any("d2@0-3" in line for line in format_conflicts(found))
    assert conflicts([part("d1", "Vers A"), part("d1", "Vers B")]) == []


def test_structure_scoring_compares_first_words() -> None:
    assert words("Coopération, entre acteurs : plateforme") == "cooperation entre acteurs"
    records = plan_records(_context("plan-doc", PLAN))
    gold = {
        "plan_parts": [
            "2022 orientation 1 | Coopérer entre acteurs",
            "2022 action 1.1.1 | Rencontres d'acteurs",
        ]
    }
    pred, want = structure_sets(records, gold, {})["plan-parts"]
    assert want <= pred


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Orientation 1–:-•*\n\tEnjeu Objectif Actions 2024é«»")),
        max_size=400,
    )
)
def test_structure_rules_never_crash(text: str) -> None:
    ctx = context("fuzz", text, 2024, [], lambda _: None)
    records = structure_records(ctx, None)
    assert record_errors(records) == []


def test_the_seeds_disagree_on_the_orientations_of_the_second_plan() -> None:
    from pathlib import Path

    from ingest.extract.emit import read_records

    extracted = Path(__file__).resolve().parents[3] / "data" / "extracted"
    records = [r for p in sorted(extracted.glob("*.jsonl")) for r in read_records(p)]
    subjects = {c.subject for c in conflicts(records)}
    assert "orientation 1 of plan/valenciennes-metropole-pldess-2021" in subjects
    assert not any(s.startswith("essJobs") for s in subjects)  # three years, three figures
