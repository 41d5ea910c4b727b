"""The relation rules (stage ``relate``) and the layout rules (stage ``layouts``), declared
once each in the registry of :mod:`ingest.extract.rules`, in the order they run.

Every :class:`~ingest.extract.relate.relation.Relation` a rule makes carries the rule's name
and takes its confidence from here (:func:`confidence`): no rule module writes a literal one.
The matcher of a relation rule reads the :class:`~ingest.extract.mentions.document.Document`
after the mention stage (``doc.text``, ``doc.lines``, ``doc.mentions``, ``doc.people``, and
``doc.relations`` found by the rules before it) and returns relations; one matcher may make
the relations of several rules (declared by the first, the others with ``matcher=None``).

Rank orders relation rules from the most explicit layout (a quote header, a name line and its
role line: 0) to the readings of a paragraph's subject (5). Examples are invented sentences;
each pair is (sentence, ``"subject -> object"`` the rule must link in it, run through the
whole pipeline: ``tests/ingest/extract/test_rules.py``).

The modules of this stage import only :func:`confidence` from here; the matchers import them
when first run, so declaring the rules imports no rule module.
"""

from __future__ import annotations

from typing import Any

from ingest.extract import rules
from ingest.extract.rules import Matcher, Rule, Stage, register

_order = 100  # after the mention rules


def _declare(
    name: str,
    rank: int,
    confidence: float,
    examples: tuple[tuple[str, str], ...] = (),
    matcher: Matcher | None = None,
    stage: Stage = "relate",
) -> None:
    global _order
    _order += 1
    register(Rule(name, stage, confidence, rank, examples, matcher, _order))


def confidence(name: str) -> float:
    """The confidence of the relation or layout rule ``name``."""
    return rules.confidence(name)


def _header_roles(doc: Any) -> list[Any]:
    from ingest.extract.relate.roles import header_roles

    return header_roles(doc.text, doc.lines, doc.mentions)


def _role_lines(doc: Any) -> list[Any]:
    from ingest.extract.relate.roles import role_line_roles

    places = [m for m in doc.mentions if m.kind == "territory"]
    return role_line_roles(doc.text, doc.people, places)


def _appositions(doc: Any) -> list[Any]:
    from ingest.extract.relate.roles import appositions

    return appositions(doc.text, doc.mentions)


def _portraits(doc: Any) -> list[Any]:
    from ingest.extract.relate.roles import portrait_lines

    return portrait_lines(doc.text, doc.lines, doc.mentions)


def _changes(doc: Any) -> list[Any]:
    from ingest.extract.relate.changes import changes

    return changes(doc.text, doc.mentions)


def _links(doc: Any) -> list[Any]:
    from ingest.extract.relate.links import links

    return links(doc.text, doc.mentions)


def _located(doc: Any) -> list[Any]:
    from ingest.extract.relate.links import located

    return located(doc.text, doc.mentions)


def _cue_links(doc: Any) -> list[Any]:
    from ingest.extract.relate.link_cues import cue_links

    return cue_links(doc.text, doc.mentions)


def _settled(doc: Any) -> list[Any]:
    from ingest.extract.relate.location_cues import settled

    return settled(doc.text, doc.mentions)


def _testimony(doc: Any) -> list[Any]:
    from ingest.extract.relate.testimony import first_person_links

    return first_person_links(doc.text, doc.mentions)


def _general_roles(doc: Any) -> list[Any]:
    from ingest.extract.relate.general import general_roles

    return general_roles(doc.text, doc.mentions)


def _general_links(doc: Any) -> list[Any]:
    from ingest.extract.relate.general import general_links

    return general_links(doc.text, doc.mentions)


def _general_located(doc: Any) -> list[Any]:
    from ingest.extract.relate.general import general_located

    return general_located(doc.text, doc.mentions)


def _context_roles(doc: Any) -> list[Any]:
    from ingest.extract.relate.roles import context_roles

    return context_roles(doc.text, doc.mentions, doc.relations)


# roles
_declare("header-role", 0, 0.9, (), _header_roles)
_declare(
    "role-line-role",
    0,
    0.9,
    (
        (
            "Jeanne Martin\n\nDirectrice de l'association Les Jardins du Lac\n",
            "Jeanne Martin -> Jardins du Lac",
        ),
    ),
    _role_lines,
)
_declare("apposition", 2, 0.8, (), _appositions)
_declare("portrait", 1, 0.85, (), _portraits)
# foundings, dissolutions, renamings, successions
_declare("founded", 2, 0.85, (), _changes)
_declare("dissolved", 2, 0.85)
_declare("renamed", 2, 0.85)
_declare("succession", 3, 0.75)
# links cued before their object
_declare(
    "partner-of",
    3,
    0.75,
    (
        (
            "L'association Les Jardins du Lac travaille en partenariat avec Terre Vive.",
            "Les Jardins du Lac -> Terre Vive",
        ),
    ),
    _links,
)
_declare("member-of", 3, 0.75)
_declare("carries", 3, 0.75)
_declare("funded-by", 3, 0.75)
_declare("pair", 3, 0.75)
_declare("forward-carries", 4, 0.7)
_declare("forward-member-of", 4, 0.7)
_declare("forward-funded-by", 4, 0.7)
# places in a name
_declare("located-in", 2, 0.8, (), _located)
_declare("association-de", 3, 0.7)
# links around a support or joint-work cue
_declare("funder-first", 3, 0.75, (), _cue_links)
_declare("support-of", 4, 0.65)
_declare("support-received", 3, 0.75)
_declare("support-received-collectivity", 5, 0.6)
_declare("joint-work", 3, 0.7)
_declare("joint-work-place", 4, 0.65)
_declare("pair-cue", 3, 0.7)
_declare("ties-with", 4, 0.65)
_declare("settled", 4, 0.7, (), _settled)
# first-person testimonies: "nous avons rejoint …"
_declare("testimony", 4, 0.7, (), _testimony)
_declare("testimony-first-named", 5, 0.6)
# the general rules of the lexicons (roles.yaml, link_cues.yaml, located_cues.yaml)
_declare(
    "role-general",
    3,
    0.75,
    (
        (
            "Hier, Jeanne Martin, présidente de l'association Les Jardins du Lac, a parlé.",
            "Jeanne Martin -> Les Jardins du Lac",
        ),
    ),
    _general_roles,
)
_declare("role-bracket", 4, 0.7)
_declare("role-for", 4, 0.7)
_declare(
    "link-general",
    4,
    0.7,
    (
        (
            "L'association Les Jardins du Lac est soutenue par la Fondation Arc-en-Ciel.",
            "Les Jardins du Lac -> Fondation Arc-en-Ciel",
        ),
    ),
    _general_links,
)
_declare("link-together", 4, 0.7)
_declare("located-general", 4, 0.75, (), _general_located)
_declare("located-opening", 4, 0.7)
# last: a person next to a role word holds it at the paragraph's organisation
_declare("context-role", 5, 0.6, (), _context_roles)

# layouts (run after resolution, on resolved entities): their evidence's confidence
_declare("layout-record", 1, 0.9, stage="layouts")
_declare("layout-named-organisation", 2, 0.8, stage="layouts")
