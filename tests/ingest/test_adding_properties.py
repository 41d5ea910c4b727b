"""Property tests of ``add``: any text is added without a crash, and adding is stable (the same
file gives the same id and byte-identical records; adding it again changes nothing)."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ess_core.settings import Settings
from ingest.adding import add_documents
from ingest.sidecar import Metadata

REPO = Path(__file__).resolve().parents[2]
META = Metadata(
    title="Texte libre",
    publisher="Journal du Val",
    date="2024-05",
    genre="article",
    territory="Val-de-Brume",
)
WORDS = [
    "présidente de",
    "directeur de l'association",
    "Association",
    "la coopérative",
    "en partenariat avec",
    "Ada Lenoir",
    "Garage du Coin",
    "(GDC)",
    "depuis 2021",
    ",",
    ".",
    "\n\n",
    "« ",
    " »",
    "l'APES",
    "à Douai",
    "Mme",
    "SCIC",
    "—",
    "2019",
]
TEXTS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=600),
    st.lists(
        st.one_of(
            st.sampled_from(WORDS),
            st.text(max_size=12).filter(lambda t: t.encode("utf-8", "ignore").decode() == t),
        ),
        max_size=120,
    ).map(" ".join),
)


def _fresh(root: Path) -> Settings:
    """A data folder with the curation and the geography, and an empty registry."""
    data = root / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    for folder in ("curation", "reference"):
        shutil.copytree(REPO / "data" / folder, data / folder)
    (data / "documents.yaml").write_text("documents: []\n", "utf-8")
    return Settings(data_dir=data, documents_dir=root / "seeds", _env_file=None)  # type: ignore[call-arg]


# each example extracts twice (~3 s on a loaded machine): few examples, varied texts
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS)
def test_any_text_is_added_and_stable(tmp_path: Path, text: str) -> None:
    path = tmp_path / "texte libre.txt"
    path.write_text(text, "utf-8")
    first = _fresh(tmp_path)
    [found] = add_documents(first, [path], META)
    assert found.document == "texte-libre" and found.changed
    records = (first.data_dir / "extracted" / "texte-libre.jsonl").read_bytes()
    registry = (first.data_dir / "documents.yaml").read_bytes()
    [again] = add_documents(first, [path], META)
    assert not again.changed
    assert (first.data_dir / "documents.yaml").read_bytes() == registry
    second = _fresh(tmp_path)
    [other] = add_documents(second, [path], META)
    assert other.document == found.document and other.kinds == found.kinds
    assert (second.data_dir / "extracted" / "texte-libre.jsonl").read_bytes() == records
    assert (second.data_dir / "documents.yaml").read_bytes() == registry
