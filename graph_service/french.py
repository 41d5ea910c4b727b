"""French words of the pages: kinds of resources (badges) and list titles."""

from __future__ import annotations

# The <kind> of an IRI <base>id/<kind>/<slug>, as a badge.
KINDS = {
    "organisation": "organisation",
    "person": "personne",
    "plan": "plan",
    "partnership": "partenariat",
    "event": "événement",
    "document": "document",
    "commune": "commune",
    "epci": "intercommunalité",
    "departement": "département",
    "region": "région",
    "area": "territoire",
    "dataset": "jeu de données",
    "observation": "observation",
    "concept": "notion",
    "role": "rôle",
    "vote": "vote",
    "proposal": "proposition",
    "mention": "passage",
    "membership": "rôle",
    "change": "changement",
    "orientation": "orientation",
    "objective": "objectif",
    "action": "action",
    "project": "projet",
    "body": "instance",
}


def kind_fr(kind: str) -> str:
    """The French badge of ``kind`` (the kind itself when it has none)."""
    return KINDS.get(kind, kind.replace("-", " "))
