"""What a scored corpus says, as plain data for the corpus page (corpus_page.py) and
`stance report --json`: label shares per group with Wilson intervals, shares over time with
the largest change, who is credited with what (named against anonymous), the most
insinuating documents and the most confident insinuations, and what was skipped.

One pass over the files (score_reader.py), folded chunk by chunk into sums (corpus_tally.py);
the few rows of the top lists are read back in full at the end (`ScoresFile.fetch`).

Two choices a reader of the page should know:
- Shares are ranked by the lower end of their 95% Wilson interval, so a small outlet's 3
  insinuations in 5 sentences (60%, interval 23-88%) do not outrank a large one's 400 in
  1,000 (40%, 37-43%).
- A change in share between consecutive periods is measured by how far apart the two
  periods' intervals are (the smallest change both allow); a jump in a month with a
  handful of sentences does not outrank a campaign.
"""

from __future__ import annotations

import json
import time as clock
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path

from training.batch.corpus import expand_inputs
from training.batch.corpus_tally import FOCUS, FREQS, Tally
from training.batch.intervals import wilson
from training.batch.score_reader import ScoresFile, open_scores
from training.errors import InputError

__all__ = ["FOCUS", "FREQS", "require_extras", "summarise_scores", "wilson"]

TOP_CHANGES = 10
TOP_SOURCES = 10
_GLOB = set("*?[")


def require_extras(*modules: str) -> None:
    """One line naming the extra to install when a module `stance report` needs is missing."""
    missing = []
    for m in modules:
        try:
            import_module(m)
        except ImportError:
            missing.append(m)
    if missing:
        raise InputError(
            f"expected {' and '.join(modules)} for 'stance report', found {' and '.join(missing)} "
            "missing; install them with: pip install 'stancewatch[report]'"
        )


def _share(k: int, n: int) -> dict:
    low, high = wilson(k, n)
    return {"count": int(k), "share": k / n if n else 0.0, "low": low, "high": high}


def _block(vec, labels) -> dict:
    """Counts, shares and intervals of one tally vector [n_<label>..., sentences, uncertain]."""
    n = int(vec[len(labels)])
    return {
        "sentences": n,
        "uncertain": int(vec[len(labels) + 1]),
        "labels": {lab: _share(int(vec[i]), n) for i, lab in enumerate(labels)},
    }


# -- the summary -------------------------------------------------------------------------


def _expand(inputs) -> list[Path]:
    specs = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    for s in map(str, specs):
        if not (_GLOB & set(s)) and not Path(s).exists():
            raise InputError(f"expected a scores file written by 'stance score', found no file {s!r}")
    return [p for p in expand_inputs(specs) if not p.name.endswith(".errors.jsonl")]


def _check_alike(files: list[ScoresFile]) -> None:
    first = files[0]
    for f in files[1:]:
        if (f.unit, f.labels) != (first.unit, first.labels):
            raise InputError(
                f"expected scores files of one kind ({first.unit} rows, labels {list(first.labels)} "
                f"in {first.path}), found {f.unit} rows, labels {list(f.labels)} in {f.path}"
            )


def _scoring_errors(path: Path) -> dict | None:
    """The bad rows `stance score` listed beside its output (skipped before scoring)."""
    errors = path.with_name(path.name + ".errors.jsonl")
    if not errors.is_file():
        return None
    lines = [ln for ln in errors.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    first = []
    for ln in lines[:5]:
        try:
            e = json.loads(ln)
            first.append(f"line {e.get('line')} of {e.get('file')}: {e.get('reason')}")
        except ValueError:
            first.append(ln[:200])
    return {"file": str(errors), "count": len(lines), "first": first}


def summarise_scores(
    inputs,
    *,
    by: Iterable[str] = (),
    time: str | None = None,
    freq: str = "month",
    top: int = 20,
    log: Callable[[str], None] = lambda msg: None,
) -> dict:
    """Summarise `stance score` output (files, folders or globs; JSONL, CSV or Parquet) into
    plain data (see the module docstring). `by`: kept fields to group by; `time`: a kept
    date field, bucketed by `freq` (week or month); `top`: the length of the lists."""
    require_extras("pyarrow")
    by = list(dict.fromkeys(by))
    if freq not in FREQS:
        raise InputError(f"expected --freq week or month, found {freq!r}")
    if top < 1:
        raise InputError(f"expected --top to be at least 1, found {top}")
    files = [open_scores(p) for p in _expand(inputs)]
    _check_alike(files)
    for f in files:
        f.check_fields([*by, *([time] if time else [])])
    unit, labels = files[0].unit, files[0].labels
    tally = Tally(labels, by, time, freq, top)
    t0 = clock.perf_counter()
    for i, f in enumerate(files):
        before = tally.rows
        for chunk in f.chunks(by, time):
            tally.add(chunk, i, unit)
        tally.end_file(tally.rows - before)
        log(f"read {tally.rows - before:,} rows of {f.path} ({clock.perf_counter() - t0:.1f} s so far)")
    return _result(files, tally, by, time, freq)


def _result(files: list[ScoresFile], t: Tally, by: list[str], time: str | None, freq: str) -> dict:
    labels = list(t.labels)
    total = _block(t.total, labels)
    sources = _sources(t, by) if any(f.explain for f in files) else None
    return {
        "unit": files[0].unit,
        "labels": labels,
        "focus": FOCUS if FOCUS in labels else None,
        "by": by,
        "time_field": time,
        "freq": freq,
        "interval": "95% Wilson score interval",
        "inputs": [
            {
                "path": str(f.path),
                "format": f.format,
                "unit": f.unit,
                "kept": list(f.kept),
                "explain": f.explain,
                "bytes": f.path.stat().st_size,
                "command": f.metadata.get("stancewatch.command"),
                "scoring_errors": _scoring_errors(f.path),
            }
            for f in files
        ],
        "rows": t.rows,
        "documents": t.documents,
        "totals": total,
        "models": [{"id": k, "sentences": int(v[0])} for k, v in sorted(t.models.items(), key=lambda kv: -kv[1][0])],
        "uncertain": {
            "count": total["uncertain"],
            "share": total["uncertain"] / total["sentences"] if total["sentences"] else 0.0,
            "reasons": dict(t.reasons.most_common()),
        },
        "skipped": {
            "sentences": dict(t.skipped.most_common()),
            "unreadable_rows": t.bad,
            "first_unreadable": t.first_bad,
        },
        "groups": {f: _ranked_groups(t.groups[f], labels) for f in by},
        "over_time": _over_time(t, labels, by, time, freq) if time else None,
        "sources": sources,
        "documents_top": _fetch_documents(files, t, by, time),
        "insinuations_top": _fetch_sentences(files, t, by, time),
    }


def _rank_key(block: dict, labels: list[str]):
    lab = FOCUS if FOCUS in labels else None
    return (-(block["labels"][lab]["low"] if lab else 0.0), -block["sentences"])


def _ranked_groups(groups: dict, labels: list[str]) -> list[dict]:
    out = [{"value": v, **_block(vec, labels)} for v, vec in groups.items()]
    return sorted(out, key=lambda g: (*_rank_key(g, labels), str(g["value"])))


def _over_time(t: Tally, labels: list[str], by: list[str], time: str, freq: str) -> dict:
    all_periods = sorted({p for _, p in t.series})
    per_group: dict = {}
    for (group, period), vec in t.series.items():
        per_group.setdefault(group, {})[period] = vec
    series, changes = [], []
    for group, points in per_group.items():
        rows = [{"period": p, **_block(points[p], labels)} for p in sorted(points)]
        found = sorted(_changes(group, rows, labels), key=_change_rank)
        series.append(
            {
                "group": group,
                "sentences": sum(r["sentences"] for r in rows),
                "points": rows,
                "largest_change": found[0] if found else None,
            }
        )
        changes += found
    series.sort(key=lambda s: (-s["sentences"], str(s["group"])))
    changes.sort(key=_change_rank)
    largest = changes[0] if changes else None
    return {
        "field": time,
        "freq": freq,
        "group_by": by[0] if by else None,
        "periods": all_periods,
        "missing": t.no_time,
        "unreadable": t.bad_time,
        "series": series,
        "changes": changes[:TOP_CHANGES],
        "largest": largest,
        "largest_beyond_intervals": bool(largest and largest["gap"] > 0),
    }


def _change_rank(c: dict):
    return (-c["gap"], -abs(c["change"]), str(c["group"]), c["period"], c["label"])


def _changes(group, points: list[dict], labels: list[str]) -> list[dict]:
    """Each label's change in share from one period with sentences to the next, with the
    gap between the two periods' intervals (positive: the intervals do not overlap)."""
    out = []
    pts = [p for p in points if p["sentences"]]
    for before, after in zip(pts, pts[1:], strict=False):
        for lab in labels:
            a, b = before["labels"][lab], after["labels"][lab]
            gap = b["low"] - a["high"] if b["share"] >= a["share"] else a["low"] - b["high"]
            out.append(
                {
                    "group": group,
                    "label": lab,
                    "period": after["period"],
                    "previous": before["period"],
                    "share_before": a["share"],
                    "share_after": b["share"],
                    "change": b["share"] - a["share"],
                    "gap": gap,
                    "sentences_before": before["sentences"],
                    "sentences_after": after["sentences"],
                }
            )
    return out


def _sources(t: Tally, by: list[str]) -> dict:
    labels = list(t.labels)
    zero = t.np.zeros(len(labels), t.np.int64)
    kinds = {k: t.kinds.get(k, zero) for k in ("named", "anonymous", "pronoun")}
    credited = sum(kinds.values())
    none = t.total[: len(labels)] - credited
    by_kind = {lab: {**{k: int(v[i]) for k, v in kinds.items()}, "none": int(none[i])} for i, lab in enumerate(labels)}
    top = {}
    for i, lab in enumerate(labels):
        ranked = sorted(
            ((e["counts"][i], e, kind) for (_, kind), e in t.sources.items() if e["counts"][i] > 0),
            key=lambda x: (-x[0], x[1]["source"].casefold()),
        )[:TOP_SOURCES]
        top[lab] = [
            {"source": e["source"], "kind": kind, "count": int(c), "credited": int(e["counts"].sum())}
            for c, e, kind in ranked
        ]
    anonymous = {}
    for f in by:
        rows = []
        for value, kinds_seen in t.anonymous[f].items():
            n = sum(kinds_seen.values())
            rows.append(
                {
                    "value": value,
                    "credited": n,
                    **{k: kinds_seen.get(k, 0) for k in ("named", "anonymous", "pronoun")},
                    **{k: v for k, v in _share(kinds_seen.get("anonymous", 0), n).items() if k != "count"},
                }
            )
        anonymous[f] = sorted(rows, key=lambda r: (-r["low"], -r["credited"], str(r["value"])))
    return {
        "credited": int(credited.sum()),
        "sources": len(t.sources),
        "by_kind": by_kind,
        "top": top,
        "anonymous_share": anonymous,
    }


def _groups_of(row: dict, by: list[str], time: str | None) -> dict:
    return {f: row.get(f) for f in [*by, *([time] if time else [])]}


def _fetch_sentences(files: list[ScoresFile], t: Tally, by: list[str], time: str | None) -> list[dict]:
    best = t.sentences_top.best()
    cols = ["doc_id", "sentence", "text", "cues", "confidence", "source_text", *by, *([time] if time else [])]
    rows = _fetch(files, [(fi, r) for fi, r in best], cols)
    return [
        {
            "doc_id": row.get("doc_id"),
            "sentence": row.get("sentence"),
            "text": row.get("text"),
            "cues": row.get("cues") or "",
            "confidence": row.get("confidence"),
            "source": row.get("source_text"),
            "groups": _groups_of(row, by, time),
        }
        for row in (rows[k] for k in best)
    ]


def _fetch_documents(files: list[ScoresFile], t: Tally, by: list[str], time: str | None) -> list[dict]:
    best = t.docs_top.best()
    keys = [(d["file"], d["row"] if d["row"] is not None else d.get("doc_row")) for d in best]
    cols = ["doc_id", "sentence", "text", "cues", "confidence", *by, *([time] if time else [])]
    rows = _fetch(files, [k for k in keys if k[1] is not None], cols)
    out = []
    for d, key in zip(best, keys, strict=True):
        row = rows.get(key, {})
        low, high = wilson(d["insinuations"], d["sentences"])
        entry = {
            "doc_id": d["doc_id"],
            "insinuations": d["insinuations"],
            "sentences": d["sentences"],
            "share": d["insinuations"] / d["sentences"] if d["sentences"] else 0.0,
            "low": low,
            "high": high,
            "groups": _groups_of(row, by, time),
            "top_sentence": None,
        }
        if d["row"] is not None:
            entry["top_sentence"] = {
                "sentence": row.get("sentence"),
                "text": row.get("text"),
                "cues": row.get("cues") or "",
                "confidence": row.get("confidence"),
            }
        out.append(entry)
    return out


def _fetch(files: list[ScoresFile], keys: list[tuple[int, int]], columns: list[str]) -> dict:
    found: dict = {}
    for fi in sorted({fi for fi, _ in keys}):
        got = files[fi].fetch([r for f, r in keys if f == fi], list(dict.fromkeys(columns)))
        found |= {(fi, r): row for r, row in got.items()}
    return found
