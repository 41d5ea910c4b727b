"""Which heading a fact goes under on an entity page, and quotes cleaned of markup."""

from __future__ import annotations

import re

IDENTITY, PEOPLE, PARTNERS, TERRITORY, PLANS = (
    "Identité",
    "Personnes et rôles",
    "Partenariats",
    "Territoire",
    "Plans",
)
FIGURES, IDENTIFIERS, OTHER = "Chiffres", "Identifiants", "Autres faits"
GROUP_ORDER = (IDENTITY, TERRITORY, PEOPLE, PARTNERS, PLANS, FIGURES, IDENTIFIERS, OTHER)
# By the local name of the property (after the last # or /).
_GROUPS = {
    IDENTITY: {
        "prefLabel",
        "altLabel",
        "label",
        "name",
        "givenName",
        "familyName",
        "legalName",
        "classification",
        "orgType",
        "sector",
        "genre",
        "title",
        "description",
        "homepage",
        "publisher",
        "issued",
        "language",
        "nom",
        "codeINSEE",
        "startDate",
        "endDate",
        "comment",
        "definition",
    },
    TERRITORY: {
        "locatedIn",
        "spatial",
        "refArea",
        "subdivisionDirecteDe",
        "territoryLabel",
        "hasPart",
        "isPartOf",
        "chefLieu",
        "territory",
        "location",
    },
    PEOPLE: {"hasMember", "member", "role", "holds", "headOf", "organizer"},
    PARTNERS: {"partner", "hasPartner", "partnerOf", "memberOf", "hasMembership"},
    PLANS: {
        "plan",
        "adoptedBy",
        "coversTerritory",
        "inForce",
        "hasPart",
        "orientation",
        "objective",
        "action",
        "governance",
        "vote",
    },
    FIGURES: {
        "population",
        "measureType",
        "obsValue",
        "value",
        "unitMeasure",
        "count",
        "amount",
        "refPeriod",
        "dataSet",
        "structure",
    },
    IDENTIFIERS: {
        "siren",
        "siret",
        "rna",
        "identifier",
        "exactMatch",
        "sameAs",
        "code",
        "source",
        "checksum",
        "notation",
    },
}
_BY_NAME = {name: title for title, names in reversed(_GROUPS.items()) for name in names}
_TAG = re.compile(r"<[^>]{0,40}>")


def group_of(prop: str) -> str:
    """The heading of the property ``prop`` (an IRI)."""
    name = re.split(r"[#/]", prop)[-1]
    return _BY_NAME.get(name, OTHER)


def plain(text: str | None) -> str | None:
    """``text`` without markup tags (``<sup>`` and the like left in extracted quotes).

    >>> plain("le 1<sup>er</sup> janvier")
    'le 1er janvier'
    """
    return _TAG.sub("", text) if text is not None else None
