"""Organisers of an event only where the text says so; every other organisation it names is
involved (``involves``). Invented sample texts."""

from __future__ import annotations

from typing import Any, Literal

from ingest.curation import Curation
from ingest.extract.emit import record_errors
from ingest.extract.layouts.structure import context
from ingest.extract.layouts.timeline import named_event_records, timeline_records
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve

ORGS: list[tuple[str, Literal["organisation"]]] = [
    ("Agglo Nord", "organisation"),
    ("Réseau Alpha", "organisation"),
    ("Atelier Bleu", "organisation"),
]
AGGLO, ALPHA, ATELIER = (
    "organisation/agglo-nord",
    "organisation/reseau-alpha",
    "organisation/atelier-bleu",
)

TIMELINE = """2019

- Création de la coopérative Atelier Bleu avec l'Agglo Nord
- Forum des métiers organisé par le Réseau Alpha et l'Agglo Nord sur l'emploi
- 3ème Salon solidaire du Réseau Alpha
- L'Atelier Bleu organise une journée portes ouvertes avec l'Agglo Nord
- Ateliers à l'initiative de l'Agglo Nord, en lien avec l'Atelier Bleu
"""


def _context(doc: str, text: str, year: int) -> Any:
    extraction = extract(doc, text, None, ORGS)
    entities = resolve(extraction.occurrences, extraction.acronyms, Curation())
    return context(doc, text, year, entities, {}.get)


def _parts(records: list[dict[str, Any]]) -> list[tuple[list[str], list[str]]]:
    assert record_errors(records) == []
    return [(r["fields"].get("organisers", []), r["fields"].get("involves", [])) for r in records]


def test_timeline_item_names_organisers_only_with_a_cue() -> None:
    records = timeline_records(_context("frise-org", TIMELINE, 2024), None)
    assert _parts(records) == [
        ([], [ATELIER, AGGLO]),  # what the item is about: involved
        ([ALPHA, AGGLO], []),  # "organisé par A et B"
        ([ALPHA], []),  # "Salon … du X"
        ([ATELIER], [AGGLO]),  # "X organise", the partner involved
        ([AGGLO], [ATELIER]),  # "à l'initiative de"
    ]


def test_named_event_without_a_cue_only_involves() -> None:
    text = (
        "L'Agglo Nord accueille « Le Village des Possibles » en juin 2022 avec le Réseau Alpha.\n"
    )
    (event,) = named_event_records(_context("village-org", text, 2023), None)
    assert event["fields"]["date"] == "2022-06"
    assert _parts([event]) == [([], [AGGLO, ALPHA])]


def test_named_event_organised_by() -> None:
    text = "En mai 2021, « Le Forum Vert » est co-organisé par le Réseau Alpha, à Lille.\n"
    (event,) = named_event_records(_context("forum-org", text, 2023), None)
    assert _parts([event]) == [([ALPHA], [])]


def test_dated_event_splits_organisers_and_partners() -> None:
    text = (
        "Le livret de la conférence du 5 mars 2021 tenue avec l'Atelier Bleu, organisée par "
        "l'Agglo Nord et intitulée *Vivre ensemble* est paru.\n"
    )
    (event,) = named_event_records(_context("conf-org", text, 2023), None)
    assert event["fields"]["name"] == "Vivre ensemble"
    assert _parts([event]) == [([AGGLO], [ATELIER])]


def test_a_visit_of_an_organisation_does_not_make_it_the_organiser() -> None:
    text = "La visite de l'Atelier Bleu en mars dernier a plu aux élus.\n"
    (event,) = named_event_records(_context("visite-org", text, 2023), None)
    assert event["fields"]["date"] == "2023-03"
    assert _parts([event]) == [([], [ATELIER])]
