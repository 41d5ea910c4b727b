"""``/api/plans``: territorial ESS plans (``ess:Plan``) with their structure."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ess_core.namespaces import SKOS, XSD
from graph_service.api import filters as f
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import add_list_route
from graph_service.api.lookup import find
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.plan_tree import (
    BodyPublic,
    NodePublic,
    VotePublic,
    plan_bodies,
    plan_tree,
    plan_votes,
)
from graph_service.api.relations import BEGINNING, END, label
from graph_service.api.representation import respond

router = APIRouter(prefix="/api/plans", tags=["plans"])
SELECTION = "?item a ess:Plan ."
RUNNING_IN = (
    "?item ess:period ?_pp . ?_pp time:hasBeginning/time:inXSDgYear ?_ps . "
    "OPTIONAL { ?_pp time:hasEnd/time:inXSDgYear ?_pe } "
    "FILTER(xsd:integer(STR(?_ps)) <= ?year && "
    "(!BOUND(?_pe) || xsd:integer(STR(?_pe)) >= ?year))"
)


class PlanPublic(BaseModel):
    """A plan: its period, territory, orientations, objectives, actions, bodies, sources."""

    id: str
    label: str | None = None
    alt_labels: list[str] = Field(default_factory=list)
    territories: list[Ref] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    orientations: list[Ref] = Field(default_factory=list)
    stakes: list[Ref] = Field(default_factory=list)
    objectives: list[Ref] = Field(default_factory=list)
    actions: list[Ref] = Field(default_factory=list)
    governance_bodies: list[Ref] = Field(default_factory=list)
    tree: list[NodePublic] = Field(
        default_factory=list, description="Orientation → objective → action, in order."
    )
    governance: list[BodyPublic] = Field(
        default_factory=list, description="Governance bodies and their members."
    )
    votes: list[VotePublic] = Field(
        default_factory=list, description="Proposals of the concertation with votes."
    )
    sources: list[SourcePublic] = Field(default_factory=list)
    documents: list[Ref] = Field(default_factory=list)


FILTERS = f.ListFilters(
    f.territory_param("Plans whose territory is this one or within it."),
    f.document_param(),
    f.year_param("Plans running that year.", RUNNING_IN, XSD("integer").value),
)


add_list_route(
    router,
    "read_plans",
    "List plans",
    "Plans matching every given filter, by label.",
    SELECTION,
    FILTERS,
)


@router.get("/{slug}", response_model=PlanPublic, summary="One plan")
async def read_plan(
    request: Request,
    slug: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """A plan with its period, structure and sources."""
    iris = client.iris
    iri, found = await find(client, "plan", slug, {iris.term("Plan")}, "plan")
    plan = PlanPublic(
        id=iri,
        label=label(found),
        alt_labels=[v.value for v in found.values(SKOS("altLabel").value)],
        territories=found.refs(iris.term("locatedIn"))
        + found.refs("http://purl.org/dc/terms/spatial"),
        start=found.first(BEGINNING),
        end=found.first(END),
        orientations=found.refs(iris.term("hasOrientation")),
        stakes=found.refs(iris.term("hasStake")),
        objectives=found.refs(iris.term("hasObjective")),
        actions=found.refs(iris.term("hasAction")),
        governance_bodies=found.refs(iris.term("hasGovernanceBody")),
        tree=await plan_tree(client, iri),
        governance=await plan_bodies(client, iri),
        votes=await plan_votes(client, iri),
        sources=found.sources.get(iri, []),
        documents=found.documents,
    )
    return respond(request, plan)
