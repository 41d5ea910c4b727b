"""The relation rules (stage ``relate``) and the layout rules (stage ``layouts``), declared
once each in the registry of :mod:`ingest.extract.rules`, in the order they run.

Every :class:`~ingest.extract.relate.relation.Relation` a rule makes carries the rule's name
and takes its confidence from its record (:mod:`ingest.extract.relate.confidences` holds the
numbers, a leaf module the rule modules import): no rule module writes a literal one. The
matcher of a relation rule reads the :class:`~ingest.extract.mentions.document.Document` after
the mention stage (``doc.text``, ``doc.lines``, ``doc.mentions``, ``doc.people``, and
``doc.relations`` found by the rules before it) and returns relations; one matcher may make the
relations of several rules (declared by the first, the others with ``matcher=None``).

Examples are invented sentences; each pair is (sentence, ``"subject -> object"`` the rule must
link in it, run through the whole pipeline: ``tests/ingest/extract/test_rules.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.bare_roles import bare_roles
from ingest.extract.relate.changes import changes
from ingest.extract.relate.confidences import confidence, rank
from ingest.extract.relate.fronted_roles import fronted_roles
from ingest.extract.relate.general import general_links, general_located, general_roles
from ingest.extract.relate.implied_roles import implied_roles
from ingest.extract.relate.link_cues import cue_links
from ingest.extract.relate.links import links, located
from ingest.extract.relate.location_cues import in_communes, settled
from ingest.extract.relate.parsed_links import parsed_links
from ingest.extract.relate.parsed_roles import parsed_roles
from ingest.extract.relate.relation import Relation
from ingest.extract.relate.role_before import roles_before_names
from ingest.extract.relate.roles import (
    appositions,
    context_roles,
    header_roles,
    portrait_lines,
    role_line_roles,
)
from ingest.extract.relate.testimony import first_person_links
from ingest.extract.relate.verb_roles import verb_roles
from ingest.extract.rules import Matcher, Rule, Stage, register

_order = 100  # after the mention rules


def _declare(
    name: str,
    examples: tuple[tuple[str, str], ...] = (),
    matcher: Matcher | None = None,
    stage: Stage = "relate",
) -> None:
    global _order
    _order += 1
    register(Rule(name, stage, confidence(name), rank(name), examples, matcher, _order))


def _on_mentions(rule: Callable[[str, Sequence[Mention]], list[Relation]]) -> Matcher:
    """The matcher of a rule that reads only the text and the mentions."""
    return lambda doc: rule(doc.text, doc.mentions)


def _header_roles(doc: Document) -> list[Relation]:
    return header_roles(doc.text, doc.lines, doc.mentions)


def _role_lines(doc: Document) -> list[Relation]:
    places = [m for m in doc.mentions if m.kind == "territory"]
    return role_line_roles(doc.text, doc.people, places)


def _roles_before_names(doc: Document) -> list[Relation]:
    return roles_before_names(doc.text, doc.lines, doc.mentions)


def _portraits(doc: Document) -> list[Relation]:
    return portrait_lines(doc.text, doc.lines, doc.mentions)


def _parsed_roles(doc: Document) -> list[Relation]:
    return parsed_roles(doc.text, getattr(doc, "sentences", ()), doc.mentions)


def _verb_roles(doc: Document) -> list[Relation]:
    return verb_roles(doc.text, getattr(doc, "sentences", ()), doc.mentions)


def _parsed_links(doc: Document) -> list[Relation]:
    return parsed_links(doc.text, getattr(doc, "sentences", ()), doc.mentions)


def _context_roles(doc: Document) -> list[Relation]:
    return context_roles(doc.text, doc.mentions, doc.relations)


# roles
_declare("header-role", (), _header_roles)
_declare(
    "role-line-role",
    (
        (
            "Jeanne Martin\n\nDirectrice de l'association Les Jardins du Lac\n",
            "Jeanne Martin -> Jardins du Lac",
        ),
    ),
    _role_lines,
)
# a title line above the name it belongs to (a signature or caption written title first)
_declare(
    "role-line-before",
    (
        (
            "Le lieu ouvre samedi.\n\nDirectrice de l'association Les Jardins du Lac\n"
            "Jeanne Martin\n",
            "Jeanne Martin -> Jardins du Lac",
        ),
    ),
    _roles_before_names,
)
_declare("apposition", (), _on_mentions(appositions))
_declare("portrait", (), _portraits)
# foundings, dissolutions, renamings, successions
_declare("founded", (), _on_mentions(changes))
_declare(
    "dissolved",
)
_declare(
    "renamed",
)
_declare(
    "succession",
)
_declare(
    "merger",
)
# links cued before their object
_declare(
    "partner-of",
    (
        (
            "L'association Les Jardins du Lac travaille en partenariat avec Terre Vive.",
            "Les Jardins du Lac -> Terre Vive",
        ),
    ),
    _on_mentions(links),
)
_declare(
    "member-of",
)
_declare(
    "carries",
)
_declare(
    "funded-by",
)
_declare(
    "pair",
)
_declare(
    "forward-carries",
)
_declare(
    "forward-member-of",
)
_declare(
    "forward-funded-by",
)
# places in a name
_declare("located-in", (), in_communes(_on_mentions(located)))
_declare(
    "association-de",
)
# links around a support or joint-work cue
_declare("funder-first", (), _on_mentions(cue_links))
_declare(
    "support-of",
)
_declare(
    "support-received",
)
_declare(
    "support-received-collectivity",
)
_declare(
    "joint-work",
)
_declare(
    "joint-work-place",
)
_declare(
    "pair-cue",
)
_declare(
    "ties-with",
)
_declare("settled", (), in_communes(_on_mentions(settled)))
# first-person testimonies: "nous avons rejoint …"
_declare("testimony", (), _on_mentions(first_person_links))
_declare(
    "testimony-first-named",
)
# the general rules of the lexicons (roles.yaml, link_cues.yaml, located_cues.yaml)
_declare(
    "role-general",
    (
        (
            "Hier, Jeanne Martin, présidente de l'association Les Jardins du Lac, a parlé.",
            "Jeanne Martin -> Les Jardins du Lac",
        ),
    ),
    _on_mentions(general_roles),
)
_declare(
    "role-bracket",
)
_declare(
    "role-implied",
    (
        (
            "Le Conseil départemental de la Somme aide. Lina Morel, conseillère "
            "départementale, était là.",
            "Lina Morel -> Conseil départemental de la Somme",
        ),
    ),
    _on_mentions(implied_roles),
)
_declare(
    "role-fronted",
    (
        (
            "Directrice de l'association Terre Vive depuis 2019, Julie Caron ouvre un local.",
            "Julie Caron -> Terre Vive",
        ),
    ),
    _on_mentions(fronted_roles),
)
_declare(
    "role-bare",
    (
        (
            "La Ruche Verte est une association. La Ruche Verte ouvre un café. « Venez », dit "
            "Julie Caron, directrice.",
            "Julie Caron -> La Ruche Verte",
        ),
    ),
    _on_mentions(bare_roles),
)
_declare(
    "role-anaphor",
    (
        (
            "L'association Les Jardins du Lac ouvre. Les Jardins du Lac recrutent. Jeanne "
            "Martin, présidente de l'association, a parlé.",
            "Jeanne Martin -> Les Jardins du Lac",
        ),
    ),
)
_declare(
    "role-copula",
    (
        (
            "L'association Les Jardins du Lac ouvre.\nLe bureau :\n– La trésorière est Jeanne "
            "Martin.",
            "Jeanne Martin -> Les Jardins du Lac",
        ),
    ),
)
_declare(
    "role-elected",
    (
        (
            "L'association Les Jardins du Lac a voté. Les Jardins du Lac recrutent. Jeanne "
            "Martin, directrice de Terre Vive, a été élue présidente.",
            "Jeanne Martin -> Les Jardins du Lac",
        ),
    ),
)
_declare(
    "role-for",
)
_declare(
    "link-general",
    (
        (
            "L'association Les Jardins du Lac est soutenue par la Fondation Arc-en-Ciel.",
            "Les Jardins du Lac -> Fondation Arc-en-Ciel",
        ),
    ),
    _on_mentions(general_links),
)
_declare(
    "link-together",
)
_declare("located-general", (), in_communes(_on_mentions(general_located)))
_declare(
    "located-anaphora",
    (
        (
            "La recyclerie Trocantons ouvre un atelier. Cette recyclerie implantée à Guise "
            "emploie douze salariés.",
            "Trocantons -> Guise",
        ),
    ),
)
_declare(
    "located-opening",
)
# the dependency parse of one sentence: a title, the person it is attached to, the
# organisation it governs
_declare(
    "role-parse",
    (
        (
            "« Nous voulons grandir », explique Jeanne Martin, directrice de l'association "
            "Terre Vive.",
            "Jeanne Martin -> Terre Vive",
        ),
        (
            "La présidente de la Fondation Arc-en-Ciel, Paule Lenoir, a ouvert la séance.",
            "Paule Lenoir -> Fondation Arc-en-Ciel",
        ),
        (
            "Paul Lenoir est le directeur général de la coopérative Vélocité depuis 2019.",
            "Paul Lenoir -> Vélocité",
        ),
        (
            "Jeanne Martin, vice-présidente en charge de l'économie sociale à la Fondation "
            "Arc-en-Ciel, était présente.",
            "Jeanne Martin -> Fondation Arc-en-Ciel",
        ),
    ),
    _parsed_roles,
)
# a verb of holding a role: "X préside Y", "Y, fondée par X"
_declare(
    "role-verb",
    (
        (
            "Jeanne Martin, qui dirige Terre Vive, a ouvert la séance.",
            "Jeanne Martin -> Terre Vive",
        ),
        (
            "L'association Terre Vive est présidée par Paule Lenoir depuis 2021.",
            "Paule Lenoir -> Terre Vive",
        ),
    ),
    _verb_roles,
)
_declare(
    "role-possessive",
    (
        (
            "L'association Terre Vive ouvre un atelier. Son fondateur, Paul Lenoir, y tient "
            "à l'entraide.",
            "Paul Lenoir -> Terre Vive",
        ),
    ),
)
_declare(
    "link-parse",
    (
        (
            "L'association Terre Vive travaille en partenariat avec Vélocité et la Fondation "
            "Arc-en-Ciel.",
            "Terre Vive -> Fondation Arc-en-Ciel",
        ),
        (
            "La coopérative Vélocité est membre du réseau Terre Vive.",
            "Vélocité -> Terre Vive",
        ),
        (
            "Le café Tilleul, porté par l'association Racines Vives, ouvre en mars.",
            "Racines Vives -> Tilleul",
        ),
        (
            "La recyclerie Bois Joli est soutenue depuis 2019 par la Fondation Arc-en-Ciel.",
            "Bois Joli -> Fondation Arc-en-Ciel",
        ),
    ),
    _parsed_links,
)
# last: a person next to a role word holds it at the paragraph's organisation
_declare("context-role", (), _context_roles)

# layouts (run after resolution, on resolved entities): their evidence's confidence
_declare("layout-record", stage="layouts")
_declare("layout-named-organisation", stage="layouts")
