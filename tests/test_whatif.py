"""What-if bounds of full explanations (training/predict/whatif.py): a sentence of one cue word
repeated no longer costs work and answer size quadratic in its length."""

from __future__ import annotations

import json
import threading

import pytest

from training.predict.whatif import Cancelled, WhatIfBudget, WhatIfLimits

REPEATED = "denied " * 1_000  # one sentence, 1,000 cues, 7,000 characters


def _what_ifs(result: dict) -> tuple[int, int]:
    cues = [c for s in result["sentences"] for c in s["explanation"]["cues"]]
    return len(cues), sum(c["without"] is not None for c in cues)


def test_a_repeated_cue_word_is_bounded_per_sentence_and_per_request(model):
    result = model.classifier.classify(REPEATED, explain="full")
    cues, computed = _what_ifs(result)
    assert cues == 1_000  # every cue is still listed with its weight...
    assert computed == WhatIfLimits().per_sentence  # ...but only the first ones are scored again
    assert len(json.dumps(result)) < 2_000_000  # unbounded: ~7 MB


def test_the_request_budget_counts_characters_across_sentences(model):
    text = " ".join(["The ministry denied the report and rejected the claim."] * 40)
    limits = WhatIfLimits(per_sentence=10, chars=500)
    result = model.classifier.classify_many([text], explain="full", what_if=limits)[0]
    computed = [c["without"] for s in result["sentences"] for c in s["explanation"]["cues"] if c["without"]]
    assert computed and sum(len(w["text"]) for w in computed) <= 500 + len(computed) * 2
    unbounded = model.classifier.classify_many([text], explain="full")[0]
    assert _what_ifs(unbounded)[1] > len(computed)
    # what is computed is exactly what an unbounded explanation says
    first = result["sentences"][0]["explanation"]["cues"][0]["without"]
    assert first == unbounded["sentences"][0]["explanation"]["cues"][0]["without"]


def test_cancelling_stops_the_explanation(model):
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        model.classifier.classify_many([REPEATED], explain="full", cancelled=stop.is_set)


def test_budget_and_limits():
    budget = WhatIfBudget(WhatIfLimits(per_sentence=2, chars=10))
    budget.start_sentence()
    assert budget.take(4) and budget.take(4) and not budget.take(1)  # per sentence
    budget.start_sentence()
    assert not budget.take(3) and budget.take(2) and not budget.take(1)  # per request: 2 left, then 0
    with pytest.raises(ValueError, match="per_sentence must be an integer of at least 0, got -1"):
        WhatIfLimits(per_sentence=-1)
