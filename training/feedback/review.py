"""`stance review QUEUE`: label a review queue in the terminal, one sentence at a time.

Each sentence is shown between the sentences around it, with the model's guess, its
probabilities and the cues and features behind it. One letter answers: `a`, `d`, `i`
(assertion, denial, insinuation; a digit picks any of the model's labels by its number),
`s` to skip, `u` to undo the last answer, `q` to stop. Text after the letter is a note
(`d sarcasm, not a real denial`). Every answer is a correction in the store at once, so
stopping loses nothing; sentences corrected already (by anyone) are not asked again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from training.feedback.store import Added, Correction, FeedbackStore

__all__ = ["ReviewSession", "review"]

LETTERS = {"a": "assertion", "d": "denial", "i": "insinuation"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


@dataclass
class ReviewSession:
    """What a review did: answers stored, skipped, undone, and what is left."""

    labelled: int = 0
    skipped: int = 0
    undone: int = 0
    remaining: int = 0
    already_done: int = 0
    history: list[tuple[int, Added | None]] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "labelled": self.labelled,
            "skipped": self.skipped,
            "undone": self.undone,
            "remaining": self.remaining,
            "already_corrected": self.already_done,
        }


def _guess(item: dict, classifier) -> tuple[str, dict, list[str]]:
    """The model's label, probabilities and a few explaining lines: the live model's when
    there is one, else what the queue recorded."""
    sentences = classifier.classify(item["text"], explain=True, top_k=3)["sentences"] if classifier else []
    if not sentences:
        return item.get("label", "?"), item.get("probabilities") or {}, []
    s = max(sentences, key=lambda x: x["end"] - x["start"])  # one sentence, as a rule
    ex = s.get("explanation") or {}
    lines = [f'cue {c["kind"].replace("_", " ")} "{c["text"]}" {c["weight"]:+.2f}' for c in ex.get("cues", [])[:4]]
    towards = ex.get("features", {}).get("towards", [])
    if towards:
        lines.append("pushed towards it: " + ", ".join(f"{f['feature']} {f['contribution']:+.2f}" for f in towards))
    return s["label"], s["probabilities"], lines


def _keys(labels: list[str]) -> dict[str, str]:
    keys = {k: v for k, v in LETTERS.items() if v in labels}
    keys.update({str(n): lab for n, lab in enumerate(labels, 1)})
    return keys


def review(
    items: list[dict],
    store: FeedbackStore,
    *,
    analyst: str = "",
    classifier=None,
    labels: list[str] | None = None,
    read: Callable[[str], str] = input,
    out: TextIO | None = None,
    colour: bool = False,
) -> ReviewSession:
    """Ask about each item not corrected yet; store every answer. `read` is `input` (it
    raises EOFError at the end of standard input, which ends the review)."""
    import sys

    out = out or sys.stdout
    labels = labels or (list(classifier.labels) if classifier is not None else list(LETTERS.values()))
    keys = _keys(labels)
    done = store.corrected_keys()
    todo = [it for it in items if it["sentence_hash"] not in done]
    session = ReviewSession(already_done=len(items) - len(todo))
    prompt = _prompt(labels, keys)
    i = 0
    while i < len(todo):
        item = todo[i]
        guess, probs, why = _guess(item, classifier)
        _show(out, item, f"[{i + 1}/{len(todo)}]", guess, probs, why, colour=colour)
        try:
            answer = read(prompt).strip()
        except EOFError:
            break
        key, _, note = answer.partition(" ")
        key = key.lower()
        if key == "q":
            break
        if key == "s":
            session.history.append((i, None))
            session.skipped += 1
            i += 1
        elif key == "u":
            i = _undo(session, store, out, i)
        elif key in keys:
            model_id = getattr(classifier, "model_id", None) or item.get("model_id")
            added = store.add(_correction(item, keys[key], analyst, model_id, guess, note))
            session.history.append((i, added))
            session.labelled += 1
            others = ", ".join(f"{c.analyst or 'anonymous'}: {c.label}" for c in added.conflicts)
            out.write(f"saved: {keys[key]}" + (f" (other analysts said {others})" if others else "") + "\n")
            i += 1
        else:
            out.write(f"expected one of {', '.join(keys)}, s, u or q; found {answer[:20]!r}\n")
    session.remaining = len(todo) - i
    return session


def _prompt(labels: list[str], keys: dict[str, str]) -> str:
    """The answer line: each label with its letter (or number when it has none), then s, u, q."""
    lettered = {v: k for k, v in keys.items() if not k.isdigit()}
    return (
        ", ".join(f"[{lettered.get(lab) or n}] {lab}" for n, lab in enumerate(labels, 1))
        + "; [s]kip, [u]ndo, [q]uit > "
    )


def _show(out: TextIO, item: dict, position: str, guess: str, probs: dict, why: list[str], *, colour: bool) -> None:
    """One sentence between its neighbours, with the model's guess, probabilities and reasons."""
    bold, dim, reset = (BOLD, DIM, RESET) if colour else ("", "", "")
    out.write(f"\n{dim}{position}{reset}\n")
    if item.get("context_before"):
        out.write(f"{dim}{item['context_before']}{reset}\n")
    out.write(f"{bold}>> {item['text']}{reset}\n")
    if item.get("context_after"):
        out.write(f"{dim}{item['context_after']}{reset}\n")
    out.write(f"model: {guess} " + " ".join(f"{k} {v:.2f}" for k, v in probs.items()) + "\n")
    for line in why:
        out.write(f"  {line}\n")
    out.flush()


def _correction(item: dict, label: str, analyst: str, model_id: str | None, guess: str, note: str) -> Correction:
    """The analyst's answer to a queue item, with the item's context and the model's guess."""
    return Correction(
        text=item["text"],
        label=label,
        analyst=analyst,
        model_id=model_id,
        model_label=guess,
        note=note.strip() or None,
        domain=item.get("domain"),
        register=item.get("register"),
        context_before=item.get("context_before") or None,
        context_after=item.get("context_after") or None,
    )


def _undo(session: ReviewSession, store: FeedbackStore, out: TextIO, at: int) -> int:
    """Take back the last answer (restoring what it replaced) and go back to its sentence."""
    if not session.history:
        out.write("nothing to undo\n")
        return at
    back, added = session.history.pop()
    if added is None:
        session.skipped -= 1
    else:
        if added.replaced is not None:
            store.add(added.replaced)
        else:
            store.delete(added.correction.id)
        session.labelled -= 1
    session.undone += 1
    out.write("undone\n")
    return back
