"""Organisations named without a typing word before them, found by what surrounds them.

* ``typed-apposition``: a name followed by a comma and a typing noun ("Vélocité, une
  association de…", "Atelier Bleu et Terre Vive, deux coopératives…", "3e Souffle,
  recyclerie…"): the name may hold lower-case words when it opens its sentence;
* ``named-as``: a quoted name after a naming verb ("baptisée « Le Petit Coup de Main »");
* ``region-qualified``: a name the model tags that ends on a région ("Réseau Vert
  Bretagne"): a regional branch, not a place.

The typing nouns are generic French words of ``ingest/extract/lexicons/org_context.yaml``
(``apposition``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import place_key
from ingest.extract.mentions.names import CAPSEQ, Mention, make_mention
from ingest.extract.mentions.word_lists import word_list

_DET = r"(?:une? |l['’]|la |le |les |deux |trois |quatre |cette |cet |ce )?"
# words a sentence may open on that start no name ("En 2015, une association…")
_OPENERS = frozenset(
    "a à au aux avec ce cette ces c dans de depuis des du en et ici il elle ils elles l la le"
    " les leur mais ou par pour puis sa sans selon ses son sur un une vers voici voilà"
    " aujourd hui ainsi alors aussi enfin ensuite après avant car donc dont lors quand"
    " désormais demain hier ensemble bref certes outre côté objectif résultat bilan plus"
    " cependant pourtant toutefois néanmoins là chaque tout toute tous toutes".split()
)
_CONNECTORS = frozenset("de du des la le les l d et en à au aux pour sur".split())
# "Installée à Arras, l'association…", "Fondée en 2010, …": a participle clause, not a name
_PARTICIPLE_CLAUSE = re.compile(
    r"[A-ZÀ-Ý][a-zà-ÿ]+(?:ée|ées|és|é|ie|ies|is|ise|ises)\s+"
    r"(?:à|en|depuis|dans|par|sur|au|aux|le|la|l['’]|il y a|voici|pour|avec|entre|\d)"
)
_WORD = re.compile(r"[^\s]+")


# before a typing noun: a comma and a determiner ("Vélocité, une association")
_BEFORE_NOUN = re.compile(rf", (?P<det>{_DET})$")


def _appositions(text: str) -> Iterator[re.Match[str]]:
    """The comma and determiner before each typing noun of ``org_context.yaml``
    (``apposition``, span group of that name) written as the list writes it, as a whole
    word, in order."""
    nouns = word_list("org_context", "apposition")
    for n in nouns.starts(text):
        if next(nouns.written(text, n, not_before="’'-"), None) is None:
            continue
        before = _BEFORE_NOUN.search(text, max(0, n - 10), n)
        if before is not None:
            yield before


def _sentence_start(text: str, at: int) -> int:
    """Start of the sentence (or line) holding ``at``."""
    start = text.rfind("\n", 0, at) + 1
    ends = [start + m.end() for m in re.finditer(r"[.!?:;]\s+", text[start:at])]
    return ends[-1] if ends else start


def _opening_names(part: str) -> list[tuple[int, int]]:
    """(start, end) in ``part`` of the names of a sentence's opening clause: one name or
    two joined by "et", each of one to five words, the first capitalised or a number."""
    out = []
    pos = 0
    for piece in re.split(r"( et )", part):
        if piece == " et ":
            pos += len(piece)
            continue
        words = _WORD.findall(piece)
        lower = [w for w in words[1:] if w[:1].islower() and w.lower() not in _CONNECTORS]
        if (
            1 <= len(words) <= 5
            and "," not in piece  # "Ainsi, en 2017, l'association…": an adverb, a date
            and (words[0][:1].isupper() or words[0][:1].isdigit())
            and not _PARTICIPLE_CLAUSE.match(piece)
            and re.split(r"['’]", words[0].lower())[0] not in _OPENERS
            and not (len(words) == 1 and words[0].endswith("ment"))
            and len(lower) <= 2
        ):
            out.append((pos, pos + len(piece)))
        else:
            return []
        pos += len(piece)
    return out


_AND_ARTICLE = re.compile(r" et (?:la |le |les |l['’])")
# a name opening on a number: "3e Souffle", "2ème chance", "1001 Pattes"
_NUMBERED = re.compile(
    r"(?<![\w’'-])\d+(?:(?:e|ème|er|è)(?: (?!(?:de|du|des|la|le|les|et|en)\b)[\w’'-]+){1,2}"
    r"|(?: [A-ZÀ-Ý][\w’'-]*){1,2})$"
)


def typed_appositions(doc: Document) -> Iterator[Mention]:
    """Names followed by ", une association", ", recyclerie"…"""
    text = doc.text
    gaz = doc.gazetteers
    for m in _appositions(text):
        comma = m.start()
        start = _sentence_start(text, comma)
        spans: list[tuple[int, int]] = []
        if 0 < comma - start <= 60:
            spans = [
                (start + a, start + b)
                for a, b in _opening_names(text[start:comma])
                if _name_like(doc, start + a, start + b)
            ]
        if not spans:
            # a capitalised name right before the comma, anywhere in the sentence
            window = text[max(start, comma - 80) : comma]
            before = re.search(rf"(?:{CAPSEQ})$", window) or _NUMBERED.search(window)
            if before is None:
                continue
            s = comma - len(before.group())
            # "le Département et la Fondation Orme, …": the last of two names
            if (joined := list(_AND_ARTICLE.finditer(text, s, comma))) != []:
                s = joined[-1].end()
            first = re.split(r"[\s'’]", text[s:comma].lower())[0]
            if first in _OPENERS or (s == start and not _name_like(doc, s, comma)):
                continue  # "Désormais, l'association…"
            if _PARTICIPLE_CLAUSE.match(text, start):
                # "Installée à Bourgval, l'association…", "Financée par A et B, la
                # plateforme…": the place or the agents of a participle, not its subject
                continue
            spans = [(s, comma)]
        for s, e in spans:
            name = text[s:e]
            if gaz is not None and gaz.is_territory(name):
                continue
            mention = make_mention(text, s, e, "organisation", "typed-apposition", confidence=0.8)
            # "X, le mouvement national…": a noun phrase no person is, whatever the model says
            if mention is not None and (m.group("det") or not _is_person_like(doc, mention)):
                yield mention


def _name_like(doc: Document, start: int, end: int) -> bool:
    """Whether the opening words ``text[start:end]`` are a name: the model tags a name
    starting there, or the document writes them again, or every word is capitalised."""
    text = doc.text
    name = text[start:end]
    if any(a == start and label != "PER" for a, _, label in doc.entities):
        return True
    if len(re.findall(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text)) >= 2:
        return True
    words = _WORD.findall(name)
    return all(w[:1].isupper() or w[:1].isdigit() or w in _CONNECTORS for w in words) and (
        len(words) > 1
    )


def _is_person_like(doc: Document, mention: Mention) -> bool:
    """The model tags the span (or a span holding it) as a person."""
    return any(
        label == "PER" and a <= mention.start and mention.end <= b for a, b, label in doc.entities
    )


_NAMED_AS = re.compile(
    r"(?<![\w’'])(?i:baptisée?s?|nommée?s?|dénommée?s?|appelée?s?)\s+"
    r"[«“\"]\s?(?P<name>[^«»“”\"\n]{2,50}?)\s?[»”\"]"
)


def named_as(doc: Document) -> Iterator[Mention]:
    """A quoted name after a naming verb: "baptisée « Le Petit Coup de Main »"."""
    text = doc.text
    for m in _NAMED_AS.finditer(text):
        name = m.group("name")
        if not (name[:1].isupper() or name[:1].isdigit()) or len(name.split()) > 6:
            continue
        mention = make_mention(
            text, m.start("name"), m.end("name"), "organisation", "named-as", confidence=0.75
        )
        if mention is not None:
            yield mention


def region_qualified(doc: Document) -> Iterator[Mention]:
    """A name the model tags (any label) that ends on a région name and is no territory
    itself: "Réseau Vert Hauts-de-France"."""
    gaz = doc.gazetteers
    if gaz is None:
        return
    text = doc.text
    for start, end, label in doc.entities:
        if label == "PER":
            continue
        surface = text[start:end]
        if "\n" in surface or gaz.is_territory(surface):
            continue
        words = surface.split(" ")
        for i in range(1, len(words)):
            head, region = " ".join(words[:i]), " ".join(words[i:])
            if place_key(region) in gaz.regions and not gaz.is_territory(head):
                if head[:1].isupper() and place_key(head).split()[0] not in _INSTITUTIONS:
                    mention = make_mention(
                        text, start, end, "organisation", "region-qualified", confidence=0.8
                    )
                    if mention is not None:
                        yield mention
                break


# heads of public bodies (found by the rule ``institution``, or short forms of it)
_INSTITUTIONS = frozenset({"region", "conseil", "prefecture", "prefet", "departement"})
