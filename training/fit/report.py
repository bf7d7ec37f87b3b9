"""The evaluation report: one self-contained HTML file with per-label precision, recall and
F1, a confusion-matrix heatmap, a reliability diagram, what abstention does (coverage and
the accuracy of the rows not flagged `uncertain`), the most confident mistakes and the
model card (with each held-out group's macro-F1).

The pictures are inline SVG drawn here, so the report needs no plotting library, and the
page carries no script and a Content-Security-Policy that forbids every outside request:
it opens the same from an e-mail attachment as from the model's folder. Every piece of
data (sentences, labels, file names) is HTML-escaped, since label files are user input.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from training.errors import InputError

__all__ = ["offline_page_head", "render_report", "write_report"]

# White to dark blue: a cell's colour is its share of the gold row (recall along the diagonal).
_LOW, _HIGH = (247, 251, 255), (8, 48, 107)
BAR, GAP, GREY = "#3b6fb6", "#e4572e", "#9aa5b1"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232b;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde3ea;padding-bottom:4px}
.meta{color:#5a6673}.figs{display:flex;flex-wrap:wrap;gap:32px;align-items:flex-start}
figure{margin:0}figcaption{color:#5a6673;font-size:12px;max-width:430px}
table{border-collapse:collapse;margin:6px 0}th,td{padding:4px 10px;border-bottom:1px solid #e8edf2;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:8px;background:#8fb0d9;vertical-align:middle;margin-left:6px}
.mistakes td.text{max-width:560px}code,pre{font:12px ui-monospace,Menlo,Consolas,monospace}
pre{background:#f5f7fa;padding:10px;overflow:auto;max-height:480px}
"""


def offline_page_head(title: str, css: str) -> str:
    """The start of a self-contained page: a Content-Security-Policy that lets it load
    nothing from outside, its inline style, and the title as <h1>."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{css}</style></head>
<body>
<h1>{escape(title)}</h1>"""


def _fmt(value, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _blend(share: float) -> str:
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(_LOW, _HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def confusion_svg(confusion: dict) -> str:
    """Heatmap of the confusion matrix: rows gold, columns predicted, colour by row share."""
    labels, matrix = confusion["labels"], confusion["matrix"]
    cell, left, top = 72, 120, 96
    n = len(labels)
    width, height = left + n * cell + 70, top + n * cell + 10
    parts = [
        f'<svg id="confusion-heatmap" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="confusion matrix heatmap">',
        f'<text x="{left + n * cell / 2}" y="16" text-anchor="middle" font-size="13" font-weight="600">predicted</text>',
        f'<text x="14" y="{top + n * cell / 2}" text-anchor="middle" font-size="13" font-weight="600" '
        f'transform="rotate(-90 14 {top + n * cell / 2})">gold</text>',
    ]
    for j, lab in enumerate(labels):
        x = left + j * cell + cell / 2
        parts.append(
            f'<text x="{x}" y="{top - 10}" text-anchor="start" font-size="12" '
            f'transform="rotate(-35 {x} {top - 10})">{escape(lab)}</text>'
        )
    for i, (gold, row) in enumerate(zip(labels, matrix, strict=True)):
        total = sum(row)
        y = top + i * cell
        parts.append(
            f'<text x="{left - 8}" y="{y + cell / 2 + 4}" text-anchor="end" font-size="12">{escape(gold)}</text>'
        )
        for j, (pred, count) in enumerate(zip(labels, row, strict=True)):
            share = count / total if total else 0.0
            ink = "#ffffff" if share > 0.5 else "#1d232b"
            x = left + j * cell
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{_blend(share)}" stroke="#ffffff">'
                f"<title>gold {escape(gold)}, predicted {escape(pred)}: {count} ({share:.1%} of the row)</title></rect>"
                f'<text x="{x + cell / 2}" y="{y + cell / 2}" text-anchor="middle" font-size="14" fill="{ink}">{count}</text>'
                f'<text x="{x + cell / 2}" y="{y + cell / 2 + 16}" text-anchor="middle" font-size="11" fill="{ink}">{share:.0%}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def reliability_svg(reliability: list[dict], ece: float | None) -> str:
    """Reliability diagram: accuracy per confidence bin (bars), the gap to each bin's mean
    confidence (red), the diagonal of perfect calibration, and the share of rows per bin."""
    size, left, top, hist = 320, 48, 28, 60
    width, height = left + size + 16, top + size + hist + 52
    total = sum(b["count"] for b in reliability) or 1

    def sx(v: float) -> float:
        return left + v * size

    def sy(v: float) -> float:
        return top + (1 - v) * size

    parts = [
        f'<svg id="reliability-diagram" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="reliability diagram">',
        f'<text x="{left}" y="16" font-size="13" font-weight="600">accuracy by confidence'
        f"{f' (ECE {ece:.3f})' if ece is not None else ''}</text>",
        f'<rect x="{left}" y="{top}" width="{size}" height="{size}" fill="#fbfcfd" stroke="#c5ced8"/>',
    ]
    for t in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        parts.append(
            f'<path d="M{left - 4} {sy(t)}H{left}" stroke="#5a6673"/>'
            f'<text x="{left - 6}" y="{sy(t) + 4}" text-anchor="end" font-size="10">{t:.1f}</text>'
            f'<text x="{sx(t)}" y="{top + size + hist + 16}" text-anchor="middle" font-size="10">{t:.1f}</text>'
        )
    for b in reliability:
        if not b["count"]:
            continue
        lo, hi = b["bin"]
        x, w = sx(lo) + 1, (hi - lo) * size - 2
        acc, conf = b["accuracy"], b["confidence"]
        parts.append(
            f'<rect class="bin" x="{x:.1f}" y="{sy(acc):.1f}" width="{w:.1f}" height="{acc * size:.1f}" fill="{BAR}">'
            f"<title>confidence {lo:.1f}-{hi:.1f}: {b['count']} rows, accuracy {acc:.3f}, "
            f"mean confidence {conf:.3f}</title></rect>"
        )
        a, c = sorted((acc, conf))
        parts.append(
            f'<rect x="{x:.1f}" y="{sy(c):.1f}" width="{w:.1f}" height="{max((c - a) * size, 0.5):.1f}" '
            f'fill="{GAP}" fill-opacity="0.35"/>'
        )
        share = b["count"] / total
        parts.append(
            f'<rect class="count" x="{x:.1f}" y="{top + size + hist - share * (hist - 8):.1f}" width="{w:.1f}" '
            f'height="{share * (hist - 8):.1f}" fill="{GREY}"><title>{b["count"]} rows ({share:.1%})</title></rect>'
        )
    parts.append(f'<path d="M{sx(0)} {sy(0)}L{sx(1)} {sy(1)}" stroke="#1d232b" stroke-dasharray="4 3" fill="none"/>')
    parts.append(
        f'<text x="{left + size / 2}" y="{height - 8}" text-anchor="middle" font-size="12">confidence of the '
        f"predicted label (grey: share of rows)</text></svg>"
    )
    return "".join(parts)


def _metrics_table(result: dict) -> str:
    rows = []
    for lab, m in result["per_label"].items():
        rows.append(
            f"<tr><td>{escape(lab)}</td>"
            + "".join(
                f'<td class="num">{m[k]:.3f}<span class="bar" style="width:{m[k] * 60:.0f}px"></span></td>'
                for k in ("precision", "recall", "f1")
            )
            + f'<td class="num">{m["support"]}</td></tr>'
        )
    return (
        '<table class="metrics"><tr><th>label</th><th class="num">precision</th><th class="num">recall</th>'
        '<th class="num">F1</th><th class="num">support</th></tr>' + "".join(rows) + "</table>"
        f"<p>macro-F1 <b>{result['macro_f1']:.4f}</b> · accuracy {result['accuracy']:.4f} · "
        f"{result['n']} rows scored · expected calibration error {_fmt(result.get('ece'), 4)}</p>"
    )


def _abstention_section(result: dict) -> str:
    """Coverage and kept accuracy at the model's thresholds, and the accuracy of the most
    confident rows at fixed coverages (the best any threshold could do)."""
    if result.get("coverage") is None:
        return "<p>No rows scored, so nothing about abstention.</p>"
    ab = result["abstention"]
    t = ab["thresholds"]
    reasons = ", ".join(f"{escape(k.replace('_', ' '))} {v}" for k, v in ab["flagged_by_reason"].items()) or "none"
    curve = "".join(
        f'<tr><td class="num">{c["coverage"]:.0%}</td><td class="num">{_fmt(c["accuracy"])}</td></tr>'
        for c in ab["accuracy_at_coverage"]
    )
    return (
        f'<p id="abstention">coverage <b>{result["coverage"]:.1%}</b> ({ab["rows"] - ab["flagged"]} of {ab["rows"]} '
        f"rows not flagged <code>uncertain</code>) · accuracy on them <b>{_fmt(result['kept_accuracy'])}</b> · "
        f"on the flagged rows {_fmt(ab['flagged_accuracy'])}</p>"
        f'<p class="meta">Flagged below confidence {t["min_confidence"]}, below a margin of {t["min_margin"]} '
        f"between the top two labels, with fewer than {t['min_known_words']} known words"
        + (", or a denial or insinuation no cue supports (words only)" if t.get("words_only") else "")
        + f". Flagged rows by reason: {reasons}.</p>"
        '<table class="coverage"><tr><th class="num">most confident share</th><th class="num">accuracy</th></tr>'
        f'{curve}</table><p class="meta">The accuracy of the most confident rows at each share is the best any '
        "confidence threshold could reach there: when it is low too, the ranking, not the thresholds, falls short.</p>"
    )


def confident_mistakes(result: dict, texts: list[str], limit: int = 20) -> list[dict]:
    """Wrong predictions, most confident first (these are what a user trips over)."""
    labels = set(result["per_label"])
    wrong = []
    for text, p in zip(texts, result["predictions"], strict=True):
        if p["label"] in labels and p["predicted"] != p["label"]:
            wrong.append(
                {
                    "text": text,
                    "id": p.get("id"),
                    "label": p["label"],
                    "predicted": p["predicted"],
                    "confidence": p["probabilities"][p["predicted"]],
                    "gold_probability": p["probabilities"][p["label"]],
                }
            )
    return sorted(wrong, key=lambda w: -w["confidence"])[:limit]


def _mistakes_table(mistakes: list[dict]) -> str:
    if not mistakes:
        return "<p>No mistakes.</p>"
    rows = "".join(
        f'<tr><td class="num">{m["confidence"]:.3f}</td><td>{escape(m["predicted"])}</td><td>{escape(m["label"])}</td>'
        f'<td class="num">{m["gold_probability"]:.3f}</td><td class="text">{escape(m["text"])}</td>'
        f"<td>{escape(str(m['id'] or ''))}</td></tr>"
        for m in mistakes
    )
    return (
        '<table class="mistakes"><tr><th class="num">confidence</th><th>predicted</th><th>gold</th>'
        '<th class="num">p(gold)</th><th>text</th><th>id</th></tr>' + rows + "</table>"
    )


def _card_section(card: dict | None) -> str:
    if not card:
        return "<p>No model card.</p>"
    held = (card.get("metrics") or {}).get("heldout") or {}
    cv = (card.get("metrics") or {}).get("cv") or {}
    cal = card.get("calibration") or {}
    facts = [
        ("id", card.get("id")),
        ("created", card.get("created")),
        ("version", card.get("version")),
        ("labels", ", ".join(card.get("labels", []))),
        (
            "training rows",
            f"{card.get('rows')} ({', '.join(f'{k} {v}' for k, v in (card.get('label_counts') or {}).items())})",
        ),
        (
            "cross-validation macro-F1",
            f"{_fmt(cv.get('macro_f1_mean'), 4)} ± {_fmt(cv.get('macro_f1_std'), 4)} ({cv.get('folds', 0)} folds)"
            if cv.get("macro_f1_mean") is not None
            else "not run",
        ),
        ("held-out macro-F1", f"{_fmt(held.get('macro_f1'), 4)} on {(card.get('test_file') or {}).get('path', '–')}"),
        ("temperature", f"{_fmt(cal.get('temperature'), 3)} from {cal.get('source', '–')}"),
        (
            "uncertain thresholds",
            f"{json.dumps(card.get('thresholds', {}))}, chosen on {(card.get('abstention') or {}).get('source', '–')}",
        ),
        (
            "artifact",
            f"{(card.get('artifact') or {}).get('file', '–')}, {(card.get('artifact') or {}).get('bytes', '–')} bytes, "
            f"sha256 {(card.get('artifact') or {}).get('sha256', '–')}",
        ),
        ("parameters", json.dumps(card.get("params", {}))),
        ("libraries", ", ".join(f"{k} {v}" for k, v in (card.get("versions") or {}).items())),
    ]
    dl = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in facts)
    files = "".join(
        f'<tr><td>{escape(str(f.get("path")))}</td><td class="num">{f.get("rows")}</td>'
        f"<td><code>{escape(str(f.get('sha256', ''))[:16])}…</code></td></tr>"
        for f in card.get("data_files", [])
    )
    return (
        f'<table class="card">{dl}</table>{_group_cv_table((card.get("metrics") or {}).get("group_cv"))}'
        f'<h3>training files</h3><table><tr><th>file</th><th class="num">rows</th>'
        f"<th>sha256</th></tr>{files}</table><details><summary>the whole card (JSON)</summary>"
        f"<pre>{escape(json.dumps(card, indent=2))}</pre></details>"
    )


def _group_cv_table(report: dict | None) -> str:
    if not report:
        return ""
    by = escape(report["by"])
    rows = "".join(
        f'<tr><td>{escape(name)}</td><td class="num">{g["rows"]}</td><td class="num">{g["macro_f1"]:.3f}</td>'
        f'<td class="num">{g["accuracy"]:.3f}</td></tr>'
        for name, g in report["groups"].items()
    )
    return (
        f'<h3 id="group-cv">leave-one-{by}-out</h3><p class="meta">Each {by} scored by a model trained on the '
        f"others: a large gap to the held-out macro-F1 means the model learned the {by}, not the speech act.</p>"
        f'<table><tr><th>{by}</th><th class="num">rows</th><th class="num">macro-F1</th><th class="num">accuracy</th>'
        f"</tr>{rows}</table>"
    )


def render_report(
    result: dict, texts: list[str], *, card: dict | None = None, data_name: str = "", top_mistakes: int = 20
) -> str:
    """The report as one HTML string. `result` is what `training.fit.evaluate.evaluate` returns
    (with its `predictions`); `texts` are the scored rows' texts, in the same order."""
    if len(texts) != len(result.get("predictions", [])):
        raise ValueError(
            f"expected one text per prediction, found {len(texts)} texts for "
            f"{len(result.get('predictions', []))} predictions"
        )
    model_id = (card or {}).get("id") or result.get("model", {}).get("id") or "unnamed model"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    notes = []
    if result.get("unknown_labels"):
        notes.append(f"rows with labels the model does not know, left out of the metrics: {result['unknown_labels']}")
    if result.get("skipped_rows"):
        notes.append(f"{result['skipped_rows']} malformed rows skipped")
    reliability = (
        reliability_svg(result["reliability"], result.get("ece"))
        if result.get("reliability")
        else "<p>No probabilities, so no reliability diagram.</p>"
    )
    title = f"Evaluation of {model_id} on {data_name or 'labelled rows'}"
    return f"""{offline_page_head(title, CSS)}
<p class="meta">Generated {stamp}. Each row is scored as one unit.{"".join(f"<br>{escape(n)}" for n in notes)}</p>
<h2>Precision, recall and F1 per label</h2>
{_metrics_table(result)}
<h2>Confusion matrix and calibration</h2>
<div class="figs">
<figure>{confusion_svg(result["confusion"])}<figcaption>Rows are the gold labels, columns the predictions; a cell's
colour is its share of the gold row, so the diagonal reads as recall.</figcaption></figure>
<figure>{reliability}<figcaption>Rows binned by the confidence of the predicted label. A bar's height is the accuracy in
the bin; red marks the gap to the bin's mean confidence. Bars on the dashed diagonal mean the probabilities can be taken
at face value.</figcaption></figure>
</div>
<h2>Abstention: the rows flagged uncertain</h2>
{_abstention_section(result)}
<h2>Most confident mistakes</h2>
{_mistakes_table(confident_mistakes(result, texts, top_mistakes))}
<h2>Model card</h2>
{_card_section(card)}
</body></html>
"""


def write_report(path: str | Path, result: dict, texts: list[str], **kwargs) -> Path:
    """Render the report (see `render_report`) and write it to `path`."""
    path = Path(path)
    html = render_report(result, texts, **kwargs)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as e:
        raise InputError(f"expected a writable path for the report, found {e.strerror.lower()}: {path}") from None
    return path
