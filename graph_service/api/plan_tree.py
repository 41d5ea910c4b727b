"""A plan's own tree (orientation → objective → action, in the document's order), its
governance bodies with their members, and the votes of its concertation.

The tree is the one of ``queries/plan-structure.rq``: only orientations detailed into
objectives (a document that merely names another plan's orientations gives none).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph_service.api.client import GraphClient

TREE = """SELECT DISTINCT ?plan ?or ?o ?orientation ?stake ?obj ?ob ?objective ?act ?a ?action
WHERE {
  ?plan ess:hasOrientation ?or .
  ?or ess:order ?o ; skos:prefLabel ?orientation ; ess:hasObjective ?obj .
  OPTIONAL { ?or ess:hasStake/skos:prefLabel ?stake }
  ?obj ess:order ?ob ; skos:prefLabel ?objective .
  OPTIONAL { ?obj ess:hasAction ?act . ?act ess:order ?a ; skos:prefLabel ?action }
} ORDER BY ?o ?ob ?a"""
BODIES = """SELECT DISTINCT ?plan ?body ?body_label ?member ?member_label WHERE {
  ?plan ess:hasGovernanceBody ?body . ?body skos:prefLabel ?body_label .
  OPTIONAL { ?seat org:organization ?body ; org:member ?member .
             ?member skos:prefLabel|foaf:name ?member_label }
} ORDER BY ?body_label ?member_label"""
VOTES = """SELECT DISTINCT ?plan ?event ?event_label ?workshop ?proposal ?votes WHERE {
  ?event schema:about ?plan ; skos:prefLabel ?event_label .
  ?w schema:superEvent ?event ; skos:prefLabel ?workshop ; ess:order ?wo .
  ?p prov:wasGeneratedBy ?w ; ess:voteCount ?votes ; ess:order ?po ; skos:prefLabel ?proposal .
} ORDER BY DESC(?votes) ?wo ?po LIMIT 50"""


class NodePublic(BaseModel):
    """An orientation, objective or action: IRI, label, order and what it holds."""

    id: str
    label: str
    order: int
    stake: str | None = None
    children: list[NodePublic] = Field(default_factory=list)


class BodyPublic(BaseModel):
    """A governance body of the plan and its members."""

    id: str
    label: str
    members: list[str] = Field(default_factory=list)


class VotePublic(BaseModel):
    """A proposal of the plan's concertation with its votes."""

    event: str
    workshop: str
    proposal: str
    votes: int


def _child(children: list[NodePublic], iri: str, label: str, order: int) -> NodePublic:
    for node in children:
        if node.id == iri:
            return node
    node = NodePublic(id=iri, label=label, order=order)
    children.append(node)
    return node


async def plan_tree(client: GraphClient, plan: str) -> list[NodePublic]:
    """The plan's orientations, each with its objectives and their actions, in order."""
    tree: list[NodePublic] = []
    for row in await client.select(TREE, {"plan": f"<{plan}>"}):
        orientation = _child(tree, row["or"], row["orientation"], int(row["o"]))
        orientation.stake = orientation.stake or row.get("stake")
        objective = _child(orientation.children, row["obj"], row["objective"], int(row["ob"]))
        if "act" in row:
            _child(objective.children, row["act"], row["action"], int(row["a"]))
    return tree


async def plan_bodies(client: GraphClient, plan: str) -> list[BodyPublic]:
    """The plan's governance bodies with their members' names."""
    bodies: dict[str, BodyPublic] = {}
    for row in await client.select(BODIES, {"plan": f"<{plan}>"}):
        body = bodies.setdefault(row["body"], BodyPublic(id=row["body"], label=row["body_label"]))
        if row.get("member_label") and row["member_label"] not in body.members:
            body.members.append(row["member_label"])
    return list(bodies.values())


async def plan_votes(client: GraphClient, plan: str) -> list[VotePublic]:
    """The proposals of the plan's concertation, most voted first."""
    return [
        VotePublic(
            event=r["event_label"],
            workshop=r["workshop"],
            proposal=r["proposal"],
            votes=int(r["votes"]),
        )
        for r in await client.select(VOTES, {"plan": f"<{plan}>"})
    ]
