"""Names coordinated with an organisation already found (rule ``coordinated-name``).

In "Étaient présents : Le Relais Vert, la Cress, France Active et l'Urscop", the bodies of the
reference file and the typed names are known; a capitalised name joined to one of them by a
comma or "et" is an item of the same list, hence an organisation too, when it passes the
decision of :func:`ingest.extract.mentions.cued_names.decide` (not a person opening with a
given name, a place, a title, a topic, a cut-off name). An item followed by another may go
on in lower case or hold a place ("Somme vert emploi, Tralivo et …"); a known name written
again and any organisation another rule found are items too, and the list runs through them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ingest.extract.mentions.commune_tails import without_commune
from ingest.extract.mentions.cued_names import decide
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.governors import NAME as _NAME
from ingest.extract.mentions.model_decision import lower_case_words
from ingest.extract.mentions.names import CAPSEQ, Mention, make_mention
from ingest.extract.mentions.repeats import occurrences
from ingest.extract.mentions.word_lists import WordList, word_list

# rules whose organisations are sure enough to vouch for their neighbours in a list
_SURE = frozenset(
    {
        "body",
        "typed-phrase",
        "typed-name",
        "institution",
        "acronym-inline",
        "acronym-list",
        "gazetteer",
        "cued-name",
        "cue-partner",
        "cue-listed",
    }
)
_ARTICLE = r"(?:la |le |les |l['’]|La |Le |Les |L['’])?"
# an item: a name, with up to three more words when another item follows ("Somme
# vert emploi, Tralivo et …"; the last item's lower-case words are read by name-tail)
_ITEM = (
    rf"(?P<name>(?:L['’]|La |Le |Les )?{CAPSEQ}"
    rf"(?:(?: (?!et )[\w'’-]+){{1,3}}(?=,| et | \())?)"
)
# before the first words of a sentence ("Fort de ces résultats, la Cress…", "En matière
# d'ESS, la Métropole…"), only a capitalised name is a list's item, not a phrase in lower case
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:\n])\s*$")
_AFTER_PREPOSITION = re.compile(
    r"(?<![\w'’])(?:de|d['’]|du|des|à|au|aux|en|par|pour)(?: la| le| les| l['’])? ?$"
)
# what an item may have in brackets: "Tralivo (réseau de garages), …"
_GLOSS = r"(?:\s?\([^()\n]{1,80}\))?"
# the next item of a list: ", X", " et X", ", et X" (an article aside)
_AFTER = re.compile(rf"{_GLOSS}(?:, (?:et )?| et ){_ARTICLE}{_ITEM}(?=[\s,.;:)!?]|$)")
# the item before: "X, " or "X et " right before a known name (an article aside)
_BEFORE = re.compile(
    rf"(?:^|(?<=[\s:(]))(?:la |le |les |l['’])?{_ITEM}{_GLOSS}(?:, | et ){_ARTICLE}$"
)


# "Trois associations, A, B et C": a number or a determiner before the plural noun
_PLURAL_DET = re.compile(
    r"(?<![\w’'-])(?i:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|les|des|ces"
    r"|nos|ses|leurs)\s+$"
)
# after the plural noun: at most two lower-case words, a comma or a colon, the first name
_PLURAL_TAIL = re.compile(rf"(?:\s+[a-zà-ÿ]+){{0,2}}\s*[,:]\s*{_ARTICLE}{_NAME}")


@cache
def _plural_nouns() -> WordList:
    """The plural typing nouns of ``org_context.yaml`` (``apposition``): the list's span
    group, its phrases ending in "s"."""
    nouns = word_list("org_context", "apposition")
    return WordList(tuple(p for p in nouns.phrases if str(p).endswith("s")), nouns.lex)


def _plural_class(text: str) -> Iterator[re.Match[str]]:
    """ "Trois associations, A, B et C", "les structures : A et B": a plural typing noun
    (span group ``apposition``, in any case) after a number or a determiner, then a
    comma or a colon, then the first name (group ``name``), read from left to right."""
    nouns = _plural_nouns()
    pos = 0
    for n in nouns.starts(text):
        det = _PLURAL_DET.search(text, max(0, n - 60), n)
        if det is None or det.start() < pos:
            continue
        for noun in nouns.written(text, n, ignorecase=True):
            if (tail := _PLURAL_TAIL.match(text, n + len(noun))) is not None:
                pos = tail.end()
                yield tail
                break


def coordinated_names(doc: Document) -> Iterator[Mention]:
    """Capitalised names listed beside an organisation already found (see the module)."""
    text = doc.text
    lower = lower_case_words(text)
    # a place inside a longer item does not take it ("Lens vert emploi"; a place alone
    # is refused by the decision)
    taken = [(m.start, m.end) for m in doc.found if m.kind != "territory"]
    known = {(m.start, m.end) for m in doc.found if m.kind == "organisation" and m.rule in _SURE}
    # any other rule's organisation is an item of the list too, but vouches for no neighbour
    found = {(m.start, m.end) for m in doc.found if m.kind == "organisation"}
    # the model's undecided guesses listed among them are decided by the list ("…, UNPAC")
    guesses = {(m.start, m.end) for m in doc.found if m.rule == "spacy-org"}
    # a sure name written again stands for it in a list ("…, X et Y ont décidé")
    again = {h.span() for name in {text[s:e] for s, e in known} for h in occurrences(text, name)}
    items = known | again | found
    prose = [(ln.start, ln.end) for ln in doc.lines if ln.kind == "paragraph"]

    def accepted(start: int, end: int) -> bool:
        """Known, or in a sentence (not a table's row), found by no other rule and decided."""
        if (start, end) in items:
            return True
        if not re.fullmatch(CAPSEQ, text[start:end]) and (
            _OPENS_SENTENCE.search(text, max(0, start - 20), start)
            or _AFTER_PREPOSITION.search(text, max(0, start - 6), start)
        ):
            return False  # words in lower case after a preposition: "les habitants de Lens engagés"
        in_prose = any(s <= start and end <= e for s, e in prose)
        return (
            in_prose
            and not any(s < end and start < e for s, e in taken)
            and decide(doc, lower, start, end)
        )

    def following(end: int) -> Iterator[tuple[int, int]]:
        """The items of the list after ``end``, up to the first one not accepted."""
        while (item := _AFTER.match(text, end)) is not None and accepted(*item.span("name")):
            yield item.span("name")
            end = item.end("name")

    spans: set[tuple[int, int]] = set()
    for m in _plural_class(text):
        if accepted(*m.span("name")):
            spans |= {m.span("name"), *following(m.end("name"))}
    for k_start, k_end in sorted(known | again):
        spans |= set(following(k_end))
        start = k_start
        while (item := _BEFORE.search(text, max(0, start - 80), start)) is not None and accepted(
            *item.span("name")
        ):
            spans.add(item.span("name"))
            start = item.start()
    for s, e in sorted(spans - (found - guesses)):  # (the sure names are among found)
        e = without_commune(doc, s, e)
        mention = make_mention(text, s, e, "organisation", "coordinated-name", confidence=0.7)
        if mention is not None:
            yield mention
