"""Typographic punctuation and look-alikes are folded for matching and featurising, while
every span points into the original text (training/text/normalise.py)."""

import pytest

from training.text.cues import find_cues
from training.text.normalise import FOLD, fold, fold_lower, fold_with_map, original_span
from training.text.sentences import split_sentences

# (case, straight text, the same text as published typography writes it)
CASES = [
    (
        "curly apostrophe",
        "I haven't seen any evidence that the vote was rigged.",
        "I haven’t seen any evidence that the vote was rigged.",
    ),
    (
        "curly double quotes",
        'The minister called the audit "routine" and said it was "not true" at all.',
        "The minister called the audit “routine” and said it was “not true” at all.",
    ),
    (
        "curly single quotes",
        "The senator's 'independent' adviser didn't deny it.",
        "The senator’s ‘independent’ adviser didn’t deny it.",
    ),
    (
        "low and reversed quotes",
        '"Nobody was hurt," the spokesman said, calling the report "false".',
        "„Nobody was hurt,‟ the spokesman said, calling the report „false‟.",
    ),
    (
        "primes and guillemets",
        'The "review" found the board\'s figures were wrong.',
        "The «review» found the board′s figures were wrong.",
    ),
    (
        "dashes and minus",
        "The deal - signed in March - was never ratified, and profits fell -3 percent.",
        "The deal — signed in March – was never ratified, and profits fell −3 percent.",
    ),
    (
        "no-break and narrow spaces",
        "The company has not commented on the 40 million euro payment.",
        "The company has\u00a0not commented on the 40\u202fmillion\u2009euro payment.",
    ),
    (
        "zero-width characters",
        "The ministry denied the report and said it was baseless.",
        "The min\u200bistry den\u00adied the re\u200dport and said it was\ufeff baseless.",
    ),
    (
        "ellipsis",
        "They say it was an accident... but who paid for the lawyers?",
        "They say it was an accident… but who paid for the lawyers?",
    ),
    (
        "full-width look-alikes",
        "Officials dismissed the claim as fake news!",
        "Officials dismissed the claim as ＦＡＫＥ news！",
    ),
    (
        "ligatures",
        "The official figures were fabricated, the auditor said.",
        "The oﬃcial ﬁgures were fabricated, the auditor said.",
    ),
]


@pytest.mark.parametrize("case, straight, typographic", CASES, ids=[c[0] for c in CASES])
def test_typographic_text_gets_the_same_label_and_cues_with_spans_into_it(model, case, straight, typographic):
    plain, curly = (model.classifier.classify(t, explain=True)["sentences"] for t in (straight, typographic))
    assert [s["label"] for s in curly] == [s["label"] for s in plain]
    for p, c in zip(plain, curly, strict=True):
        assert c["probabilities"] == pytest.approx(p["probabilities"], abs=1e-12)
        assert typographic[c["start"] : c["end"]] == c["text"]
        pc, cc = p["explanation"]["cues"], c["explanation"]["cues"]
        assert [(x["kind"], x["entry"]) for x in cc] == [(x["kind"], x["entry"]) for x in pc]
        for x, y in zip(pc, cc, strict=True):
            assert typographic[y["start"] : y["end"]] == y["text"]  # into the original text
            assert fold(y["text"]).lower() == x["text"].lower()  # the same words as the straight text's cue
            assert y["weight"] == pytest.approx(x["weight"], abs=1e-12)
        for side in ("towards", "against"):
            for f in c["explanation"]["features"][side]:
                for a, b in f["spans"]:
                    assert c["start"] <= a < b <= c["end"]


def test_the_issue_example_is_a_denial_cue_set_either_way():
    """The curly apostrophe used to hide the negation: now both spellings find it."""
    for text in (
        "I haven't seen any evidence that the vote was rigged.",
        "I haven’t seen any evidence that the vote was rigged.",
    ):
        kinds = {c.kind for c in find_cues(text)}
        assert "negation" in kinds and "evidence_request" not in kinds


@pytest.mark.parametrize("quote", ["'{}'", "‘{}’", '"{}"', "“{}”"])
def test_a_word_at_a_single_quotes_edge_is_still_a_word(quote):
    """A single quotation mark is not part of the word it touches: 'never housed' and
    ‘fabricated’ hold the same cues as the double-quoted words (an apostrophe inside a word,
    as in "don't", stays part of it)."""
    words = lambda text: sorted((c.kind, c.text) for c in find_cues(text) if c.kind != "direct_quote")  # noqa: E731
    for inner, frame in (
        ("never housed", "Shelter {} suspect, police confirm"),
        ("fabricated", "The minister called the report {} and walked out."),
        ("we don't comment on rumours", "The bank's reply was {} and nothing more."),
    ):
        assert words(frame.format(quote.format(inner))) == words(frame.format(inner)), quote


@pytest.mark.parametrize(
    "text",
    [
        "i didn't say that, it isn't true",
        "we haven't seen any proof and they don't have any",
        "it didn't happen, the mayor wasn't even there",
        "why hasn't the council answered?",
    ],
)
def test_a_contraction_written_without_its_apostrophe_is_the_same_cue(text):
    """Posts write "didnt", "isnt", "dont": the same negation, the same cues."""
    kinds = lambda t: sorted((c.kind, c.start) for c in find_cues(t))  # noqa: E731
    bare = text.replace("'", "")
    shift = lambda t: [(k, s - t[:s].count("'")) for k, s in kinds(t)]  # noqa: E731
    assert kinds(bare) == shift(text)


def test_text_wrapped_or_spaced_twice_gets_the_same_label_and_cues(model):
    """Hard-wrapped text (a PDF, an e-mail) and double spaces: every multi-word cue used to
    need exactly one plain space between its words."""
    straight = "It did not happen, the ministry said, and it denied the report in the strongest terms."
    loose = "It did not\nhappen, the ministry  said, and it denied the\r\nreport in the strongest\tterms."
    (p,), (c,) = (model.classifier.classify(t, explain=True)["sentences"] for t in (straight, loose))
    assert c["label"] == p["label"] and c["probabilities"] == pytest.approx(p["probabilities"], abs=1e-12)
    pc, cc = p["explanation"]["cues"], c["explanation"]["cues"]
    assert [(x["kind"], x["entry"]) for x in cc] == [(x["kind"], x["entry"]) for x in pc]
    assert "negated_claim" in {x["kind"] for x in cc}
    for x, y in zip(pc, cc, strict=True):
        assert loose[y["start"] : y["end"]] == y["text"] and " ".join(y["text"].split()) == x["text"]


def test_an_n_t_word_needs_its_negative_auxiliary():
    # "want", "went", "percent" end in "nt" and negate nothing.
    assert not [c for c in find_cues("I want to go; the event went ahead; up 3 percent") if c.kind == "negation"]


def test_fold_keeps_length_where_it_can_and_maps_offsets_where_it_cannot():
    text = "“Wait…” she said\u00a0— it was\u200b ﬁne."
    folded, origin = fold_with_map(text)
    assert folded == '"Wait..." she said - it was fine.'
    assert origin is not None and len(origin) == len(folded) + 1 and origin[-1] == len(text)
    for start, end in [(1, 8), (10, 18), (28, 32)]:
        a, b = original_span(origin, start, end)
        assert fold(text[a:b]) == folded[start:end]
    same, none = fold_with_map("“Quoted” — it’s here\u00a0now")
    assert none is None and len(same) == len("“Quoted” — it’s here\u00a0now")


def test_fold_is_idempotent_and_leaves_ascii_alone():
    every = "".join(chr(c) for c in FOLD)
    assert fold(fold(every)) == fold(every)
    assert all(ord(ch) < 128 or ch.isspace() for ch in fold(every))
    ascii_text = "Plain 'ASCII' text -- \"as is\"..."
    assert fold(ascii_text) is ascii_text
    assert fold_lower("ＮＯ ’WAY’") == "no 'way'"


def test_sentences_split_on_folded_marks_and_keep_original_spans():
    text = "Really？ Yes\u200b. „Fine“… Then\u00a0more！"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Really？", "Yes\u200b.", "„Fine“…", "Then\u00a0more！"]
    for s in sentences:
        assert text[s.start : s.end] == s.text
