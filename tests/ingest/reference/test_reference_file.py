"""The committed reference file: complete, consistent, and reproducible by the converter."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tarfile
from collections import Counter
from pathlib import Path

import pytest

from ingest.reference.decoupage import SOURCE_FILES, convert, read_package, write_reference
from ingest.reference.reader import Reference, ReferenceError, load_reference

REFERENCE = Path(__file__).resolve().parents[3] / "data/reference/decoupage-administratif.jsonl.gz"


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference(REFERENCE)


def test_meta_names_source_licence_and_date(ref: Reference) -> None:
    meta = ref.meta
    assert meta["source"] == "@etalab/decoupage-administratif@6.0.0"
    assert meta["licence_code"] == "MIT"
    assert "Licence Ouverte" in meta["licence_data"]
    dt.date.fromisoformat(meta["retrieved"])
    assert set(meta["files_sha256"]) == set(SOURCE_FILES)


def test_counts_match_the_source_files(ref: Reference) -> None:
    counts = ref.meta["counts"]
    assert len(ref.communes) == counts["communes"]
    assert len(ref.epcis) == counts["epci"] == 1255
    assert len(ref.departements) == counts["departements"]
    assert len(ref.regions) == counts["regions"]
    assert dict(Counter(c.type for c in ref.communes)) == ref.meta["commune_types"]
    assert 34_000 < len(ref.current_communes()) < 36_000


def test_hierarchy_is_closed(ref: Reference) -> None:
    current = ref.current_communes()
    for commune in ref.communes:
        assert commune.departement in ref.departements
        assert commune.region in ref.regions
        if not commune.is_current:
            assert commune.parent in current, commune
    for dep in ref.departements.values():
        assert dep.region in ref.regions
    members = [m for e in ref.epcis.values() for m in e.members]
    assert len(members) == len(set(members)), "a commune belongs to one EPCI at most"
    assert set(members) <= set(current)
    outside = {c.code for c in current.values() if c.zone != "com"} - set(members)
    assert outside == {"22016", "29083", "29155", "85113"}, "only four islands have no EPCI"


def test_epci_kinds_and_valenciennes_metropole(ref: Reference) -> None:
    assert {e.type for e in ref.epcis.values()} == {"CA", "CC", "CU", "METRO", "MET69"}
    cavm = ref.epcis["245901160"]
    assert cavm.name == "CA Valenciennes Métropole"
    assert len(cavm.members) == 35 and "59606" in cavm.members


def test_populations_have_years(ref: Reference) -> None:
    valenciennes = ref.current_communes()["59606"]
    assert valenciennes.population and valenciennes.population > 40_000
    assert valenciennes.population_year == 2023
    assert valenciennes.postal_codes == ("59300",)
    assert ref.current_communes()["97611"].population_year == 2017  # Mayotte: 2017 census
    for commune in ref.communes:
        if commune.population is not None and commune.departement not in {"986", "987", "988"}:
            assert commune.population_year in {2017, 2023}


def _tarball(path: Path, data: dict[str, object]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        files = {
            "package/package.json": {
                "name": "@etalab/decoupage-administratif",
                "version": "9.9.9",
                "license": "MIT",
            }
        }
        files |= {f"package/data/{name}": value for name, value in data.items()}
        for name, value in files.items():
            raw = json.dumps(value).encode()
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return path


def test_converter_round_trip_without_npm(tmp_path: Path) -> None:
    data = {
        "regions.json": [{"code": "32", "nom": "Hauts-de-France", "zone": "metro"}],
        "departements.json": [{"code": "59", "nom": "Nord", "region": "32", "zone": "metro"}],
        "communes.json": [
            {
                "code": "59606",
                "nom": "Valenciennes",
                "type": "commune-actuelle",
                "departement": "59",
                "region": "32",
                "zone": "metro",
                "codesPostaux": ["59300"],
                "population": 43000,
            },
            {
                "code": "59999",
                "nom": "Ancienne",
                "type": "commune-deleguee",
                "chefLieu": "59606",
                "departement": "59",
                "region": "32",
                "zone": "metro",
            },
        ],
        "epci.json": [
            {
                "code": "245901160",
                "nom": "CA Valenciennes Métropole",
                "type": "CA",
                "populationMunicipale": 43000,
                "membres": [{"code": "59606"}],
            }
        ],
    }
    package_json, files = read_package(_tarball(tmp_path / "p.tgz", data))
    out = tmp_path / "ref.jsonl.gz"
    records = convert(package_json, files, dt.date(2026, 1, 2), "0" * 64)
    assert write_reference(records, out) == 6
    first = out.read_bytes()
    write_reference(convert(package_json, files, dt.date(2026, 1, 2), "0" * 64), out)
    assert out.read_bytes() == first, "same input, same bytes"
    ref = load_reference(out)
    assert ref.meta["version"] == "9.9.9" and ref.meta["retrieved"] == "2026-01-02"
    assert ref.communes[1].parent == "59606"
    assert ref.epcis["245901160"].members == ("59606",)


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(gzip.compress(b'{"kind":"commune"}\n'))
    with pytest.raises(ReferenceError, match=r"bad\.jsonl\.gz"):
        load_reference(bad)
