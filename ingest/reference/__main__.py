"""``python -m ingest.reference``: refresh the committed reference file (needs npm)."""

from __future__ import annotations

from ess_core.settings import load_settings
from ingest.reference.decoupage import fetch_reference

if __name__ == "__main__":
    path = fetch_reference(load_settings().data_dir / "reference")
    print(f"wrote {path}")
