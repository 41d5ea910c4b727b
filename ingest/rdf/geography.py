"""Official geography as RDF: graph ``<base>graph/reference/geo``.

Communes, arrondissements municipaux, EPCI, départements and régions of the committed reference
file (:mod:`ingest.reference`) — the INSEE COG, overseas collectivities left out — modelled with
the INSEE geography ontology (``igeo:``), the régions under one node for France (``igeo:Pays``);
municipal populations as dated ``qb:Observation`` of one ``qb:DataSet``; the SKOS scheme of EPCI
kinds; and the curated areas (graph ``<base>graph/curation/areas``). Quads are built directly
from pyoxigraph terms (~510k quads, about 3 s).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import (
    DCTERMS,
    IGEO,
    ORG,
    OWL,
    QB,
    RDF,
    RDFS,
    SCHEMA,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SKOS,
    XSD,
    ess_namespace,
)
from ess_core.settings import Settings
from ingest.rdf.sources import SourceGraph
from ingest.reference.areas import Area, areas_path, load_areas
from ingest.reference.country import COUNTRY_CODE, COUNTRY_NAME, INSEE_COUNTRY
from ingest.reference.reader import Reference, load_reference, reference_path

# Source EPCI type -> concept slug of id/concept/epci-kind/<slug>, label, INSEE concept code.
# The Métropole de Lyon (MET69) is listed by the DGCL with the EPCI; it is classified "metro".
EPCI_KINDS: dict[str, tuple[str, str, str]] = {
    "CA": ("ca", "Communauté d'agglomération", "CA"),
    "CC": ("cc", "Communauté de communes", "CC"),
    "CU": ("cu", "Communauté urbaine", "CU"),
    "METRO": ("metro", "Métropole", "Metro"),
    "MET69": ("metro", "Métropole", "Metro"),
}
INSEE_EPCI_TYPE = "http://id.insee.fr/codes/geo/typeDEPCI/"
# "CA Valenciennes Métropole" -> "Valenciennes Métropole" (skos:altLabel); names whose kind is
# followed by a preposition ("CU d'Arras") keep no short form: "Arras" is the commune.
_KIND_PREFIX = re.compile(r"^(?:CA|CC|CU)\s+(?!(?:de|du|des|d'|l')\b)")
# Overseas collectivities (zone "com": Saint-Pierre-et-Miquelon, Polynésie…) are not in the INSEE
# COG lists of communes, départements and régions; the package adds them. They stay in the
# reference file but are not emitted (see data/reference/README.md).
COM = "com"


def geo_graph(iris: Iris) -> str:
    """IRI of the reference geography graph."""
    return iris.graph("reference", "geo")


class _Emitter:
    """Builds the quads of one graph; holds the reused terms."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self.ess = ess_namespace(iris)
        self.g = NamedNode(geo_graph(iris))
        self.type = RDF("type")
        self.code = IGEO("codeINSEE")
        self.nom = IGEO("nom")
        self.pref = SKOS("prefLabel")
        self.label = RDFS("label")
        self.within = IGEO("subdivisionDirecteDe")
        self.postal = SCHEMA("postalCode")
        self.obs_terms = (
            QB("Observation"),
            QB("dataSet"),
            SDMX_DIMENSION("refArea"),
            SDMX_DIMENSION("refPeriod"),
            QB("measureType"),
            self.ess("population"),
        )
        self.dataset = NamedNode(f"{iris.base}id/dataset/population-municipale")
        self._years: dict[int, Literal] = {}

    def node(self, kind: str, key: str) -> NamedNode:
        return NamedNode(f"{self.iris.base}id/{kind}/{key}")

    def quad(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> Quad:
        return Quad(s, p, o, self.g)

    def named(self, s: NamedNode, cls: NamedNode, code: str, name: str) -> Iterator[Quad]:
        """Type, code and names of a territory."""
        fr = Literal(name, language="fr")
        yield Quad(s, self.type, cls, self.g)
        yield Quad(s, self.code, Literal(code), self.g)
        yield Quad(s, self.nom, fr, self.g)
        yield Quad(s, self.pref, fr, self.g)
        yield Quad(s, self.label, fr, self.g)

    def population(
        self, area: NamedNode, kind: str, key: str, value: int | None, year: int | None
    ) -> Iterator[Quad]:
        """A dated municipal population, when both figure and year are known."""
        if value is None or year is None:
            return
        if year not in self._years:
            self._years[year] = Literal(str(year), datatype=XSD("gYear"))
        cls, dataset, ref_area, ref_period, measure_type, measure = self.obs_terms
        obs = self.node("observation", f"population-{kind}-{key}-{year}")
        yield Quad(obs, self.type, cls, self.g)
        yield Quad(obs, dataset, self.dataset, self.g)
        yield Quad(obs, ref_area, area, self.g)
        yield Quad(obs, ref_period, self._years[year], self.g)
        yield Quad(obs, measure_type, measure, self.g)
        yield Quad(obs, measure, Literal(value), self.g)


def _dataset(e: _Emitter, ref: Reference) -> Iterator[Quad]:
    ds = e.dataset
    yield e.quad(ds, e.type, QB("DataSet"))
    yield e.quad(ds, DCTERMS("title"), Literal("Populations municipales (INSEE)", language="fr"))
    yield e.quad(ds, e.label, Literal("Populations municipales (INSEE)", language="fr"))
    yield e.quad(ds, DCTERMS("source"), Literal(str(ref.meta["source"])))
    # The unit is the same for every observation: attached once, to the data set.
    yield e.quad(ds, SDMX_ATTRIBUTE("unitMeasure"), e.node("concept", "unit/inhabitant"))
    structure = NamedNode(f"{ds.value}#structure")
    yield e.quad(ds, QB("structure"), structure)
    yield e.quad(structure, e.type, QB("DataStructureDefinition"))
    for i, (role, prop) in enumerate(
        (
            ("dimension", SDMX_DIMENSION("refArea")),
            ("dimension", SDMX_DIMENSION("refPeriod")),
            ("measure", e.ess("population")),
            ("attribute", SDMX_ATTRIBUTE("unitMeasure")),
        )
    ):
        component = NamedNode(f"{ds.value}#component-{i + 1}")
        yield e.quad(structure, QB("component"), component)
        yield e.quad(component, QB(role), prop)
        if role == "attribute":
            yield e.quad(component, QB("componentAttachment"), QB("DataSet"))


def _epci_kinds(e: _Emitter) -> Iterator[Quad]:
    scheme = e.node("concept", "epci-kind")
    yield e.quad(scheme, e.type, SKOS("ConceptScheme"))
    yield e.quad(scheme, e.pref, Literal("Types d'EPCI à fiscalité propre", language="fr"))
    for slug, label, insee in sorted({v for v in EPCI_KINDS.values()}):
        concept = e.node("concept", f"epci-kind/{slug}")
        yield e.quad(concept, e.type, SKOS("Concept"))
        yield e.quad(concept, SKOS("inScheme"), scheme)
        yield e.quad(concept, e.pref, Literal(label, language="fr"))
        yield e.quad(concept, SKOS("notation"), Literal(slug.upper()))
        yield e.quad(concept, SKOS("exactMatch"), NamedNode(INSEE_EPCI_TYPE + insee))


def _communes(e: _Emitter, ref: Reference) -> Iterator[Quad]:
    epci_of = ref.epci_of()
    former: dict[str, set[str]] = defaultdict(set)
    for c in ref.communes:
        if c.is_current:
            former[c.code].update(c.former_codes)
        elif c.type != "arrondissement-municipal" and c.parent and c.code != c.parent:
            former[c.parent].add(c.code)
    commune_cls, arm_cls = IGEO("Commune"), IGEO("ArrondissementMunicipal")
    former_code = e.ess("formerCodeINSEE")
    for c in ref.communes:
        if c.type not in ("commune-actuelle", "arrondissement-municipal") or c.zone == COM:
            continue
        s = e.node("commune", c.code)
        yield from e.named(s, commune_cls if c.is_current else arm_cls, c.code, c.name)
        if c.is_current:
            yield e.quad(s, e.within, e.node("departement", c.departement))
            if c.code in epci_of:
                yield e.quad(s, e.within, e.node("epci", epci_of[c.code]))
            for old in sorted(former[c.code] - {c.code}):
                yield e.quad(s, former_code, Literal(old))
        elif c.parent:
            yield e.quad(s, e.within, e.node("commune", c.parent))
        for postal in c.postal_codes:
            yield e.quad(s, e.postal, Literal(postal))
        yield from e.population(s, "commune", c.code, c.population, c.population_year)


def _upper(e: _Emitter, ref: Reference) -> Iterator[Quad]:
    country = e.node("pays", COUNTRY_CODE)
    yield from e.named(country, IGEO("Pays"), COUNTRY_CODE, COUNTRY_NAME)
    yield e.quad(country, OWL("sameAs"), NamedNode(INSEE_COUNTRY))
    for r in ref.regions.values():
        if r.zone != COM:
            s = e.node("region", r.code)
            yield from e.named(s, IGEO("Region"), r.code, r.name)
            yield e.quad(s, e.within, country)
    for d in ref.departements.values():
        if d.zone == COM:
            continue
        s = e.node("departement", d.code)
        yield from e.named(s, IGEO("Departement"), d.code, d.name)
        yield e.quad(s, e.within, e.node("region", d.region))


def _epcis(e: _Emitter, ref: Reference) -> Iterator[Quad]:
    cls, classification = IGEO("Intercommunalite"), ORG("classification")
    insee_type, siren = IGEO("typeDEPCI"), e.ess("siren")
    for x in ref.epcis.values():
        s = e.node("epci", x.siren)
        yield from e.named(s, cls, x.siren, x.name)
        short = _KIND_PREFIX.sub("", x.name)
        if short != x.name:
            yield e.quad(s, SKOS("altLabel"), Literal(short, language="fr"))
        yield e.quad(s, siren, Literal(x.siren))
        slug, _label, insee = EPCI_KINDS[x.type]
        yield e.quad(s, classification, e.node("concept", f"epci-kind/{slug}"))
        yield e.quad(s, insee_type, NamedNode(INSEE_EPCI_TYPE + insee))
        yield from e.population(s, "epci", x.siren, x.population, x.population_year)


def geography_quads(ref: Reference, iris: Iris) -> Iterator[Quad]:
    """Every quad of the geography graph."""
    e = _Emitter(iris)
    yield from _dataset(e, ref)
    yield from _epci_kinds(e)
    yield from _upper(e, ref)
    yield from _epcis(e, ref)
    yield from _communes(e, ref)


AREA_KIND_LABELS = {"pays": "Pays", "bassin": "Bassin", "arrondissement": "Arrondissement"}


def area_quads(areas: list[Area], iris: Iris) -> Iterator[Quad]:
    """Curated areas: ``ess:Area`` nodes, their kinds, aliases and documented links."""
    e = _Emitter(iris)
    e.g = NamedNode(iris.graph("curation", "areas"))
    scheme = e.node("concept", "area-kind")
    yield e.quad(scheme, e.type, SKOS("ConceptScheme"))
    yield e.quad(scheme, e.pref, Literal("Types de territoires non administratifs", language="fr"))
    for slug, label in AREA_KIND_LABELS.items():
        concept = e.node("concept", f"area-kind/{slug}")
        yield e.quad(concept, e.type, SKOS("Concept"))
        yield e.quad(concept, SKOS("inScheme"), scheme)
        yield e.quad(concept, e.pref, Literal(label, language="fr"))
    relations = {"contains": DCTERMS("hasPart"), "overlaps": IGEO("territoireCommunAvec")}
    for area in areas:
        s = e.node("area", area.id)
        yield e.quad(s, e.type, e.ess("Area"))
        yield e.quad(s, e.pref, Literal(area.name, language="fr"))
        yield e.quad(s, e.label, Literal(area.name, language="fr"))
        for alias in area.aliases:
            yield e.quad(s, SKOS("altLabel"), Literal(alias, language="fr"))
        yield e.quad(s, DCTERMS("type"), e.node("concept", f"area-kind/{area.kind}"))
        for link in area.links:
            yield e.quad(s, relations[link.relation], NamedNode(f"{iris.base}id/{link.target}"))
            yield e.quad(s, DCTERMS("source"), e.node("document", link.document))


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """The reference geography graph and the curated areas graph (a provider of
    :data:`ingest.rdf.sources.PROVIDERS`)."""
    path, curated = reference_path(settings), areas_path(settings)
    iris = Iris(settings.base_iri)
    return [
        SourceGraph(
            graph=geo_graph(iris),
            origin_kind="reference",
            inputs=(path,),
            quads=lambda: geography_quads(load_reference(path), iris),
        ),
        SourceGraph(
            graph=iris.graph("curation", "areas"),
            origin_kind="curation",
            inputs=(curated,),
            quads=lambda: area_quads(load_areas(curated), iris),
        ),
    ]
