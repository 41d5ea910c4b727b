"""``name-tail``: an organisation's name that goes on in lower case after its capitalised
words, as association names do ("l'association Les Jardins de la colline verte", "le
chantier Habitat actif", "l'épicerie Mon P'tit coup de pouce").

The rules that read a name after a typing or cue word stop at its last capitalised word.
This one reads the words after it with the model's part-of-speech tags and takes them into
the name while they are lower-case adjectives and nouns, joined by "de", "du", "des" and an
article (after a name of one capitalised word). It stops at a verb, a number, a pronoun, an
adverb, a mark, "à"/"au"/"en" (a complement: "PHARE au collectif") or a capitalised word,
and before a word followed by a determiner other than an article ("La Ruche fête ses dix
ans": a verb the tagger took for a noun).
A noun right after the name only continues a name that opens on an article or a possessive
("Les Petites mains"); after another name it is a verb the tagger took for a noun ("Emmaüs
collecte des meubles"). Known names (curated, bodies, acronyms' pairs) are whole as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.names import Mention

# the rules whose names follow a typing or cue word (their end is the last capital)
_AFTER_CUE = frozenset({"typed-phrase", "typed-name", "cued-name"})
# known names are whole as written (a curated name, a body, an acronym's pair)
_KNOWN = frozenset({"gazetteer", "body", "institution", "acronym-inline", "acronym-list"})
# "à", "au", "en" open a complement more often than a name's words ("PHARE au collectif",
# "X en novembre dernier")
_LINKS = frozenset({"de", "du", "des", "d'", "d’"})
_ARTICLES = frozenset({"la", "le", "les", "l'", "l’"})
# a name opening on one of these goes on with a noun ("Les Petites mains solidaires")
_OPENS_PHRASE = re.compile(r"(?:L['’]|La |Le |Les |Mon |Ma |Mes |Un |Une |Au |Aux |Nos |Notre )")
_LOWER_WORD = re.compile(r"[a-zà-ÿœæ][a-zà-ÿœæ'’-]*")
_MAX_WORDS = 5


def name_tails(doc: Document) -> Iterator[Mention]:
    """The organisations found after a cue, with the lower-case words that end their name."""
    text = doc.text
    known = {(m.start, m.end) for m in doc.found if m.rule in _KNOWN}
    for m in doc.found:
        if m.kind != "organisation" or m.rule not in _AFTER_CUE or (m.start, m.end) in known:
            continue
        if m.text.isupper() or not re.match(r" [a-zà-ÿ]", text[m.end : m.end + 2]):
            continue
        end = _tail_end(doc.nlp, text, m)
        if end > m.end:
            yield replace(m, end=end, text=text[m.start : end], rule="name-tail")


def _tail_end(nlp: Any, text: str, m: Mention) -> int:
    """End of the lower-case words that carry ``m``'s name on (``m.end`` when none do)."""
    stop = re.search(r"[.;:!?,()«»\"\n]", text[m.end : m.end + 120])
    window_end = m.end + (stop.start() if stop else min(120, len(text) - m.end))
    tagged = _tags(nlp, text, m.start, window_end)
    after = [(s, e, w, pos) for s, e, w, pos in tagged if s >= m.end]
    opens_phrase = _OPENS_PHRASE.match(m.text) is not None
    # one capitalised word (an article aside) may go on with "de …": "Les Jardins de la
    # colline", not "Valenciennes Métropole de l'histoire"
    one_word = len(_OPENS_PHRASE.sub("", m.text).split()) == 1
    end = m.end
    for i, (_, e, word, pos) in enumerate(after[:_MAX_WORDS]):
        lower = word.lower()
        if not _LOWER_WORD.fullmatch(word):
            break
        if pos in ("ADJ", "NOUN"):
            if i == 0 and pos == "NOUN" and not opens_phrase:
                break
            if (
                i + 1 < len(after)
                and after[i + 1][3] in ("DET", "NUM")
                and (after[i + 1][2].lower() not in _ARTICLES | _LINKS)
            ):
                break  # a verb the tagger took for a noun: "La Ruche fête ses dix ans"
            end = e
        elif pos in ("ADP", "DET") and lower in _LINKS and one_word:
            continue
        elif not (pos == "DET" and lower in _ARTICLES and i > 0):
            break
    return end


def _tags(nlp: Any, text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, word, part of speech) of ``text[start:end]`` by the model's tagger (none
    without a model or a tagger)."""
    if nlp is None or "morphologizer" not in nlp.component_names:
        return []
    doc = nlp.make_doc(text[start:end])
    for name in ("tok2vec", "morphologizer"):
        doc = nlp.get_pipe(name)(doc)
    return [(start + t.idx, start + t.idx + len(t.text), t.text, t.pos_) for t in doc]
