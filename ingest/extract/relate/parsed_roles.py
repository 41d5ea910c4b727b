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

from ess_core.iris import fold
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.nlp import Sentence
from ingest.extract.relate.antecedent import previous_sentence
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.context import Context
from ingest.extract.relate.general import main_organisation, noun_target, role_pattern
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
    orgs = sorted(m for m in mentions if m.kind in _ORG)
    main = main_organisation(mentions, text)
    ctx = Context(text, mentions)
    for ps in parsed_sentences(sentences, mentions):
        people = {i: p for p in ps.mentions if p.kind == "person" for i in ps.covered(p)}
        if not people:
            continue
        titles = []
        for match in pattern.finditer(text, ps.sentence.start, ps.sentence.end):
            word = ps.at(match.start("role"))
            if word is not None and word not in people:
                titles.append((match, word))
        firsts = {w for _, w in titles}
        for match, word in titles:
            holder = _holder(ps, word, people)
            if holder is None or not _close(text, holder, match.start(), match.end()):
                continue
            inside = {i for i in range(len(ps.tokens)) if match.start() <= ps.tokens[i].start}
            inside &= {i for i in inside if ps.tokens[i].end <= match.end()}
            stop = (firsts - inside) | set(people)
            governed = _governed(ps, word, stop) or _named_by_noun(text, ps, word, stop, orgs, main)
            if not governed:
                possessed = _possessed(text, ps, word, ctx, main)
                if possessed is not None:
                    out.append(
                        Relation(
                            "role",
                            holder,
                            possessed,
                            (min(holder.start, match.start()), max(holder.end, match.end())),
                            _capital(match.group("role")),
                            None,
                            None,
                            confidence("role-possessive"),
                            "role-possessive",
                        )
                    )
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


def _capital(label: str) -> str:
    """A label as the portrait rules write it: "fondateur" -> "Fondateur"."""
    return label[:1].upper() + label[1:]


def _close(text: str, holder: Mention, start: int, end: int) -> bool:
    """Whether a title and its person are close enough for the parse to be trusted: a title
    right after the name ("X, directrice"), or one before it within the clause ("la directrice
    de Y, X") with no line break in between."""
    if start >= holder.end:
        return len(text[holder.end : start]) <= 40 and "\n" not in text[holder.end : start]
    gap = text[end : holder.start]
    return end <= holder.start and len(gap) <= 200 and "\n" not in gap


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


# Common nouns that stand for an organisation named before: "directrice de l'association".
_NOUNS = frozenset(
    "association structure coopérative entreprise chantier épicerie recyclerie ressourcerie "
    "collectif fédération fondation scop scic tiers-lieu atelier boutique régie mutuelle "
    "plateforme café ferme".split()
)
_FOLDED = frozenset(fold(n) for n in _NOUNS)
_DEFINITE = re.compile(
    r"(?:du|au|(?:de|à|chez|pour|auprès de)\s+(?:la|le|l['’]|cette|cet|ce|notre))\s*$", re.I
)
# A name after the noun, maybe after an adjective: "l'association amiénoise Les Xyz".
_NAME_AFTER = re.compile(r"\s*(?:[a-zà-ÿ'’-]+\s+){0,2}[A-ZÀ-Ý«“\"]")
# How far back the organisation a common noun stands for may be named (characters).
_NOUN_REACH = 1500


def _named_by_noun(
    text: str,
    ps: Parsed,
    word: int,
    stop: set[int],
    orgs: Sequence[Mention],
    main: Mention | None,
) -> list[tuple[Mention, int]]:
    """ "directrice de l'association" (no name after the noun): the organisation named before
    whose name holds the noun, else the organisation the document is about."""
    for j, _ in ps.descend(word, COMPLEMENTS, 2):
        token = ps.tokens[j]
        if j in stop or j < word or ps.case(j) not in _OF or fold(token.text) not in _FOLDED:
            continue
        if not _DEFINITE.search(text, ps.opening(j), token.start) or _NAME_AFTER.match(
            text, token.end
        ):
            return []  # a name follows (not found as a mention), or not a definite noun
        before = [o for o in orgs if token.start - _NOUN_REACH <= o.end <= token.start]
        noun = fold(token.text)
        named = [o for o in before if noun in fold(o.text)]
        if named:
            return [(named[-1], j)]
        own = noun_target(main)  # no "structure" of a council
        if own is not None and any(fold(o.text) == fold(own.text) for o in before):
            return [(own, j)]
        return []
    return []


_POSSESSIVES = frozenset({"son", "sa", "leur"})


def _possessed(
    text: str, ps: Parsed, word: int, ctx: Context, main: Mention | None = None
) -> Mention | None:
    """ "Son fondateur, X", "sa directrice X": the organisation the sentence before is about (the
    subject of the sentence before, else the portrait's or paragraph's organisation, else the
    document's main organisation), named before this sentence."""
    if not any(
        ps.tokens[j].dep == "det" and ps.tokens[j].text.lower() in _POSSESSIVES
        for j in ps.children(word)
    ):
        return None
    start = ps.sentence.start
    found = _previous_subject(ctx, start) or ctx.topic(start) or main
    return found if found is not None and found.end <= start else None


def _previous_subject(ctx: Context, start: int) -> Mention | None:
    """The organisation opening the sentence before ``start``."""
    prev = previous_sentence(ctx, start)
    if prev is None:
        return None
    first = next((m for m in ctx.orgs if prev[0] <= m.start < prev[1]), None)
    lead = ctx.text[prev[0] : first.start] if first is not None else ""
    return first if first is not None and len(lead.strip()) <= 20 else None


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
