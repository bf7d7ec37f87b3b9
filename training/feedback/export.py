"""`stance feedback export`: the correction store as a label file `stance train` reads.

One row per corrected sentence, in the schema of `labels/` (`text`, `label`, `id`, and
`domain` and `register` where the correction knew them), with `source: "feedback"` (the
rows `stance train` holds a stable fifth of out, to measure the gain on the user's own
text), the analysts, and the model and label they corrected.

Analysts who gave one sentence different labels are a conflict. By default such a
sentence is left out of the file and reported, so no one's label wins by accident;
`conflicts="latest"` takes the most recent correction, `"majority"` the label most
analysts gave (left out on a tie). The file is never overwritten: it is written beside
its name and linked into place only if no file has that name.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from training.errors import InputError
from training.feedback.store import Correction, FeedbackStore

__all__ = ["CONFLICT_POLICIES", "FEEDBACK_SOURCE", "export_corrections"]

FEEDBACK_SOURCE = "feedback"
CONFLICT_POLICIES = ("skip", "latest", "majority")


def export_corrections(store: FeedbackStore, output: str | Path, *, conflicts: str = "skip") -> dict:
    """Write `store`'s corrections to the new JSONL file `output`; return a summary: rows
    written, per-label counts, and the conflicts (with how each was settled)."""
    if conflicts not in CONFLICT_POLICIES:
        raise InputError(f"expected a conflict policy in {', '.join(CONFLICT_POLICIES)}, found {conflicts!r}")
    output = Path(output)
    if output.exists():
        raise InputError(
            f"expected a new file to export to, found {output} already there (it is never overwritten: "
            "choose another name)"
        )
    by_sentence: dict[str, list[Correction]] = {}
    for c in store.all():
        by_sentence.setdefault(c.sentence_hash, []).append(c)
    rows, reported = [], []
    for key, group in by_sentence.items():
        chosen = _settle(group, conflicts)
        if len({c.label for c in group}) > 1:
            reported.append(
                {
                    "sentence_hash": key,
                    "text": group[0].text,
                    "settled": chosen,
                    "labels": {c.analyst or "(anonymous)": c.label for c in group},
                }
            )
        if chosen is not None:
            rows.append(_label_row(key, chosen, [c for c in group if c.label == chosen]))
    _write_new(output, rows)
    return {
        "output": str(output),
        "rows": len(rows),
        "labels": dict(sorted(Counter(r["label"] for r in rows).items())),
        "corrections": sum(len(g) for g in by_sentence.values()),
        "conflicts": reported,
        "conflict_policy": conflicts,
    }


def _settle(group: list[Correction], policy: str) -> str | None:
    """The label a sentence gets, or None when its conflict is left unsettled."""
    labels = Counter(c.label for c in group)
    if len(labels) == 1:
        return group[0].label
    if policy == "latest":
        return max(group, key=lambda c: (c.updated or "", c.id or 0)).label
    if policy == "majority":
        (first, n1), (_, n2) = labels.most_common(2)
        return first if n1 > n2 else None
    return None


def _label_row(key: str, label: str, agreeing: list[Correction]) -> dict:
    latest = max(agreeing, key=lambda c: (c.updated or "", c.id or 0))
    row = {"id": f"feedback-{key[:16]}", "text": latest.text, "label": label}
    for name in ("domain", "register"):
        value = next((getattr(c, name) for c in agreeing if getattr(c, name)), None)
        if value:
            row[name] = value
    row["source"] = FEEDBACK_SOURCE
    row["analysts"] = sorted({c.analyst for c in agreeing if c.analyst})
    corrected = [(c.model_id, c.model_label) for c in agreeing if c.model_id]
    if corrected:
        row["model_id"], row["model_label"] = corrected[-1]
    notes = [c.note for c in agreeing if c.note]
    if notes:
        row["note"] = " | ".join(notes)
    row["updated"] = latest.updated
    return row


def _write_new(output: Path, rows: list[dict]) -> None:
    """Write atomically, without ever replacing an existing file: a temporary file beside
    it, hard-linked to the name (which fails if the name is taken), then removed."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, output)
        except FileExistsError:
            raise InputError(
                f"expected a new file to export to, found {output} created meanwhile (it is never "
                "overwritten: choose another name)"
            ) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
