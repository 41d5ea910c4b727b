"""The README stays true: its two commands are CI's, and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from ess_core.settings import Settings

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _make_targets() -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))


def test_the_two_commands_come_first_and_exist() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make serve", "make test"]
    assert {"serve", "test"} <= _make_targets()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, flags=re.MULTILINE)


def test_every_make_target_in_the_readme_exists() -> None:
    mentioned = set(re.findall(r"`make ([a-z-]+)`", README))
    assert mentioned <= _make_targets(), mentioned - _make_targets()


def test_every_setting_is_documented_with_its_variable() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"`ESS_{name.upper()}`" in README, f"ESS_{name.upper()} missing from README"
