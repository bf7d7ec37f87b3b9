"""`stance predict`: label each sentence of a text (Classifier.classify) and show why, in
colour on a terminal, or as the HTTP API's JSON."""

from __future__ import annotations

import json
import os
import sys

from training.cli.common import add_model_options, load
from training.errors import InputError

__all__ = ["add_parser", "run"]

LABEL_COLOURS = {"assertion": "\033[34m", "denial": "\033[31m", "insinuation": "\033[33m"}
RESET, UNDERLINE = "\033[0m", "\033[4m"


def add_parser(subparsers) -> None:
    pr = subparsers.add_parser("predict", help="label each sentence of a text (argument or stdin)")
    pr.add_argument("text", nargs="?", help="text to label; '-' or nothing reads stdin")
    pr.add_argument("--json", action="store_true", help="print the same JSON as the HTTP API")
    pr.add_argument("--top-k", type=int, default=5, help="features for and against each label (default 5)")
    pr.add_argument("--full", action="store_true", help="add what-if probabilities for each cue")
    add_model_options(pr)
    pr.set_defaults(func=run)


def run(args) -> int:
    text = _read_text_arg(args)
    if not text.strip():
        raise InputError("expected non-empty text, found only white space")
    model = load(args)
    explain = "full" if args.full else True
    result = model.classifier.classify(text, explain=explain, top_k=args.top_k)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(_render(result, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return 0


def _read_text_arg(args) -> str:
    if args.text is not None and args.text != "-":
        return args.text
    if sys.stdin.isatty():
        raise InputError("expected text as an argument or on standard input, found neither")
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"expected UTF-8 text on standard input, found an undecodable byte at position {e.start}"
        ) from None


def _render(result: dict, colour: bool) -> str:
    """A `classify` result as lines: label, confidence, the sentence (its cues underlined in
    `colour`), its source, what a denial denies, and with --full each cue's what-if; then the
    summary."""
    lines = []
    for s in result["sentences"]:
        if s.get("skipped"):  # set aside unlabelled (text/screen.py)
            lines.append(f"{'-':<12} {'':4}  {s['text']}  [set aside: {s['skipped']}, {s['language']}]")
            continue
        text = _coloured(s) if colour else s["text"]
        flag = " ?" if s["uncertain"] else ""
        src = f"  [source: {_speaker(s['source'])}]" if s.get("source") else ""
        denied = (s.get("explanation") or {}).get("denied")
        what = f"  [denies: {denied['text']}]" if denied else ""
        lines.append(f"{s['label']:<12} {s['confidence']:.2f}{flag}  {text}{src}{what}")
        lines += _what_if_lines(s)
    summary = result["summary"]
    lines.append(
        "summary: "
        + ", ".join(f"{k} {v}" for k, v in summary["counts"].items())
        + f"; uncertain {summary['uncertain']}"
        + (f"; set aside {summary['skipped']}" if summary.get("skipped") else "")
    )
    return "\n".join(lines)


def _speaker(source: dict) -> str:
    """'she = Marta Kellund' for a pronoun whose speaker was found, else the source as written."""
    ref = source.get("refers_to")
    return f"{source['text']} = {ref['text']}" if ref else source["text"]


def _coloured(s: dict) -> str:
    """The sentence in its label's colour, its cues (but attribution and evidence words) underlined."""
    text, c = s["text"], LABEL_COLOURS.get(s["label"], "")
    marks = sorted(
        {
            (cue["start"] - s["start"], cue["end"] - s["start"])
            for cue in s.get("explanation", {}).get("cues", [])
            if cue["kind"] not in ("attribution_verb", "evidence_word")
        }
    )
    out, pos = [], 0
    for a, b in marks:
        if a < pos:
            continue
        out += [c + text[pos:a], UNDERLINE + text[a:b] + RESET]
        pos = b
    return "".join(out) + c + text[pos:] + RESET


def _what_if_lines(sentence: dict) -> list[str]:
    """With --full: per cue, the probabilities of the sentence with the cue's words removed."""
    lines = []
    for cue in (sentence.get("explanation") or {}).get("cues", []):
        what_if = cue.get("without")
        if what_if:
            probs = ", ".join(f"{lab} {p:.2f}" for lab, p in what_if["probabilities"].items())
            lines.append(
                f'{"":<19}without "{cue["text"]}" ({cue["kind"].replace("_", " ")}): {probs} -> {what_if["label"]}'
            )
    return lines
