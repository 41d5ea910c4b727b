"""Decide what a name is: person, organisation (with kind, legal form, sector), programme.

Shape tests used by the mention rules, and the attributes of an organisation read from the
words of its name and of its context when the document states them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ess_core.iris import fold

# fmt: off

_ORG_WORDS = frozenset(fold(w) for w in """
    association asso maison chambre fédération université office centre centres communauté
    conseil ville club collectif groupement assemblée métropole région ligue coopérative
    scic scop fondation mutuelle réseau agence cress cres entreprise entreprises atelier
    épicerie cantine restaurant garage institut syndicat société banque département
    observatoire lab chaire laboratoire union ressourcerie recyclerie comité pôle caisse
    mutualité groupe compagnie mouvement mission régie foyer plateforme
""".split())
_CONNECTORS = frozenset(("de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "pour"))
# Names that are a head word alone or a cut-off name: never an organisation by themselves.
_HEADS_ONLY = frozenset(fold(w) for w in """
    association asso maison chambre fédération université office centre centres communauté
    conseil ville club collectif groupement assemblée métropole région ligue coopérative
    fondation mutuelle réseau agence entreprise entreprises atelier épicerie cantine
    restaurant garage institut syndicat société banque département observatoire lab chaire
    laboratoire union ressourcerie recyclerie comité pôle caisse mutualité groupe compagnie
    mouvement mission régie foyer plateforme
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
    "diplome",
    "dispositif local d'accompagnement",
    "schéma régional",
    "srdeii",
    "essaimer",
    "plie",
    "pôle territorial de coopération",
    "emplois jeunes",
    "contrat de ville",
)
# Acronyms of French ESS and public-policy vocabulary (not organisations), and upper-case words.
NON_ORG_ACRONYMS = frozenset("""
    ESS PTCE PLDESS IAE PLIE AAP TZCLD CDI CDD QPV RH SCIC SCOP ETP EBE SRDEII DLA AMAP PLDE
    BTOB VRP AG ESSAIMER NOTRE DESS CLE PDF QR II III IV HDF SIAE ACI EPCI ESUS SAS SARL RSE
""".split())
# General French words that are capitalised in titles, signatures and addresses but never part
# of a person's name.
_PERSON_STOP = frozenset(fold(w) for w in """
    livre livret président présidente relecture gravure impression illustrations
    illustration appui covid solidaire kit coordination rédaction crédits plus sources
    directeur directrice vice madame monsieur sommaire annexe création dépôt le la les des
    du de un une en pour avec notre nous leur ce cette saint sainte rue place ville val nord
    sud est ouest pas hauts économie loi master via centre maison association
    université région métropole communauté plan territoire pôle conseil club office chambre
    espace salon village dispositif agglomération département commune quartier collectif
    réseau cantine colocation coloc atelier garage épicerie tiers lieu café restaurant
    fédération fonds chez grand grands grande grandes petit petits petite petites nouveau nouvelle
""".split())
# "la région de X", "le pays de X": an area, not the council of a region.
_AREA = re.compile(r"^(?:[Rr]égion|[Pp]ays|[Bb]assin|[Tt]erritoire) (?:de |du |des |d['’])")
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
    if not text or is_programme_name(text) or is_person_name(text) or _AREA.match(text):
        return False
    if re.fullmatch(r"[A-ZÉ][A-ZÉ'’-]{1,9}", text):
        return text not in NON_ORG_ACRONYMS
    tokens = [fold(w) for w in re.findall(r"[\wÀ-ÿ'’]+", text)]
    if len([t for t in tokens if t not in _CONNECTORS]) < 2 or fold(text) in _TRUNCATED:
        return fold(text) in _ORG_WORDS - _HEADS_ONLY
    return bool(set(tokens) & _ORG_WORDS) and len(text) <= 90


def is_head_word(word: str) -> bool:
    """Whether ``word`` is a head noun of organisation names (``Maison``, ``Ville``…) that
    names none alone."""
    return fold(word) in _HEADS_ONLY


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
# sector/…, role/…). Rules are regular expressions over a folded name (``fold``): the first
# rule that matches wins, and a ``None`` concept means "the name says it is not stated"
# (a popular university is not a university).
_LEGAL_FORM_RULES: tuple[tuple[str, str | None], ...] = (
    (r"\bscic\b|\bsociete cooperative d'interet collectif", "scic"),
    (r"\bscop\b|\bsociete cooperative (?:et|ouvriere) (?:participative|de production)", "scop"),
    (r"\bcooperative d'activites? et d'emploi", "cae"),
    (r"\buniversite populaire|\bconseil de developpement", None),
    (r"\b(?:association|asso)\b", "association"),
    (r"\bcommunaute (?:d'agglomeration|urbaine|de communes)|\bmetropole\b|\bepci\b", "epci"),
    (r"(?<!centre )(?<!centre-)\b(?:ville|mairie|commune) d(?:e |')", "commune"),
    (r"\bconseil departemental|\bdepartement (?:du|de|des)\b|^(?:le )?departement$", "departement"),
    (r"\bconseil regional|\bregion (?!de\b|d')|^(?:la )?region$", "region"),
    (r"\bfondation\b|\bfonds de dotation\b", "fondation"),
    (r"\bmutuelle\b", "mutuelle"),
    (r"\bcooperative\b", "cooperative"),
    (r"\buniversite\b", "university"),
    (r"\bgroupement d'interet public\b|\bgip\b", "gip"),
)
# Plural nouns of member organisations: "Association des Centres Sociaux…", "Union des…".
_MEMBERS = (
    r"(?:centres?|structures|acteurs?|associations|reseaux|entreprises|employeurs|acteur-ices"
    r"|cooperatives|mutuelles|organismes|initiatives)"
)
_KIND_RULES: tuple[tuple[str, str | None], ...] = (
    (r"\buniversite populaire", None),
    (r"\bconseil de developpement|\bcomite de pilotage|\bconseil citoyen", "governance-body"),
    (
        r"\bchambre (?:de commerce|des metiers|de metiers|d'agriculture|regionale)|\bcci\b"
        r"|\bcma\b|\bcress?\b",
        "chamber",
    ),
    (
        rf"\b(?:association|union|collectif|coordination|groupement|assemblee|federation"
        rf"|reseau|regroupement)s? (?:des|de la|du|d'|de ) ?(?:\w+ )?{_MEMBERS}\b",
        "network",
    ),
    (
        r"\bclub (?:des |d')?(?:entrepreneurs|entreprises|dirigeants)",
        "entrepreneurs-club",
    ),
    (
        r"\bcommunaute (?:d'agglomeration|urbaine|de communes)|\bmetropole\b"
        r"|(?<!centre )(?<!centre-)\b(?:ville|mairie|commune) d(?:e |')"
        r"|\bconseil (?:departemental|regional)|\bdepartement (?:du|de|des)\b"
        r"|\bregion (?!de\b|d')|\bprefecture\b|^(?:la |le )?(?:region|departement)$",
        "administration",
    ),
    (
        r"\b(?:universite|chaire|laboratoire|centre de recherche|institut de recherche)\b"
        r"|\brecherche\b",
        "research",
    ),
    (r"\btiers[- ]lieux?\b|\bcoworking\b|\bfab ?lab\b", "third-place"),
    (r"\bpole territorial de cooperation|\bptce\b|\bpole\b(?! emploi)", "cluster"),
    (r"\b(?:federation|reseau|union|tete de reseau)\b|\bassemblee permanente", "network"),
    (r"\bcollectif\b", "collective"),
    (r"\b(?:incubateur|couveuse|pepiniere d'entreprises)\b", "support-structure"),
    (r"\b(?:fonds d'investissement|financeur|banque|caisse d'epargne)\b", "funder"),
    (r"\bentreprise a but d'emploi\b|\bebe\b", "enterprise"),
)
# A typing word just before a name in the text: "l'association X", "la coopérative X",
# "le collectif « X »", "le tiers-lieu X", "cette entreprise X" -> (kind, legal form).
_TYPED_BEFORE = re.compile(
    r"(?i)(?:\b(?:l['’]|la |le |les |une? |cette |ce |sa |son |notre |premiere? ))?"
    r"(?P<word>association|asso|scic|scop|cooperative|entreprise|collectif|reseau|federation"
    r"|tiers[- ]lieu|chaire|ptce|ebe|cafe(?:-brasserie)?|restaurant|club|commune|ville"
    r"|communaute urbaine|communaute d'agglomeration|fondation|incubateur)"
    r"(?: (?:culturelle?|sportive?|locale?|solidaire|d'insertion|citoyenne?|de quartier))?"
    r"(?:<sup>\w{1,3}</sup>|[\d¹²³⁴⁵⁶⁷⁸⁹*]{1,2})?\s*[«“\"]?\s*$"
)
# A typing word just after a name: "X (SCIC)", "X, association …", "X est une coopérative",
# a portrait title "X ou la SCIC qui…".
_TYPED_AFTER = re.compile(
    r"(?i)^\s*(?:\((?P<paren>scic|scop|association|asso|sas|sarl)\)|(?:,|\b(?:est|etait|reste|devient"
    r"|ou)\b)\s*(?:aujourd'hui |desormais )?(?:une? |la |le |l['’])?(?:premiere? |petite? |jeune )?"
    r"(?P<word>association|asso|scic|scop|cooperative|entreprise|collectif|reseau|federation"
    r"|tiers[- ]lieu|chaire|ptce|ebe|cafe(?:-brasserie)?|restaurant|fondation|incubateur)\b)"
)
# A class the name is an example of, or the heading of a bracketed list it is in, or a
# researcher's team: "des PTCE comme X", "le financement des projets (A, B, X",
# "chercheuse au sein de la X".
_CLASS_BEFORE = re.compile(
    r"(?i)(?:\b(?P<example>ptce|tiers-lieux|reseaux|associations|cooperatives|federations"
    r"|collectifs)\W{0,3}\s+(?:comme|tels? que|telles? que)\s+(?:par exemple\s+)?"
    r"|\b(?P<list>financement|financeurs|accompagnement|reseaux)\b[^().]{0,70}\("
    r"(?:[^(),]{1,40}(?:,|\set)\s*){0,4}|\b(?P<research>chercheu(?:r|se)s?|enseignant-chercheu"
    r"(?:r|se)s?)\b[^.]{0,40}\b(?:au sein|membres?)\s+(?:de\s+|du\s+|des\s+)?)"
    r"(?:l['’]|la |le |les )?\s*$"
)
_CLASS_KINDS = {
    "ptce": "cluster",
    "tiers-lieux": "third-place",
    "reseaux": "network",
    "federations": "network",
    "collectifs": "collective",
    "financement": "funder",
    "financeurs": "funder",
    "accompagnement": "support-structure",
}
_CLASS_FORMS = {"associations": "association", "cooperatives": "cooperative"}
# What a name does, just after it: "X accompagne les porteurs de projets", "X fédère…".
_DOES_AFTER = re.compile(
    r"(?i)^\s*,?\s*(?:qui\s+)?(?:(?P<support>accompagnen?t?\s+(?:les\s+|des\s+)?(?:porteu|createu"
    r"|creatri|entrepreneu|projets))|(?P<funder>financen?t?\s+(?:les\s+|des\s+)?(?:projets|structures"
    r"|entreprises|associations)|proposen?t?\s+(?:un\s+|des\s+)?(?:financement|pret|fonds))"
    r"|(?P<network>(?:federen?t?|regroupen?t?|rassemblen?t?)\s+(?:\d+|[a-z-]+)\s+(?:des\s+)?"
    r"(?:structures|associations|acteurs|centres|entreprises|membres|adherents)))"
)
_TYPING_WORDS: dict[str, tuple[str | None, str | None]] = {
    "association": (None, "association"),
    "asso": (None, "association"),
    "scic": (None, "scic"),
    "scop": (None, "scop"),
    "cooperative": (None, "cooperative"),
    "entreprise": ("enterprise", None),
    "ebe": ("enterprise", None),
    "cafe": ("enterprise", None),
    "cafe-brasserie": ("enterprise", None),
    "restaurant": ("enterprise", None),
    "collectif": ("collective", None),
    "reseau": ("network", None),
    "federation": ("network", None),
    "tiers-lieu": ("third-place", None),
    "tiers lieu": ("third-place", None),
    "chaire": ("research", None),
    "ptce": ("cluster", None),
    "club": (None, None),
    "commune": ("administration", "commune"),
    "ville": ("administration", "commune"),
    "communaute urbaine": ("administration", "epci"),
    "communaute d'agglomeration": ("administration", "epci"),
    "fondation": (None, "fondation"),
    "incubateur": ("support-structure", None),
    "sas": (None, "commercial-company"),
    "sarl": (None, "commercial-company"),
}

Texts = str | Sequence[str]


def _texts(value: Texts) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _by_rules(names: Texts, rules: Sequence[tuple[str, str | None]]) -> tuple[bool, str | None]:
    """(whether a rule matched, its concept) for the first name a rule matches."""
    for name in _texts(names):
        folded = fold(" ".join(name.split()))
        for pattern, concept in rules:
            if re.search(pattern, folded):
                return True, concept
    return False, None


def _plain(text: str) -> str:
    """``text`` with its accents stripped and its spaces collapsed, case kept."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _common_noun(word: str) -> bool:
    """A typing word is a common noun or an acronym (``SCIC``), not the start of a name
    (``Fondation des Lumières``)."""
    return word.islower() or word.isupper()


def typed_in_context(before: Texts = (), after: Texts = ()) -> tuple[str | None, str | None]:
    """(kind, legal form) said by a typing word next to an occurrence of the name: ending one of
    the ``before`` windows (text just before an occurrence) or starting one of the ``after``
    windows (text just after it). Each is the first such value found."""
    found: list[tuple[str | None, str | None]] = []
    for window in _texts(before):
        plain = _plain(window)
        match = _TYPED_BEFORE.search(plain[-60:] + " ")
        if match is not None and _common_noun(match.group("word")):
            found.append(_TYPING_WORDS.get(match.group("word").lower(), (None, None)))
        elif (cls := _CLASS_BEFORE.search(plain + " ")) is not None:
            word = (cls.group("example") or cls.group("list") or "").lower()
            kind = "research" if cls.group("research") else _CLASS_KINDS.get(word)
            found.append((kind, _CLASS_FORMS.get(word)))
    for window in _texts(after):
        match = _TYPED_AFTER.match(_plain(window))
        word = match and (match.group("paren") or match.group("word"))
        if word and _common_noun(word):
            found.append(_TYPING_WORDS.get(word.lower(), (None, None)))
        elif (does := _DOES_AFTER.match(_plain(window))) is not None:
            kind = "support-structure" if does.group("support") else None
            kind = kind or ("funder" if does.group("funder") else "network")
            found.append((kind, None))
    kind = next((k for k, _ in found if k), None)
    form = next((f for _, f in found if f), None)
    return kind, form


def legal_form(names: Texts, context: Texts = (), after: Texts = ()) -> str | None:
    """Legal form stated by a name (its own words, or an acronym's expansion), else by a typing
    word next to an occurrence ("l'association X", "la SCOP X", "X (SCIC)").

    ``names``: a name or the names of one organisation; ``context`` / ``after``: the text just
    before / after its occurrences (a string is one window). The name wins: "une association
    … la Communauté d'Agglomération X" is an EPCI.
    """
    matched, form = _by_rules(names, _LEGAL_FORM_RULES)
    return form if matched else typed_in_context(context, after)[1]


def organisation_kind(names: Texts, context: Texts = (), after: Texts = ()) -> str | None:
    """Kind of organisation stated by a name (collectivity, network, university…), else by a
    typing word next to an occurrence ("le collectif X", "le tiers-lieu X", "X, tiers-lieu")."""
    matched, kind = _by_rules(names, _KIND_RULES)
    return kind if matched else typed_in_context(context, after)[0]


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
