"""The corpus page: one self-contained HTML file drawn from `summarise_scores` (plain data),
with the plots of corpus_plots.py inline as SVG.

Like the evaluation report (fit/report.py), the page carries no script and a
Content-Security-Policy that forbids every outside request, so it opens the same from an
e-mail attachment as from a shared folder; every value from the scores (sentences, group
names, document ids, file names) is HTML-escaped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from training.batch.corpus_page_format import CSS, doc_anchor
from training.batch.corpus_page_format import ci as _ci
from training.batch.corpus_page_format import count as _n
from training.batch.corpus_page_format import figure as _figure
from training.batch.corpus_page_format import pct as _pct
from training.batch.corpus_page_format import slug as _slug
from training.batch.corpus_page_format import value as _value
from training.batch.corpus_summary import require_extras
from training.errors import InputError
from training.fit.report import offline_page_head

__all__ = ["render_corpus_page", "write_corpus_page"]

PLOT_GROUPS = 25  # rows in a shares plot; the table lists more
TABLE_GROUPS = 60
TIME_PANELS = 12


# -- sections ----------------------------------------------------------------------------


def _glance(s: dict) -> str:
    total = s["totals"]
    shares = " · ".join(f"{escape(lab)} <b>{_pct(v['share'])}</b> {_ci(v)}" for lab, v in total["labels"].items())
    parts = [f'<p class="lead" id="overall">{_n(total["sentences"])} sentences: {shares}</p>']
    ot = s.get("over_time")
    if ot and ot.get("largest"):
        parts.append(_largest_change(ot))
    focus = s.get("focus")
    for field, groups in s["groups"].items():
        if focus and groups:
            g = groups[0]
            parts.append(
                f"<p>Most {escape(focus)} by {escape(field)}, counting the interval: <b>{_value(g['value'])}</b> "
                f"({_pct(g['labels'][focus]['share'])} {_ci(g['labels'][focus])} of {_n(g['sentences'])} "
                f"sentences).</p>"
            )
    return "".join(parts)


def _largest_change(ot: dict, element_id: str = "largest-change") -> str:
    c = ot["largest"]
    where = f" in <b>{_value(c['group'])}</b>" if ot.get("group_by") else ""
    verb = "rose" if c["change"] > 0 else "fell"
    span = "week of " if ot["freq"] == "week" else ""
    head = (
        "Largest change"
        if ot["largest_beyond_intervals"]
        else "No change is larger than its intervals allow; the largest"
    )
    return (
        f'<p id="{element_id}" data-group="{_value(c["group"])}" data-period="{escape(c["period"])}" '
        f'data-label="{escape(c["label"])}">{head}: the <b>{escape(c["label"])}</b> share{where} {verb} from '
        f"{_pct(c['share_before'])} ({span}{escape(c['previous'])}, {_n(c['sentences_before'])} sentences) to "
        f"{_pct(c['share_after'])} in <b>{span}{escape(c['period'])}</b> ({_n(c['sentences_after'])} sentences); "
        f"the 95% intervals of the two {escape(ot['freq'])}s are {abs(c['gap']):.1%} "
        f"{'apart' if c['gap'] > 0 else 'overlapping'}.</p>"
    )


def _groups_section(s: dict, field: str, groups: list[dict]) -> str:
    from training.batch.corpus_plots import shares_by_group_svg

    labels, focus = s["labels"], s.get("focus")
    if not groups:
        return f"<p>No rows with {escape(field)}.</p>"
    order = (
        f"sorted by the lower end of the interval of the {escape(focus)} share, so a small group's high share "
        f"does not outrank a large group's by chance"
        if focus
        else "sorted by size"
    )
    fig = _figure(
        shares_by_group_svg(f"plot-shares-{_slug(field)}", field, groups[:PLOT_GROUPS], labels),
        f"Each {escape(field)}'s share of each label (dot) with its 95% Wilson interval (bar), {order}."
        + (f" The {PLOT_GROUPS} first of {len(groups)} are drawn." if len(groups) > PLOT_GROUPS else ""),
    )
    head = "".join(f'<th class="num">{escape(lab)}</th>' for lab in labels)
    rows = "".join(
        f'<tr><td>{_value(g["value"])}</td><td class="num">{_n(g["sentences"])}</td>'
        + "".join(
            f'<td class="num">{_pct(g["labels"][lab]["share"])} <span class="ci">({_n(g["labels"][lab]["count"])})'
            f"</span><br>{_ci(g['labels'][lab])}</td>"
            for lab in labels
        )
        + f'<td class="num">{_n(g["uncertain"])}</td></tr>'
        for g in groups[:TABLE_GROUPS]
    )
    more = (
        f'<p class="meta">… and {len(groups) - TABLE_GROUPS:,} more (all of them in <code>--json</code>).</p>'
        if len(groups) > TABLE_GROUPS
        else ""
    )
    return (
        f'{fig}<table class="groups" id="table-shares-{_slug(field)}"><tr><th>{escape(field)}</th>'
        f'<th class="num">sentences</th>{head}<th class="num">uncertain</th></tr>{rows}</table>{more}'
    )


def _time_section(s: dict) -> str:
    from training.batch.corpus_plots import shares_over_time_svg

    ot = s["over_time"]
    notes = []
    if ot["missing"]:
        notes.append(f"{_n(ot['missing'])} rows have no {escape(ot['field'])}")
    if ot["unreadable"]:
        notes.append(f"{_n(ot['unreadable'])} rows have a {escape(ot['field'])} that is not an ISO date (left out)")
    if not ot["series"]:
        return f"<p>No rows with a readable {escape(ot['field'])}.</p>" + (
            f"<p class='meta'>{'; '.join(notes)}.</p>" if notes else ""
        )
    series = ot["series"][:TIME_PANELS]
    largest = ot.get("largest")
    if largest and all(x["group"] != largest["group"] for x in series):
        series = series[:-1] + [x for x in ot["series"] if x["group"] == largest["group"]]
    who = f"one panel per {escape(ot['group_by'])}" if ot["group_by"] else "all rows"
    drawn = f" The {len(series)} largest of {len(ot['series'])} are drawn." if len(ot["series"]) > len(series) else ""
    fig = _figure(
        shares_over_time_svg("plot-over-time", ot, s["labels"], series),
        f"Label shares per {escape(ot['freq'])} ({who}); bands are 95% Wilson intervals. A dashed line marks "
        f"each panel's largest change between consecutive {escape(ot['freq'])}s, measured by how far apart the "
        f"two intervals are; red marks the largest of all.{drawn}",
    )
    rows = "".join(
        f"<tr><td>{_value(c['group'])}</td><td>{escape(c['label'])}</td><td>{escape(c['previous'])} → "
        f'{escape(c["period"])}</td><td class="num">{_pct(c["share_before"])} → {_pct(c["share_after"])}</td>'
        f'<td class="num">{c["change"]:+.1%}</td><td class="num">{c["gap"]:+.1%}</td></tr>'
        for c in ot["changes"]
    )
    table = (
        '<table id="table-changes"><tr><th>group</th><th>label</th><th>periods</th><th class="num">share</th>'
        '<th class="num">change</th><th class="num">interval gap</th></tr>' + rows + "</table>"
    )
    return (
        fig
        + (_largest_change(ot, "largest-change-over-time") if largest else "")
        + "<h3>Largest changes</h3>"
        + table
        + (f"<p class='meta'>{'; '.join(notes)}.</p>" if notes else "")
    )


def _sources_section(s: dict) -> str:
    from training.batch.corpus_plots import KIND_COLOURS, anonymous_share_svg, source_kinds_svg

    src = s.get("sources")
    if not src:
        return (
            '<p class="note" id="sources-missing">Who said what needs each sentence\'s source, which '
            "<code>stance score --explain</code> writes; these scores were written without it. Score again with "
            "<code>--explain</code> to fill this section.</p>"
        )
    labels = s["labels"]
    fig = _figure(
        source_kinds_svg("plot-source-kinds", src["by_kind"], labels),
        f'For each label, the share of its sentences credited to a named source, an anonymous one ("officials", '
        f'"a person close to"), a pronoun whose speaker is named elsewhere, or none. '
        f"{_n(src['credited'])} sentences are credited to {_n(src['sources'])} sources.",
    )
    tables = []
    for lab in labels:
        rows = "".join(
            f'<tr><td><span class="kind" style="border-left:4px solid {KIND_COLOURS[e["kind"]]};'
            f'padding-left:4px">{escape(e["source"])}</span></td><td>{escape(e["kind"])}</td>'
            f'<td class="num">{_n(e["count"])}</td></tr>'
            for e in src["top"][lab]
        )
        tables.append(
            f'<div><h3>most {escape(lab)}s credited to</h3><table class="sources"><tr><th>source</th>'
            f'<th>kind</th><th class="num">{escape(lab)}s</th></tr>{rows or "<tr><td>none</td></tr>"}</table></div>'
        )
    parts = [fig, f'<div class="cols">{"".join(tables)}</div>']
    for field, rows in src["anonymous_share"].items():
        if not rows:
            continue
        parts.append(f"<h3>Anonymous-source share by {escape(field)}</h3>")
        parts.append(
            _figure(
                anonymous_share_svg(f"plot-anonymous-{_slug(field)}", field, rows[:PLOT_GROUPS]),
                f"Of each {escape(field)}'s sentences credited to a source, the share credited to an "
                f"anonymous one, with its 95% Wilson interval; sorted by the interval's lower end.",
            )
        )
        body = "".join(
            f'<tr><td>{_value(r["value"])}</td><td class="num">{_n(r["credited"])}</td>'
            f'<td class="num">{_n(r["named"])}</td><td class="num">{_n(r["anonymous"])}</td>'
            f'<td class="num">{_n(r["pronoun"])}</td><td class="num">{_pct(r["share"])} {_ci(r)}</td></tr>'
            for r in rows[:TABLE_GROUPS]
        )
        parts.append(
            f'<table><tr><th>{escape(field)}</th><th class="num">credited</th><th class="num">named</th>'
            f'<th class="num">anonymous</th><th class="num">pronoun</th><th class="num">anonymous share</th>'
            f"</tr>{body}</table>"
        )
    return "".join(parts)


def _groups_cells(groups: dict) -> str:
    return "<br>".join(f'<span class="meta">{escape(k)}:</span> {_value(v)}' for k, v in groups.items())


def _documents_section(s: dict) -> str:
    focus = s.get("focus")
    if not focus:
        return "<p>The model has no insinuation label.</p>"
    docs = s["documents_top"]
    if not docs:
        return f"<p>No document has a sentence labelled {escape(focus)}.</p>"
    rows = []
    for i, d in enumerate(docs, 1):
        top = d.get("top_sentence")
        sentence = (
            f'<td class="text">{escape(top["text"] or "")}<div class="cues">sentence {_value(top["sentence"])}, '
            f"confidence {top['confidence']:.3f}; {escape(top['cues'] or 'no cues')}</div></td>"
            if top
            else '<td class="meta">(document rows: score with --unit sentence for the sentences)</td>'
        )
        rows.append(
            f'<tr id="{doc_anchor(d["doc_id"])}"><td class="num">{i}</td><td><code>{escape(str(d["doc_id"]))}'
            f'</code></td><td>{_groups_cells(d["groups"])}</td><td class="num">{_n(d["insinuations"])} of '
            f"{_n(d['sentences'])}<br>{_pct(d['share'])} {_ci(d)}</td>{sentence}</tr>"
        )
    return (
        f'<p class="meta">Ranked by the lower end of the interval of each document\'s {escape(focus)} share, '
        f"so a one-sentence document does not outrank a long one that insinuates throughout.</p>"
        f'<table id="table-documents"><tr><th class="num">#</th><th>document</th><th>fields</th>'
        f'<th class="num">{escape(focus)}s</th><th>its most confident {escape(focus)}</th></tr>{"".join(rows)}</table>'
    )


def _sentences_section(s: dict) -> str:
    focus = s.get("focus")
    if s["unit"] != "sentence":
        return "<p>Sentences need sentence rows (<code>stance score --unit sentence</code>, the default).</p>"
    rows_in = s["insinuations_top"]
    if not focus or not rows_in:
        return "<p>No sentence is labelled insinuation.</p>"
    listed = {d["doc_id"] for d in s["documents_top"]}
    rows = []
    for r in rows_in:
        doc = escape(str(r["doc_id"]))
        link = (
            f'<a href="#{doc_anchor(r["doc_id"])}"><code>{doc}</code></a>'
            if r["doc_id"] in listed
            else f"<code>{doc}</code>"
        )
        rows.append(
            f'<tr><td class="num">{r["confidence"]:.3f}</td><td class="text">{escape(r["text"] or "")}'
            f'<div class="cues">{escape(r["cues"] or "no cues")}</div></td>'
            f"<td>{escape(r['source'] or '')}</td><td>{link} · {_value(r['sentence'])}</td>"
            f"<td>{_groups_cells(r['groups'])}</td></tr>"
        )
    return (
        '<table id="table-insinuations"><tr><th class="num">confidence</th><th>sentence and cues</th><th>source</th>'
        "<th>document · sentence</th><th>fields</th></tr>" + "".join(rows) + "</table>"
    )


def _inputs_section(s: dict) -> str:
    files = "".join(
        f"<tr><td><code>{escape(f['path'])}</code></td><td>{escape(f['format'])}</td><td>{escape(f['unit'])}</td>"
        f'<td class="num">{_n(f["bytes"])}</td><td>{escape(", ".join(f["kept"]) or "none")}</td>'
        f"<td>{'yes' if f['explain'] else 'no'}</td></tr>"
        for f in s["inputs"]
    )
    facts = [
        ("rows read", _n(s["rows"])),
        ("documents", _n(s["documents"])),
        ("sentences", _n(s["totals"]["sentences"])),
    ]
    facts.append(
        (
            "models",
            "; ".join(f"{escape(str(m['id'] or 'not recorded'))} ({_n(m['sentences'])} sentences)" for m in s["models"])
            or "none",
        )
    )
    unc = s["uncertain"]
    reasons = ", ".join(f"{escape(k.replace('_', ' '))} {_n(v)}" for k, v in unc["reasons"].items())
    facts.append(
        (
            "flagged uncertain",
            f"{_n(unc['count'])} sentences ({_pct(unc['share'])})" + (f"; by reason: {reasons}" if reasons else ""),
        )
    )
    sk = s["skipped"]
    facts.append(
        ("skipped by the model", ", ".join(f"{escape(str(k))} {_n(v)}" for k, v in sk["sentences"].items()) or "none")
    )
    facts.append(
        (
            "unreadable rows in the scores",
            _n(sk["unreadable_rows"]) + "".join(f"<br><code>{escape(e)}</code>" for e in sk["first_unreadable"][:5]),
        )
    )
    for f in s["inputs"]:
        e = f.get("scoring_errors")
        if e:
            facts.append(
                (
                    f"bad input rows skipped by stance score ({escape(Path(f['path']).name)})",
                    f"{_n(e['count'])}, listed in <code>{escape(e['file'])}</code>"
                    + "".join(f"<br><code>{escape(x)}</code>" for x in e["first"]),
                )
            )
        if f.get("command"):
            facts.append((f"command ({escape(Path(f['path']).name)})", f"<code>{escape(f['command'])}</code>"))
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    return (
        f'<table id="table-inputs"><tr><th>file</th><th>format</th><th>rows are</th><th class="num">bytes</th>'
        f'<th>kept fields</th><th>sources</th></tr>{files}</table><table class="card">{body}</table>'
    )


def render_corpus_page(summary: dict, *, generated: str | None = None) -> str:
    """The page as one HTML string."""
    s = summary
    stamp = generated or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    names = ", ".join(Path(f["path"]).name for f in s["inputs"])
    title = f"What {names} says"
    kept = sorted({k for f in s["inputs"] for k in f["kept"]})
    sections = [("at-a-glance", "At a glance", _glance(s))]
    for field, groups in s["groups"].items():
        sections.append((f"shares-{_slug(field)}", f"Label shares by {field}", _groups_section(s, field, groups)))
    if not s["groups"]:
        sections.append(
            (
                "shares",
                "Label shares by group",
                "<p class='note'>Add <code>--by FIELD</code> to compare "
                f"groups (fields kept in these scores: {escape(', '.join(kept) or 'none')}).</p>",
            )
        )
    if s.get("over_time"):
        sections.append(("over-time", f"Label shares over time, per {s['freq']}", _time_section(s)))
    sections += [
        ("sources", "Sources: who is credited with what", _sources_section(s)),
        ("documents", "Most insinuating documents", _documents_section(s)),
        ("insinuations", "Most confident insinuations", _sentences_section(s)),
        ("inputs", "Model, input, and what was skipped or flagged", _inputs_section(s)),
    ]
    body = "".join(f'<section id="{sid}"><h2>{escape(head)}</h2>{html}</section>' for sid, head, html in sections)
    models = ", ".join(str(m["id"]) for m in s["models"] if m["id"]) or "a model not recorded in the scores"
    return f"""{offline_page_head(title, CSS)}
<p class="meta">{_n(s["totals"]["sentences"])} sentences in {_n(s["documents"])} documents, labelled by
{escape(models)}. Generated {escape(stamp)} by <code>stance report</code>. Shares come with their
{escape(s["interval"])}.</p>
{body}
</body></html>
"""


def write_corpus_page(path: str | Path, summary: dict) -> Path:
    """Render the page (see `render_corpus_page`) and write it to `path`."""
    require_extras("matplotlib", "pyarrow")
    path = Path(path)
    html = render_corpus_page(summary)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as e:
        raise InputError(
            f"expected a writable path for the page, found {(e.strerror or str(e)).lower()}: {path}"
        ) from None
    return path
