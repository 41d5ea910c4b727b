"""Roles read from the dependency parse of one sentence (rule ``role-parse``).

A title of ``lexicons/roles.yaml`` belongs to the person it is attached to in the parse:

* apposed to the name — "X, présidente de Y", "…, explique X, directrice de Y",
  "X, chargée de mission à Y" (the title depends on the name);
* the name apposed to the title — "la directrice de Y, X" (the name depends on the title);
* a copula — "X est coordinatrice de Y" (the name is the title's subject).

Its organisation is the one the title governs: the first organisation reached from the title
through its complements ("de Y", "à Y", "chez Y", "au sein de Y"…), not the nearest in
characters; organisations coordinated with it ("présidente de Y et de Z") hold the role too.
The label is the whole title up to the complement that names the organisation ("vice-présidente
en charge de l'ESS"); years come from the title's clause ("depuis 2021", "de 2017 à 2022").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.nlp import Sentence
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.general import role_pattern
from ingest.extract.relate.relation import Relation, years
from ingest.extract.relate.syntax import COMPLEMENTS, Parsed, parsed_sentences

# How a title hangs on a name ("X, directrice…"), and a name on a title ("la directrice…, X").
_TITLE_ON_NAME = frozenset({"appos", "nmod", "acl", "amod", "dep"})
_NAME_ON_TITLE = frozenset({"appos", "nsubj", "nsubj:pass", "flat:name"})
# Prepositions that introduce the organisation of a title.
_OF = frozenset({"de", "du", "des", "d'", "d’", "à", "au", "aux", "chez", "pour", "auprès"})
_ORG = ("organisation",)
# Words of a title's complements that end its label ("directrice depuis 2019 de Y").
_TRAILING_PREPOSITION = re.compile(
    r"\s+(?:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|au|aux|à|chez|pour)$"
)
_LABEL_END = re.compile(r"\s*[,(]|\s+depuis\b|\s+(?:de|en) (?:19|20)\d\d\b")


def parsed_roles(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[Relation]:
    """Every role the parse of a sentence ties to a title, a person and an organisation."""
    out: list[Relation] = []
    pattern = role_pattern()
    for ps in parsed_sentences(sentences, mentions):
        people = {i: p for p in ps.mentions if p.kind == "person" for i in ps.covered(p)}
        if not people or not any(m.kind in _ORG for m in ps.mentions):
            continue
        titles = []
        for match in pattern.finditer(text, ps.sentence.start, ps.sentence.end):
            word = ps.at(match.start("role"))
            if word is not None and word not in people:
                titles.append((match, word))
        firsts = {w for _, w in titles}
        for match, word in titles:
            holder = _holder(ps, word, people)
            if holder is None:
                continue
            inside = {i for i in range(len(ps.tokens)) if match.start() <= ps.tokens[i].start}
            inside &= {i for i in inside if ps.tokens[i].end <= match.end()}
            governed = _governed(ps, word, (firsts - inside) | set(people))
            if not governed:
                continue
            first, door = governed[0]
            if re.search(r"[,;:.!?«»]", text[match.end() : ps.opening(door)]):
                continue  # the title's clause ends before the organisation
            end = _clause_end(text, first.end, ps.sentence.end)
            start_year, end_year = years(text[match.start() : end])
            label = _label(text, match.start("role"), ps.opening(door), match.group("role"))
            for org, _ in governed:
                out.append(
                    Relation(
                        "role",
                        holder,
                        org,
                        (min(holder.start, match.start()), max(holder.end, org.end)),
                        label,
                        start_year,
                        end_year,
                        confidence("role-parse"),
                        "role-parse",
                    )
                )
    return out


def _holder(ps: Parsed, word: int, people: dict[int, Mention]) -> Mention | None:
    """The person a title is attached to: the name it depends on, or the name that depends
    on it (apposed, or the subject of a copula)."""
    title = ps.tokens[word]
    # "ancienne coordinatrice": the title word may hang on the name through its modifier
    if title.head in people and title.dep in _TITLE_ON_NAME:
        return people[title.head]
    children = ps.children(word)
    copula = any(ps.tokens[j].dep == "cop" for j in children)
    for j in children:
        dep = ps.tokens[j].dep
        if j in people and dep in _NAME_ON_TITLE and (copula or not dep.startswith("nsubj")):
            return people[j]
    return None


def _governed(ps: Parsed, word: int, stop: set[int]) -> list[tuple[Mention, int]]:
    """The organisations a title governs — (mention, the word a preposition introduces) —
    the nearest in the tree first, then those coordinated with it."""
    level = [word]
    seen = {word}
    for _ in range(3):
        nxt = []
        for k in level:
            for j in ps.children(k):
                if j in seen or j < word or ps.tokens[j].dep not in COMPLEMENTS or j in stop:
                    continue
                seen.add(j)
                if ps.case(j) in _OF and (org := ps.mention_of(j, _ORG)) is not None:
                    return [(org, j), *_coordinated(ps, j, org)]
                nxt.append(j)
        level = nxt
    return []


def _coordinated(ps: Parsed, word: int, first: Mention) -> list[tuple[Mention, int]]:
    """Organisations conjoined with the one at ``word``: "de Y et de Z"."""
    found: list[tuple[Mention, int]] = []
    for j in ps.children(word):
        if ps.tokens[j].dep == "conj":
            org = ps.mention_of(j, _ORG)
            if org is not None and org != first and ps.case(j) in _OF | {""}:
                found.append((org, j))
    return found


def _label(text: str, start: int, door: int, form: str) -> str:
    """The title as written, up to the complement naming the organisation: "directrice",
    "vice-présidente en charge de l'ESS"."""
    label = " ".join(text[start:door].split())
    cut = _LABEL_END.search(label)
    if cut is not None:
        label = label[: cut.start()]
    label = _TRAILING_PREPOSITION.sub("", label)
    return label if 0 < len(label) <= 80 else form


def _clause_end(text: str, start: int, limit: int) -> int:
    """The end of the clause after ``start``: a comma or a semicolon outside brackets."""
    depth = 0
    for i in range(start, limit):
        c = text[i]
        depth += c == "("
        depth -= c == ")"
        if depth <= 0 and c in ",;":
            return i
    return limit
