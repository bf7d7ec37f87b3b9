"""What the README tells a new user to install is what the code and tests import.

A package left on a developer's machine once hid a missing test dependency (a test
imported `httpx`, the test extra declared `httpx2`): every third-party module imported by the package, the tests or
the benchmarks' shared helpers must come from a distribution that pyproject.toml
declares, and CI runs the README's own test command in a brand-new virtualenv."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OURS = {"training", "service", "tests", "benchmarks"}
# Distributions that a declared one always requires (its own metadata says so), so that
# importing them directly is safe: FastAPI is built on Starlette (and so AnyIO) and
# pydantic; pydantic on pydantic-core.
COMES_WITH = {"fastapi": {"starlette", "anyio", "pydantic", "pydantic-core"}, "pydantic": {"pydantic-core"}}


def _declared(*extras: str) -> set[str]:
    project = PYPROJECT["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    names = set()
    for spec in specs:
        name, extras = re.match(r"([\w.-]+)(?:\[([\w,-]+)\])?", spec).groups()
        names |= {name, *(extras.split(",") if extras and name == "dask" else [])}  # dask[distributed]
    names = {n.lower().replace("_", "-") for n in names}
    for name in list(names):
        names |= COMES_WITH.get(name, set())
    return names | {"stancewatch"}


def _imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - OURS - set(sys.stdlib_module_names) - {"__future__"}


def _undeclared(folders, declared: set[str]) -> dict[str, list[str]]:
    dists = packages_distributions()
    missing = {}
    for module in sorted(set().union(*(_imports(ROOT / f) for f in folders))):
        providers = [d.lower().replace("_", "-") for d in dists.get(module, [])]
        if not providers:
            continue  # an optional import the code guards (its test skips), or a compiled kernel
        if not declared & set(providers):
            missing[module] = providers
    return missing


def test_the_package_imports_only_its_declared_dependencies():
    optional = [e for e in PYPROJECT["project"]["optional-dependencies"] if e not in ("test", "dev", "bench")]
    assert _undeclared(["training", "service"], _declared(*optional)) == {}


def test_the_tests_import_only_what_the_test_extra_declares():
    assert _undeclared(["tests"], _declared("test")) == {}


def test_ci_runs_the_readme_test_command_in_a_new_virtualenv():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    assert (
        blocks[0].splitlines()[0] == "# install everything and start the service on the default model "
        "(trained from labels/ on first run)"
    )
    assert blocks[1].splitlines()[0] == "# install everything and run the tests"
    extracted = subprocess.run(
        ["awk", "/^# install everything and run the tests/ {getline; print; exit}", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert extracted == blocks[1].splitlines()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv" in ci and 'eval "$test_command"' in ci
