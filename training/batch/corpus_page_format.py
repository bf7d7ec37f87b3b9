"""The corpus page's stylesheet and the small formatters every section of it shares
(shares, intervals, counts, escaped values, element ids).

Kept apart from corpus_page.py so that module holds only the page's sections and stays
under the 400-line limit of tests/test_code_shape.py; nothing here depends on it.
"""

from __future__ import annotations

import hashlib
from html import escape

from training.fit.report import CSS as REPORT_CSS

__all__ = ["CSS", "ci", "count", "doc_anchor", "figure", "pct", "slug", "value"]

CSS = (
    REPORT_CSS
    + """
.plot{max-width:100%;height:auto}figure{margin:8px 0 4px}figcaption{max-width:760px}.lead{font-size:15px}
.ci{color:#5a6673;font-size:12px;white-space:nowrap}td.text{max-width:520px}.cues{color:#5a6673;font-size:12px}
.cols{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}.note{background:#f5f7fa;padding:8px 12px}
a{color:#1f4fbf}
"""
)


def pct(share: float) -> str:
    return f"{share:.1%}"


def ci(s: dict) -> str:
    """A share's 95% interval, from the "low" and "high" of `s`."""
    return f'<span class="ci">{pct(s["low"])}–{pct(s["high"])}</span>'


def value(v) -> str:
    """A field value from the scores, escaped; a missing one as "(none)"."""
    return "(none)" if v is None else escape(str(v))


def count(v: int) -> str:
    return f"{v:,}"


def doc_anchor(doc_id) -> str:
    """A safe, stable element id for a document id (which may hold any text)."""
    return "doc-" + hashlib.sha1(str(doc_id).encode("utf-8")).hexdigest()[:12]


def figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{caption}</figcaption></figure>"


def slug(text: str) -> str:
    """A field name as a piece of an element id."""
    return "".join(c if c.isalnum() else "-" for c in str(text).lower()) or "field"
