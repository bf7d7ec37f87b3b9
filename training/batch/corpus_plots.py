"""The corpus page's plots, drawn by matplotlib (SVG backend, no GUI, no pyplot state) from
the plain data of corpus_summary.py, each returned as an inline `<svg>` string.

Text stays text (`svg.fonttype: none`), so the page is searchable and small. Each figure's
element ids get the figure's name as a prefix: matplotlib numbers its ids per figure
("axes_1", clip paths), and two figures inlined in one page must not share one.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any

__all__ = [
    "KIND_COLOURS",
    "anonymous_share_svg",
    "label_colours",
    "shares_by_group_svg",
    "shares_over_time_svg",
    "source_kinds_svg",
]

# Okabe-Ito, as the analyst's page (service/static/app.js): told apart with the common
# colour-vision deficiencies; a label set with a fifth label takes the next spare colour.
KNOWN = {"assertion": "#0072B2", "denial": "#D55E00", "insinuation": "#CC79A7"}
SPARE = ["#009E73", "#E69F00", "#56B4E9", "#7F7F7F", "#000000", "#F0E442"]
KIND_COLOURS = {"named": "#009E73", "anonymous": "#E69F00", "pronoun": "#56B4E9", "none": "#C8CDD3"}
KIND_NAMES = {"named": "named", "anonymous": "anonymous", "pronoun": "pronoun (named elsewhere)", "none": "no source"}
NONE = "(none)"
RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "stancewatch",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.family": "sans-serif",
}


def label_colours(labels) -> dict[str, str]:
    spare = iter(SPARE * 2)
    return {lab: KNOWN.get(lab) or next(spare) for lab in labels}


def _name(value, width: int = 28) -> str:
    text = NONE if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig, name: str, title: str) -> str:
    """The figure as an `<svg>` element for inlining: no XML prolog, no metadata, ids prefixed."""
    import matplotlib

    with matplotlib.rc_context(RC):
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\bid="', f'id="{name}-', text)
    text = text.replace('href="#', f'href="#{name}-').replace("url(#", f"url(#{name}-")
    label = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return text.replace("<svg ", f'<svg id="{name}" class="plot" role="img" aria-label="{label}" ', 1)


def _percent_axis(ax) -> None:
    from matplotlib.ticker import PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.grid(axis="x", color="#e3e7ec", linewidth=0.6)
    ax.set_axisbelow(True)


def _dot_panels(name: str, title: str, names: list[str], panels: list[tuple[str, str, list[dict]]]) -> str:
    """One panel per (heading, colour, [{share, low, high}]), the same rows in each: a dot for
    the share and a bar for its interval."""
    import matplotlib

    with matplotlib.rc_context(RC):
        fig = _figure(min(3.2 * len(panels), 11) + 1.6, 0.9 + 0.26 * len(names))
        axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
        ys = list(range(len(names)))
        for ax, (heading, colour, values) in zip(axes, panels, strict=True):
            shares = [v["share"] for v in values]
            err = [[v["share"] - v["low"] for v in values], [v["high"] - v["share"] for v in values]]
            ax.errorbar(
                shares, ys, xerr=err, fmt="o", color=colour, ecolor=colour, elinewidth=1.6, capsize=2, markersize=4
            )
            ax.set_title(heading)
            ax.set_xlim(0, 1)
            _percent_axis(ax)
        axes[0].set_yticks(ys, [_name(n) for n in names])
        axes[0].invert_yaxis()  # the first (highest ranked) at the top
        return _svg(fig, name, title)


def shares_by_group_svg(name: str, field: str, groups: list[dict], labels: list[str]) -> str:
    """Each group's share of each label with its interval; rows in the summary's order."""
    colours = label_colours(labels)
    panels = [(f"{lab} share", colours[lab], [g["labels"][lab] for g in groups]) for lab in labels]
    return _dot_panels(name, f"label shares by {field}", [g["value"] for g in groups], panels)


def anonymous_share_svg(name: str, field: str, rows: list[dict]) -> str:
    """Each group's share of credited sentences whose source is anonymous."""
    panels = [("anonymous share of credited sentences", KIND_COLOURS["anonymous"], rows)]
    return _dot_panels(name, f"anonymous-source share by {field}", [r["value"] for r in rows], panels)


def source_kinds_svg(name: str, by_kind: dict, labels: list[str]) -> str:
    """For each label, the share of its sentences credited to a named source, an anonymous
    one, a pronoun, or none."""
    import matplotlib

    with matplotlib.rc_context(RC):
        fig = _figure(8.5, 0.9 + 0.42 * len(labels))
        ax = fig.subplots()
        for i, lab in enumerate(labels):
            counts = by_kind[lab]
            total = sum(counts.values()) or 1
            left = 0.0
            for kind in ("named", "anonymous", "pronoun", "none"):
                share = counts.get(kind, 0) / total
                ax.barh(
                    i,
                    share,
                    left=left,
                    color=KIND_COLOURS[kind],
                    label=KIND_NAMES[kind] if i == 0 else None,
                    height=0.62,
                )
                if share >= 0.07:
                    ax.text(left + share / 2, i, f"{share:.0%}", ha="center", va="center", fontsize=8)
                left += share
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        _percent_axis(ax)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=4, frameon=False)
        return _svg(fig, name, "who is credited, by label")


def _ticks(periods: list[str], most: int = 6) -> list[int]:
    step = max(1, math.ceil(len(periods) / most))
    return list(range(0, len(periods), step))


def shares_over_time_svg(name: str, over_time: dict, labels: list[str], series: list[dict]) -> str:
    """Small multiples: one panel per group, a line (with its interval as a band) per label.
    Each panel's largest change is marked; the corpus's largest is named in red."""
    import matplotlib

    colours = label_colours(labels)
    periods = over_time["periods"]
    at = {p: i for i, p in enumerate(periods)}
    largest = over_time.get("largest") or {}
    ncols = min(3, len(series))
    nrows = math.ceil(len(series) / ncols)
    with matplotlib.rc_context(RC):
        fig = _figure(3.4 * ncols + 0.4, 2.3 * nrows + 0.5)
        axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
        for ax, s in zip(axes, series, strict=False):
            xs = [at[p["period"]] for p in s["points"]]
            for lab in labels:
                vals = [p["labels"][lab] for p in s["points"]]
                ax.fill_between(
                    xs, [v["low"] for v in vals], [v["high"] for v in vals], color=colours[lab], alpha=0.14, linewidth=0
                )
                ax.plot(
                    xs,
                    [v["share"] for v in vals],
                    marker="o",
                    markersize=2.5,
                    color=colours[lab],
                    label=lab,
                    linewidth=1.4,
                )
            _mark_change(ax, s, at, largest)
            ax.set_title(_name(s["group"], 40) if over_time.get("group_by") else "all rows")
            ax.set_ylim(0, 1)
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
            ax.grid(axis="y", color="#e3e7ec", linewidth=0.6)
        for ax in axes[len(series) :]:
            ax.set_visible(False)
        ticks = _ticks(periods)
        for ax in axes[: len(series)]:
            ax.set_xticks(ticks, [periods[i] for i in ticks], rotation=30, ha="right")
        fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncols=len(labels), frameon=False)
        return _svg(fig, name, "label shares over time")


def _mark_change(ax, series: dict, at: dict, largest: dict) -> None:
    """A dashed line at this panel's largest change, red for the corpus's largest; none where
    no change is larger than its intervals allow."""
    change = series.get("largest_change")
    if not change:
        return
    is_largest = change == largest
    if change["gap"] <= 0 and not is_largest:
        return
    x, right = at[change["period"]], at[change["period"]] > len(at) / 2
    colour = "#b00020" if is_largest else "#5a6673"
    ax.axvline(x, color=colour, linestyle="--", linewidth=1.1)
    ax.annotate(
        f"{change['label']} {change['change']:+.0%}" + (" (largest)" if is_largest else ""),
        (x, 0.97),
        xycoords=("data", "axes fraction"),
        fontsize=7,
        color=colour,
        ha="right" if right else "left",
        va="top",
        xytext=(-3 if right else 3, 0),
        textcoords="offset points",
    )
