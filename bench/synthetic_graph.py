"""A synthetic national ESS graph on France's real geography, deterministic for a seed.

``python bench/synthetic_graph.py --triples 1000000 --out /tmp/syn`` writes
``synthetic.nq`` (the quads, one named graph per source as the build makes them) and
``synthetic-default.nt`` (the same triples, for the default graph the build materialises;
docs/ARCHITECTURE.md, "Named graphs"). ``bench/scale_bench.py`` loads them beside the
project's own ontology and reference geography. Nothing here is real but the geography: the
organisations, people, documents and figures are invented; their names are made of syllables.

What is generated, and how it is distributed (``Params`` holds the numbers):

* **Organisations** (``org:Organization``, graph ``<base>graph/dataset/synthetic-register``),
  generated one after the other until the target number of triples is reached. Each is placed
  in a current commune drawn with probability proportional to its municipal population (the
  reference file's figure: they gather in the large communes, as ESS employers do).
  Legal form (``rov:orgType``, the ontology's concepts): association 72 %,
  cooperative 5 %, SCOP 4 %, SCIC 2 %, mutuelle 3 %, fondation 2 %, ESUS company 7 %,
  commercial ESS company 5 %. Activity (``rov:orgActivity``): one of 24 NAF codes (``concept/naf``)
  with Zipf weights (1/rank: 88.99B, social action, first). Kind (``org:classification``) for one
  in four, sector (``ess:sector``) for one in two. Identifiers: a SIREN (unique, 9 digits) as
  ``ess:siren`` and an ``adms:Identifier`` node; one site (``org:Site``, SIRET, same commune)
  per organisation, a second for one in ten; ``rov:RegisteredOrganization``.
* **People** (``foaf:Person``, graph ``.../synthetic-people``): 0-4 per organisation
  (mean 1.6), each with a dated membership (``org:Membership``, ``org:role`` one of the
  ontology's roles: a president for 70 % of associations, then director, treasurer, secretary,
  board member, employee; ``org:memberDuring`` an interval beginning 1985-2025, ended for one
  in three).
* **Partnerships** (``ess:Partnership``, ``.../synthetic-links``): 0.6 per organisation; the
  partner is in the same département 70 % of the time, else anywhere; kind partner,
  funded-by, member-of (60/25/15 %).
* **Documents** (``ess:SourceDocument``, one graph ``<base>graph/document/syn-<n>`` each, as
  extracted documents are): one per 25 organisations, about the département of the
  organisation that starts it; each mentions 4-40 organisations and people of that
  département (geometric, mean ~12), every mention an ``ess:Mention`` with its
  ``oa:SpecificResource``, position and quote selectors (15 triples), as the build writes
  extracted mentions.
* **Figures** (``qb:Observation``, ``.../synthetic-figures``): for the commune of every
  twentieth organisation (once per commune), ESS jobs and establishments for 2015-2023 (two
  observations a year, one measure each, ``ess:essJobs`` / ``ess:establishments``), one
  ``qb:DataSet``.

This comes to ~59 triples per organisation (measured: 1,000,014 triples for 16,902
organisations at seed 16), so 1 M triples is ~17,000 organisations and 10 M ~170,000 (France
has ~150,000 ESS employers). The build adds the project's own ~536k quads and every triple
again in the default graph. The same seed and target give byte-identical files.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from the repository root
    sys.path.insert(0, str(REPO))

from pyoxigraph import DefaultGraph, RdfFormat, Store  # noqa: E402

from ess_core.settings import load_settings  # noqa: E402
from ingest.reference.reader import load_reference, reference_path  # noqa: E402
from ingest.store.bulk import load_lines  # noqa: E402

BASE = "https://w3id.org/ess-hdf/"
ID = f"{BASE}id/"
ESS = f"{BASE}ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
ROV = "http://www.w3.org/ns/regorg#"
ADMS = "http://www.w3.org/ns/adms#"
FOAF = "http://xmlns.com/foaf/0.1/"
TIME = "http://www.w3.org/2006/time#"
OA = "http://www.w3.org/ns/oa#"
DCT = "http://purl.org/dc/terms/"
QB = "http://purl.org/linked-data/cube#"
SDMX_DIM = "http://purl.org/linked-data/sdmx/2009/dimension#"

LEGAL_FORMS = (
    ("association", 72),
    ("cooperative", 5),
    ("scop", 4),
    ("scic", 2),
    ("mutuelle", 3),
    ("fondation", 2),
    ("esus-company", 7),
    ("ess-commercial-company", 5),
)
NAF_CODES = (
    "88.99B 94.99Z 88.10A 85.59A 93.12Z 90.01Z 87.30A 65.12Z 64.19Z 56.10A 88.91A 85.59B "
    "86.90D 88.10C 38.32Z 47.79Z 49.39A 81.30Z 01.13Z 55.20Z 93.29Z 91.02Z 68.20A 87.10A"
).split()
KINDS = ("network", "collective", "support-structure", "funder", "third-place", "enterprise")
SECTORS = ("insertion", "disability", "food", "reuse", "mobility", "culture", "environment")
ROLES = ("director", "treasurer", "secretary", "board-member", "employee", "coordinator")
RELATIONS = (("partner", 60), ("funded-by", 25), ("member-of", 15))
SYLLABLES = (
    "ba be bi bo da de di do fa fe fi lo la le li ma me mi mo na ne ni no pa pe pi ra re ri "
    "ro sa se si so ta te ti to va ve vi ral len mar tin ver bel cor val mon"
).split()
WORDS = (
    "Atelier Maison Jardin Ressourcerie Recyclerie Collectif Réseau Coopérative Fabrique "
    "Épicerie Chantier Pôle Tiers-lieu Café Compagnie Entraide Solidarité Partage"
).split()
ADJECTIVES = "solidaire partagé commun vert ouvert coopératif citoyen durable".split()


@dataclass(frozen=True)
class Params:
    """The numbers of the distributions (see the module docstring)."""

    people_mean: float = 1.6
    partnerships: float = 0.6
    local_partner: float = 0.7
    orgs_per_document: int = 25
    mention_mean: float = 12.0
    figures_every: int = 20
    years: tuple[int, ...] = tuple(range(2015, 2024))


@dataclass(frozen=True)
class Place:
    commune: str
    departement: str
    name: str


def _lit(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _fr(text: str) -> str:
    return f"{_lit(text)}@fr"


def _iri(value: str) -> str:
    return f"<{value}>"


def places() -> tuple[list[Place], list[int]]:
    """Current communes (outside the overseas collectivities) and their populations."""
    reference = load_reference(reference_path(load_settings()))
    found: list[Place] = []
    weights: list[int] = []
    for c in reference.communes:
        if c.type != "commune-actuelle" or c.zone == "com":
            continue
        found.append(Place(c.code, c.departement, c.name))
        weights.append(max(1, c.population or 1))
    return found, weights


class _Writer:
    """Writes each triple twice: as an N-Quads line of its graph and an N-Triples line."""

    def __init__(self, quads: TextIO, triples: TextIO) -> None:
        self.quads, self.triples = quads, triples
        self.count = 0

    def add(self, graph: str, lines: Sequence[tuple[str, str, str]]) -> None:
        g = f" <{graph}> .\n"
        for s, p, o in lines:
            head = f"{s} {p} {o}"
            self.quads.write(head + g)
            self.triples.write(head + " .\n")
        self.count += len(lines)


class Generator:
    """The graph, drawn from one ``random.Random(seed)``."""

    def __init__(self, seed: int, params: Params, geography: tuple[list[Place], list[int]]):
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible)
        self.params = params
        self.places, weights = geography
        self.cumulative = list(itertools.accumulate(weights))
        self.by_departement: dict[str, list[int]] = {}
        self.orgs: list[tuple[str, Place]] = []
        self.people: list[tuple[str, Place]] = []
        self.documents = 0
        self.figured: set[str] = set()
        self.graph_register = f"{BASE}graph/dataset/synthetic-register"
        self.graph_people = f"{BASE}graph/dataset/synthetic-people"
        self.graph_links = f"{BASE}graph/dataset/synthetic-links"
        self.graph_figures = f"{BASE}graph/dataset/synthetic-figures"

    def _place(self) -> Place:
        point = self.rng.random() * self.cumulative[-1]
        return self.places[bisect.bisect_right(self.cumulative, point)]

    def _weighted(self, items: Sequence[tuple[str, int]]) -> str:
        return self.rng.choices([i for i, _ in items], [w for _, w in items])[0]

    def _name(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    def _count(self, mean: float, cap: int) -> int:
        """A geometric count of the given mean, at most ``cap``."""
        p = 1 / (1 + mean)
        n = 0
        while n < cap and self.rng.random() > p:
            n += 1
        return n

    def header(self, out: _Writer) -> None:
        """The data set of the figures and the NAF scheme."""
        ds = _iri(f"{ID}dataset/synthetic-ess-figures")
        naf = _iri(f"{ID}concept/naf")
        lines = [
            (ds, _iri(RDF_TYPE), _iri(f"{QB}DataSet")),
            (ds, _iri(f"{DCT}title"), _fr("Emplois de l'ESS par commune (synthétique)")),
            (naf, _iri(RDF_TYPE), _iri(f"{SKOS}ConceptScheme")),
            (naf, _iri(f"{SKOS}prefLabel"), _fr("nomenclature d'activités française")),
        ]
        for code in NAF_CODES:
            node = _iri(f"{ID}concept/naf/{code.lower().replace('.', '-')}")
            lines += [
                (node, _iri(RDF_TYPE), _iri(f"{SKOS}Concept")),
                (node, _iri(f"{SKOS}inScheme"), naf),
                (node, _iri(f"{SKOS}notation"), _lit(code)),
                (node, _iri(f"{SKOS}prefLabel"), _fr(f"NAF rév. 2 {code}")),
            ]
        out.add(self.graph_figures, lines)

    def organisation(self, out: _Writer) -> None:
        """One organisation with its sites, people, partnerships, figures, and documents."""
        n = len(self.orgs)
        place = self._place()
        form = self._weighted(LEGAL_FORMS)
        naf = self.rng.choices(NAF_CODES, [1 / (r + 1) for r in range(len(NAF_CODES))])[0]
        words = f"{self.rng.choice(WORDS)} {self.rng.choice(ADJECTIVES)} {self._name(2)}"
        label = f"{words} de {place.name}"
        slug = f"syn-{n}"
        org = _iri(f"{ID}organisation/{slug}")
        siren = f"{(800_000_000 + n):09d}"
        ident = _iri(f"{ID}identifier/siren-{siren}")
        commune = _iri(f"{ID}commune/{place.commune}")
        t = _iri(RDF_TYPE)
        lines = [
            (org, t, _iri(f"{ORG}Organization")),
            (org, t, _iri(f"{ROV}RegisteredOrganization")),
            (org, _iri(f"{SKOS}prefLabel"), _fr(label)),
            (org, _iri(f"{ROV}legalName"), _lit(label.upper())),
            (org, _iri(f"{ROV}orgType"), _iri(f"{ID}concept/legal-form/{form}")),
            (
                org,
                _iri(f"{ROV}orgActivity"),
                _iri(f"{ID}concept/naf/{naf.lower().replace('.', '-')}"),
            ),
            (org, _iri(f"{ESS}locatedIn"), commune),
            (org, _iri(f"{ESS}siren"), _lit(siren)),
            (org, _iri(f"{ROV}registration"), ident),
            (org, _iri(f"{ADMS}identifier"), ident),
            (ident, t, _iri(f"{ADMS}Identifier")),
            (ident, _iri(f"{SKOS}notation"), _lit(siren)),
            (ident, _iri(f"{ADMS}schemaAgency"), _lit("INSEE (répertoire SIRENE, synthétique)")),
            (ident, _iri(f"{RDFS}label"), _lit(f"SIREN {siren}")),
        ]
        if self.rng.random() < 0.25:
            kind = self.rng.choice(KINDS)
            lines.append(
                (org, _iri(f"{ORG}classification"), _iri(f"{ID}concept/organisation-kind/{kind}"))
            )
        if self.rng.random() < 0.5:
            sector = self.rng.choice(SECTORS)
            lines.append((org, _iri(f"{ESS}sector"), _iri(f"{ID}concept/sector/{sector}")))
        for i in range(2 if self.rng.random() < 0.1 else 1):
            siret = f"{siren}{i + 1:05d}"
            site = _iri(f"{ID}site/{siret}")
            sid = _iri(f"{ID}identifier/siret-{siret}")
            lines += [
                (org, _iri(f"{ORG}hasSite"), site),
                (site, t, _iri(f"{ORG}Site")),
                (site, _iri(f"{ESS}siret"), _lit(siret)),
                (site, _iri(f"{ESS}locatedIn"), commune),
                (site, _iri(f"{ADMS}identifier"), sid),
                (sid, t, _iri(f"{ADMS}Identifier")),
                (sid, _iri(f"{SKOS}notation"), _lit(siret)),
                (sid, _iri(f"{ADMS}schemaAgency"), _lit("INSEE (répertoire SIRENE, synthétique)")),
                (sid, _iri(f"{RDFS}label"), _lit(f"SIRET {siret}")),
            ]
        out.add(self.graph_register, lines)
        self.orgs.append((slug, place))
        self.by_departement.setdefault(place.departement, []).append(n)
        self._people(out, slug, place, form)
        self._partnerships(out, n, place)
        if n % self.params.figures_every == 0 and place.commune not in self.figured:
            self.figured.add(place.commune)  # one series per commune
            self._figures(out, place)
        if n % self.params.orgs_per_document == self.params.orgs_per_document - 1:
            self._document(out, place)

    def _people(self, out: _Writer, org_slug: str, place: Place, form: str) -> None:
        count = min(4, self._count(self.params.people_mean, 4))
        t = _iri(RDF_TYPE)
        lines: list[tuple[str, str, str]] = []
        for i in range(count):
            n = len(self.people)
            given, family = self._name(2), self._name(3)
            person = _iri(f"{ID}person/syn-{n}")
            president = i == 0 and form == "association" and self.rng.random() < 0.7
            role = "president" if president else self.rng.choice(ROLES)
            membership = f"{ID}membership/syn-{n}-{org_slug}"
            begin = self.rng.randint(1985, 2025)
            lines += [
                (person, t, _iri(f"{FOAF}Person")),
                (person, _iri(f"{FOAF}name"), _lit(f"{given} {family}")),
                (person, _iri(f"{FOAF}givenName"), _lit(given)),
                (person, _iri(f"{FOAF}familyName"), _lit(family)),
                (_iri(membership), t, _iri(f"{ORG}Membership")),
                (_iri(membership), _iri(f"{ORG}member"), person),
                (
                    _iri(membership),
                    _iri(f"{ORG}organization"),
                    _iri(f"{ID}organisation/{org_slug}"),
                ),
                (_iri(membership), _iri(f"{ORG}role"), _iri(f"{ID}concept/role/{role}")),
                (_iri(membership), _iri(f"{ORG}memberDuring"), _iri(f"{membership}#interval")),
                (_iri(f"{membership}#interval"), t, _iri(f"{TIME}Interval")),
                (
                    _iri(f"{membership}#interval"),
                    _iri(f"{TIME}hasBeginning"),
                    _iri(f"{membership}#start"),
                ),
                (_iri(f"{membership}#start"), t, _iri(f"{TIME}Instant")),
                (_iri(f"{membership}#start"), _iri(f"{TIME}inXSDgYear"), _typed(begin, "gYear")),
            ]
            if self.rng.random() < 1 / 3:
                end = min(2026, begin + self.rng.randint(1, 12))
                lines += [
                    (
                        _iri(f"{membership}#interval"),
                        _iri(f"{TIME}hasEnd"),
                        _iri(f"{membership}#end"),
                    ),
                    (_iri(f"{membership}#end"), t, _iri(f"{TIME}Instant")),
                    (_iri(f"{membership}#end"), _iri(f"{TIME}inXSDgYear"), _typed(end, "gYear")),
                ]
            self.people.append((f"syn-{n}", place))
        out.add(self.graph_people, lines)

    def _partnerships(self, out: _Writer, n: int, place: Place) -> None:
        count = self._count(self.params.partnerships, 5)
        local = self.by_departement[place.departement]
        lines: list[tuple[str, str, str]] = []
        for i in range(count):
            near = self.rng.random() < self.params.local_partner and len(local) > 1
            pool = local if near else None
            other = self.rng.choice(pool) if pool else self.rng.randrange(len(self.orgs))
            if other == n:
                continue
            kind = self._weighted(RELATIONS)
            node = _iri(f"{ID}partnership/syn-{n}-{i}")
            me, them = _iri(f"{ID}organisation/syn-{n}"), _iri(f"{ID}organisation/syn-{other}")
            lines += [
                (node, _iri(RDF_TYPE), _iri(f"{ESS}Partnership")),
                (node, _iri(f"{ESS}relationKind"), _iri(f"{ID}concept/relation-kind/{kind}")),
                (node, _iri(f"{ESS}partner"), me),
                (node, _iri(f"{ESS}partner"), them),
                (node, _iri(f"{ESS}initiator"), me),
            ]
        out.add(self.graph_links, lines)

    def _figures(self, out: _Writer, place: Place) -> None:
        t = _iri(RDF_TYPE)
        ds = _iri(f"{ID}dataset/synthetic-ess-figures")
        area = _iri(f"{ID}commune/{place.commune}")
        lines: list[tuple[str, str, str]] = []
        for year in self.params.years:
            jobs = self.rng.randint(5, 5000)
            for measure, value in (("essJobs", jobs), ("establishments", max(1, jobs // 12))):
                obs = _iri(f"{ID}observation/syn-{measure}-{place.commune}-{year}")
                lines += [
                    (obs, t, _iri(f"{QB}Observation")),
                    (obs, _iri(f"{QB}dataSet"), ds),
                    (obs, _iri(f"{SDMX_DIM}refArea"), area),
                    (obs, _iri(f"{SDMX_DIM}refPeriod"), _typed(year, "gYear")),
                    (obs, _iri(f"{QB}measureType"), _iri(f"{ESS}{measure}")),
                    (obs, _iri(f"{ESS}{measure}"), _typed(value, "integer")),
                ]
        out.add(self.graph_figures, lines)

    def _document(self, out: _Writer, place: Place) -> None:
        d = self.documents
        self.documents += 1
        slug = f"syn-{d}"
        graph = f"{BASE}graph/document/{slug}"
        doc = _iri(f"{ID}document/{slug}")
        t = _iri(RDF_TYPE)
        lines = [
            (doc, t, _iri(f"{ESS}SourceDocument")),
            (doc, _iri(f"{DCT}title"), _fr(f"Portrait de l'ESS à {place.name} ({d})")),
            (doc, _iri(f"{DCT}identifier"), _lit(slug)),
            (doc, _iri(f"{ESS}genre"), _iri(f"{ID}concept/genre/portrait")),
            (doc, _iri(f"{DCT}issued"), _typed(self.rng.randint(2010, 2025), "gYear")),
            (doc, _iri(f"{DCT}spatial"), _iri(f"{ID}commune/{place.commune}")),
        ]
        local = self.by_departement[place.departement]
        offset = 0
        for m in range(max(4, min(40, self._count(self.params.mention_mean, 40)))):
            if self.people and self.rng.random() < 0.3:
                body = _iri(f"{ID}person/{self.rng.choice(self.people)[0]}")
            else:
                body = _iri(f"{ID}organisation/syn-{self.rng.choice(local)}")
            offset += self.rng.randint(20, 400)
            end = offset + self.rng.randint(5, 40)
            node = f"{ID}mention/{slug}-{m}"
            target, pos, quote = f"{node}#target", f"{node}#position", f"{node}#quote"
            lines += [
                (_iri(node), t, _iri(f"{ESS}Mention")),
                (_iri(node), _iri(f"{OA}hasBody"), body),
                (_iri(node), _iri(f"{OA}hasTarget"), _iri(target)),
                (_iri(node), _iri(f"{ESS}extractionMethod"), _iri(f"{ESS}method-rule")),
                (_iri(node), _iri(f"{ESS}confidence"), _typed("0.9", "decimal")),
                (_iri(target), t, _iri(f"{OA}SpecificResource")),
                (_iri(target), _iri(f"{OA}hasSource"), doc),
                (_iri(target), _iri(f"{OA}hasSelector"), _iri(pos)),
                (_iri(target), _iri(f"{OA}hasSelector"), _iri(quote)),
                (_iri(pos), t, _iri(f"{OA}TextPositionSelector")),
                (_iri(pos), _iri(f"{OA}start"), _typed(offset, "integer")),
                (_iri(pos), _iri(f"{OA}end"), _typed(end, "integer")),
                (_iri(quote), t, _iri(f"{OA}TextQuoteSelector")),
                (_iri(quote), _iri(f"{OA}exact"), _lit(f"mention {m} de {slug}")),
            ]
        out.add(graph, lines)


def generate(
    folder: Path,
    triples: int,
    seed: int = 16,
    params: Params | None = None,
    geography: tuple[list[Place], list[int]] | None = None,
    *,
    default_file: bool = True,
) -> tuple[int, int]:
    """Write ``synthetic.nq`` and ``synthetic-default.nt`` of about ``triples`` triples into
    ``folder``; return the triples written and the organisations. Without ``default_file``
    only the quads are written (a store serving the union of its graphs needs no more)."""
    folder.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed, params or Params(), geography or places())
    plain_path = folder / "synthetic-default.nt" if default_file else Path(os.devnull)
    with (
        (folder / "synthetic.nq").open("w", encoding="utf-8") as quads,
        plain_path.open("w", encoding="utf-8") as plain,
    ):
        out = _Writer(quads, plain)
        generator.header(out)
        while out.count < triples:
            generator.organisation(out)
    return out.count, len(generator.orgs)


def load(store: Store, folder: Path, *, default_graph: bool = True, threads: int = 1) -> None:
    """Bulk-load the files of ``folder`` into ``store``: the quads into their graphs, the
    triples into the default graph unless ``default_graph`` is false (lenient: the generator
    writes valid IRIs); each file in ``threads`` parts at once, as the build loads
    (:func:`ingest.store.bulk.load_lines`)."""
    nq, nt = folder / "synthetic.nq", folder / "synthetic-default.nt"
    load_lines(store, nq, threads=threads)
    if default_graph:
        load_lines(store, nt, threads=threads, format=RdfFormat.N_TRIPLES, to_graph=DefaultGraph())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--quads-only", action="store_true", help="no synthetic-default.nt (the quads only)"
    )
    args = parser.parse_args()
    tick = time.perf_counter()
    count, orgs = generate(args.out, args.triples, args.seed, default_file=not args.quads_only)
    print(f"{count:,} triples, {orgs:,} organisations in {time.perf_counter() - tick:.1f} s")


if __name__ == "__main__":
    main()
