"""Structure records (plans and their parts, governance bodies, events, proposals, figures)
-> triples. Used by ``ingest.rdf.records``; see docs/ONTOLOGY.md for the classes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pyoxigraph import Literal, NamedNode

from ess_core.iris import Iris
from ess_core.namespaces import (
    DCTERMS,
    ORG,
    PROV,
    QB,
    RDF,
    SCHEMA,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SKOS,
    XSD,
    Triple,
    ess_namespace,
)
from ingest.rdf.intervals import gyear, year_interval

STRUCTURE_KINDS = {
    "plan": "plan",
    "orientation": "orientation",
    "stake": "stake",
    "objective": "objective",
    "action": "action",
    "body": "body",
    "proposal": "action",
    "event": "event",
    "observation": "observation",
}
_CLASS = {
    "plan": "Plan",
    "orientation": "Orientation",
    "stake": "Stake",
    "objective": "Objective",
    "action": "Action",
    "body": "GovernanceBody",
    "proposal": "Action",
}
_LINK = {
    ("plan", "orientation"): "hasOrientation",
    ("orientation", "stake"): "hasStake",
    ("plan", "stake"): "hasStake",
    ("orientation", "objective"): "hasObjective",
    ("plan", "objective"): "hasObjective",
    ("objective", "action"): "hasAction",
    ("orientation", "action"): "hasAction",
    ("plan", "action"): "hasAction",
    ("plan", "body"): "hasGovernanceBody",
}
_DECIMAL = {
    "fte",
    "essShareOfJobs",
    "unemploymentRate",
    "amount",
    "povertyRate",
    "industryShareOfJobs",
    "sectorShareOfEssEstablishments",
    "sectorShareOfEssJobs",
    "areaKm2",
    "populationDensity",
    "shareOfEstablishmentsCreatedSince",
}


class StructureMapper:
    """Triples of one structure record; ``node`` turns a reference into an IRI."""

    def __init__(self, iris: Iris, document: str, node: Callable[[str], NamedNode | None]) -> None:
        self.iris = iris
        self.ess = ess_namespace(iris)
        self.document = document
        self.node = node

    def concept(self, scheme: str, slug: str) -> NamedNode:
        return NamedNode(self.iris.resource(f"concept/{scheme}", slug))

    def triples(self, node: NamedNode, kind: str, f: Mapping[str, Any]) -> list[Triple]:
        if kind == "observation":
            return self.observation(node, f)
        if kind == "event":
            return self.event(node, f)
        out: list[Triple] = [
            (node, RDF("type"), self.ess(_CLASS[kind])),
            (node, SKOS("prefLabel"), Literal(f["name"], language="fr")),
        ]
        if "order" in f:
            out.append((node, self.ess("order"), _int(f["order"])))
        parent = self.node(f["parent"]) if "parent" in f else None
        if parent is not None:
            link = _LINK.get((f["parent"].split("/", 1)[0], kind))
            if link:
                out.append((parent, self.ess(link), node))
            elif kind == "proposal":
                out.append((node, PROV("wasGeneratedBy"), parent))
        if "votes" in f:
            out.append((node, self.ess("voteCount"), _int(f["votes"])))
        carrier = self.node(f["carrier"]) if "carrier" in f else None
        if kind == "plan":
            out += self.plan(node, f, carrier)
        if kind == "body":
            out += self.body(node, f, carrier)
        return out

    def plan(
        self, node: NamedNode, f: Mapping[str, Any], carrier: NamedNode | None
    ) -> list[Triple]:
        out: list[Triple] = []
        if carrier is not None:
            out.append((node, PROV("wasAttributedTo"), carrier))
        if f.get("territory"):
            out.append((node, DCTERMS("spatial"), NamedNode(f["territory"])))
        out += year_interval(node, self.ess("period"), NamedNode(node.value + "#period"), f)
        return out

    def body(
        self, node: NamedNode, f: Mapping[str, Any], carrier: NamedNode | None
    ) -> list[Triple]:
        out: list[Triple] = []
        if carrier is not None:
            out.append((node, ORG("unitOf"), carrier))
        out += [
            (node, self.ess("mission"), Literal(m, language="fr")) for m in f.get("missions", [])
        ]
        if f.get("frequency"):
            out.append((node, self.ess("meetingFrequency"), Literal(f["frequency"], language="fr")))
        if f.get("chair_office"):
            out += self.chair(node, f, carrier)
        for ref in f.get("members", []):
            member = self.node(ref)
            if member is None:
                continue
            seat = self.seat(node, ref)
            out += [
                (seat, RDF("type"), ORG("Membership")),
                (seat, ORG("member"), member),
                (seat, ORG("organization"), node),
                (seat, ORG("role"), self.concept("role", "member")),
            ]
        return out

    def chair(
        self, body: NamedNode, f: Mapping[str, Any], carrier: NamedNode | None
    ) -> list[Triple]:
        """The office chairing a body as an ``org:Post`` of the carrier (or of the body when
        the carrier is unknown), linked by ``ess:chairPost``."""
        office = f["chair_office"]
        holder = carrier if carrier is not None else body
        post = NamedNode(self.iris.resource("post", f"{holder.value.rsplit('/', 1)[1]} {office}"))
        out: list[Triple] = [
            (body, self.ess("chairPost"), post),
            (post, RDF("type"), ORG("Post")),
            (post, SKOS("prefLabel"), Literal(office, language="fr")),
            (post, ORG("postIn"), holder),
        ]
        if f.get("chair_role"):
            out.append((post, ORG("role"), self.concept("role", f["chair_role"])))
        return out

    def seat(self, body: NamedNode, ref: str) -> NamedNode:
        """The membership of an organisation in a body."""
        body_key = body.value.rsplit("/", 1)[1]
        return NamedNode(self.iris.resource("membership", f"{body_key}-{ref.split('/', 1)[1]}"))

    def seats(self, body: NamedNode, f: Mapping[str, Any]) -> dict[tuple[int, int], NamedNode]:
        """The passage naming each member -> the membership it supports."""
        return {
            (s, e): self.seat(body, ref)
            for ref, (s, e) in zip(f.get("members", []), f.get("member_spans", []), strict=False)
            if self.node(ref) is not None
        }

    def event(self, node: NamedNode, f: Mapping[str, Any]) -> list[Triple]:
        out: list[Triple] = [
            (node, RDF("type"), self.ess("Event")),
            (node, SKOS("prefLabel"), Literal(f["name"], language="fr")),
        ]
        if f.get("event_kind"):
            out.append((node, DCTERMS("type"), self.concept("event-kind", f["event_kind"])))
        for field, prop in (("date", "startDate"), ("end_date", "endDate")):
            if field in f:
                out.append((node, SCHEMA(prop), _date(f[field])))
        if f.get("territory"):
            out.append((node, self.ess("locatedIn"), NamedNode(f["territory"])))
        for refs, link in (
            ("organisers", SCHEMA("organizer")),
            ("involves", self.ess("involves")),
        ):
            for ref in f.get(refs, []):
                if (org := self.node(ref)) is not None:
                    out.append((node, link, org))
        if "order" in f:
            out.append((node, self.ess("order"), _int(f["order"])))
        parent = self.node(f["parent"]) if "parent" in f else None
        if parent is not None:
            link = SCHEMA("superEvent") if f["parent"].startswith("event/") else SCHEMA("about")
            out.append((node, link, parent))
        for field, measure in (
            ("participants", "memberCount"),
            ("structures", "organisationCount"),
        ):
            if field in f and f.get("territory") and "date" in f:
                obs = NamedNode(node.value.replace("/id/event/", "/id/observation/") + f"-{field}")
                out += self.observation(
                    obs,
                    {
                        "measure": measure,
                        "value": f[field],
                        "unit": "count",
                        "area": f["territory"],
                        "year": int(f["date"][:4]),
                    },
                    agent=node,
                )
        return out

    def observation(
        self, node: NamedNode, f: Mapping[str, Any], agent: NamedNode | None = None
    ) -> list[Triple]:
        dataset = NamedNode(self.iris.resource("dataset", f"figures-{self.document}"))
        measure = f["measure"]
        value = f["value"]
        if not f.get("area") or not f.get("year"):
            return []  # an observation needs its territory and its year
        literal = (
            Literal(str(value), datatype=XSD("decimal"))
            if measure in _DECIMAL
            else _int(int(value))
        )
        out: list[Triple] = [
            (dataset, RDF("type"), QB("DataSet")),
            (
                dataset,
                DCTERMS("title"),
                Literal(f"Chiffres cités par {self.document}", language="fr"),
            ),
            (node, RDF("type"), QB("Observation")),
            (node, QB("dataSet"), dataset),
            (node, SDMX_DIMENSION("refArea"), NamedNode(f["area"])),
            (node, SDMX_DIMENSION("refPeriod"), gyear(f["year"])),
            (node, QB("measureType"), self.ess(measure)),
            (node, self.ess(measure), literal),
            (node, SDMX_ATTRIBUTE("unitMeasure"), self.concept("unit", f["unit"])),
        ]
        if f.get("sector"):
            out.append((node, self.ess("refSector"), self.concept("sector", f["sector"])))
        if f.get("since_year"):
            out.append((node, self.ess("sinceYear"), gyear(f["since_year"])))
        for field, prop in (
            ("population_below", "populationBelow"),
            ("population_above", "populationAbove"),
        ):
            if f.get(field):
                out.append((node, self.ess(prop), _int(f[field])))
        agent = agent or (self.node(f["agent"]) if "agent" in f else None)
        if agent is not None:
            out.append((node, self.ess("refAgent"), agent))
        return out


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD("integer"))


def _date(value: str) -> Literal:
    kind = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
    return Literal(value, datatype=XSD(kind))
