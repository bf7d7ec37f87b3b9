"""Feature families: one object per kind of feature, and the registry that finds them.

A family knows everything the prediction path needs about one part of the feature union:
which fitted transformer is its own, how to featurise a whole batch fast (a part with
`preprocess`, `width` and `transform(lows, texts, cue_scan) -> fastpath.Block`), the name
its features carry in explanations, and where one of its features occurs in a sentence.
`Classifier` and `FastFeatures` are built from the families of the union's fitted
transformers, never from the parts' names, so a part can be renamed freely and a new
family is added in one place: `register(FeatureFamily(...))`, from inside the package or
from outside it (tests/test_families.py adds a toy one).

A transformer no family owns still works, through `union.transform` (exact, slow), and its
features are explained with no spans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from training.model.damping import ShortRowDamping
from training.model.fastpath import ActPart, CuePart
from training.model.ngrams import TfidfPart, is_plain_tfidf
from training.model.speechacts import SpeechActFeaturizer, act_spans
from training.text.cues import CueFeaturizer

__all__ = ["FAMILIES", "FeatureFamily", "SpanSource", "family_of", "fast_part_of", "register"]


class SpanSource(Protocol):
    """What a family's `find` may ask of a sentence (spans.SpanFinder): spans in the
    submitted text's offsets."""

    cues: list

    def word_spans(self, tokens: tuple[str, ...]) -> list[list[int]]: ...

    def char_spans(self, text: str) -> list[list[int]]: ...


def _no_spans(spans: SpanSource, needle: Any) -> list[list[int]]:
    return []


@dataclass(frozen=True)
class FeatureFamily:
    """One kind of feature.

    label:     its name in explanations ("word", "cue", ...).
    owns:      whether a fitted transformer of the union belongs to this family.
    fast_part: the transformer's fast batch path (see the module docstring), or None to
               use the transformer's own `transform`.
    needle:    what `find` looks for, from a feature's name (prepared once per model).
    find:      the spans of a feature in one sentence.
    is_word:   whether a feature is one word (counted in `known_words`).
    cue_kind:  for a feature that counts a cue kind's matches, that kind (the explanation
               shares the feature's contribution among the matches).
    """

    label: str
    owns: Callable[[Any], bool]
    fast_part: Callable[[Any], Any] | None = None
    needle: Callable[[str], Any] = lambda name: name
    find: Callable[[SpanSource, Any], list[list[int]]] = _no_spans
    is_word: Callable[[str], bool] = lambda name: False
    cue_kind: Callable[[str], str | None] = lambda name: None


FAMILIES: list[FeatureFamily] = []


def register(family: FeatureFamily) -> FeatureFamily:
    """Add a family; the last registered that owns a transformer wins, so a family from
    outside the package can take over a built-in one."""
    FAMILIES.append(family)
    return family


def family_of(transformer) -> FeatureFamily | None:
    for family in reversed(FAMILIES):
        if family.owns(transformer):
            return family
    return None


def fast_part_of(transformer):
    """The fast batch part for a fitted transformer, or None (then `union.transform`)."""
    family = family_of(transformer)
    return family.fast_part(transformer) if family is not None and family.fast_part is not None else None


def _kind(name: str) -> str:
    return name.split(":", 1)[1]  # "cue:negation" -> "negation"


register(
    FeatureFamily(
        label="word",
        owns=lambda t: is_plain_tfidf(t.vectorizer if isinstance(t, ShortRowDamping) else t, "word"),
        fast_part=TfidfPart,
        needle=lambda name: tuple(name.split(" ")),
        find=lambda spans, needle: spans.word_spans(needle),
        is_word=lambda name: " " not in name,
    )
)
register(
    FeatureFamily(
        label="char",
        owns=lambda t: is_plain_tfidf(t, "char_wb"),
        fast_part=TfidfPart,
        needle=str.strip,
        find=lambda spans, needle: spans.char_spans(needle),
    )
)  # without char_wb's padding spaces
register(
    FeatureFamily(
        label="cue",
        owns=lambda t: isinstance(t, CueFeaturizer),
        fast_part=CuePart,
        needle=_kind,
        find=lambda spans, kind: [[c.start, c.end] for c in spans.cues if c.kind == kind],
        cue_kind=_kind,
    )
)
register(
    FeatureFamily(
        label="act",
        owns=lambda t: isinstance(t, SpeechActFeaturizer),
        fast_part=ActPart,
        needle=_kind,
        find=lambda spans, name: act_spans(name, spans.cues),
        cue_kind=_kind,
    )
)
