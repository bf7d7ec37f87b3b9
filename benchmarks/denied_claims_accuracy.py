"""Accuracy of training/text/denied_claims.py (what a denial denies) on the project-written
cases of tests/claim_cases.py, and how often it finds a claim in the denials of our labelled
test files.

    python benchmarks/denied_claims_accuracy.py

A case is right when the span found is exactly the expected text, or both are None. Writes
its section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `tests.claim_cases` and `training` import from a checkout

from benchmarks.report import write_section  # noqa: E402
from tests.claim_cases import (  # noqa: E402
    CLAIM_CASES,
    FOURTH_CLAIM_CASES,
    HELDBACK_CLAIM_CASES,
    SECOND_CLAIM_CASES,
    THIRD_CLAIM_CASES,
)
from training.text.denied_claims import denied_claim  # noqa: E402

LABELLED = ["test.jsonl", "test_news_articles.jsonl", "test_news_articles_c.jsonl", "test_news_probe.jsonl"]


def measure(cases: list[dict]) -> dict[str, int]:
    """right / wrong / missed among cases with a claim; right / spurious among those without."""
    out = {"right": 0, "wrong": 0, "missed": 0, "none_right": 0, "spurious": 0, "with_claim": 0}
    for case in cases:
        got = denied_claim(case["text"])
        got = got["text"] if got else None
        if case["claim"] is None:
            out["none_right" if got is None else "spurious"] += 1
            continue
        out["with_claim"] += 1
        out["right" if got == case["claim"] else "missed" if got is None else "wrong"] += 1
    return out


def found_in_labelled() -> dict[str, tuple[int, int]]:
    """Per label, (rows with a claim found, rows) over the labelled test files."""
    counts: dict[str, list[int]] = {}
    for name in LABELLED:
        for line in (ROOT / "labels" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            c = counts.setdefault(row["label"], [0, 0])
            c[0] += denied_claim(row["text"]) is not None
            c[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(counts.items())}


def _row(name: str, cases: list[dict], m: dict[str, int], when: str) -> str:
    return (
        f"| {name} ({len(cases)}) | {when} | {m['right']} of {m['with_claim']} | {m['wrong']} | {m['missed']} | "
        f"{m['none_right']} of {m['none_right'] + m['spurious']} |"
    )


def main() -> None:
    t0 = time.perf_counter()
    sets = [
        ("`CLAIM_CASES`", CLAIM_CASES),
        ("`SECOND_CLAIM_CASES`", SECOND_CLAIM_CASES),
        ("`THIRD_CLAIM_CASES`", THIRD_CLAIM_CASES),
        ("`FOURTH_CLAIM_CASES`", FOURTH_CLAIM_CASES),
        ("`HELDBACK_CLAIM_CASES`", HELDBACK_CLAIM_CASES),
    ]
    measured = [measure(cases) for _, cases in sets]
    elapsed = time.perf_counter() - t0
    found = found_in_labelled()
    rows = "\n".join(f"| {lab} | {a} of {n} | {a / n:.3f} |" for lab, (a, n) in found.items())
    now = "\n".join(_row(name, cases, m, "today") for (name, cases), m in zip(sets, measured, strict=True))
    body = f"""## What a denial denies

`explanation.denied` of a sentence labelled denial: the words that state the rejected claim
(`training/text/denied_claims.py`). Five sets of project-written sentences in
`tests/claim_cases.py`, each written in session 28 by a separate pass blind to the module; a
claim is right when the span is exactly the expected text. The first four sets led to fixes;
the fifth (`HELDBACK_CLAIM_CASES`) was written after the last fix and is the fair figure (no
test asserts it).

| cases | run | claims right | wrong span | missed | no claim stated: none given |
|---|---|---|---|---|---|
| `CLAIM_CASES` (60) | first version, before any change | 38 of 50 | 6 | 6 | 7 of 10 |
| `SECOND_CLAIM_CASES` (40) | before the fixes it led to | 21 of 32 | 2 | 9 | 4 of 8 |
| `THIRD_CLAIM_CASES` (40) | before the fixes it led to | 27 of 32 | 1 | 4 | 6 of 8 |
| `FOURTH_CLAIM_CASES` (40) | before the fix it led to | 32 of 32 | 0 | 0 | 7 of 8 |
{now}

The fixes: "it was not true that ...", a claim called "a complete fabrication", ", though ..."
and "... and says ..." ending a claim, the denial's own time and circumstances cut from an
object, "the claim" and "that suggestion" stating nothing; then more verbs (contested,
rebuffed, repudiated, brushed aside, pushed back against), passives ("[claims of vote-rigging]
have been rejected by ..."), "did not deny" denying nothing, "rejected as false the
accusation ..."; then claims called findings, conclusions or criticism, "denied outright that",
"dismissed as “pure fiction” reports that", "would neither confirm nor deny"; then a manner adverb after the object ("rejected that
suggestion firmly"). Scored in {elapsed * 1000:.1f} ms.

How often a claim is found, by gold label, in our labelled test files ({", ".join(LABELLED)}): most
denials deny without naming the claim ("the clinic isn't closing"), and the service looks
only at sentences labelled denial.

| gold label | rows with a claim found | share |
|---|---|---|
{rows}"""
    print(body)
    write_section("denied_claims", body)


if __name__ == "__main__":
    main()
