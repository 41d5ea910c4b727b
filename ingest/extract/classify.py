"""Decide what a name is: person, organisation (with kind, legal form, sector), programme.

Shape tests used by the mention rules, and the attributes of an organisation read from the
words of its name and of its context when the document states them.
"""

from __future__ import annotations

import re

from ess_graph.iris import fold

# fmt: off

_ORG_WORDS = frozenset(fold(w) for w in """
    association asso maison chambre fédération université office centre centres communauté
    conseil ville club collectif groupement assemblée métropole région ligue coopérative
    scic scop fondation mutuelle réseau agence cress cres entreprise entreprises atelier
    épicerie cantine restaurant garage institut syndicat société banque département
    chair'ess observatoire lab mutualab apes ensemble buffet relais
""".split())
_CONNECTORS = frozenset(("de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "pour"))
# Names that are a head word alone or a cut-off name: never an organisation by themselves.
_HEADS_ONLY = frozenset(fold(w) for w in """
    association asso maison chambre fédération université office centre centres communauté
    conseil ville club collectif groupement assemblée métropole région ligue coopérative
    fondation mutuelle réseau agence entreprise entreprises atelier épicerie cantine
    restaurant garage institut syndicat société banque département observatoire lab ensemble
    buffet relais
""".split())
_TRUNCATED = frozenset(
    fold(w)
    for w in (
        "Communauté d'Agglomération",
        "Centre de Recherche",
        "Chambre de Commerce",
        "Maison des Services",
        "Direction",
        "Ville",
        "Université",
        "Région",
    )
)
_PROGRAMME_WORDS = (
    "plan local",
    "plan régional",
    "pldess",
    "ptce",
    "territoire zéro chômeur",
    "tzcld",
    "appel à projet",
    "master",
    "dispositif local d'accompagnement",
    "schéma régional",
    "srdeii",
    "essaimer",
    "plie",
    "pôle territorial de coopération",
    "engagement pour le renouveau",
    "emplois jeunes",
    "contrat de ville",
)
NON_ORG_ACRONYMS = frozenset("""
    ESS PTCE PLDESS IAE PLIE AAP TZCLD CDI QPV RH SCIC SCOP ETP EBE ERBM SRDEII DLA AMAP
    PLDE BTOB VRP AG ESSAIMER NOTRE DESS FIDESS CLE BCUS PDF QR II III IV HDF ACSRB
""".split())
_PERSON_STOP = frozenset(fold(w) for w in """
    livre livret président présidente relecture gravure impression illustrations
    illustration appui covid solidaire kit coordination rédaction crédits plus sources
    directeur directrice vice madame monsieur sommaire annexe création dépôt le la les des
    du de un une en pour avec notre nous leur ce cette saint sainte rue place ville val nord
    pas calais hauts france europe lille valenciennes roubaix bruay marly béthune artois
    hainaut esperance chair'ess apes cavm mel phare économie loi master via centre maison
    association université région métropole communauté plan territoire pôle conseil club
    office chambre espace salon village dispositif joséphine oscaar ooscaar handélice
    interleukin maillage ageval
""".split())
_NAME_TOKEN = re.compile(
    r"^[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)*$|^[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:-[A-ZÀ-Ý][A-ZÀ-Ý'’]+)*$"
)
_ARTICLE = re.compile(r"^(?:l['’]|la |le |les |L['’]|La |Le |Les |de l['’]|du |de la |des |d['’])")


# fmt: on


def strip_article(name: str) -> str:
    """``l'Apes`` -> ``Apes``; ``la Maison du Vélo`` -> ``Maison du Vélo``."""
    name = name.strip()
    stripped = _ARTICLE.sub("", name, count=1)
    return stripped if stripped and stripped[0].isupper() else name


def is_person_name(text: str) -> bool:
    """Whether ``text`` has the shape of a person's name (2-4 capitalised tokens)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    if any(fold(t) in _PERSON_STOP or fold(t) in _ORG_WORDS for t in tokens):
        return False
    return not all(t.isupper() and len(t) <= 3 for t in tokens)


def is_programme_name(text: str) -> bool:
    """Plans, labels and calls for projects (PTCE, TZCLD, PLDESS, AAP…)."""
    folded = fold(text)
    return any(fold(w) in folded for w in _PROGRAMME_WORDS) or text.strip() in (
        "PTCE",
        "TZCLD",
        "PLDESS",
        "AAP",
        "SRDEII",
        "ESSAIMER",
        "PLIE",
        "ERBM",
        "DLA",
    )


def is_organisation_name(text: str) -> bool:
    """Whether ``text`` names an organisation: a head word, or an acronym that is not a concept."""
    text = text.strip()
    if not text or is_programme_name(text) or is_person_name(text):
        return False
    if re.fullmatch(r"[A-ZÉ][A-ZÉ'’-]{1,9}", text):
        return text not in NON_ORG_ACRONYMS
    tokens = [fold(w) for w in re.findall(r"[\wÀ-ÿ'’]+", text)]
    if len([t for t in tokens if t not in _CONNECTORS]) < 2 or fold(text) in _TRUNCATED:
        return fold(text) in _ORG_WORDS - _HEADS_ONLY
    return bool(set(tokens) & _ORG_WORDS) and len(text) <= 90


def person_display_name(text: str) -> str:
    """``GÉRARD DECHY`` / ``Gérard DECHY`` -> ``Gérard Dechy``."""

    def fix(token: str) -> str:
        if token.isupper() and len(token) > 1:
            return "-".join(p[:1] + p[1:].lower() for p in token.split("-"))
        return token

    return " ".join(fix(t) for t in text.split())


def person_name_parts(name: str) -> tuple[str, str]:
    """(given name, family name) of a display name: the first token is the given name."""
    given, _, family = name.partition(" ")
    return given, family


# Values are concepts of the ontology's schemes (id/concept/legal-form/…, organisation-kind/…,
# sector/…, role/…).
_LEGAL_FORMS = (
    ("scic", "scic"),
    ("scop", "scop"),
    ("association", "association"),
    ("asso ", "association"),
    ("communaute d'agglomeration", "epci"),
    ("communaute urbaine", "epci"),
    ("metropole europeenne", "epci"),
    ("valenciennes metropole", "epci"),
    ("ville de", "commune"),
    ("fondation", "fondation"),
    ("mutuelle", "mutuelle"),
    ("cooperative", "cooperative"),
    ("universite", "university"),
    ("region ", "region"),
)
_KINDS = (
    (("ville de", "communaute", "metropole", "region", "departement"), "administration"),
    (("universite", "chair'ess", "recherche"), "research"),
    (("chambre de commerce", "chambre des metiers", "chambre d'agriculture", "cci"), "chamber"),
    (("club des entrepreneurs", "club ess"), "entrepreneurs-club"),
    (("tiers-lieu", "coworking", "chez oscaar", "mutualab"), "third-place"),
    (("conseil de developpement",), "governance-body"),
    (
        (
            "federation",
            "reseau",
            "apes",
            "cress",
            "cres ",
            "assemblee permanente",
            "union",
            "phare",
            "collectif",
            "acsrv",
        ),
        "network",
    ),
    (("maillage", "bge", "germinal", "nord actif"), "support-structure"),
)
_SECTORS = (
    ("insertion", "insertion"),
    ("handicap", "disability"),
    ("culture", "culture"),
    ("culturel", "culture"),
    ("velo", "mobility"),
    ("mobilite", "mobility"),
    ("restaura", "food"),
    ("alimentaire", "food"),
    ("cantine", "food"),
    ("enfance", "early-childhood"),
    ("environnement", "environment"),
    ("dechet", "reuse"),
    ("reemploi", "reuse"),
    ("education populaire", "popular-education"),
    ("jeunesse", "popular-education"),
)
_ROLES = (
    ("vice-president", "vice-president"),
    ("vice president", "vice-president"),
    ("co-president", "president"),
    ("president", "president"),
    ("directrice adjointe", "co-director"),
    ("directeur adjoint", "co-director"),
    ("direct", "director"),
    ("fonda", "founder"),
    ("co-fonda", "founder"),
    ("coordinat", "coordinator"),
    ("charge de mission", "project-officer"),
    ("charge d'animation", "facilitator"),
    ("chargee d'animation", "facilitator"),
    ("chargee de mission", "project-officer"),
    ("animat", "facilitator"),
    ("elu", "elected-official"),
    ("conseiller delegue", "delegate-councillor"),
    ("tresori", "treasurer"),
    ("secretaire", "secretary"),
    ("administrat", "board-member"),
    ("salarie", "employee"),
    ("benevole", "volunteer"),
    ("responsable de projet", "project-manager"),
    ("maitre de conference", "academic"),
    ("enseignant", "academic"),
    ("cherche", "academic"),
    ("responsable du master", "academic"),
    ("attache", "project-officer"),
    ("cogerant", "director"),
    ("gerant", "director"),
    ("responsable", "project-manager"),
)


def role_concept(label: str | None) -> str:
    """Concept of the ``role`` scheme for a role label (the earliest role word wins);
    ``member`` for a bare affiliation."""
    if not label:
        return "member"
    folded = fold(label)
    hits = [(folded.find(key), -len(key), concept) for key, concept in _ROLES if key in folded]
    return min(hits)[2] if hits else "member"


def legal_form(name: str, context: str = "") -> str | None:
    """Legal form stated by the name, else by the phrase that introduces it.

    The name wins: "une association … la Communauté d'Agglomération X" is an EPCI.
    """
    for haystack in (fold(name), fold(context)):
        form = next((form for key, form in _LEGAL_FORMS if key in haystack), None)
        if form is not None:
            return form
    return None


def organisation_kind(name: str) -> str | None:
    """Kind of organisation read from its name (collectivity, network, university…)."""
    folded = fold(name)
    return next((kind for keys, kind in _KINDS if any(k in folded for k in keys)), None)


def sector(name: str, context: str = "") -> str | None:
    """Sector when the name or its immediate context states it."""
    haystack = fold(f"{name} {context}")
    return next((s for key, s in _SECTORS if key in haystack), None)


def programme_kind(name: str) -> str:
    """Concept of the ``programme-kind`` scheme for a programme or label."""
    folded = fold(name)
    if "ptce" in folded or "pole territorial de cooperation" in folded:
        return "ptce"
    if "tzcld" in folded or "zero chomeur" in folded:
        return "tzcld"
    if "appel a projet" in folded or folded == "aap":
        return "call-for-projects"
    if "label" in folded:
        return "label"
    return "programme"
