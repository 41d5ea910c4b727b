"""Rates and shares a portrait states: unemployment of France (the country node), poverty,
industrial jobs, sector shares of ESS establishments or jobs with a regional comparison
(invented sample texts)."""

from __future__ import annotations

from typing import Any

from ingest.curation import Curation
from ingest.extract.emit import record_errors
from ingest.extract.layouts.figures import figure_records
from ingest.extract.layouts.structure import context
from ingest.extract.pipeline import extract
from ingest.extract.resolve.entities import resolve

EPCI = "https://w3id.org/ess-hdf/id/epci/200000003"
REGION = "https://w3id.org/ess-hdf/id/region/32"
FRANCE = "https://w3id.org/ess-hdf/id/pays/99100"
PLACES = {"ATST": EPCI, "Hauts-de-France": REGION}

PORTRAIT = """# Portrait de l'ATST

14%
Taux de chômage
ATST

8,2%
Taux de chômage
France

21%
Taux de pauvreté

17%
des emplois dans le
secteur industriel
en 2019

Sources : ATST ; Taux de chômage localisés INSEE 2023

# Chiffres clés de l'économie sociale et solidaire

## 380 établissements ESS employeurs

35% dans
l'action sociale
(contre 25% sur
les Hauts-de-France)

15% dans les arts, spectacles
et loisirs

Dans l'ESS, les salariés se répartissent ainsi : 12% dans l'enseignement.
"""

PROSE = """Le territoire, où l'ESS pèse lourd, connaît un taux de pauvreté de 19,5 % et un
taux de chômage de 11 % (contre 7,4 % en France).
"""


def _figures(text: str, year: int = 2024) -> dict[tuple[str, str, int, str | None], Any]:
    extraction = extract("portrait", text, None, [("ATST", "organisation")])
    entities = resolve(extraction.occurrences, extraction.acronyms, Curation())
    records = figure_records(context("portrait", text, year, entities, PLACES.get), EPCI)
    assert record_errors(records) == []
    for r in records:
        for e in r["evidence"]:
            assert text[e["start"] : e["end"]] == e["exact"]
    return {
        (f["measure"], f["area"], f["year"], f.get("sector")): (f["value"], f["unit"])
        for r in records
        for f in [r["fields"]]
    }


def test_rates_of_a_portrait_with_their_territory_and_year() -> None:
    figures = _figures(PORTRAIT)
    assert figures[("unemploymentRate", EPCI, 2023, None)] == (14.0, "percent")
    assert figures[("unemploymentRate", FRANCE, 2023, None)] == (8.2, "percent")
    assert figures[("povertyRate", EPCI, 2024, None)] == (21.0, "percent")
    assert figures[("industryShareOfJobs", EPCI, 2019, None)] == (17.0, "percent")


def test_sector_shares_with_a_regional_comparison() -> None:
    figures = _figures(PORTRAIT)
    shares = {k: v[0] for k, v in figures.items() if k[0].startswith("sectorShare")}
    assert shares == {
        ("sectorShareOfEssEstablishments", EPCI, 2024, "social-action"): 35.0,
        ("sectorShareOfEssEstablishments", REGION, 2024, "social-action"): 25.0,
        ("sectorShareOfEssEstablishments", EPCI, 2024, "arts-entertainment-recreation"): 15.0,
        ("sectorShareOfEssJobs", EPCI, 2024, "education"): 12.0,
    }


def test_rates_in_prose_and_a_national_comparison() -> None:
    figures = _figures(PROSE, 2022)
    assert figures[("povertyRate", EPCI, 2022, None)] == (19.5, "percent")
    assert figures[("unemploymentRate", EPCI, 2022, None)] == (11.0, "percent")
    assert figures[("unemploymentRate", FRANCE, 2022, None)] == (7.4, "percent")


def test_a_sector_not_in_the_table_or_without_ess_context_is_skipped() -> None:
    assert _figures("40% dans la métallurgie, selon l'ESS locale.\n") == {}
    shares = _figures("## 300 établissements\n\n30% dans l'action sociale\n")
    assert [k for k in shares if k[0].startswith("sectorShare")] == []
