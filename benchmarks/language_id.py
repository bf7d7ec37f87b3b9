"""Language identification on short sentences: py3langid against lingua, and what
Stancewatch runs (training/text/language.py: a check for plain English, then py3langid).

    python benchmarks/language_id.py [--repeats 5] [--no-write]

Data: benchmarks/data/language_sentences.jsonl, 400 short sentences this project wrote
(8 languages, 50 each), and, for the cost of a false "not English", every sentence of
labels/ (English, project-written). Each contender reports accuracy per language (the
exact ISO 639-1 code), whether it tells English from the rest (what decides if a sentence
is labelled by an English model), its time per sentence (one call per sentence, median of
`--repeats` passes over the data, one core), its load time and the memory it adds, each
measured in a fresh process. lingua (`lingua-language-detector`, the `bench` extra) is
left out with a message when it is not installed. Figures go to the "language" section of
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `benchmarks` and `training` import from a checkout

from benchmarks.inputs import label_rows  # noqa: E402
from benchmarks.report import log, proc_status_mb, spread, write_section  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "language_sentences.jsonl"
CONTENDERS = ("stancewatch", "py3langid", "lingua", "lingua (low accuracy)")


def load_rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def english_label_sentences() -> list[str]:
    from training.text.sentences import split_sentences

    return [s.text for row in label_rows(ROOT / "labels", recursive=True) for s in split_sentences(row["text"])]


def _detector(name: str):
    """(a function text -> ISO 639-1 code, seconds to load it)."""
    t0 = time.perf_counter()
    if name == "stancewatch":
        from training.text.language import _py3langid, identify_one

        _py3langid()
        return identify_one, time.perf_counter() - t0
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return (lambda text: ident.classify(text)[0]), time.perf_counter() - t0
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
    if name == "lingua (low accuracy)":
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def detect(text: str) -> str:
        lang = detector.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang is not None else "und"

    return detect, time.perf_counter() - t0


def child(name: str, repeats: int) -> dict:
    """One contender, in this (fresh) process."""
    from training.batch.threads import one_thread_per_process

    one_thread_per_process()
    rows, english = load_rows(), english_label_sentences()
    before = proc_status_mb("VmRSS") or 0.0
    detect, load_s = _detector(name)
    answers = [detect(r["text"]) for r in rows]
    memory = (proc_status_mb("VmHWM") or 0.0) - before
    passes = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for r in rows:
            detect(r["text"])
        passes.append((time.perf_counter() - t0) / len(rows) * 1e6)
    t0 = time.perf_counter()
    english_answers = [detect(t) for t in english]
    english_us = (time.perf_counter() - t0) / len(english) * 1e6
    return {
        "answers": answers,
        "us": passes,
        "load_s": load_s,
        "memory_mb": memory,
        # "und" (too little to tell) is labelled like the document's language, not set aside
        "english_not_en": sum(a not in ("en", "und") for a in english_answers),
        "english_n": len(english),
        "english_us": english_us,
    }


def run(name: str, repeats: int) -> dict | None:
    env = dict(os.environ, OMP_NUM_THREADS="1")
    r = subprocess.run(
        [sys.executable, __file__, "--child", name, "--repeats", str(repeats)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    if r.returncode:
        if "No module named 'lingua'" in r.stderr:
            log(f"{name}: lingua is not installed (pip install 'stancewatch[bench]'): left out")
            return None
        raise SystemExit(f"{name} failed: {r.stderr.strip()[-800:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def _accuracy(res: dict, rows: list[dict]) -> float:
    return sum(a == r["lang"] for a, r in zip(res["answers"], rows, strict=True)) / len(rows)


def _choice(results: dict, rows: list[dict]) -> str:
    """Why py3langid (behind the English check), in the figures of this run."""
    ours, lingua = results["stancewatch"], results.get("lingua")
    us = statistics.median(ours["us"])
    text = (
        f"Chosen: **py3langid**, behind the English check: {_accuracy(ours, rows):.1%} of the short sentences "
        f"named exactly, and English told from the rest in "
        f"{sum((a == 'en') == (r['lang'] == 'en') for a, r in zip(ours['answers'], rows, strict=True))} of "
        f"{len(rows)}, at {us:.0f} µs a sentence (a short sentence; labelling one costs about 80 µs), "
        f"{ours['load_s']:.1f} s to load and {ours['memory_mb']:.0f} MB."
    )
    if lingua:
        more = "more" if _accuracy(lingua, rows) > _accuracy(ours, rows) else "no more"
        fewer = "fewer" if lingua["english_not_en"] < ours["english_not_en"] else "no fewer"
        text += (
            f" lingua names {more} exactly ({_accuracy(lingua, rows):.1%}) and calls {fewer} English sentences "
            f"foreign ({lingua['english_not_en']} against {ours['english_not_en']} of "
            f"{ours['english_n']:,}), and costs {statistics.median(lingua['us']) / us:.0f}x the time a "
            f"sentence, far more than labelling it, {lingua['load_s']:.0f} s to load and "
            f"{lingua['memory_mb']:,.0f} MB in every worker process; its low-accuracy mode is no more "
            f"accurate than py3langid ({_accuracy(results['lingua (low accuracy)'], rows):.1%}) and still "
            f"slower."
        )
    text += (
        " py3langid's mistakes are mostly between neighbours (Russian read as Bulgarian or Macedonian, "
        "Portuguese as Galician or Spanish), which an English model sets aside all the same."
    )
    return text


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.repeats)))
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, for this process and its children
    results = {}
    for name in CONTENDERS:
        log(f"measuring {name} ...")
        found = run(name, args.repeats)
        if found is not None:
            results[name] = found
    body = section(args, results, load_rows())
    if args.no_write:
        print(body)
    else:
        write_section("language", body)
        log("wrote the 'language' section of docs/BENCHMARKS.md")


def table(results: dict, rows: list[dict], langs: list[str]) -> str:
    """One row an identifier: right answers per language, in all, English told apart, time, load, memory."""
    base = statistics.median(results["py3langid"]["us"])
    head = (
        "| identifier | "
        + " | ".join(langs)
        + " | all | English told apart | µs a sentence | vs py3langid | load s | memory MB |"
    )
    lines = [head, "|" + "---|" * (len(langs) + 8)]
    for name, res in results.items():
        ok = [a == r["lang"] for a, r in zip(res["answers"], rows, strict=True)]
        per = [sum(o for o, r in zip(ok, rows, strict=True) if r["lang"] == lang) for lang in langs]
        told = sum((a == "en") == (r["lang"] == "en") for a, r in zip(res["answers"], rows, strict=True))
        lines.append(
            f"| {name} | " + " | ".join(f"{p}/50" for p in per) + f" | {sum(ok) / len(ok):.1%} | "
            f"{told}/{len(rows)} | {spread(res['us'])} | {statistics.median(res['us']) / base:.2f}x | "
            f"{res['load_s']:.2f} | {res['memory_mb']:.0f} |"
        )
    return "\n".join(lines)


def mistakes(results: dict, rows: list[dict]) -> str:
    """The first eight wrong answers of each identifier."""
    missed = {
        name: [(r["lang"], a, r["text"]) for a, r in zip(res["answers"], rows, strict=True) if a != r["lang"]]
        for name, res in results.items()
    }
    return "\n".join(
        f"- {name}: " + "; ".join(f"{lang}→{a} “{t}”" for lang, a, t in wrong[:8]) + (" ..." if len(wrong) > 8 else "")
        for name, wrong in missed.items()
        if wrong
    )


def section(args: argparse.Namespace, results: dict, rows: list[dict]) -> str:
    langs = sorted({r["lang"] for r in rows}, key=lambda lang: (lang != "en", lang))
    english = "\n".join(
        f"- {name}: {res['english_not_en']} of {res['english_n']:,} English sentences of labels/ "
        f"called another language ({res['english_not_en'] / res['english_n']:.2%}), "
        f"{res['english_us']:.1f} µs a sentence"
        for name, res in results.items()
    )
    choice = _choice(results, rows)
    return f"""## Language identification on short sentences

{len(rows)} short sentences written for this project (`benchmarks/data/language_sentences.jsonl`, 50 each
in {", ".join(langs)}; 3 to 10 words, news and social-post style). Each identifier runs in a fresh process
pinned to one core, one call per sentence; time per sentence is the median (min-max) of {args.repeats} passes;
*English told apart*: sentences whose answer is "en" exactly when they are English (what decides whether an
English model labels them); *memory*: resident memory the loaded identifier added. `stancewatch` is
`training.text.language.identify_one`: a check for plain English (a function word only English uses, none of
another language's), then py3langid for the rest.

{table(results, rows, langs)}

Cost of a false "not English" (another language named: the sentence would be set aside unlabelled), on every
sentence of `labels/`, each sentence alone (in a document, a sentence the identifier only guesses at takes the
document's language):

{english}

Mistakes (first eight each):

{mistakes(results, rows)}

{choice}
"""


if __name__ == "__main__":
    main()
