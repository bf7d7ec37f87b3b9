"""The shape of the code (issue #16, must-show 1): in training/, service/ and benchmarks/, no
module over 400 lines and no function or method over 60; and the whole repository clean under
`ruff check` and `ruff format --check` (ruff comes with the `test` extra: skipped without it)."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("training", "service", "benchmarks")  # tests may be long: a test reads best in one piece
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60  # from `def` to the last line of the body; decorators not counted


def offenders(root: Path, folders: tuple[str, ...] = CHECKED) -> list[str]:
    """One line per module over MAX_MODULE_LINES and per function or method over
    MAX_FUNCTION_LINES (nested ones counted on their own too), as "path:line name: N lines"."""
    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            where = path.relative_to(root).as_posix()
            if (n := len(text.splitlines())) > MAX_MODULE_LINES:
                found.append(f"{where}: module, {n} lines (at most {MAX_MODULE_LINES})")
            for node in ast.walk(ast.parse(text, filename=where)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    if (n := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES:
                        found.append(f"{where}:{node.lineno} {node.name}(): {n} lines (at most {MAX_FUNCTION_LINES})")
    return found


def test_no_module_or_function_is_too_long():
    found = offenders(ROOT)
    assert not found, f"{len(found)} too long; split them into named steps:\n" + "\n".join(found)


def test_the_check_names_every_offender_and_nothing_else(tmp_path):
    def function(header: str, lines: int, indent: str = "    ") -> str:  # `lines` long, `def` included
        return indent + header + "\n" + "".join(f"{indent}    x{i} = {i}\n" for i in range(lines - 1))

    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    long = function("def ok():", 60, "") + "\n\nclass C:\n" + function("async def too_long(self):", 61)
    (tmp_path / "pkg" / "sub" / "long.py").write_text(long + "#\n" * (401 - 124), encoding="utf-8")
    (tmp_path / "pkg" / "short.py").write_text(function("def f():", 2, ""), encoding="utf-8")
    assert offenders(tmp_path, ("pkg",)) == [
        "pkg/sub/long.py: module, 401 lines (at most 400)",
        "pkg/sub/long.py:64 too_long(): 61 lines (at most 60)",
    ]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed: python3 -m pip install -e '.[test]'")
    # --no-cache: the suite writes nothing into the checkout
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_ruff_check_is_clean():
    r = _ruff("check")
    assert r.returncode == 0, f"ruff check found problems (fix them, or `ruff check --fix`):\n{r.stdout}{r.stderr}"


def test_ruff_format_is_clean():
    r = _ruff("format", "--check", "--output-format", "concise")
    assert r.returncode == 0, f"not formatted (run `ruff format`):\n{r.stdout}{r.stderr}"
