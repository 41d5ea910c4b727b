"""``typed-copula``: a name that opens a sentence said to be an organisation by "être" and a
typing noun ("La Ruche Verte est une association de quartier", "Cap Nord est devenue une
SCIC", "Terre Vive reste avant tout une coopérative"). The nouns are the ``apposition`` list
of ``lexicons/org_context.yaml`` (its span group, shared with ``typed-apposition``); the verb
and the article between them are the shape, a small regular expression."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.given_names import opens_with_given_name
from ingest.extract.mentions.names import CAPSEQ, Mention, make_mention
from ingest.extract.mentions.word_lists import word_list

# the sentence's opening name, "être" (or a verb of being) and an article, right before a noun
_NAME_IS = re.compile(
    rf"(?:^|(?<=[.!?\n])\s*)(?P<name>{CAPSEQ})\s+"
    r"(?:est|était|reste|demeure|devient|est devenue?|est aujourd['’]hui|est désormais"
    r"|est avant tout|est d['’]abord)\s+(?:une?|la|le|l['’])\s*$"
)
# words a sentence opens on that are no name ("Elle est une association", "Ce lieu est…")
_NOT_NAMES = frozenset(
    "il elle ce cet cette c ça cela celle celui ici là on nous vous aujourd hui désormais "
    "voici voilà son sa ses notre leur".split()
)
_ARTICLE = re.compile(r"(?:L['’]|La |Le |Les )")


def copula_names(doc: Document) -> Iterator[Mention]:
    """Names said to be an organisation by "<Name> est une association…"."""
    text = doc.text
    nouns = word_list("org_context", "apposition")
    for start in nouns.starts(text):
        if next(nouns.written(text, start, not_before="’'-"), None) is None:
            continue
        m = _NAME_IS.search(text, max(0, start - 120), start)
        if m is None:
            continue
        name = m.group("name")
        first = re.split(r"[\s'’]", name)[0].lower()
        bare = _ARTICLE.sub("", name, count=1)
        if first in _NOT_NAMES or not bare or (bare == name and name in ("La", "Le", "Les")):
            continue
        if len(name.split()) > 6 or opens_with_given_name(name):
            continue
        gaz = doc.gazetteers
        if gaz is not None and gaz.is_territory(name):
            continue
        mention = make_mention(
            text, m.start("name"), m.end("name"), "organisation", "typed-copula", confidence=0.8
        )
        if mention is not None:
            yield mention
