"""A text's summary over its labelled sentences: counts and shares per label, the dominant
label, the uncertain ones, and who said what (the `summary` of every classify result): a
pronoun source counts for the speaker it refers to, where one was found (pronoun_sources.py)."""

from __future__ import annotations

from collections import Counter

from training.text.sources import speaker

__all__ = ["summarise"]


def summarise(items: list[dict], labels: list[str]) -> dict:
    """Counts and shares per label, the dominant label, and who said what, over the
    labelled sentences; `skipped` counts the others by reason (text/screen.py)."""
    skipped = Counter(it["skipped"] for it in items if it.get("skipped"))
    if skipped:
        items = [it for it in items if not it.get("skipped")]
    n = len(items)
    counts = {lab: 0 for lab in labels}
    for it in items:
        counts[it["label"]] += 1
    dominant = max(labels, key=lambda lab: (counts[lab], -labels.index(lab))) if n else None
    by_source: dict[str, dict] = {}
    for it in items:
        # A pronoun whose speaker was found counts for that speaker ("she" -> "Marta Kellund").
        who, kind = speaker(it.get("source"))
        if who is not None:
            entry = by_source.setdefault(
                who,
                {"source": who, "named": kind == "named", "pronoun": kind == "pronoun", **{lab: 0 for lab in labels}},
            )
            entry[it["label"]] += 1
    return {
        "sentences": n,
        "counts": counts,
        "shares": {lab: (counts[lab] / n if n else 0.0) for lab in labels},
        "dominant": dominant,
        "uncertain": sum(1 for it in items if it["uncertain"]),
        "sources": list(by_source.values()),
        "skipped": sum(skipped.values()),
        "skipped_reasons": dict(sorted(skipped.items())),
    }
