"""Time ``ess-graph import sirene`` on a generated file, then build and serve the result.

``python bench/import_bench.py [--establishments 200000] [--ess-share 1.0] [--no-build]``,
from the repository root. Writes a StockEtablissement / StockUniteLegale pair in INSEE's
layout (invented units: ``--ess-share`` of them ESS, every establishment in a commune of
Hauts-de-France, Lambert-93 coordinates on most) into a temporary copy of ``data/``, times the
import (read, check, join, filter, convert, match, map every row, write), then the build of the
whole store (SHACL-validated) and a few requests on it. Prints the figures docs/BENCHMARKS.md
keeps, with the machine's load.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from ess_core.settings import load_settings
from graph_service.app import create_app
from ingest.datasets.importer import import_file
from ingest.reference.reader import load_reference, reference_path
from ingest.store.build import build_store

WORDS = (
    "Atelier",
    "Jardin",
    "Ressourcerie",
    "Collectif",
    "Maison",
    "Coopérative",
    "Réseau",
    "Entraide",
    "Solidarité",
    "Avenir",
    "Horizon",
    "Passerelle",
    "Trait d'union",
    "Relais",
)
CATEGORIES = ("9220", "9220", "9220", "5560", "5710", "8210", "9300")
NAF = ("88.99B", "94.99Z", "56.10A", "81.30Z", "85.59A", "38.32Z", "47.79Z")


def generate(folder: Path, count: int, ess_share: float, communes: list[str]) -> tuple[Path, Path]:
    rng = random.Random(14)  # noqa: S311 (invented data, not secrets)
    units_path = folder / "StockUniteLegale.csv"
    establishments_path = folder / "StockEtablissement.csv"
    units = max(1, count * 5 // 6)
    with units_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "siren",
                "denominationUniteLegale",
                "sigleUniteLegale",
                "categorieJuridiqueUniteLegale",
                "etatAdministratifUniteLegale",
                "economieSocialeSolidaireUniteLegale",
            ]
        )
        for n in range(units):
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}"
            writer.writerow(
                [
                    f"{800000000 + n:09d}",
                    name.upper(),
                    "",
                    rng.choice(CATEGORIES),
                    "A",
                    "O" if rng.random() < ess_share else "N",
                ]
            )
    with establishments_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "siren",
                "nic",
                "siret",
                "etablissementSiege",
                "denominationUsuelleEtablissement",
                "enseigne1Etablissement",
                "activitePrincipaleEtablissement",
                "codeCommuneEtablissement",
                "etatAdministratifEtablissement",
                "coordonneeLambertAbscisseEtablissement",
                "coordonneeLambertOrdonneeEtablissement",
            ]
        )
        for n in range(count):
            siren = f"{800000000 + (n if n < units else rng.randrange(units)):09d}"
            nic = f"{n % 99999 + 1:05d}"
            x, y = (
                (f"{rng.uniform(600000, 760000):.1f}", f"{rng.uniform(6900000, 7110000):.1f}")
                if rng.random() < 0.8
                else ("[ND]", "[ND]")
            )
            writer.writerow(
                [
                    siren,
                    nic,
                    siren + nic,
                    "true" if n < units else "false",
                    "",
                    rng.choice(WORDS) if rng.random() < 0.3 else "",
                    rng.choice(NAF),
                    rng.choice(communes),
                    "A",
                    x,
                    y,
                ]
            )
    return establishments_path, units_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=200_000)
    parser.add_argument("--ess-share", type=float, default=1.0)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}, cpus: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        root = Path(tmp)
        shutil.copytree("data", root / "data")
        settings = load_settings().model_copy(
            update={"data_dir": root / "data", "store_path": root / "store"}
        )
        reference = load_reference(reference_path(settings))
        communes = sorted(c.code for c in reference.communes if c.is_current and c.region == "32")
        tick = time.perf_counter()
        est, units = generate(root, args.establishments, args.ess_share, communes)
        print(
            f"generated {args.establishments:,} establishments "
            f"({est.stat().st_size / 1e6:.1f} MB + {units.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - tick:.1f} s"
        )
        tick, cpu = time.perf_counter(), time.process_time()
        result = import_file(settings, "sirene", est, units=units, name="bench")
        imported, cpu = time.perf_counter() - tick, time.process_time() - cpu
        print(f"import: {imported:.1f} s wall, {cpu:.1f} s CPU ({result.counts})")
        print(f"load average after import: {os.getloadavg()}")
        if args.no_build:
            return
        tick, cpu = time.perf_counter(), time.process_time()
        build_store(settings)
        print(
            f"build (validated): {time.perf_counter() - tick:.1f} s wall, "
            f"{time.process_time() - cpu:.1f} s CPU"
        )
        with TestClient(create_app(settings)) as client:
            tick = time.perf_counter()
            first = client.get(
                "/sparql",
                params={
                    "query": (
                        "SELECT ?o WHERE { GRAPH <https://w3id.org/ess-hdf/graph/dataset/bench> "
                        "{ ?o a <http://www.w3.org/ns/org#Organization> } } LIMIT 1"
                    )
                },
                headers={"Accept": "text/csv"},
            ).text.split()[-1]
            actor = client.get("/api/actors/" + first.rsplit("/", 1)[-1])
            count = client.get(
                "/sparql",
                params={
                    "query": (
                        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/ess-hdf/graph/"
                        "dataset/bench> { ?s ?p ?o } }"
                    )
                },
                headers={"Accept": "text/csv"},
            )
            print(
                f"serve: actor {actor.status_code}, {len(actor.json().get('identifiers', []))}"
                f" identifiers; dataset graph {count.text.split()[-1]} triples; "
                f"{time.perf_counter() - tick:.2f} s"
            )
            if actor.status_code != 200:
                print(f"actor: {actor.text[:300]}")
        print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
