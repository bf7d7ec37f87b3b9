"""What the classifier sets aside before the model reads a sentence, and what it reads.

`screen(split, languages)` looks at every sentence of a request once:

- a line that is page furniture (furniture.py) is skipped as "not a sentence";
- a sentence in a language the model was not trained for (language.py; the model card's
  `languages`) is skipped as "language";
- every other sentence goes to the model, with URLs and HTML entities folded out of what
  the model reads (furniture.fold_inline), so they cannot change its label; `Screened`
  maps the cue spans found in that text back into the submitted text.

Skipped sentences keep their place, span and language in the answer, with `label: null`,
and are left out of the summary's counts (predict/summary.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from training.text.furniture import fold_inline, furniture_kind
from training.text.language import UNDETERMINED, identify
from training.text.normalise import original_span
from training.text.sentences import Sentence

__all__ = ["SKIP_LANGUAGE", "SKIP_NOT_A_SENTENCE", "Screened", "screen", "skipped_item"]

SKIP_NOT_A_SENTENCE = "not a sentence"
SKIP_LANGUAGE = "language"


@dataclass(frozen=True)
class Screened:
    """The outcome for a request's documents; `texts`, `starts` and `origins` list the kept
    sentences, in order, as the model reads them."""

    languages: list[list[str]]  # per document, per sentence
    document_languages: list[str]
    skipped: list[list[str | None]]  # per document, per sentence: why it was set aside, or None
    texts: list[str]  # the kept sentences, URLs and entities folded out
    starts: list[int]  # where each kept sentence starts in its document
    origins: list[list[int] | None]  # per kept sentence: fold_inline's map, None where nothing was folded

    def original_cues(self, cues: list[list]) -> list[list]:
        """Cue spans found in `texts` (shifted by `starts`), moved into the submitted text."""
        if not any(o is not None for o in self.origins):
            return cues
        out = []
        for found, origin, start in zip(cues, self.origins, self.starts, strict=True):
            if origin is None:
                out.append(found)
                continue
            moved = []
            for c in found:
                a, b = original_span(origin, c.start - start, c.end - start)
                moved.append(replace(c, start=a + start, end=b + start))
            out.append(moved)
        return out


def screen(split: list[list[Sentence]], languages: frozenset[str]) -> Screened:
    """Screen the sentences of each document (see module docstring) for a model trained on
    `languages`."""
    all_langs, doc_langs, all_skipped = [], [], []
    texts, starts, origins = [], [], []
    for sents in split:
        kinds = [furniture_kind(s.text) for s in sents]
        langs, whole = identify([s.text for s in sents], weigh=[k is None for k in kinds])
        skipped: list[str | None] = []
        for s, kind, lang in zip(sents, kinds, langs, strict=True):
            if kind is not None:
                skipped.append(SKIP_NOT_A_SENTENCE)
            elif lang not in languages and lang != UNDETERMINED:
                skipped.append(SKIP_LANGUAGE)
            else:
                skipped.append(None)
                folded, origin = fold_inline(s.text)
                texts.append(folded)
                starts.append(s.start)
                origins.append(origin)
        all_langs.append(langs)
        doc_langs.append(whole)
        all_skipped.append(skipped)
    return Screened(all_langs, doc_langs, all_skipped, texts, starts, origins)


def skipped_item(index: int, s: Sentence, reason: str, language: str, explain) -> dict:
    """A set-aside sentence as the answer lists it: its place and span, why, its language;
    no label."""
    item = {
        "index": index,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "label": None,
        "confidence": None,
        "probabilities": None,
        "uncertain": False,
        "uncertain_reasons": [],
        "known_words": 0,
        "source": None,
        "skipped": reason,
        "language": language,
    }
    if explain:
        item["explanation"] = None
    return item
