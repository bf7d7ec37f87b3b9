import functools
import json
import pickle
import re

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from training.text import cue_scan, quotes
from training.text import cues as C
from training.text.cues import CUE_FAMILY, CUE_KINDS, CueFeaturizer, find_cues, kind_counts
from training.text.normalise import fold_many, original_span, single_spaced

TEXTS = [
    "The ministry denied the report.",
    "Where did the money go?",
    "Officials declined to comment.",
    "The shortage is not new.",
]


def test_find_cues_spans_and_entries():
    text = 'Funny how the "audit" vanished, a source said. Nobody denied it.'
    cues = find_cues(text)
    kinds = {c.kind for c in cues}
    assert {
        "insinuation_phrase",
        "direct_quote",
        "anonymous_source",
        "attribution_verb",
        "negation",
        "denial_verb",
    } <= kinds
    for c in cues:
        assert text[c.start : c.end] == c.text
        assert c.entry in CUE_KINDS[c.kind].entries


def test_find_cues_offset():
    cues = find_cues("They denied it.", offset=10)
    assert [(c.kind, c.start, c.end) for c in cues] == [("denial_verb", 15, 21), ("negated_claim", 15, 24)]


def test_no_match_inside_words():
    assert not [c for c in find_cues("The notebook is nothingness") if c.kind == "negation"]


def test_estimator_contract():
    est = CueFeaturizer(kinds=("negation", "denial_verb"), scale=2.0)
    assert est.get_params() == {"kinds": ("negation", "denial_verb"), "scale": 2.0}
    assert clone(est).get_params() == est.get_params()
    assert est.fit(TEXTS) is est
    X = est.transform(TEXTS)
    assert X.shape == (4, 2)
    assert list(est.get_feature_names_out()) == ["cue:negation", "cue:denial_verb"]
    assert X[0, 1] == pytest.approx(2.0 * np.log1p(1))
    assert X[3, 0] > 0


def test_pickle_round_trip():
    est = CueFeaturizer().fit(TEXTS)
    again = pickle.loads(pickle.dumps(est))
    assert (again.transform(TEXTS) != est.transform(TEXTS)).nnz == 0
    assert len(again.get_feature_names_out()) == again.transform(TEXTS).shape[1] == len(CUE_FAMILY)


def test_bad_parameters_name_the_parameter():
    with pytest.raises(ValueError, match="'kinds' parameter of CueFeaturizer"):
        CueFeaturizer(kinds=("nope",)).fit(TEXTS)
    with pytest.raises(ValueError, match="'scale' parameter"):
        CueFeaturizer(scale=0).fit(TEXTS)
    with pytest.raises(NotFittedError):
        CueFeaturizer().transform(TEXTS)


@functools.cache  # the same words recur in every sentence: each is looked up once
def _token_kinds(tok: str) -> tuple[list[str], list[str]]:
    """The kinds whose one-word entries match the token, and those it may start an entry of."""
    single = [k for k, mt in cue_scan._MATCHERS.items() if mt.single is not None and mt.single.fullmatch(tok)]
    trigger = [k for k, mt in cue_scan._MATCHERS.items() if mt.trigger is not None and mt.trigger.fullmatch(tok)]
    return single, trigger


def _reference_matches(text: str) -> list[tuple[str, int, int]]:
    """The lexicon's meaning, written plainly: one text at a time, every token looked up,
    every multi-word kind tried with all its entries wherever one may start, every
    searched entry searched, in the folded, single-spaced text, spans mapped back to `text`.
    training/text/cue_scan.py finds the same faster, for a whole batch."""
    (folded,), (origin,) = single_spaced(*fold_many([text]))
    low = folded.lower()
    if len(low) != len(folded):
        low = folded
    out, anchors = [], []
    for m in re.finditer(r"\w+(?:'\w+)*", low):  # words, joined by the apostrophes inside them
        single, trigger = _token_kinds(m.group())
        out.extend((name, m.start(), m.end()) for name in single)
        anchors.extend((name, m.start()) for name in trigger)
    last: dict[str, int] = {}
    for name, pos in anchors:
        if pos >= last.get(name, -1):
            mm = cue_scan._MATCHERS[name].multi.match(low, pos)
            if mm is not None and mm.end() > pos:
                last[name] = mm.end()
                out.append((name, pos, mm.end()))
    line_starts = [0, *(i + 1 for i, ch in enumerate(low) if ch == "\n")]
    for name, patterns in cue_scan._SEARCHED:
        for rx, at_line_start in patterns:
            found = [rx.match(low, pos) for pos in line_starts] if at_line_start else list(rx.finditer(low))
            out.extend((name, mm.start(), mm.end()) for mm in found if mm is not None and mm.end() > mm.start())
    # A denial word or a dismissal inside a non-denial use ("the bill was rejected") is not one there, nor is
    # a denial word or a negated claim inside a negation of the world ("the promised link never happened").
    for use, dropped in (
        ("non_denial_use", ("denial_verb", "falsity_word", "dismissal")),
        ("world_negation", ("denial_verb", "falsity_word", "negated_claim")),
    ):
        uses = [(a, b) for name, a, b in out if name == use]
        out = [(name, a, b) for name, a, b in out if not (name in dropped and any(x <= a and b <= y for x, y in uses))]
    # A named title's words are no stance (text/quotes.py), unless a speech verb introduces it.
    spoken = {b for name, _, b in out if name == "attribution_verb"}
    titles = [
        (a, b)
        for name, a, b in out
        if name == "direct_quote"
        and not any(a - gap in spoken for gap in range(quotes._SPEECH_GAP + 1))
        and quotes._is_named_title(folded[a:b])
    ]
    out = [
        (name, a, b) for name, a, b in out if name == "direct_quote" or not any(x <= a and b <= y for x, y in titles)
    ]
    out = [(name, *original_span(origin, a, b)) for name, a, b in out]
    return sorted(out, key=lambda m: (m[1], m[2], m[0]))


def _label_texts() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "labels"
    texts = [
        json.loads(line)["text"]
        for f in sorted(root.rglob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    # Every other row: the plain reference tries every multi-word entry at every place one
    # may start, which on all of labels/ (7,000+ rows, long news prose) takes too long.
    return texts[::2] + [
        "",
        'Why?\nWhy not "this" one?',
        "“Quoted” and ‘quoted here’ İstanbul NO",
        "no no no evidence",
        "wait… they haven\u200bt denied\u00a0it — “no”",
        "ﬁnally ＮＯ proof‼ 'scare' quotes",
        "\n\nNo way?",
        "Don't say it's not, it's just a test, isn't it",
        "a\x00source said\x00no",
        "NOPE. Not true at all, we have never paid them",
        "ΣΊΣΥΦΟΣ denied it",
        "either way, or not",
    ]


def test_batch_matching_equals_the_plain_reference():
    """find_cues_many (the explanation's spans) against the plain reference, on every
    sentence of labels/ and awkward texts, in one batch."""
    texts = _label_texts()
    got = C.find_cues_many(texts)
    for text, cues in zip(texts, got, strict=True):
        assert [(c.kind, c.start, c.end) for c in cues] == _reference_matches(text), text


def test_kind_counts_are_the_counts_of_find_cues():
    """The batch counter (the model's features) counts what find_cues finds."""
    texts = _label_texts()
    kinds = tuple(CUE_KINDS)
    rows, cols, counts = kind_counts(texts, kinds)
    got = {(int(r), kinds[c]): int(n) for r, c, n in zip(rows, cols, counts, strict=True)}
    want: dict = {}
    for i, text in enumerate(texts):
        for cue in find_cues(text):
            want[(i, cue.kind)] = want.get((i, cue.kind), 0) + 1
    assert got == want


def kinds(text: str) -> set[str]:
    return {c.kind for c in C.find_cues(text)}


def test_a_denial_word_used_otherwise_is_not_a_denial_word():
    """ "rejected" in a rejected bill, "false" in a false alarm and "lies" in a place are
    matched as `non_denial_use` only; a rejected report keeps its denial word."""
    for text in (
        "MPs rejected the bill by 212 votes.",
        "It was a false alarm, the fire service said.",
        "The village lies on the river Tay.",
        "The reserve lies entirely within the county, and the old mill lay empty for years.",
    ):
        assert "non_denial_use" in kinds(text) and not kinds(text) & {"denial_verb", "falsity_word"}, text
    assert {"denial_verb", "falsity_word"} <= kinds("The ministry rejected the report as false.")
    # After an article or a possessive, "lie" is the untruth, whatever place word follows it.
    for text in ("always a lie with this lot", "His lies on the form cost him the job.", "The lie at the heart of it"):
        assert "falsity_word" in kinds(text) and "non_denial_use" not in kinds(text), text
    assert "non_denial_use" in kinds("The land that lies north of the river is flooded.")


def test_a_sentence_opening_with_a_quantifier_or_an_absence_is_not_a_reply_saying_no():
    """ "Not everyone agreed." and "No decision has been made." describe the world; "No, ..." and
    "Not true." open a reply by saying no."""
    for text in (
        "Not everyone was persuaded.",
        "Not all of his critics are anonymous.",
        "No decision has been made on the second runway.",
        "No date has been set for the trial.",
    ):
        assert "opening_negation" not in kinds(text), text
    for text in ("No, the plant was never closed.", "Not true, the vote was counted twice.", "nope", "Not so fast."):
        assert "opening_negation" in kinds(text), text


def test_u_is_a_reader_addressed_but_not_a_country_or_a_turn():
    """Text-speak "u" addresses the reader; the U of "U.S." and "U-turn" does not."""
    assert "second_person" in kinds("tells u all u need to know")
    for text in ("The U.S. embassy reopened on Monday.", "The council made a U-turn on parking fines."):
        assert "second_person" not in kinds(text), text


def test_the_said_thing_of_legal_prose_reports_no_speech():
    """ "The said property" (the one just named) is an adjective: no one is reported speaking."""
    kinds = lambda text: [c.kind for c in C.find_cues(text)]  # noqa: E731
    assert "attribution_verb" not in kinds("The said property was sold to the council in 1998.")
    assert kinds("The agent said the said property was sold.").count("attribution_verb") == 1


def test_insinuation_pointers_that_long_sentences_carry():
    """ "As it happens" beside a coincidence, and "I'm not saying X, but": pointers the
    training rows always label insinuation, matched as cues so a long sentence keeps them."""
    for text in (
        "The only bidder was, as it happens, the mayor's brother-in-law.",
        "I'm not saying anyone was paid, but the permit came through in a day.",
    ):
        assert any(c.kind == "insinuation_phrase" for c in C.find_cues(text)), text


def test_a_holding_reply_is_a_non_answer_not_a_denial():
    """ "Said it was looking into the claims": a reply that neither confirms nor rejects
    (GUIDELINES 3.3, 4.9), counted with the refusals to comment."""
    for text in (
        "The police said they were aware of the video circulating online and were making inquiries.",
        "The hospital said it was investigating the complaint.",
        "A spokesperson said the company was looking into the matter.",
    ):
        assert "non_answer" in kinds(text), text
    assert "non_answer" not in kinds("The inspectors looked into the incident in May.")
    assert "non_answer" in kinds("The ministry had not yet responded by Friday.")
    assert "non_answer" not in kinds("The boy had not returned home by midnight.")  # not a reply withheld


def test_commentary_words_are_a_kind_of_their_own():
    """ "Curiously", "quietly", "odd": commentary that mostly asserts (GUIDELINES 7.5), apart
    from the phrases that only insinuate; "curious timing" stays an insinuation."""
    for text in ("Curiously, the beetle lives on only two islands.", "The coach was quietly confident."):
        kinds = {c.kind for c in C.find_cues(text)}
        assert "evaluative_word" in kinds and "insinuation_phrase" not in kinds, text
    assert "insinuation_phrase" in {c.kind for c in C.find_cues("Curious timing for a donation, isn't it?")}


def test_the_words_of_a_title_or_a_slogan_are_no_stance():
    """A book's, a report's or a banner's words are a name: the cues inside its quotation
    marks go (with straight or typographic marks alike), while quoted speech keeps its cues,
    headline speech capitalised like a title included."""
    kinds = lambda text: [c.kind for c in C.find_cues(text)]  # noqa: E731
    for marks in (("“", "”"), ('"', '"'), ("'", "'")):
        o, c = marks
        book = f"The historian, author of {o}The Mysterious Shipwright{c} (1984), found the yard's ledgers."
        assert "insinuation_phrase" not in kinds(book) and "direct_quote" in kinds(book), book
        report = f"The authority's report, titled {o}Who Is Watching?{c}, found that most apps shared data."
        assert "rhetorical_question" not in kinds(report), report
        banner = f"Farmers marched under the banner {o}No Farmers, No Food{c} on Saturday."
        assert "negation" not in kinds(banner), banner
    spans = [(c.kind, c.start, c.end) for c in C.find_cues("Farmers carried “No Farmers, No Food” through the town.")]
    assert spans == [("direct_quote", 16, 37)]  # the span of the quotation, in the original text
    # someone's words: a headline quote ending in a comma, a quote a speech verb introduces, shouting
    assert "negation" in kinds('Drone Sales? "Never Happened," Says Minister')
    assert "falsity_word" in kinds("The senator said “Total Nonsense” and left the room.")
    assert "falsity_word" in kinds("“FAKE NEWS” was all the spokesman would say.")


def test_what_happens_to_is_a_plain_question_not_a_coincidence():
    """ "What happens to season tickets?" asks about consequences: "happens to" points at a
    coincidence only when something happens to be so ("the bidder happens to be his cousin")."""
    assert "insinuation_phrase" not in kinds("What happens to the bus fares after April?")
    assert "insinuation_phrase" in kinds("The only bidder happens to be the mayor's cousin.")
