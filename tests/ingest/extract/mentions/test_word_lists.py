"""The word lists read from span groups find what the regular expressions built from the same
lists found (the alternations the rules used before, rebuilt here as oracles), on invented
texts made of the lists' words, determiners, names and punctuation."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.mentions import appositions, coordinated, governors, model_decision, org_cues
from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.word_lists import WordList, word_list
from ingest.extract.relate import verb_roles


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ORG = lexicon("org_context")


def _words(key: str) -> str:
    """The alternation governors.py built from ``org_context.yaml``'s ``key``."""
    return _alt(list(_ORG.get(key) or []))


def _titles() -> str:
    """The alternation governors.py built from the role titles held at a body."""
    forms = {
        f
        for r in lexicon("roles").get("roles") or []
        for f in r["forms"]
        if r["label"] not in governors._TERRITORIAL
    }
    return _alt(list(forms))


_WORDS = sorted(
    {
        *(_ORG.get("apposition") or []),
        *(_ORG.get("local_heads") or []),
        *(_ORG.get("governs") or []),
        *(_ORG.get("said_of") or []),
        *(lexicon("model_filter").get("not_after") or []),
        *(f for v in lexicon("role_verbs").get("verbs") or [] for f in v.get("active") or []),
        *(f for v in lexicon("role_verbs").get("verbs") or [] for f in v.get("passive") or []),
        "directrice",
        "présidents",
        "Centre social",
        "Mission locale",
    }
)
_OTHER = [
    ", ",
    ", une ",
    ", l'",
    " ",
    " ",
    "les ",
    "trois ",
    "de ",
    "de la ",
    "du ",
    "à ",
    "la ",
    "l’",
    "Le ",
    "par ",
    " : ",
    "Vélo Vert",
    "Atelier Bleu",
    "Lens",
    "Arras",
    "-",
    "x",
    ".",
    "phare ",
    "pour ",
    "\n",
    ". ",
    "labellisée ",
    "Le Relais",
    "s ",
]


def _case(word: str, how: int) -> str:
    return [word, word.upper(), word[:1].upper() + word[1:]][how]


_pieces = st.one_of(
    st.tuples(st.sampled_from(_WORDS), st.integers(0, 2)).map(lambda t: _case(*t)),
    st.sampled_from(_OTHER),
)
_texts = st.lists(_pieces, min_size=1, max_size=14).map("".join)


def _old_appositions(text: str) -> list[tuple[int, str]]:
    nouns = list(_ORG.get("apposition") or [])
    pattern = re.compile(rf", (?P<det>{appositions._DET})(?:{_alt(nouns)})(?![\w’'-])")
    return [(m.start(), m.group("det")) for m in pattern.finditer(text)]


def _old_plural(text: str) -> list[tuple[int, int]]:
    nouns = [str(w) for w in _ORG.get("apposition") or [] if str(w).endswith("s")]
    pattern = re.compile(
        r"(?<![\w’'-])(?i:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|les|des|ces"
        rf"|nos|ses|leurs)\s+(?i:{_alt(nouns)})(?:\s+[a-zà-ÿ]+){{0,2}}\s*[,:]\s*"
        rf"{coordinated._ARTICLE}{coordinated._NAME}"
    )
    return [m.span("name") for m in pattern.finditer(text)]


def _old_local(text: str) -> list[tuple[int, int]]:
    heads = sorted(_ORG.get("local_heads") or [], key=len, reverse=True)
    common = "|".join(re.escape(h) for h in heads)
    proper = "|".join(re.escape(h[:1].upper() + h[1:]) for h in heads)
    place = r"[A-ZÀ-Ý][\w'’]+(?:-[\w'’]+)*"
    pattern = re.compile(
        rf"(?:\b(?:[Ll]e |[Ll]a |[Dd]u |[Aa]u |[Ll]['’]|[Dd]e la |[Dd]e l['’]|[Àà] la |[Àà] l['’])"
        rf"(?P<common>{common})|\b(?P<proper>{proper}))"
        rf" (?P<place>(?:de la |de l['’]|du |des |de |d['’]){place})"
    )
    out = []
    for m in pattern.finditer(text):
        head = "common" if m.group("common") else "proper"
        out.append((m.start(head), m.end("place")))
    return out


def _old_governed(text: str, start: int) -> bool:
    titles = _titles()
    pattern = re.compile(
        rf"(?<![\w’'-])(?:(?i:{_words('governs')}|\w+(?:é|ée|és|ées|is|ise|it"
        rf"|ite|u|ue)\s+par)\s+{governors.ARTICLE}|(?i:{titles})s?\s+"
        rf"{governors.ROLE_PREPOSITION}(?:la |le |les |l['’])?)$"
    )
    return pattern.search(text, max(0, start - 60), start) is not None


def _old_not_after(before: str) -> bool:
    words = list(lexicon("model_filter").get("not_after") or [])
    pattern = re.compile(
        rf"\b(?i:{_alt(words)})\b(?:[\s,]+(?!(?:par|avec|pour|chez|aux?)\b)[\w’'-]+){{0,3}}"
        r"[\s,«“\"]*$"
    )
    return pattern.search(before) is not None


def _old_verbs(text: str, pos: int, endpos: int) -> list[tuple[int, int, str]]:
    _, forms = verb_roles._verbs()
    pattern = re.compile(rf"(?<![\w’'-])(?i:{_alt(list(forms))})(?![\w’'-])")
    return [(m.start(), m.end(), m.group().lower()) for m in pattern.finditer(text, pos, endpos)]


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_mention_lists_find_what_their_alternations_found(text: str) -> None:
    assert [(m.start(), m.group("det")) for m in appositions._appositions(text)] == (
        _old_appositions(text)
    )
    assert [m.span("name") for m in coordinated._plural_class(text)] == _old_plural(text)
    assert org_cues._local(text) == _old_local(text)


def _old_cued(text: str) -> tuple[list[tuple[int, int]], ...]:
    name, article = governors.NAME, governors.ARTICLE
    before = re.compile(
        rf"(?<![\w’'-])(?i:{_words('governs')}|\w+(?:é|ée|és|ées|is|ise|it|ite"
        rf"|u|ue)\s+par)\s+{article}{name}"
    )
    role_of = re.compile(rf"(?<![\w’'-])(?i:{_titles()})s?\s+{governors.ROLE_PREPOSITION}{name}")
    after = re.compile(
        rf"(?:^|(?<=[.!?:;]\s)|(?<=\n)|(?<=, ))(?:l['’]|la |le |les )?{name}"
        rf",?\s+(?:{_words('said_of')})(?![\w’'-])"
    )
    return tuple([m.span("name") for m in p.finditer(text)] for p in (before, role_of, after))


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_cues_find_the_names_their_alternations_found(text: str) -> None:
    found = (
        governors.governed_names(text),
        governors.titled_names(text),
        governors.said_of_names(text),
    )
    assert found == _old_cued(text)


@settings(max_examples=300, deadline=None)
@given(_texts, st.integers(0, 200), st.integers(0, 200))
def test_the_positional_lists_find_what_their_alternations_found(text: str, a: int, b: int) -> None:
    start = min(a, len(text))
    assert governors.governed(text, start) == _old_governed(text, start)
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    assert model_decision._not_after(text, pos, end) == _old_not_after(text[pos:end])
    found = [(s, e, f.lower()) for s, e, f in verb_roles._verb_forms(text, pos, end)]
    assert found == _old_verbs(text, pos, end)


def test_a_list_is_one_span_group_shared_by_the_stages() -> None:
    assert word_list("org_context", "apposition") is word_list("org_context", "apposition")
    nouns = WordList.of("demo", ["association", "associations", "SCOP"])
    text = "Trois associations, la SCOP et une Association-phare."
    assert [(s, list(nouns.written(text, s))) for s in nouns.starts(text)] == [
        (6, ["associations", "association"]),
        (23, ["SCOP"]),
        (35, []),
    ]
    assert list(nouns.written(text, 35, ignorecase=True)) == ["association"]
    assert list(nouns.written(text, 35, ignorecase=True, not_before="-")) == []


def test_a_name_after_a_cue_of_the_lists() -> None:
    text = "Elle est directrice de l’Atelier Bleu, en lien avec Vélo Vert"
    assert governors.governed(text, text.index("Atelier"))
    assert governors.governed(text, text.index("Vélo"))
    assert not governors.governed(text, text.index("lien"))
