"""Checks on label files: counts, bad rows, exact and near-duplicate pairs, pairs that
cross the train/test split, minimal pairs, and the corpus shape. Used by `stance labels
check` and by the test suite.

Near-duplicates are found after normalising case, punctuation, numbers and capitalised
names, by the cosine similarity of word 1-2-gram vectors (one sparse product, so it
scales to tens of thousands of rows). The two rows of a minimal pair (the same `pair`
value) are near-duplicates on purpose and are not reported as such.

The corpus shape measures what taught the model to read negation and denial words as
denial (issue #14): the share of rows with a negation word that are denials (real news:
13-21%), the share of rows with a denial word that are denials (real news: 28%), and the
sentence length (real news: 21-24 words on average). Typographic apostrophes and quotes
are folded first (text/normalise.py), so "haven’t" counts as a negation. It also reports,
without a target, the share of rows with a question mark that are insinuations: two thirds
of the training rows' questions were insinuations while most questions in news and in
replies are plain (GUIDELINES 3.4), which taught the model to read the question mark.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer

from training.fit.data import Example, RowError, read_examples
from training.text.normalise import fold

__all__ = ["SHAPE_TARGETS", "check_labels", "corpus_shape", "format_report", "normalise"]

NEAR_DUPLICATE = 0.9
MIN_WORDS, MAX_WORDS = 4, 60
HARD_MAX_WORDS = 120
_NAME = re.compile(r"(?<=\w\W)\b[A-Z][\w'-]*")
_NUMBER = re.compile(r"\d[\d,.]*")
_PUNCT = re.compile(r"[^\w\s]")
# The same patterns as the label writers' checker, so the figures agree.
NEGATION = re.compile(r"\b(not|never|no|nothing|none|nobody|neither|nor|cannot|without)\b|n't", re.I)
DENIAL_WORD = re.compile(
    r"\b(den(y|ies|ied|ying|ial|ials)|reject\w*|dismiss\w*|refut\w*|false\w*|untrue|baseless"
    r"|hoax\w*|fabricat\w*)\b",
    re.I,
)
DENIAL, INSINUATION = "denial", "insinuation"
LONG_WORDS = 30
# figure -> (comparison, target) for the training split (issue #14, must-show 7)
SHAPE_TARGETS = {
    "negation_denial_share": ("<=", 0.30),
    "denial_word_denial_share": ("<=", 0.60),
    "mean_words": (">=", 18.0),
}


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


def corpus_shape(rows: list[Example]) -> dict:
    """How negation and denial words sit with the denial label, and how long the rows are;
    for the figures in SHAPE_TARGETS, the target and whether it is met."""
    folded = [fold(e.text) for e in rows]
    lengths = [len(t.split()) for t in folded]
    neg = [e.label == DENIAL for e, t in zip(rows, folded, strict=True) if NEGATION.search(t)]
    dw = [e.label == DENIAL for e, t in zip(rows, folded, strict=True) if DENIAL_WORD.search(t)]
    asks = [e.label == INSINUATION for e in rows if "?" in e.text]
    shape: dict[str, Any] = {
        "rows": len(rows),
        "negation_rows": len(neg),
        "negation_denial_share": sum(neg) / len(neg) if neg else None,
        "denial_word_rows": len(dw),
        "denial_word_denial_share": sum(dw) / len(dw) if dw else None,
        "question_rows": len(asks),
        "question_insinuation_share": sum(asks) / len(asks) if asks else None,
        "mean_words": statistics.fmean(lengths) if lengths else None,
        "median_words": statistics.median(lengths) if lengths else None,
        f"share_over_{LONG_WORDS}_words": sum(n > LONG_WORDS for n in lengths) / len(lengths) if lengths else None,
    }
    shape["targets"] = {
        k: {"target": f"{op} {t:g}", "meets": shape[k] is not None and (shape[k] <= t if op == "<=" else shape[k] >= t)}
        for k, (op, t) in SHAPE_TARGETS.items()
    }
    return shape


def _pair_errors(rows: list[Example]) -> tuple[int, list[str]]:
    """(minimal pairs, errors): a `pair` value must name exactly two rows of different labels."""
    pairs: dict[str, list[Example]] = defaultdict(list)
    for e in rows:
        if e.extra.get("pair") not in (None, ""):
            pairs[str(e.extra["pair"])].append(e)
    errors = []
    for name, members in pairs.items():
        where = ", ".join(_where(e) for e in members)
        if len(members) != 2:
            errors.append(f"minimal pair {name!r}: expected 2 rows, found {len(members)} ({where})")
        elif members[0].label == members[1].label:
            errors.append(
                f"minimal pair {name!r}: expected two different labels, found {members[0].label!r} twice ({where})"
            )
    return len(pairs), errors


def check_labels(
    paths, *, test_name: str = "test", labels: set[str] | None = None, threshold: float = NEAR_DUPLICATE
) -> dict:
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
    n_pairs, pair_errors = _pair_errors(rows)
    errors.extend(pair_errors)
    errors.extend(f"exact duplicate: {a} ~ {b}" for a, b, _ in exact)
    errors.extend(f"near-duplicate ({s:.2f}): {a} ~ {b}" for a, b, s in near)
    errors.extend(f"crosses the train/test split ({s:.2f}): {a} ~ {b}" for a, b, s in cross)

    shape = {"train": corpus_shape(train), "test": corpus_shape(test)}
    warnings.extend(
        f"corpus shape: train {k} is {_num(shape['train'][k])}, target {t['target']}"
        for k, t in shape["train"]["targets"].items()
        if train and not t["meets"]
    )
    return {
        "files": [str(f) for f in files],
        "train": _split_counts(train),
        "test": _split_counts(test),
        "shape": shape,
        "exact_duplicates": len(exact),
        "near_duplicates": len(near),
        "cross_split_pairs": len(cross),
        "minimal_pairs": n_pairs,
        "errors": errors,
        "warnings": warnings,
    }


def _split_counts(items: list[Example]) -> dict:
    def counts(attr):
        return dict(sorted(Counter(getattr(e, attr) or "(none)" for e in items).items()))

    by_case: dict[str, Counter] = defaultdict(Counter)
    for e in items:
        by_case[e.hard_case or "(none)"][e.label] += 1
    return {
        "rows": len(items),
        "labels": counts("label"),
        "domains": counts("domain"),
        "registers": counts("register"),
        "hard_cases": counts("hard_case"),
        "hard_case_labels": {k: dict(sorted(v.items())) for k, v in sorted(by_case.items())},
    }


def _num(v) -> str:
    return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def _similar(X, threshold: float, block: int = 512):
    """(i, j, cosine) for i < j with cosine >= threshold, a block of rows at a time: the full
    product of thousands of rows is nearly dense (common words) and would not fit. Each block
    meets only the rows from its own first on (j < i was found by an earlier block): half the
    product, 6.4 -> 3.0 s on the project's 18,000 rows."""
    for start in range(0, X.shape[0], block):
        sim = (X[start : start + block] @ X[start:].T).tocoo()
        keep = (sim.data >= threshold) & (sim.row < sim.col)
        yield from zip(
            (sim.row[keep] + start).tolist(), (sim.col[keep] + start).tolist(), sim.data[keep].tolist(), strict=True
        )


def _pairs(rows: list[Example], is_test: list[bool], threshold: float):
    exact, near, cross = [], [], []
    if len(rows) < 2:
        return exact, near, cross
    norm = [normalise(e.text) for e in rows]
    vec = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", sublinear_tf=True)
    X = vec.fit_transform(norm).tocsr()
    pair = [e.extra.get("pair") or None for e in rows]
    for i, j, s in _similar(X, threshold):
        if pair[i] is not None and pair[i] == pair[j] and is_test[i] == is_test[j] and norm[i] != norm[j]:
            continue  # the two versions of a minimal pair: alike on purpose
        a, b = _where(rows[i]), _where(rows[j])
        if is_test[i] != is_test[j]:
            cross.append((a, b, float(s)))
        elif norm[i] == norm[j] and rows[i].text.strip().lower() == rows[j].text.strip().lower():
            exact.append((a, b, float(s)))
        else:
            near.append((a, b, float(s)))
    return exact, near, cross


def _shape_lines(shape: dict, *, targets: bool) -> list[str]:
    def target(key: str) -> str:
        if not targets:  # the targets are for the rows a model learns from
            return ""
        t = shape["targets"][key]
        return f"  (target {t['target']}: {'met' if t['meets'] else 'NOT met'})"

    return [
        f"  shape: {_num(shape['negation_denial_share'])} of {shape['negation_rows']} rows with a negation word are "
        f"denials{target('negation_denial_share')}",
        f"         {_num(shape['denial_word_denial_share'])} of {shape['denial_word_rows']} rows with a denial word are "
        f"denials{target('denial_word_denial_share')}",
        f"         {_num(shape['question_insinuation_share'])} of {shape['question_rows']} rows with a question mark are "
        "insinuations",
        f"         words per row: mean {_num(shape['mean_words'])}{target('mean_words')}, median "
        f"{_num(shape['median_words'])}, over {LONG_WORDS}: {_num(shape[f'share_over_{LONG_WORDS}_words'])}",
    ]


def format_report(r: dict) -> str:
    lines = [f"files: {len(r['files'])}"]
    for split in ("train", "test"):
        s = r[split]
        lines.append(f"\n{split}: {s['rows']} rows")
        for key in ("labels", "domains", "registers", "hard_cases"):
            lines.append(f"  {key} ({len(s[key])}): " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
        if s["rows"]:
            lines.extend(_shape_lines(r["shape"][split], targets=split == "train"))
    lines.append(
        f"\nexact duplicates {r['exact_duplicates']}, near-duplicates {r['near_duplicates']}, "
        f"pairs across the split {r['cross_split_pairs']}, minimal pairs {r['minimal_pairs']}"
    )
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
