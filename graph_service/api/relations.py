"""Relations read from a description's fact nodes: roles, partnerships, events, labels."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ess_core.iris import Iris
from ess_core.namespaces import FOAF, IGEO, ORG, RDFS, SCHEMA, SKOS, TIME
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.resource_description import Description, Value

MEMBERSHIP = ORG("Membership").value
Props = dict[str, list[Value]]
BEGINNING, END = TIME("hasBeginning").value, TIME("hasEnd").value


class RolePublic(BaseModel):
    """A dated role (``org:Membership``): who, in which organisation, as what, when."""

    id: str
    person: Ref | None = None
    organisation: Ref | None = None
    role: Ref | None = None
    start: str | None = None
    end: str | None = None
    sources: list[SourcePublic] = Field(default_factory=list)


class PartnershipLink(BaseModel):
    """A partnership or link (``ess:Partnership``) between two agents or more."""

    id: str
    relation_kind: Ref | None = None
    partners: list[Ref] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    sources: list[SourcePublic] = Field(default_factory=list)


class EventLink(BaseModel):
    """An event, founding or other change linked to the node."""

    id: str
    label: str | None = None
    types: list[str] = Field(default_factory=list)
    date: str | None = None
    sources: list[SourcePublic] = Field(default_factory=list)


def label(found: Description) -> str | None:
    """The node's display label (preferred label, name, INSEE name, title or label)."""
    for prop in (SKOS("prefLabel"), FOAF("name"), IGEO("nom"), RDFS("label")):
        value = found.first(prop.value)
        if value:
            return value
    return found.first("http://purl.org/dc/terms/title")


def _one(props: Props, prop: str) -> Ref | None:
    values = [v for v in props.get(prop, []) if v.is_iri]
    return values[0].ref() if values else None


def _first(props: Props, prop: str) -> str | None:
    values = props.get(prop, [])
    return values[0].value if values else None


def roles(found: Description) -> list[RolePublic]:
    """The memberships of the node (as member or as organisation)."""
    return sorted(
        (
            RolePublic(
                id=node,
                person=_one(props, ORG("member").value),
                organisation=_one(props, ORG("organization").value),
                role=_one(props, ORG("role").value),
                start=_first(props, BEGINNING),
                end=_first(props, END),
                sources=found.sources.get(node, []),
            )
            for node, props in found.fact_nodes(MEMBERSHIP).items()
        ),
        key=lambda r: r.id,
    )


def partnerships(found: Description, iris: Iris) -> list[PartnershipLink]:
    """The partnerships the node takes part in."""
    return sorted(
        (
            PartnershipLink(
                id=node,
                relation_kind=_one(props, iris.term("relationKind")),
                partners=[v.ref() for v in props.get(iris.term("partner"), [])],
                start=_first(props, BEGINNING),
                end=_first(props, END),
                sources=found.sources.get(node, []),
            )
            for node, props in found.fact_nodes(iris.term("Partnership")).items()
        ),
        key=lambda p: p.id,
    )


def events(found: Description, iris: Iris) -> list[EventLink]:
    """Events and organisation changes around the node."""
    prefixes = (f"{iris.base}id/event/", f"{iris.base}id/change/")
    types = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    return sorted(
        (
            EventLink(
                id=node,
                label=_first(props, RDFS("label").value) or _first(props, SKOS("prefLabel").value),
                types=[v.value for v in props.get(types, [])],
                date=_first(props, SCHEMA("startDate").value) or _first(props, BEGINNING),
                sources=found.sources.get(node, []),
            )
            for node, props in found.nodes.items()
            if node.startswith(prefixes)
        ),
        key=lambda e: e.id,
    )
