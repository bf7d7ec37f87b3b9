"""Checks on label files: counts, bad rows, exact and near-duplicate pairs, and pairs that
cross the train/test split. Used by `stance labels check` and by the test suite.

Near-duplicates are found after normalising case, punctuation, numbers and capitalised
names, by the cosine similarity of word 1-2-gram vectors (one sparse product, so it
scales to tens of thousands of rows).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from .data import Example, RowError, read_examples

__all__ = ["check_labels", "format_report", "normalise"]

NEAR_DUPLICATE = 0.9
MIN_WORDS, MAX_WORDS = 4, 60
HARD_MAX_WORDS = 120
_NAME = re.compile(r"(?<=\w\W)\b[A-Z][\w'-]*")
_NUMBER = re.compile(r"\d[\d,.]*")
_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Lower case, with numbers, capitalised names (not the first word) and punctuation removed."""
    t = _NUMBER.sub(" 0 ", text)
    words = t.split()[1:]
    # In a title-case headline every word is capitalised; replacing them all would make
    # unrelated headlines look alike, so names are replaced only in sentence-case text.
    if not words or sum(w[:1].isupper() for w in words) / len(words) < 0.5:
        t = _NAME.sub(" N ", t)
    t = _PUNCT.sub(" ", t.lower())
    return " ".join(t.split())


def _files(paths) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".jsonl", ".csv") and q.is_file()))
        else:
            out.append(p)
    return out


def _where(e: Example) -> str:
    return f"{e.path}:{e.line}"


def check_labels(paths, *, test_name: str = "test", labels: set[str] | None = None,
                 threshold: float = NEAR_DUPLICATE) -> dict:
    """A report dict; `errors` lists what must be fixed, `warnings` what should be looked at."""
    files = _files(paths)
    errors: list[str] = []
    warnings: list[str] = []
    rows: list[Example] = []
    for f in files:
        ex, bad = read_examples([f], strict=False)
        rows.extend(ex)
        errors.extend(str(b) for b in bad if isinstance(b, RowError))
    # The held-out split: files whose name starts with `test_name`, or files in a folder of that name.
    is_test = [Path(e.path).name.startswith(test_name) or Path(e.path).parent.name == test_name for e in rows]
    train = [e for e, t in zip(rows, is_test, strict=True) if not t]
    test = [e for e, t in zip(rows, is_test, strict=True) if t]
    known = labels if labels is not None else {e.label for e in train}
    for e in rows:
        n_words = len(e.text.split())
        if e.label not in known:
            errors.append(f"{_where(e)}: expected a label in {sorted(known)}, found {e.label!r}")
        if n_words > HARD_MAX_WORDS:
            errors.append(f"{_where(e)}: expected at most {HARD_MAX_WORDS} words, found {n_words}")
        elif not MIN_WORDS <= n_words <= MAX_WORDS:
            warnings.append(f"{_where(e)}: {n_words} words, outside {MIN_WORDS}-{MAX_WORDS}")
    ids = Counter(e.id for e in rows if e.id)
    errors.extend(f"duplicate id {i!r} ({n} rows)" for i, n in ids.items() if n > 1)

    exact, near, cross = _pairs(rows, is_test, threshold)
    errors.extend(f"exact duplicate: {a} ~ {b}" for a, b, _ in exact)
    errors.extend(f"near-duplicate ({s:.2f}): {a} ~ {b}" for a, b, s in near)
    errors.extend(f"crosses the train/test split ({s:.2f}): {a} ~ {b}" for a, b, s in cross)

    def counts(items, attr):
        return dict(sorted(Counter(getattr(e, attr) or "(none)" for e in items).items()))

    return {
        "files": [str(f) for f in files],
        "train": {"rows": len(train), "labels": counts(train, "label"), "domains": counts(train, "domain"),
                  "registers": counts(train, "register"), "hard_cases": counts(train, "hard_case")},
        "test": {"rows": len(test), "labels": counts(test, "label"), "domains": counts(test, "domain"),
                 "registers": counts(test, "register"), "hard_cases": counts(test, "hard_case")},
        "exact_duplicates": len(exact), "near_duplicates": len(near), "cross_split_pairs": len(cross),
        "errors": errors, "warnings": warnings,
    }


def _pairs(rows: list[Example], is_test: list[bool], threshold: float):
    exact, near, cross = [], [], []
    if len(rows) < 2:
        return exact, near, cross
    norm = [normalise(e.text) for e in rows]
    vec = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", sublinear_tf=True)
    X = vec.fit_transform(norm)
    sim = (X @ X.T).tocoo()
    for i, j, s in zip(sim.row, sim.col, sim.data, strict=True):
        if i >= j or s < threshold:
            continue
        a, b = _where(rows[i]), _where(rows[j])
        if is_test[i] != is_test[j]:
            cross.append((a, b, float(s)))
        elif norm[i] == norm[j] and rows[i].text.strip().lower() == rows[j].text.strip().lower():
            exact.append((a, b, float(s)))
        else:
            near.append((a, b, float(s)))
    return exact, near, cross


def format_report(r: dict) -> str:
    lines = [f"files: {len(r['files'])}"]
    for split in ("train", "test"):
        s = r[split]
        lines.append(f"\n{split}: {s['rows']} rows")
        for key in ("labels", "domains", "registers", "hard_cases"):
            lines.append(f"  {key} ({len(s[key])}): " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
    lines.append(f"\nexact duplicates {r['exact_duplicates']}, near-duplicates {r['near_duplicates']}, "
                 f"pairs across the split {r['cross_split_pairs']}")
    if r["warnings"]:
        lines.append(f"warnings ({len(r['warnings'])}):")
        lines.extend(f"  {w}" for w in r["warnings"][:50])
        if len(r["warnings"]) > 50:
            lines.append(f"  ... and {len(r['warnings']) - 50} more")
    if r["errors"]:
        lines.append(f"errors ({len(r['errors'])}):")
        lines.extend(f"  {e}" for e in r["errors"])
    else:
        lines.append("no errors")
    return "\n".join(lines)
