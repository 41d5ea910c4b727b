"""People named "Prénom NOM": a capitalised given name and a family name in capitals
("Jeanne MARTIN-LEFORT"), a shape the model often cuts in two; a name alone on its line
(rule ``name-alone``).

The family name is no acronym of the field (``NON_ORG_ACRONYMS``, ``model_filter.yaml``)
nor an organisation another rule found, and the two words have a person's name shape
(``ingest.extract.classify.kinds.is_person_name``). A given name and a family name before a
comma and a role title are a person too (rule ``person-titled``: "Camille Petit, directrice").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.classify.kinds import is_person_name
from ingest.extract.mentions import governors
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.given_names import opens_with_given_name
from ingest.extract.mentions.model_decision import concept_acronyms
from ingest.extract.mentions.names import Mention, make_mention
from ingest.extract.mentions.structural import after_place_word

_UPPER = "A-ZÀ-ÖØ-Ý"
_LOWER = "a-zà-öø-ÿ"
_CAPS_NAME = re.compile(
    rf"(?<![\w’'-])(?P<given>[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
    rf" (?P<family>[{_UPPER}]{{2,}}(?:[-' ][{_UPPER}]{{2,}})*)(?![\w’'-])"
)


def capitalised_family_names(doc: Document) -> Iterator[Mention]:
    """ "Jeanne MARTIN", "Jean-Luc DUPONT-MOREL"."""
    text = doc.text
    acronyms = concept_acronyms()
    orgs = {m.text for m in doc.found if m.kind == "organisation"}
    for m in _CAPS_NAME.finditer(text):
        family = m.group("family")
        if (
            len(family.replace("-", "")) < 3
            or family in acronyms
            or family in orgs
            or m.group("given") in orgs  # "Direccte LRMP": a body and its area
        ):
            continue
        name = f"{m.group('given')} {family}"
        if not is_person_name(name) or after_place_word(text, m.start()):
            continue
        mention = make_mention(text, m.start(), m.end(), "person", "caps-name", confidence=0.8)
        if mention is not None:
            yield mention


# a line holding only "Prénom Nom" (a caption, a signature): two or three capitalised words
_NAME_ALONE = re.compile(
    rf"(?P<given>[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
    rf"(?: [{_UPPER}][{_LOWER}{_UPPER}'’-]+){{1,2}}"
)


def names_alone_on_a_line(doc: Document) -> Iterator[Mention]:
    """A line that is a person's name and nothing else, opening with a given name
    (:mod:`ingest.extract.mentions.given_names`): "Jeanne Martin" under a signature's title.
    The model often misses a name out of a sentence."""
    vocab = doc.nlp.vocab if doc.nlp is not None else None
    orgs = {m.text for m in doc.found if m.kind == "organisation"}
    for line in doc.lines:
        m = _NAME_ALONE.fullmatch(line.text)
        if m is None or line.kind not in ("paragraph", "name") or line.text in orgs:
            continue
        if not opens_with_given_name(line.text, vocab) or not is_person_name(line.text):
            continue
        mention = make_mention(doc.text, line.start, line.end, "person", "name-alone")
        if mention is not None:
            yield mention


def people_before_titles(doc: Document) -> Iterator[Mention]:
    """ "Camille Petit, directrice adjointe": a given name of the list and a family name
    before a comma and a role title (rule ``person-titled``), not an organisation found."""
    text = doc.text
    orgs = [(m.start, m.end) for m in doc.found if m.kind == "organisation"]
    for start, end in governors.people_before_titles(text):
        name = text[start:end]
        if not opens_with_given_name(name) or any(s < end and start < e for s, e in orgs):
            continue
        mention = make_mention(text, start, end, "person", "person-titled", confidence=0.8)
        if mention is not None:
            yield mention
