"""Roles stated by a verb, read from the dependency parse of one sentence (rule ``role-verb``).

"X dirige Y", "X, qui préside Y", "X a fondé Y" (the person is the verb's subject, the
organisation its object) and "Y est présidée par X", "Y, fondée par X", "Créée par X en 2015,
l'association Y…" (the organisation is the participle's subject or the noun it qualifies, the
person its agent). The verbs and the title each gives are generic French words of
``lexicons/role_verbs.yaml``; years come from the clause ("depuis 2021").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from ingest.extract.mentions import org_words
from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.nlp import Sentence
from ingest.extract.mentions.phrases import is_word
from ingest.extract.mentions.word_lists import WordList
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.general import SHORT, main_organisation, noun_target
from ingest.extract.relate.relation import Relation, years
from ingest.extract.relate.syntax import Parsed, parsed_sentences

_ORG = ("organisation",)


@cache
def _verbs() -> tuple[WordList, dict[str, tuple[str, bool]]]:
    """Every form (span group ``role_verbs``), and form -> (title, whether the form is
    passive)."""
    forms: dict[str, tuple[str, bool]] = {}
    for verb in lexicon("role_verbs").get("verbs") or []:
        for form in verb.get("active") or []:
            forms[form.lower()] = (verb["label"], False)
        for form in verb.get("passive") or []:
            forms[form.lower()] = (verb["label"], True)
    return WordList.of("role_verbs", forms), forms


def _verb_forms(text: str, pos: int, endpos: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, form) of each verb form written in ``text[pos:endpos]`` (in any case) as
    a whole word, from left to right, the longest form first where several start at one
    place."""
    verbs, _ = _verbs()
    at = pos
    for n in verbs.starts(text, pos, endpos):
        if n < at or (n > 0 and (is_word(text[n - 1]) or text[n - 1] in "’'-")):
            continue
        form = next(verbs.written(text, n, ignorecase=True, endpos=endpos, not_before="’'-"), None)
        if form is not None:
            at = n + len(form)
            yield n, at, form


def _org_at(ps: Parsed, i: int, text: str, orgs: Sequence[Mention]) -> Mention | None:
    """The organisation holding word ``i``, or named right after it or its phrase
    ("l'association [Y]", "le chantier d'insertion [Y]")."""
    if (m := ps.mention_of(i, _ORG)) is not None:
        return m
    end = ps.tokens[i].end
    return next(
        (
            m
            for m in orgs
            if 0 <= m.start - end <= 1
            or (
                0 <= m.start - end <= 40
                and ps.tokens[i].text.lower() in org_words.typing_first_words()
                and _TYPING_TAIL.fullmatch(text, end, m.start) is not None
            )
        ),
        None,
    )


# the lower-case words of a typing noun's phrase before the name: "le chantier d'insertion Y"
_TYPING_TAIL = re.compile(r"(?:\s*(?:d['’]|de |du |des )?[a-zà-ÿ'’-]+){0,3}\s*")


def _person_at(ps: Parsed, i: int) -> Mention | None:
    t = ps.tokens[i]
    return next(
        (m for m in ps.mentions if m.kind == "person" and m.start <= t.start and t.end <= m.end),
        None,
    )


def _agent_at(ps: Parsed, i: int) -> Mention | None:
    """The person of an agent, or of its apposition ("par le Laonnois X", "par sa fille X")."""
    return _person_at(ps, i) or next(
        (p for j in ps.children(i) if ps.tokens[j].dep == "appos" and (p := _person_at(ps, j))),
        None,
    )


def _active(
    ps: Parsed, verb: int, text: str, orgs: Sequence[Mention]
) -> tuple[Mention, Mention] | None:
    """(person, organisation) of "X dirige Y" or "X, qui dirige Y"."""
    children = ps.children(verb)
    holder = next(
        (p for j in children if ps.tokens[j].dep == "nsubj" and (p := _person_at(ps, j))), None
    )
    if holder is None and ps.tokens[verb].dep.startswith("acl"):
        holder = _person_at(ps, ps.tokens[verb].head)  # "X, qui dirige Y"
    org = next(
        (o for j in children if ps.tokens[j].dep == "obj" and (o := _org_at(ps, j, text, orgs))),
        None,
    )
    return (holder, org) if holder is not None and org is not None else None


def _passive(
    ps: Parsed, verb: int, text: str, orgs: Sequence[Mention], main: Mention | None = None
) -> tuple[Mention, Mention] | None:
    """(person, organisation) of "Y est présidée par X", "Y, fondée par X", "Créée par X, Y"."""
    children = ps.children(verb)
    holder = next(
        (p for j in children if ps.tokens[j].dep == "obl:agent" and (p := _agent_at(ps, j))),
        None,
    )
    if holder is None:
        return None
    org = next(
        (
            o
            for j in children
            if ps.tokens[j].dep == "nsubj:pass" and (o := _org_at(ps, j, text, orgs))
        ),
        None,
    )
    head = ps.tokens[verb].head
    if org is None and head != verb and ps.tokens[verb].dep in ("acl", "nmod", "advcl"):
        org = _org_at(ps, head, text, orgs)  # "Y, fondée par X" / "Créée par X, l'association Y"
    if org is None and ps.tokens[verb].start == ps.sentence.start and main is not None:
        # "Fondée en 2011 par X, aujourd'hui président, la structure compte…": the common noun
        # of the clause's subject stands for the organisation the text is about
        noun = _SUBJECT_NOUN.search(text, holder.end, ps.sentence.end)
        if noun is not None and noun.group("noun").lower() in org_words.typing_first_words():
            org = noun_target(main)
    return (holder, org) if org is not None else None


# the subject of the main clause after a fronted participle: ", la structure", ", cette épicerie"
_SUBJECT_NOUN = re.compile(r",\s*(?:la |le |l['’]|cette |cet |ce )(?P<noun>[a-zà-ÿ-]+)")


def verb_roles(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[Relation]:
    """Every role a verb of ``lexicons/role_verbs.yaml`` states between a person and an
    organisation of one parsed sentence."""
    _, forms = _verbs()
    # the whole document's: the model may end a sentence inside it ("… le chantier. Les X")
    orgs = [m for m in mentions if m.kind in _ORG]
    main = main_organisation(mentions, text) if len(text) < SHORT else None
    out: list[Relation] = []
    for ps in parsed_sentences(sentences, mentions):
        if not any(m.kind == "person" for m in ps.mentions):
            continue
        for start, end, form in _verb_forms(text, ps.sentence.start, ps.sentence.end):
            label, passive = forms[form.lower()]
            verb = ps.at(end - 1)  # the participle of "a fondé"
            if verb is None:
                continue
            pair = (
                _passive(ps, verb, text, orgs, main) if passive else _active(ps, verb, text, orgs)
            )
            if pair is None:
                continue
            holder, org = pair
            span = (min(holder.start, org.start, start), max(holder.end, org.end))
            start_year, end_year = years(text[span[0] : min(ps.sentence.end, span[1] + 40)])
            if label == "fondateur":
                end_year = None  # a founder stays one; a year there is the founding's
                start_year = None
            out.append(
                Relation(
                    "role",
                    holder,
                    org,
                    span,
                    label,
                    start_year,
                    end_year,
                    confidence("role-verb"),
                    "role-verb",
                )
            )
    return out
