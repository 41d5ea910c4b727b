"""Names in a place of the sentence that takes an organisation (rule ``cued-name``).

Whatever the model's label (``ORG``, ``MISC``, ``LOC`` or none), a run of capitalised words is
an organisation's name when a word that governs one stands right before it ("avec le soutien
de X", "adhère à X", "soutenue par X et Y") or a phrase said only of organisations follows it
("X, membre du réseau…", "X a rejoint…"), or it is a name's new or former name ("X
(devenu Y)", "issue de la fusion de X et de Y"), and the name passes the decision of
:mod:`ingest.extract.mentions.model_decision` (not a person the model recognises, a place,
a title, a topic, a common noun of the document, a cut-off name). The words are generic
French words of ``lexicons/org_context.yaml`` (``governs``, ``said_of``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.classify.kinds import is_organisation_name, strip_article
from ingest.extract.mentions.dictionary import coined, is_inflected_verb
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.given_names import opens_with_given_name
from ingest.extract.mentions.governors import ARTICLE as _ARTICLE
from ingest.extract.mentions.governors import NAME as _NAME
from ingest.extract.mentions.governors import governed_names, said_of_names, titled_names
from ingest.extract.mentions.model_decision import lower_case_words, model_organisation
from ingest.extract.mentions.names import Mention, make_mention

# a second name coordinated with the first: "soutenue par X et par Y", "X, Y et Z"
_NEXT = re.compile(rf"(?:\s?,\s?|\s+et\s+(?:par\s+|avec\s+)?){_ARTICLE}{_NAME}")


# a name and the commune it is based in, in brackets: "Le Grenier Vert (Abbeville)"
_BRACKETED = re.compile(rf"{_NAME} \((?P<place>[A-ZÀ-Ý][^()\n]{{1,40}})\)")


_LOWER_TAIL = re.compile(
    r"(?:\s+(?!(?:de|du|des|la|le|les|et|ou|en|à|au|aux|depuis|pendant|pour|sur|dans|avec|qui"
    r"|que|dont|a|est|était|sont|ont|il|elle|y|se|ne)\b)[a-zà-ÿ][a-zà-ÿ'’-]{1,20}){1,3}"
    r"(?=\s*(?:[,.;:)\n]|\s+et\s))"
)


def _verb_like(word: str) -> bool:
    """A conjugated verb ("sera", "explique"), not a plural noun or adjective ("initiatives")."""
    return is_inflected_verb(word) and not word.endswith(("s", "x"))


# a name in quotes, subject of a verb said of organisations: "« Accueil et Promotion » dispose
# d'appartements", "« Le Bon accueil » remplit sa mission"
_QUOTED_SUBJECT = re.compile(
    r"«\s?(?P<name>[A-ZÀ-Ý][^«»\n.;:!?]{1,50}?)\s?»\s+(?:(?:a|ont|est|sont)\s+)?"
    r"(?:propose|proposent|gère|gèrent|dispose|disposent|accueille|accueillent|remplit"
    r"|organise|organisent|emploie|emploient|recrute|recrutent|accompagne|accompagnent"
    r"|ouvre|ouvert|fédère|rassemble|regroupe|forme|agit|œuvre|oeuvre|intervient|soutient"
    r"|finance|collecte|distribue|vend|loue|héberge|hébergé)\b"
)
# a name's new or former name: "Fortil (devenu Cap Sorel)", "Cap Sorel (ex-Fortil)"
_CHANGED_NAME = re.compile(
    rf"(?<=[\w’')]) ?(?:\(|, )(?:devenue?s?|ex-|ex |anciennement|aujourd['’]hui)\s*"
    rf"{_ARTICLE}{_NAME}"
)
# the names a merger joined: "née de la fusion de Tinto et de la Varlope"
_MERGED = re.compile(rf"\bfusion (?:de |d['’]|entre )?{_ARTICLE}{_NAME}")
_MERGED_NEXT = re.compile(rf"\s+(?:et|avec)\s+{_ARTICLE}{_NAME}")

# a person then, in brackets, the body the person speaks for: "Paul Henrion (Coop Verte)"
_PERSON_BRACKET = re.compile(rf" \({_NAME}\)")


# "Vélocité et la Fondation X": two names (a bare "et" may join one: "Autonomie et Solidarité")
_AND_ARTICLE = re.compile(r" et (?:la |le |les |l['’])")
# after a role title, "et de" joins the second body the person serves
_AND_OF = re.compile(r" et (?:d['’]|de |du |des )")


def _two_names(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the first of two names a capitalised run joins with "et" + article."""
    m = _AND_ARTICLE.search(text, start, end)
    return (start, m.start()) if m else (start, end)


_ACRONYM = re.compile(r"[A-ZÀ-Ý]{2,8}")
_ELIDED_NOUN = re.compile(r"[LlDd]['’][a-zà-ÿ]")


def _person(doc: Document, start: int, end: int) -> bool:
    """Whether the model tags a person over the span, opening with a given name (the model
    also tags "Textile Picarde" of "Solidarité Textile Picarde" as a person)."""
    return any(
        label == "PER"
        and s < end
        and start < e
        and opens_with_given_name(doc.text[s:e], doc.nlp.vocab if doc.nlp else None)
        for s, e, label in doc.entities
    )


def decide(
    doc: Document, lower: frozenset[str], start: int, end: int, vouched: bool = False
) -> bool:
    """Whether ``doc.text[start:end]``, in a place of the sentence that takes an
    organisation, is one's name (``lower``: the document's lower-case words; ``vouched``: the
    place is as good as a second mention, as "la fusion de X et de Y")."""
    text = doc.text
    surface = text[start:end]
    if "\n" in surface or _person(doc, start, end):
        return False
    if _ELIDED_NOUN.match(surface):
        return False  # "L'association, adhérente de…": a common noun, not a name
    if " " in surface and not any(c.islower() for c in surface):
        return False  # words of an upper-case heading ("LES ACTEURS DE L'ESS")
    # a cue governing an acronym or a coined word is as good as a second mention of it
    # ("avec l'UDAF", "dont Brivelune, basée à …")
    again = (
        vouched
        or text.count(surface) > 1
        or _ACRONYM.fullmatch(surface) is not None
        or (" " not in surface and coined(surface))
    )
    return model_organisation(
        text, start, end, doc.gazetteers, lower, again, trust_head=False, person_shaped=False
    )


def cued_names(doc: Document) -> Iterator[Mention]:
    """Organisations named where the sentence takes one (see the module)."""
    text = doc.text
    lower = lower_case_words(text)

    def decided(start: int, end: int) -> bool:
        return decide(doc, lower, start, end)

    spans: set[tuple[int, int]] = set()
    for s, e in governed_names(text):
        start, end = _two_names(text, s, e)
        # the names coordinated with an accepted one: "soutenue par X, Y et Z"
        while decided(start, end):
            spans.add((start, end))
            nxt = _NEXT.match(text, end)
            if nxt is None:
                break
            start, end = _two_names(text, nxt.start("name"), nxt.end("name"))
    for s, e in titled_names(text):
        start, end = _two_names(text, s, e)
        # lower-case words up to the end of the clause belong to the name ("présidente de
        # Lens vert emploi.", "délégué régional de Scop ouest,")
        if (
            (tail := _LOWER_TAIL.match(text, end)) is not None
            and end == e
            and not any(_verb_like(w) for w in tail.group().split())
        ):
            end = tail.end()
        if of := _AND_OF.search(text, start, end):  # "le président d'ADELI et d'AGEVAL"
            if decided(of.end(), end):
                spans.add((of.end(), end))
            end = of.start()
        # one capitalised word after a title is a short form ("la directrice de l'Office")
        # unless no dictionary holds it ("la directrice de Brivelune")
        word = text[start:end]
        one_word = " " not in word and not _ACRONYM.fullmatch(word) and not coined(word)
        if not one_word and decided(start, end):
            spans.add((start, end))
    for m in _BRACKETED.finditer(text):
        place_kinds = doc.gazetteers.kinds_of(m.group("place")) if doc.gazetteers else frozenset()
        start, end = _two_names(text, m.start("name"), m.end("name"))
        if "commune" in place_kinds and end == m.end("name") and decided(start, end):
            spans.add((start, end))
    people = {m.end for m in doc.found if m.kind == "person"}
    people |= {e for _, e, label in doc.entities if label == "PER"}
    for person_end in sorted(people):
        if b := _PERSON_BRACKET.match(text, person_end):
            start, end = b.span("name")  # "Paul Henrion (Coop Verte) a présenté…"
            # a body, not a credit or a caption: named again, by a head word, or coined
            name = text[start:end]
            vouched = (
                text.count(name) > 1
                or is_organisation_name(strip_article(name))
                or (" " not in name and coined(name))
            )
            if vouched and decided(start, end):
                spans.add((start, end))
    for m in _CHANGED_NAME.finditer(text):
        start, end = _two_names(text, m.start("name"), m.end("name"))
        if decided(start, end):
            spans.add((start, end))
    for m in _MERGED.finditer(text):
        start, end = _two_names(text, m.start("name"), m.end("name"))
        nxt = _MERGED_NEXT.match(text, end)
        if nxt is not None and decide(doc, lower, start, end, vouched=True):
            spans.add((start, end))
            if decide(doc, lower, *nxt.span("name"), vouched=True):
                spans.add(nxt.span("name"))
    for m in _QUOTED_SUBJECT.finditer(text):
        start, end = m.span("name")
        words = text[start:end].split()
        if (
            len(words) <= 6
            and not _person(doc, start, end)
            and not (doc.gazetteers is not None and doc.gazetteers.is_territory(text[start:end]))
        ):
            spans.add((start, end))  # "« Le Bon accueil » remplit sa mission"
    for s, e in said_of_names(text):
        start, end = _two_names(text, s, e)
        if end == e and decided(start, end):
            spans.add((start, end))
    for start, end in sorted(spans):
        mention = make_mention(text, start, end, "organisation", "cued-name", confidence=0.75)
        if mention is not None:
            yield mention
