"""Convert ``@etalab/decoupage-administratif`` into the committed reference file.

Run ``python -m ingest.reference`` (or ``ess-graph fetch-reference``): ``npm pack`` fetches the
package into a temporary folder, its JSON files are converted into gzipped JSON lines under
``data/reference/``. The first line is a ``meta`` record (source, version, licences, retrieval
date, checksums, population years); the other lines are ``region``, ``departement``,
``commune`` and ``epci`` records. Only this module needs npm; builds and tests read the file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
REFERENCE_FILE = "decoupage-administratif.jsonl.gz"
SOURCE_FILES = ("regions.json", "departements.json", "communes.json", "epci.json")

# Reference year of the municipal populations, by département; see data/reference/README.md.
# The package's README links INSEE's "populations de référence 2023" (published Dec. 2025,
# in force on 1 Jan. 2026) and, for Mayotte, the 2017 census (Mamoudzou: 71,437 = 2017 figure).
POPULATION_YEAR = 2023
POPULATION_YEAR_BY_DEPARTEMENT = {"976": 2017}
# Overseas collectivities whose own censuses have years the package does not state: their
# populations are kept in the file but have no dated observation.
POPULATION_YEAR_UNKNOWN = frozenset({"986", "987", "988"})


class ReferenceFetchError(RuntimeError):
    """npm could not fetch the package, or its content is not what the converter expects."""


def fetch_package(workdir: Path, version: str = VERSION) -> Path:
    """Download the package tarball with ``npm pack`` into ``workdir``; return the tarball."""
    npm = shutil.which("npm")
    if npm is None:
        raise ReferenceFetchError("npm not found: install Node.js to refresh the reference file")
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [npm, "pack", f"{PACKAGE}@{version}", "--silent"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ReferenceFetchError(f"npm pack {PACKAGE}@{version} failed: {done.stderr.strip()}")
    tarballs = sorted(workdir.glob("*.tgz"))
    if len(tarballs) != 1:
        raise ReferenceFetchError(f"npm pack left {len(tarballs)} tarballs in {workdir}")
    return tarballs[0]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_package(tarball: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Return the package.json and the raw bytes of the data files of ``tarball``."""
    with tarfile.open(tarball, "r:gz") as tar:

        def read(name: str) -> bytes:
            member = tar.extractfile(f"package/{name}")
            if member is None:
                raise ReferenceFetchError(f"{tarball.name} has no {name}")
            return member.read()

        package_json = json.loads(read("package.json"))
        files = {name: read(f"data/{name}") for name in SOURCE_FILES}
    return package_json, files


def _population_year(departement: str) -> int | None:
    if departement in POPULATION_YEAR_UNKNOWN:
        return None
    return POPULATION_YEAR_BY_DEPARTEMENT.get(departement, POPULATION_YEAR)


def _commune(raw: dict[str, Any]) -> dict[str, Any]:
    kind = raw["type"]
    parent = raw.get("commune") if kind == "arrondissement-municipal" else raw.get("chefLieu")
    record: dict[str, Any] = {
        "kind": "commune",
        "code": raw["code"],
        "name": raw["nom"],
        "type": kind,
        "departement": raw["departement"],
        "region": raw["region"],
        "zone": raw["zone"],
    }
    if parent:
        record["parent"] = parent
    if raw.get("siren"):
        record["siren"] = raw["siren"]
    if raw.get("codesPostaux"):
        record["postal_codes"] = sorted(raw["codesPostaux"])
    if "population" in raw:
        record["population"] = raw["population"]
        record["population_year"] = _population_year(raw["departement"])
    if raw.get("anciensCodes"):
        record["former_codes"] = sorted(raw["anciensCodes"])
    return record


def convert(
    package_json: dict[str, Any], files: dict[str, bytes], retrieved: dt.date, tarball_sha256: str
) -> Iterator[dict[str, Any]]:
    """Yield the records of the reference file, ``meta`` first."""
    data = {name: json.loads(raw) for name, raw in files.items()}
    yield {
        "kind": "meta",
        "source": f"{package_json['name']}@{package_json['version']}",
        "package": package_json["name"],
        "version": package_json["version"],
        "homepage": package_json.get("repository"),
        "licence_code": package_json.get("license"),
        "licence_data": "Licence Ouverte / Etalab (per the package README)",
        "retrieved": retrieved.isoformat(),
        "tarball_sha256": tarball_sha256,
        "files_sha256": {name: _sha256(raw) for name, raw in sorted(files.items())},
        "counts": {name.removesuffix(".json"): len(data[name]) for name in SOURCE_FILES},
        "commune_types": dict(sorted(Counter(c["type"] for c in data["communes.json"]).items())),
        "population": {
            "measure": "population municipale (INSEE)",
            "default_year": POPULATION_YEAR,
            "year_by_departement": POPULATION_YEAR_BY_DEPARTEMENT,
            "undated_departements": sorted(POPULATION_YEAR_UNKNOWN),
        },
    }
    for raw in data["regions.json"]:
        yield {
            "kind": "region",
            "code": raw["code"],
            "name": raw["nom"],
            "zone": raw["zone"],
            "chef_lieu": raw.get("chefLieu"),
        }
    for raw in data["departements.json"]:
        yield {
            "kind": "departement",
            "code": raw["code"],
            "name": raw["nom"],
            "region": raw["region"],
            "zone": raw["zone"],
            "chef_lieu": raw.get("chefLieu"),
        }
    for raw in data["communes.json"]:
        yield _commune(raw)
    for raw in data["epci.json"]:
        yield {
            "kind": "epci",
            "siren": raw["code"],
            "name": raw["nom"],
            "type": raw["type"],
            "financing": raw.get("modeFinancement"),
            "population": raw.get("populationMunicipale"),
            "population_year": POPULATION_YEAR,
            "members": [m["code"] for m in raw["membres"]],
        }


def write_reference(records: Iterator[dict[str, Any]], path: Path) -> int:
    """Write ``records`` as gzipped JSON lines (reproducible bytes); return the line count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    count = 0
    with tmp.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode())
            out.write(b"\n")
            count += 1
    tmp.replace(path)
    return count


def fetch_reference(out_dir: Path, version: str = VERSION) -> Path:
    """Fetch the package with npm, convert it, and write ``out_dir/REFERENCE_FILE``."""
    with tempfile.TemporaryDirectory(prefix="decoupage-") as tmp:
        tarball = fetch_package(Path(tmp), version)
        package_json, files = read_package(tarball)
        records = convert(
            package_json, files, dt.datetime.now(dt.UTC).date(), _sha256(tarball.read_bytes())
        )
        path = out_dir / REFERENCE_FILE
        write_reference(records, path)
    return path
