"""Plans, events and figures told in running text (invented sample texts): a plan due in a
year with its axes listed inside a sentence, a regional ESS plan named without a period,
events dated relative to the document's date or to the day, and the portrait figures of a
territory (communes, area, density, communes by size, share created since a year)."""

from __future__ import annotations

from typing import Any, Literal

from ingest.curation import Curation
from ingest.evaluation.structure import structure_sets
from ingest.extract.conflicts import conflicts
from ingest.extract.emit import record_errors
from ingest.extract.layouts.figures import figure_records
from ingest.extract.layouts.plans import plan_records
from ingest.extract.layouts.structure import context
from ingest.extract.layouts.timeline import named_event_records
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve

EPCI = "https://w3id.org/ess-hdf/id/epci/200000004"
REGION = "https://w3id.org/ess-hdf/id/region/32"
PLACES = {"Agglo Nord": EPCI, "Hauts-de-France": REGION}
ORGS: list[tuple[str, Literal["organisation"]]] = [
    ("Agglo Nord", "organisation"),
    ("Région Hauts-de-France", "organisation"),
    ("Réseau Alpha", "organisation"),
]

PROSE_PLAN = """L'Agglo Nord prépare sa stratégie. Selon l'élu de l'Agglo Nord, le plan sera
adopté au printemps 2023 ; trois axes sont déjà posés : soutenir les
jeunes entreprises (prêts, locaux), fédérer les acteurs du territoire, ouvrir l'achat public aux
structures locales. L'Agglo Nord avait laissé passer le Plan régional de l'ESS en
Hauts-de-France lancé plus tôt.
"""

EVENTS = """Fin 2021, une visite proposée par le Réseau Alpha a réuni des élus de l'Agglo Nord.

La visite organisée par le Réseau Alpha en décembre dernier a marqué les esprits.

En ce mois d'avril, l'assemblée générale du Réseau Alpha se tient à la ferme du Moulin, avec
une trentaine de membres.

En 2021, le réseau a lancé deux « cafés citoyens » à Lens et Liévin.

Le compte rendu du colloque du 3 octobre 2021 organisé par l'Agglo Nord et intitulé
*Coopérer pour durer* est en ligne.
"""

PORTRAIT = """# Portrait de l'Agglo Nord

48 communes • 310,2 km<sup>2</sup>

455 hab./km<sup>2</sup>

30
communes rurales
de moins de
3 000 habitants

4
communes de plus
de 20 000 habitants

Le jury peut accorder jusqu'à 5 000 € par projet retenu.

L'ESS compte 512 établissements dont un tiers créés depuis 2012.
"""


def _context(doc: str, text: str, year: int) -> Any:
    extraction = extract(doc, text, None, ORGS)
    entities = resolve(extraction.occurrences, extraction.acronyms, Curation())
    return context(doc, text, year, entities, PLACES.get)


def _checked(records: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    assert record_errors(records) == []
    for r in records:
        for e in r["evidence"]:
            assert text[e["start"] : e["end"]] == e["exact"]
    return records


def test_a_plan_due_in_a_year_with_its_axes_listed_in_a_sentence() -> None:
    records = _checked(plan_records(_context("prose-plan", PROSE_PLAN, 2022)), PROSE_PLAN)
    plans = {r["key"]: r["fields"] for r in records if r["kind"] == "plan"}
    local = plans["agglo-nord-pldess-2023"]
    assert (local["territory"], local["start_year"], local.get("end_year")) == (EPCI, 2023, None)
    parts = sorted(
        (r["fields"]["order"], r["fields"]["name"]) for r in records if r["kind"] == "orientation"
    )
    assert parts == [
        (1, "soutenir les jeunes entreprises (prêts, locaux)"),
        (2, "fédérer les acteurs du territoire"),
        (3, "ouvrir l'achat public aux structures locales"),
    ]
    regional = [p for p in plans.values() if p["territory"] == REGION]
    assert len(regional) == 1 and "start_year" not in regional[0]


def test_an_inline_list_that_does_not_hold_the_announced_count_is_skipped() -> None:
    text = "Le plan sera voté en 2024, quatre axes ont été retenus : former, relier.\n"
    records = plan_records(_context("prose-plan-2", text, 2023))
    assert not [r for r in records if r["kind"] == "orientation"]


def test_the_plan_belongs_to_the_authority_the_sentence_names() -> None:
    text = (
        "Le Réseau Alpha suit la Région Hauts-de-France de près. La Région Hauts-de-France "
        "indique que le plan sera signé en 2025.\n"
    )
    ctx = _context("prose-plan-3", text, 2024)
    plans = [r["fields"] for r in plan_records(ctx) if r["kind"] == "plan"]
    assert [(p["territory"], p["start_year"]) for p in plans] == [(REGION, 2025)]


def test_two_documents_giving_different_axes_to_the_first_plan_conflict() -> None:
    mine = plan_records(_context("prose-plan", PROSE_PLAN, 2022))
    other_text = "Le plan sera adopté en 2023 : trois axes : animer, financer, former.\n"
    other = plan_records(_context("other-doc", "L'Agglo Nord. " + other_text, 2024))
    subjects = {c.subject for c in conflicts([*mine, *other])}
    assert "orientation 1 of plan/agglo-nord-pldess-2023" in subjects


def test_events_dated_relative_to_the_document_or_to_the_day() -> None:
    records = _checked(named_event_records(_context("events", EVENTS, 2022), None), EVENTS)
    events = {(r["fields"]["date"], r["fields"]["name"]) for r in records}
    # "décembre dernier": the year the document states for the same visit ("Fin 2021")
    assert ("2021-12", "Visite du Réseau Alpha") in events
    # "ce mois d'avril": the document's year
    assert ("2022-04", "Assemblée générale du Réseau Alpha") in events
    assert ("2021", "cafés citoyens") in events
    # to the day, named by its title, organised by who the sentence names
    colloque = next(r for r in records if r["fields"]["date"] == "2021-10-03")
    assert colloque["fields"]["name"] == "Coopérer pour durer"
    assert colloque["fields"]["organisers"] == ["organisation/agglo-nord"]


def test_a_month_last_without_a_stated_year_takes_the_documents_year() -> None:
    text = "La rencontre animée par le Réseau Alpha en mai dernier a fait salle comble.\n"
    records = named_event_records(_context("events-2", text, 2020), None)
    assert [(r["fields"]["date"], r["fields"]["name"]) for r in records] == [
        ("2020-05", "Rencontre du Réseau Alpha")
    ]


def test_portrait_figures_of_a_territory() -> None:
    records = _checked(figure_records(_context("portrait", PORTRAIT, 2024), EPCI), PORTRAIT)
    got = {
        (
            f["measure"],
            f.get("population_below"),
            f.get("population_above"),
            f.get("since_year"),
        ): (f["value"], f["unit"], f["year"])
        for r in records
        for f in [r["fields"]]
    }
    assert got[("communeCount", None, None, None)] == (48, "count", 2024)
    assert got[("areaKm2", None, None, None)] == (310.2, "km2", 2024)
    assert got[("populationDensity", None, None, None)] == (455.0, "inhabitant-per-km2", 2024)
    assert got[("communeCount", 3000, None, None)] == (30, "count", 2024)
    assert got[("communeCount", None, 20000, None)] == (4, "count", 2024)
    assert got[("amount", None, None, None)] == (5000, "euro", 2024)
    assert got[("shareOfEstablishmentsCreatedSince", None, None, 2012)] == (
        33.3,
        "percent",
        2024,
    )
    scored, _ = structure_sets(records, {"figures": []}, {})["figures"]
    assert ("communeCount:<3000", "epci/200000004", 2024, "30") in scored
    assert ("shareOfEstablishmentsCreatedSince:2012", "epci/200000004", 2024, "33.3") in scored
    # the size bands are not two values of one figure
    assert conflicts(records) == []


def test_communes_counted_in_passing_are_not_a_portrait_figure() -> None:
    text = "Les 3 communes partenaires du projet ont signé la charte.\n"
    assert figure_records(_context("prose-communes", text, 2024), EPCI) == []
