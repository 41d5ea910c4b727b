"""Links between organisations read from one sentence's parse (rule ``link-parse``).

Every cue of ``lexicons/link_cues.yaml`` in a sentence (not only its first) links:

* its objects: the organisation right after the cue ("soutenu par [la] Y", "membre du réseau
  Y") and every organisation coordinated with it, by the text ("A, B et C") or by the parse;
* its subject: the organisation the parse makes the subject of the cue's clause — the
  ``nsubj`` of the cue word or of a word above it ("L'association X travaille en partenariat
  avec Y", "X est membre de Y"), or the noun a participle qualifies ("X, porté par Y").

A cue whose clause has no organisation as subject gives nothing here (the sentence rules of
:mod:`general` read the organisation before the cue instead). Each cue is mapped to its
ontology property by the lexicon (``partner-of``, ``member-of``, ``funded-by``, ``carries``;
``reverse`` cues swap subject and object).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.nlp import Sentence
from ingest.extract.relate.antecedent import antecedent
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.context import Context
from ingest.extract.relate.general import coordinated, cue_heads, link_cues, org_key
from ingest.extract.relate.relation import Relation, RelationKind
from ingest.extract.relate.syntax import COMPLEMENTS, Parsed, parsed_sentences

_ORGS = ("organisation", "programme")
# Between a cue and its object: an article, a kind word ("par l'association Y").
_TO_OBJECT = re.compile(
    r"\s*(?:la |le |l['’]|les |un |une )?\s*(?:(?:association|structure|coopérative|réseau"
    r"|fédération|fondation|collectif|entreprise|ville|commune)\s+)?[«“\"]?\s*",
    re.IGNORECASE,
)
_SUBJECT = frozenset({"nsubj", "nsubj:pass"})
_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})
# A participle or a title qualifying a noun: "X, porté par Y", "X, membre de Y".
_QUALIFIES = frozenset({"acl", "acl:relcl", "appos", "amod"})


def parsed_links(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[Relation]:
    """Every link a cue states between the subject of its clause and its objects."""
    out: list[Relation] = []
    ctx = Context(text, mentions)
    people = [m for m in mentions if m.kind == "person"]
    for ps in parsed_sentences(sentences, mentions):
        orgs = [m for m in ps.mentions if m.kind in _ORGS]
        if len(orgs) < 2:
            continue
        s, e = ps.sentence.start, ps.sentence.end
        cues = sorted(
            (m.start(), -(m.end() - m.start()), m.end(), kind, reverse)
            for pattern, kind, reverse in link_cues()
            for m in pattern.finditer(text, s, e)
        )
        taken = -1
        found: set[tuple[int, int]] = set()
        for start, _, end, kind, reverse in cues:
            if start < taken:
                continue  # inside a longer cue that starts at the same place or before
            taken = end
            first = next(
                (o for o in orgs if o.start >= end and _TO_OBJECT.fullmatch(text, end, o.start)),
                None,
            ) or _after_colon(text, end, orgs)
            if first is not None:
                found.add((start, first.start))
                out += _links(ctx, ps, people, orgs, start, first, kind, reverse)
        for pattern, prepositions, kind, reverse in cue_heads():
            for m in pattern.finditer(text, s, e):
                first = _governed(ps, m.end() - 1, prepositions)
                if first is not None and (m.start(), first.start) not in found:
                    found.add((m.start(), first.start))
                    out += _links(ctx, ps, people, orgs, m.start(), first, kind, reverse)
    return out


def _links(
    ctx: Context,
    ps: Parsed,
    people: Sequence[Mention],
    orgs: Sequence[Mention],
    start: int,
    first: Mention,
    kind: RelationKind,
    reverse: bool,
) -> list[Relation]:
    """The links of the cue at ``start`` whose first object is ``first``."""
    subject = _subject(ps, start, first)
    if subject is None and _pronoun_subject(ps, start):
        # "elle s'est liée…": the organisation named before, else the portrait's
        subject = antecedent(ctx, start, exclude=[first], people=people) or ctx.topic(
            start, exclude=[first.text]
        )
        if subject is not None and subject.end > ps.sentence.start:
            subject = None  # named in the sentence: not what the pronoun stands for
    if subject is None or (subject.end > first.start and subject.start < first.end):
        return []
    objects = coordinated(ctx.text, [o for o in orgs if o.start >= first.start], first)
    objects += [o for o in _conjoined(ps, first) if o not in objects]
    out = []
    for obj in objects:
        if org_key(obj.text) == org_key(subject.text):
            continue
        a, b = (obj, subject) if reverse else (subject, obj)
        span = (min(a.start, b.start, start), max(a.end, b.end))
        out.append(
            Relation(kind, a, b, span, None, None, None, confidence("link-parse"), "link-parse")
        )
    return out


def _governed(ps: Parsed, pos: int, prepositions: frozenset[str]) -> Mention | None:
    """The organisation the cue word at ``pos`` governs through one of ``prepositions``."""
    word = ps.at(pos)
    if word is None:
        return None
    for j, _ in ps.descend(word, COMPLEMENTS, 2):
        if j > word and ps.case(j) in prepositions:
            org = ps.mention_of(j, _ORGS)
            if org is not None:
                return org
    return None


def _after_colon(text: str, end: int, orgs: Sequence[Mention]) -> Mention | None:
    """The first organisation of a list announced by the cue's phrase: "une convention avec
    plusieurs organismes : la Région X, Y et Z" (a colon after the cue, in the sentence)."""
    colon = text.find(":", end)
    if colon < 0 or "\n" in text[end:colon] or colon - end > 120:
        return None
    return next(
        (o for o in orgs if o.start > colon and _TO_OBJECT.fullmatch(text, colon + 1, o.start)),
        None,
    )


def _pronoun_subject(ps: Parsed, cue: int) -> bool:
    """Whether the clause of the cue has a personal pronoun as subject ("elle s'est liée…")."""
    word = ps.at(cue)
    for _ in range(5):
        if word is None:
            return False
        for j in ps.children(word):
            if ps.tokens[j].dep in _SUBJECT:
                return ps.tokens[j].text.lower() in _PRONOUNS
        if ps.tokens[word].head == word:
            return False
        word = ps.tokens[word].head
    return False


def _subject(ps: Parsed, cue: int, first: Mention) -> Mention | None:
    """The organisation the parse makes the subject of the clause of the cue at ``cue``."""
    word = ps.at(cue)
    seen: set[int] = set()
    for _ in range(5):
        if word is None or word in seen:
            return None
        seen.add(word)
        for j in ps.children(word):
            if ps.tokens[j].dep in _SUBJECT:
                return _organisation(ps, j, first)
        token = ps.tokens[word]
        if token.dep in _QUALIFIES:
            return _organisation(ps, token.head, first)
        if token.head == word:
            return None
        word = token.head
    return None


def _conjoined(ps: Parsed, first: Mention) -> list[Mention]:
    """Organisations the parse coordinates with ``first`` ("avec A et B")."""
    found: list[Mention] = []
    level = ps.heads(first)
    for _ in range(4):
        nxt = [j for k in level for j in ps.children(k) if ps.tokens[j].dep == "conj"]
        for j in nxt:
            org = ps.mention_of(j, _ORGS)
            if org is not None and org != first and org not in found and org.start > first.end:
                found.append(org)
        level = nxt
    return found


def _organisation(ps: Parsed, word: int, first: Mention) -> Mention | None:
    org = ps.mention_of(word, _ORGS)
    return org if org is not None and org.end <= first.start and org != first else None
