"""Every service setting is documented in the README's "Running in production" table, with
its variable and its `stance serve` flag, and every flag exists (datasette's test_docs)."""

from __future__ import annotations

import re

import pytest

from service.settings import Settings, env_name, flag_name
from training.cli import build_parser

from .conftest import ROOT


def _table() -> dict[str, list[str]]:
    """{variable: [variable, flag, default, what]} from the section's settings table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `STANCE_"):
            rows[cells[0].strip("`")] = cells
    return rows


def _serve_flags() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return {opt for action in sub.choices["serve"]._actions for opt in action.option_strings}


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_setting_is_documented_and_has_a_flag(name):
    rows = _table()
    assert env_name(name) in rows, f"{env_name(name)} is missing from the README's settings table"
    variable, flag, default, what = rows[env_name(name)]
    assert flag_name(name) in flag, f"the README row of {env_name(name)} does not name {flag_name(name)}"
    assert default and what, f"the README row of {env_name(name)} needs a default and a description"
    assert flag_name(name) in _serve_flags(), f"`stance serve` has no {flag_name(name)} flag"


def test_table_documents_nothing_that_does_not_exist():
    known = {env_name(name) for name in Settings.model_fields}
    assert set(_table()) <= known


def test_documented_defaults_match_the_code():
    rows = _table()
    for name in Settings.model_fields:
        default = getattr(Settings(), name)
        documented = rows[env_name(name)][2]
        if isinstance(default, bool):
            assert documented == ("on" if default else "off"), name
        elif isinstance(default, (int, float, str)) or name == "models_dir":
            assert re.fullmatch(rf"`{re.escape(str(default))}`", documented), f"{name}: {documented} != {default}"
        else:
            assert not default and (documented.startswith("unset") or documented == "the model card's"), name
