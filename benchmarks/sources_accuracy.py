"""Accuracy of training/text/sources.py on the project-written attribution table, on the
fresh cases written after the last fixes (tests/source_cases.py, FRESH_CASES), and of
training/text/pronoun_sources.py on the pronoun cases (tests/pronoun_cases.py).

    python benchmarks/sources_accuracy.py

A sentence is right when the source text matches exactly (case-sensitive) and `named`
matches, or when both expected and found are None. Figures are split by what the cases
expect: a named source, an anonymous one, a pronoun, or none. Writes its section of
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `tests.source_cases` and `training` import from a checkout

from benchmarks.report import write_section  # noqa: E402
from tests.pronoun_cases import (  # noqa: E402
    FOURTH_PRONOUN_CASES,
    HELDBACK_PRONOUN_CASES,
    PRONOUN_CASES,
    SECOND_PRONOUN_CASES,
    THIRD_PRONOUN_CASES,
)
from tests.source_cases import FRESH_CASES, SESSION_28_CASES, SOURCE_CASES  # noqa: E402
from training.text.sentences import split_sentences  # noqa: E402
from training.text.sources import _PRONOUNS, find_sources  # noqa: E402


def measure(cases: list[dict]) -> tuple[dict[str, list[int]], list[str]]:
    """Right/total per expected kind of source, and the misses in words."""
    groups = {"named": [0, 0], "anonymous": [0, 0], "pronoun": [0, 0], "none": [0, 0]}
    misses = []
    for case in cases:
        text = case["text"]
        got = find_sources(text, split_sentences(text))
        aligned = len(got) == len(case["expected"])  # if the splitter disagrees, every sentence is wrong
        for i, exp in enumerate(case["expected"]):
            source = exp["source"]
            group = (
                "none"
                if source is None
                else "pronoun"
                if source.lower() in _PRONOUNS
                else "named"
                if exp["named"]
                else "anonymous"
            )
            src = got[i] if aligned else None
            pair = (src.text, src.named) if src else (None, None)
            ok = aligned and pair == (source, exp["named"])
            groups[group][0] += ok
            groups[group][1] += 1
            if not ok:
                misses.append(f"  {text!r}\n    sentence {i}: got {pair}, want {(source, exp['named'])}")
    groups["all"] = [sum(g[0] for g in groups.values()), sum(g[1] for g in groups.values())]
    return groups, misses


def measure_pronouns(cases: list[dict]) -> dict[str, int]:
    """Pronoun sources: resolved to the speaker the case names (`right`), to another (`wrong`),
    left unresolved (`open`), and resolved where the case names none (`spurious`)."""
    out = {"right": 0, "wrong": 0, "open": 0, "spurious": 0, "wanted": 0}
    for case in cases:
        got = [s.refers_to if s else None for s in find_sources(case["text"], split_sentences(case["text"]))]
        got = (got + [None] * len(case["refers"]))[: len(case["refers"])]  # a splitter mismatch: none right
        for have, want in zip(got, case["refers"], strict=True):
            if want is None:
                out["spurious"] += have is not None
                continue
            out["wanted"] += 1
            out["right" if have == want else "open" if have is None else "wrong"] += 1
    return out


def _pronoun_row(name: str, cases: list[dict], p: dict[str, int], run: str) -> str:
    return f"| {name} ({len(cases)} texts) | {run} | {p['right']} of {p['wanted']} | {p['wrong']} | {p['open']} | {p['spurious']} |"


def _pronoun_section() -> str:
    sets = [
        ("`PRONOUN_CASES`", PRONOUN_CASES),
        ("`SECOND_PRONOUN_CASES`", SECOND_PRONOUN_CASES),
        ("`THIRD_PRONOUN_CASES`", THIRD_PRONOUN_CASES),
        ("`FOURTH_PRONOUN_CASES`", FOURTH_PRONOUN_CASES),
        ("`HELDBACK_PRONOUN_CASES`", HELDBACK_PRONOUN_CASES),
    ]
    now = "\n".join(_pronoun_row(name, cases, measure_pronouns(cases), "today") for name, cases in sets)
    return f"""### Pronoun speakers

A pronoun source ("she told reporters", "it said in a statement") names its speaker in
`source.refers_to` when `training/text/pronoun_sources.py` finds one, and the summaries count it
for that speaker. Five sets of project-written texts in `tests/pronoun_cases.py`, each written in
session 28 by a separate pass blind to the module. The first four led to fixes; the fifth
(`HELDBACK_PRONOUN_CASES`) was written after the last fix and is the fair figure (no test
asserts it).

| texts | run | right | wrong | left unresolved | resolved where the case names no speaker |
|---|---|---|---|---|---|
| `PRONOUN_CASES` (40 texts) | first version, before any change | 26 of 37 | 2 | 9 | 1 |
| `SECOND_PRONOUN_CASES` (30 texts) | before the fixes it led to | 22 of 26 | 2 | 2 | 1 |
| `THIRD_PRONOUN_CASES` (30 texts) | before the fixes it led to | 30 of 42 | 1 | 11 | 0 |
| `FOURTH_PRONOUN_CASES` (30 texts) | before the fixes it led to | 27 of 36 | 2 | 7 | 0 |
{now}

The fixes: the head of "the chief executive of Norrland Energy", place names that are not people,
names inside the pronoun's own quote, a he or she left unresolved when two speakers in reach
could both be meant (a name alone tells no gender); then plural people ("local business
leaders") as groups, "it" preferring an organisation to a bare name, and a speaker once called
"she" never taken for a "he"; then firms, chains, websites, bands and football clubs as bodies,
sport roles as people, and a body that spoke in between no rival to a "he"; then an owner ("the
union's regional organiser") naming no kind, and a speaker of the pronoun's gender in reach
making one of unknown gender ambiguous."""


def _table(groups: dict[str, list[int]]) -> str:
    order = ["all", "named", "anonymous", "pronoun", "none"]
    return "\n".join(
        f"| {name} | {groups[name][0]}/{groups[name][1]} | {groups[name][0] / groups[name][1]:.3f} |"
        for name in order
        if groups[name][1]
    )


def main() -> None:
    t0 = time.perf_counter()
    table, table_misses = measure(SOURCE_CASES)
    elapsed = time.perf_counter() - t0
    fresh, fresh_misses = measure(FRESH_CASES)
    for title, groups, misses in (("table", table, table_misses), ("fresh cases", fresh, fresh_misses)):
        print(f"{title}: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in groups.items() if v[1]))
        if misses:
            print("misses:\n" + "\n".join(misses))
    fresh_right, fresh_total = fresh["all"]
    body = f"""## Source attribution accuracy

{len(SOURCE_CASES)} project-written cases ({table["all"][1]} sentences) in `tests/source_cases.py`:
named and anonymous sources, pronouns, attribution before and after the quote, "according
to", "told", multi-sentence quotes, and sentences with no source. A sentence is right when
the source text and the `named` flag both match (a pronoun is not named: `named: false`,
`pronoun: true`).

| sentences expecting | right / total | accuracy |
|---|---|---|
{_table(table)}

Split and attributed in {elapsed * 1000:.1f} ms. Caveat: the module was developed against
this table, so it flatters. The fairer figures come from cases written before the module was
run on them. The 30 sentences of session 24 (`SESSION_24_CASES`, now in the table): 18 right
(0.600) before the fixes they led to (rebuttal verbs as frames, "X, such as Y, said", a month
before an inverted verb, "for his part", "seen by"); 20 more written after those fixes: 17 right
(an aside opening with "now", "maintains", people near a place are unnamed). The {len(FRESH_CASES)} cases ({fresh_total}
sentences, `FRESH_CASES`) written after the fixes of issue #13: 40 right before session 24,
which fixed two of their misses (a rebuttal verb as frame, "somewhat" before the verb), so
these figures are no longer blind for those two:

| sentences expecting | right / total | accuracy |
|---|---|---|
{_table(fresh)}

Misses on the fresh cases ({fresh_total - fresh_right}):

{chr(10).join("- " + m.strip().replace(chr(10) + "    ", ": ") for m in fresh_misses) or "none"}

The {len(SESSION_28_CASES)} cases of session 28 (`SESSION_28_CASES`: rebuttals and denials in long news
sentences, now in the table) were written blind before any change: 52 of their 74 sentences
right (named 29/48). A rebuttal verb with a bare claim noun ("rejected reports that",
"disputed figures published by the union") found no speaker, and "dismissed claims that" took
"claims" for the verb.

{_pronoun_section()}"""
    print(body)
    write_section("sources", body)


if __name__ == "__main__":
    main()
