"""Register files → the mapped rows of a dataset (the table the CSVW mapping turns into RDF).

``sirene_rows`` joins StockEtablissement with StockUniteLegale on the SIREN, keeps the active
establishments of ESS units (``economieSocialeSolidaireUniteLegale = O``) located in the region
(commune → département → région by ``data/reference``), converts Lambert-93 coordinates to
WGS84 and matches each unit to the organisations of the documents. ``rna_rows`` does the same
for the active associations (``position = A``) of the RNA. ``figure_rows`` checks an
observatory table (territory, indicator, year, value, source) against the ontology's measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ess_core.iris import slugify
from ess_core.settings import Settings
from ingest.datasets.matching import (
    LINK_AT,
    Match,
    Matcher,
    cached_slug,
    document_organisations,
)
from ingest.datasets.tables import (
    FIGURES,
    STOCK_ETABLISSEMENT,
    STOCK_UNITE_LEGALE,
    WALDEC,
    DatasetError,
    read_table,
)
from ingest.reference.reader import Commune, load_reference, reference_path

SIRENE_AGENCY = "INSEE (répertoire SIRENE)"
RNA_AGENCY = "Ministère de l'Intérieur (RNA)"
ASSOCIATION_PREFIX = "92"
# Broader concepts of the project's legal-form scheme for INSEE legal categories (level 2).
BROADER = {"92": "association", "93": "fondation", "51": "cooperative", "83": "mutuelle"}


@dataclass
class Prepared:
    """The rows of a dataset, its counts and the review entries of doubtful matches."""

    rows: list[dict[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    review: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)


class Geography:
    """Communes of the reference data, and the Lambert-93 → WGS84 conversion (pyproj)."""

    def __init__(self, settings: Settings, region: str) -> None:
        reference = load_reference(reference_path(settings))
        if region not in reference.regions:
            raise DatasetError(
                f"--region {region}: not a region code of the reference data "
                f"({', '.join(sorted(reference.regions))})"
            )
        current = reference.current_communes()
        self.communes: dict[str, Commune] = dict(current)
        for commune in reference.communes:
            parent = current.get(commune.parent or "")
            if not commune.is_current and parent is not None:
                self.communes.setdefault(commune.code, parent)
        for commune in current.values():
            for former in commune.former_codes:
                self.communes.setdefault(former, commune)
        self.region = region
        self._transformer: Any = None

    def in_region(self, code: str) -> Commune | None:
        commune = self.communes.get(code)
        return commune if commune is not None and commune.region == self.region else None

    def wkt(self, x: str, y: str) -> str:
        """``POINT(lon lat)`` (WGS84, CRS84 order) of Lambert-93 coordinates, or ""."""
        if not x or not y or x.startswith("[") or y.startswith("["):
            return ""
        if self._transformer is None:
            from pyproj import Transformer

            self._transformer = Transformer.from_crs(2154, 4326, always_xy=True)
        lon, lat = self._transformer.transform(float(x), float(y))
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return ""
        return f"POINT({lon:.6f} {lat:.6f})"


def _identifier_label(scheme: str, value: str) -> str:
    return f"{scheme} {value}"


def _review(kind: str, match: Match, names: list[str], ident: str) -> dict[str, Any]:
    return {
        "kind": "organisation",
        "names": [match.document_name, *names][:4],
        "documents": sorted(match.candidate.documents),
        "score": match.score,
        "evidence": f"{ident}: register name {match.register_name!r} ~ document name "
        f"{match.document_name!r} ({kind})",
    }


def _decide(
    found: dict[str, tuple[Match | None, list[str]]], register: str, scheme: str, prepared: Prepared
) -> dict[str, Match]:
    """Links: a unit at or above :data:`LINK_AT` that is the best one for its organisation.
    Every other candidate pair goes to the review list."""
    best: dict[str, tuple[float, str]] = {}
    for key, (match, _) in found.items():
        if match is not None and match.score >= LINK_AT:
            current = best.get(match.candidate.key)
            if current is None or match.score > current[0]:
                best[match.candidate.key] = (match.score, key)
    links: dict[str, Match] = {}
    for key, (match, names) in sorted(found.items()):
        if match is None:
            continue
        if best.get(match.candidate.key, (0.0, ""))[1] == key:
            links[key] = match
        else:
            prepared.review.append(_review(register, match, names, f"{scheme} {key}"))
    return links


def _units(path: Path) -> dict[str, dict[str, str]]:
    units = {}
    for _, row in read_table(path, STOCK_UNITE_LEGALE):
        if (
            row.get("economieSocialeSolidaireUniteLegale") == "O"
            and row.get("etatAdministratifUniteLegale", "A") == "A"
        ):
            units[row["siren"]] = row
    return units


def _sirene_row(
    row: dict[str, str], unit: dict[str, str], commune: Commune, geo: Geography, name: str
) -> dict[str, str]:
    siren, siret = row["siren"], row["siret"]
    category = unit.get("categorieJuridiqueUniteLegale", "")
    naf = row.get("activitePrincipaleEtablissement", "")
    x = row.get("coordonneeLambertAbscisseEtablissement", "")
    y = row.get("coordonneeLambertOrdonneeEtablissement", "")
    wkt = geo.wkt(x, y)
    site_name = row.get("denominationUsuelleEtablissement") or row.get("enseigne1Etablissement")
    return {
        "dataset": name,
        "siren": siren,
        "siret": siret,
        "commune": commune.code,
        "legal_name": unit.get("denominationUniteLegale", ""),
        "alt_label": site_name or "",
        "siren_label": _identifier_label("SIREN", siren),
        "siren_notation": siren,
        "siret_notation": siret,
        "siret_label": _identifier_label("SIRET", siret),
        "site_label": f"{site_name or unit.get('denominationUniteLegale') or siret} "
        f"({commune.name})",
        "cj": category,
        "cj_label": f"catégorie juridique INSEE {category}" if category else "",
        "cj_broader": BROADER.get(category[:2], "") if category else "",
        "naf": naf,
        "naf_key": cached_slug(naf) if naf else "",
        "naf_label": f"NAF rév. 2 {naf}" if naf else "",
        "geometry": siret if wkt else "",
        "wkt": wkt,
    }


def sirene_rows(
    settings: Settings, establishments: Path, units_file: Path | None, region: str, name: str
) -> Prepared:
    """The mapped rows of a SIRENE import (see the module docstring)."""
    if units_file is None:
        raise DatasetError(
            f"{establishments}: a SIRENE import needs --units FILE "
            "(StockUniteLegale: the ESS flag and the legal category)"
        )
    geo = Geography(settings, region)
    units = _units(units_file)
    prepared = Prepared(inputs=[establishments, units_file])
    kept: dict[str, list[dict[str, str]]] = {}
    read = 0
    for _, row in read_table(establishments, STOCK_ETABLISSEMENT):
        read += 1
        unit = units.get(row["siren"])
        if unit is None or row["etatAdministratifEtablissement"] != "A":
            continue
        commune = geo.in_region(row.get("codeCommuneEtablissement", ""))
        if commune is None:
            continue
        kept.setdefault(row["siren"], []).append(_sirene_row(row, unit, commune, geo, name))
    matcher = Matcher(document_organisations(settings))
    found: dict[str, tuple[Match | None, list[str]]] = {}
    for siren, rows in sorted(kept.items()):
        unit = units[siren]
        # the legal unit's names only: an establishment's sign is too weak a clue
        names = list(
            dict.fromkeys(
                n for n in (unit.get("denominationUniteLegale"), unit.get("sigleUniteLegale")) if n
            )
        )
        association = unit.get("categorieJuridiqueUniteLegale", "").startswith(ASSOCIATION_PREFIX)
        found[siren] = (
            matcher.best(
                names,
                geo.communes[rows[0]["commune"]].name,
                association,
                siren=siren,
                rna=unit.get("identifiantAssociationUniteLegale"),
            ),
            names,
        )
    links = _decide(found, "SIRENE", "SIREN", prepared)
    for siren, rows in sorted(kept.items()):
        names = found[siren][1]
        for r in rows:
            _attach(r, links.get(siren), f"siren-{siren}", names[0] if names else siren)
        prepared.rows.extend(rows)
    linked = len(links)
    prepared.counts = {
        "rows read": read,
        "establishments kept": len(prepared.rows),
        "units kept": len(kept),
        "linked to documents": linked,
        "to review": len(prepared.review),
    }
    return prepared


def _attach(row: dict[str, str], link: Match | None, own_key: str, name: str) -> None:
    """Fill the organisation columns: the documents' IRI when linked, else the register's."""
    if link is not None:
        row.update(
            org=link.candidate.key,
            pref_label="",
            match=row["dataset"] + "-" + own_key,
            match_score=str(link.score),
            register_name=link.register_name,
            document_name=link.document_name,
        )
    else:
        row.update(
            org=own_key,
            pref_label=name,
            match="",
            match_score="",
            register_name="",
            document_name="",
        )


def rna_rows(settings: Settings, path: Path, region: str, name: str) -> Prepared:
    """The mapped rows of an RNA (waldec) import."""
    geo = Geography(settings, region)
    matcher = Matcher(document_organisations(settings))
    prepared = Prepared(inputs=[path])
    read = 0
    found: dict[str, tuple[Match | None, list[str]]] = {}
    for _, row in read_table(path, WALDEC):
        read += 1
        commune = geo.in_region(row.get("adrs_codeinsee", ""))
        if row["position"] != "A" or commune is None:
            continue
        rna, siret = row["id"], row.get("siret", "")
        names = list(dict.fromkeys(n for n in (row["titre"], row.get("titre_court")) if n))
        found[rna] = (
            matcher.best(names, commune.name, True, siren=siret[:9] or None, rna=rna),
            names,
        )
        out = {
            "dataset": name,
            "rna": rna,
            "rna_label": _identifier_label("RNA", rna),
            "siren": siret[:9],
            "siren_notation": siret[:9],
            "rna_notation": rna,
            "siren_label": _identifier_label("SIREN", siret[:9]) if siret else "",
            "commune": commune.code,
            "alt_label": row.get("titre_court", ""),
            "legal_name": row["titre"],
            "object1": row.get("objet_social1", ""),
            "object2": row.get("objet_social2", ""),
            "created": row.get("date_creat", ""),
        }
        prepared.rows.append(out)
    links = _decide(found, "RNA", "RNA", prepared)
    for out in prepared.rows:
        rna, title = out["rna"], out["legal_name"]
        link = links.get(rna)
        # keyed by its SIREN when it has one: the same unit as in a SIRENE import, one node
        own = f"siren-{out['siren']}" if out["siren"] else f"rna-{rna.lower()}"
        _attach(out, link, own, title)
        if link is not None:
            out["alt_label"] = out["alt_label"] or title
            out["legal_name"] = ""
    linked = len(links)
    prepared.counts = {
        "rows read": read,
        "associations kept": len(prepared.rows),
        "linked to documents": linked,
        "to review": len(prepared.review),
    }
    return prepared


def figure_rows(settings: Settings, path: Path, measures: dict[str, str], name: str) -> Prepared:
    """The mapped rows of an observatory figures table (one observation per row)."""
    prepared = Prepared(inputs=[path])
    seen: dict[str, int] = {}
    for line, row in read_table(path, FIGURES):
        datatype = measures.get(row["indicator"])
        if datatype is None:
            raise DatasetError(
                f"{path}:{line}: column indicator: {row['indicator']!r} is not a "
                f"measure of the ontology ({', '.join(sorted(measures))})"
            )
        if datatype == "integer" and not row["value"].lstrip("-").isdigit():
            raise DatasetError(f"{path}:{line}: column value: {row['indicator']} is an integer")
        key = slugify(
            f"{name}-{row['territory_kind']}-{row['territory_code']}-"
            f"{row['indicator']}-{row['year']}"
        )
        if key in seen:
            raise DatasetError(
                f"{path}:{line}: column value: same territory, indicator and "
                f"year as line {seen[key]}"
            )
        seen[key] = line
        prepared.rows.append(
            {
                **row,
                "dataset": name,
                "observation": key,
                "value_integer": row["value"] if datatype == "integer" else "",
                "value_decimal": row["value"] if datatype == "decimal" else "",
            }
        )
    prepared.counts = {"rows read": len(prepared.rows), "observations": len(prepared.rows)}
    return prepared


def measures(settings: Settings) -> dict[str, str]:
    """Measure local name -> ``integer`` or ``decimal``, read from the ontology."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(settings.ontology_dir / "ess.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = store.query("""SELECT ?m ?r WHERE {
      ?m a <http://purl.org/linked-data/cube#MeasureProperty> ;
         <http://www.w3.org/2000/01/rdf-schema#range> ?r }""")
    prefix = "https://w3id.org/ess-hdf/ontology#"
    found = {}
    for row in rows:  # type: ignore[union-attr]
        name = row["m"].value.removeprefix(prefix).removeprefix(settings.base_iri + "ontology#")
        found[name] = row["r"].value.rsplit("#", 1)[-1]
    return found
