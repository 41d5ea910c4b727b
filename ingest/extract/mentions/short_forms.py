"""Short forms a document uses for one of its own names: ``le PTCE`` for the document's only
``PTCE Les Voisins``, ``Club ESS`` for its only ``Club des Entrepreneurs ESS de X``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from ess_core.iris import fold
from ingest.extract.classify.kinds import strip_article
from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.names import CAPSEQ, Mention, initials
from ingest.extract.mentions.structural import Acronym
from ingest.extract.rules import confidence

_CONNECTORS = frozenset("de du des la le les l d et en pour a au aux sur".split())
# "le PTCE", "du PTCE", "au PTCE": one of a kind, not the class ("les PTCE", "des PTCE")
_DEFINITE = re.compile(r"(?:\b[Ll]e|\b[Dd]u|\b[Aa]u|\b[Ll]['’])\s*$")


_GENERIC_COUNCIL = re.compile(
    r"(?i)^(?:le |la )?(?:conseil (?:d[ée]partemental|r[ée]gional)|d[ée]partement)$"
)
_NAME_AFTER = re.compile(rf" (?P<name>{CAPSEQ})(?![\w'’-])")


def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[^\w]+", fold(name)) if w and w not in _CONNECTORS)


def expand_short_forms(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions with each short form renamed to the one longer name of the document that
    starts with the same word and holds all its words. A one-word short form is renamed only
    when it names a kind of thing (a programme such as PTCE) after a singular definite
    article; several candidates leave it as it is. A council named without its département
    or region (``Conseil départemental``) that no longer name completes is dropped."""
    names: dict[str, tuple[str, ...]] = {}
    for m in mentions:
        if m.kind in ("organisation", "programme"):
            names.setdefault(" ".join(m.text.split()), _words(m.text))
    out = []
    for m in mentions:
        words = _words(m.text)
        if m.kind not in ("organisation", "programme") or not words:
            out.append(m)
            continue
        if len(words) == 1 and (
            m.kind != "programme" or not _DEFINITE.search(text, max(0, m.start - 4), m.start)
        ):
            out.append(m)
            continue
        longer = {
            name: other
            for name, other in names.items()
            if len(other) > len(words) and other[0] == words[0] and set(words) < set(other)
        }
        # "Club ESS entrepreneurs" and "Club des Entrepreneurs ESS de X": the longest holds both
        widest = [n for n, w in longer.items() if not any(set(w) < set(o) for o in longer.values())]
        if len(widest) == 1:
            out.append(replace(m, text=widest[0]))
        elif not _GENERIC_COUNCIL.match(m.text):  # which département's? not a node of its own
            out.append(m)
    return out


def extend_class_names(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """A class acronym after a singular definite article and before a capitalised word names
    one thing: ``au PTCE Les Voisins`` is ``PTCE Les Voisins``, not the class PTCE."""
    starts = {m.start for m in mentions}
    out = []
    for m in mentions:
        name = _NAME_AFTER.match(text, m.end)
        if (
            m.kind == "programme"
            and m.text.isupper()
            and name is not None
            and name.start("name") not in starts
            and _DEFINITE.search(text, max(0, m.start - 4), m.start)
        ):
            m = replace(m, end=name.end(), text=text[m.start : name.end()])
        out.append(m)
    return out


def extend_noun_names(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """A common noun of ``name_nouns`` (org_context.yaml) written in lower case right before
    an organisation's name is part of it: ``le club IAE Laonnois``, ``l'institut Castor``."""
    nouns = {fold(n) for n in lexicon("org_context").get("name_nouns") or []}
    out = []
    longer: dict[str, str] = {}
    for m in mentions:
        noun = _NOUN_BEFORE.search(text, max(0, m.start - 20), m.start)
        if m.kind == "organisation" and noun is not None and fold(noun.group("noun")) in nouns:
            start = noun.start("noun")
            longer.setdefault(m.text, text[start : m.end])
            m = replace(m, start=start, text=text[start : m.end])
        out.append(m)
    # the name written again without its noun is the same body ("… Rive Nord organise")
    return [
        replace(m, text=longer[m.text]) if m.kind == "organisation" and m.text in longer else m
        for m in out
    ]


_NOUN_BEFORE = re.compile(r"(?:\b[Ll]e |\b[Ll]['’]|\b[Dd]u |\b[Aa]u )(?P<noun>[a-zà-ÿ]+) $")


def initial_pairs(mentions: Sequence[Mention], known: Sequence[Acronym]) -> list[Acronym]:
    """An acronym the document does not spell out, paired with the one organisation it names
    whose initials it is (``l'UPC`` after ``Université Populaire et Citoyenne``)."""
    defined = {a.short.text for a in known}
    orgs = [m for m in mentions if m.kind == "organisation"]
    pairs = []
    for m in orgs:
        if not (m.text.isupper() and 2 < len(m.text) <= 6) or m.text in defined:
            continue
        longer = {o.text: o for o in orgs if " " in o.text and initials(o.text) == m.text}
        if len(longer) == 1:
            pairs.append(Acronym(m, next(iter(longer.values()))))
            defined.add(m.text)
    return pairs


def slash_pairs(text: str, mentions: Sequence[Mention]) -> list[Acronym]:
    """Two names of one organisation joined by a slash, one of them with its legal form
    ("Vélocité/SAS Roue Libre", "SCOP Bois Vert/Bois Vert Services"): one node."""
    orgs = sorted(m for m in mentions if m.kind == "organisation")
    pairs = []
    for a, b in pairwise(orgs):
        if text[a.end : b.start] != "/":
            continue
        if _LEGAL_FORM.match(a.text) or _LEGAL_FORM.match(b.text):
            pairs.append(Acronym(a, b))
    return pairs


_LEGAL_FORM = re.compile(r"(?:SAS|SASU|SARL|EURL|SCIC|SCOP|Scic|Scop|SA|SCI)\s")


# "la Ressourcerie", "l'Épicerie": a capitalised head word after a singular definite article,
# with no name or complement after it
_HEAD_FORM = re.compile(
    r"(?<![\w'’-])(?:[Ll]a |[Ll]e |[Ll]['’]|[Dd]u |[Aa]u |[Dd]e la |[Àà] la )"
    r"(?P<head>[A-ZÀ-Ý][a-zà-ÿ-]{3,})"
    r"(?! (?:de |du |des |d['’]|[A-ZÀ-Ý0-9]))(?![\w'’-])"
)


def head_short_forms(
    text: str, mentions: Sequence[Mention], heads: frozenset[str]
) -> list[Mention]:
    """``mentions`` and a mention (rule ``short-head``) of each capitalised typing head a
    document writes alone after a definite article ("la Ressourcerie a ouvert…") when exactly
    one of its organisations is named by that head ("Ressourcerie du Calaisis"). ``heads``:
    the typing heads, in lower case."""
    by_head: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "organisation":
            first = re.split(r"[\s'’]+", strip_article(m.text), maxsplit=1)[0]
            if first.lower() in heads and " " in m.text.strip():
                by_head.setdefault(first.lower(), set()).add(" ".join(m.text.split()))
    taken = [(m.start, m.end) for m in mentions]
    added: list[Mention] = []
    for hit in _HEAD_FORM.finditer(text):
        head = hit.group("head")
        names = by_head.get(head.lower(), set())
        s, e = hit.span("head")
        if len(names) != 1 or any(a < e and s < b for a, b in taken):
            continue
        (name,) = names
        added.append(
            Mention(s, e, "organisation", name, "rule", confidence("short-head"), "short-head")
        )
    return sorted([*mentions, *added])
