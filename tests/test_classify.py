import json

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from .conftest import cue_columns, words_only_reference

PARAGRAPH = (
    "The ministry signed the contract in March. The company denied that any data had been sold. "
    "Where did the money for the new stadium come from?"
)


def test_probabilities_match_the_pipeline(model):
    clf = model.classifier
    texts = [
        "Officials dismissed the report as baseless.",
        "Funny how the files vanished.",
        "Turnout may reach 60 percent.",
    ]
    ours = clf.predict_proba(texts)
    assert np.allclose(ours, clf.pipeline.predict_proba(texts), atol=1e-12)
    assert np.allclose(ours.sum(axis=1), 1.0)


def test_words_only_flags_a_denial_or_insinuation_no_cue_favours(model, corpus):
    """`words_only` against the plain reading: the cue and speech-act columns' part of each
    label's score, from scikit-learn's own feature matrix."""
    clf = model.classifier
    texts = [json.loads(line)["text"] for line in corpus[1].read_text(encoding="utf-8").splitlines()] + [PARAGRAPH]
    union, coef = clf.pipeline.named_steps["features"], clf.pipeline.named_steps["clf"].coef_
    is_cue = cue_columns(union)
    X = union.transform(texts)
    cue, top = X[:, is_cue] @ coef[:, is_cue].T, clf.pipeline.decision_function(texts).argmax(axis=1)
    want = words_only_reference(cue, top, clf.labels.index("assertion"))
    known, words_only = clf.abstention_inputs(texts)
    assert (words_only == want).all() and want.any() and not want.all()
    assert (known == clf.known_word_counts(texts)).all()
    flagged = [v for v, w in zip(clf.verdicts(texts), want, strict=True) if w]
    assert all("words_only" in v[4] for v in flagged)


def test_contributions_add_up_to_the_decision_score(model):
    clf = model.classifier
    sentences = [
        PARAGRAPH,
        "Nobody believes the official story, do they?",
        "Sources said the minister resigned.",
        "There is no evidence that the vaccine alters DNA.",
        "lol sure, and the moon is cheese",
    ] * 3
    for text in sentences:
        res = clf.classify(text, explain=True, top_k=1000)
        for s in res["sentences"]:
            e = s["explanation"]
            total = sum(f["contribution"] for f in e["features"]["towards"] + e["features"]["against"])
            assert abs(total + e["intercept"] - e["score"]) < 1e-6
            k = clf.labels.index(s["label"])
            assert abs(e["score"] - clf.pipeline.decision_function([s["text"]])[0][k]) < 1e-6


def test_explanations_are_deterministic(model):
    a = model.classifier.classify(PARAGRAPH, explain="full")
    b = model.classifier.classify(PARAGRAPH, explain="full")
    assert a == b


def test_spans_slice_the_submitted_text(model):
    text = "  Intro line\n\n" + PARAGRAPH + " Officials, who spoke on condition of anonymity, said it was fake."
    res = model.classifier.classify(text, explain=True, top_k=10)
    for s in res["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
        for c in s["explanation"]["cues"]:
            assert text[c["start"] : c["end"]] == c["text"]
        for f in s["explanation"]["features"]["towards"] + s["explanation"]["features"]["against"]:
            for a, b in f["spans"]:
                assert s["start"] <= a < b <= s["end"]


def test_summary_counts(model):
    res = model.classifier.classify(PARAGRAPH)
    assert res["summary"]["sentences"] == 3
    assert sum(res["summary"]["counts"].values()) == 3
    assert res["model"]["id"] == model.id


def test_what_if_removes_the_cue(model):
    res = model.classifier.classify("The minister reportedly has friends at the firm that won the bid.", explain="full")
    cues = res["sentences"][0]["explanation"]["cues"]
    assert cues
    for c in cues:
        assert c["text"] not in c["without"]["text"] or c["text"].lower() in c["without"]["text"].lower()
        assert abs(sum(c["without"]["probabilities"].values()) - 1) < 1e-9


def test_explanations_list_no_helper_kinds(model):
    """`claim_noun`, `naming_frame` and `definition_frame` only help derive speech acts (a
    “placebo” is a...: a defined term); an analyst reading the cue list should not see "is a"
    or "report" as a cue."""
    from training.text.cues import CUE_KINDS, find_cues

    text = "The ministry denied the report, and a “placebo” is a dummy treatment, the series says."
    assert {"claim_noun", "naming_frame", "definition_frame"} <= {c.kind for c in find_cues(text)}
    res = model.classifier.classify(text, explain="full")
    kinds = {c["kind"] for s in res["sentences"] for c in s["explanation"]["cues"]}
    assert kinds and all(CUE_KINDS[k].family != "helper" for k in kinds), kinds
    assert "denial_verb" in kinds


def test_speech_act_entries_are_shown_by_their_named_parts(model):
    """A speech act's entry is a long regular expression; the analyst reads its parts by name."""
    res = model.classifier.classify("The ministry denied the report on Monday.")
    entries = {c["kind"]: c["entry"] for c in res["sentences"][0]["explanation"]["cues"]}
    assert entries["negated_claim"] == "<deny> <det> <owner> <claim>"
    assert entries["denial_verb"] == "den(y|ies|ied|ying|ial|ials)"  # a plain cue's entry, as it is


# Texts that take each path of the fast featuriser: ASCII (bytes.translate) and not
# (regex), the batch separator inside a text, control characters str.split treats as
# space, one-letter words between n-grams, repeated n-grams, empty texts.
AWKWARD = [
    "",
    "The ministry denied it.",
    "",
    "Ünïcödé wörds and İstanbul!",
    "a " * 50,
    "Why? Why not?!",
    "x",
    "\u200b",
    "",
    "the\x00ministry denied\x00it",
    "field\x1cseparated\x1fwords",
    "tab\tand\nnew  line",
    "it was a lie, a lie! a LIE?",
    "don't won't can't",
    "“Curly” quotes — and a dash…",
    "ΣΊΣΥΦΟΣ said so",
    "banana bandana",
    "?!?!",
    "a \\x00 b",
    "C.I.A. & F.B.I. #hashtag @user 3.5bn",
]


def test_fast_transform_equals_the_pipeline(model, corpus):
    texts = AWKWARD + [json.loads(line)["text"] for line in corpus[1].read_text(encoding="utf-8").splitlines()[:200]]
    clf = model.classifier
    for batch in (texts, AWKWARD, AWKWARD[3:4], texts[::-1]):
        fast = clf.transform(batch)
        slow = clf.features.transform(batch)
        assert fast.shape == slow.shape
        assert abs(fast - slow).max() < 1e-12
        # Scores and known-word counts come from the blocks, not from this matrix.
        assert np.allclose(clf.predict_proba(batch), clf.pipeline.predict_proba(batch), atol=1e-12)
        unigrams = slow[:, np.flatnonzero(clf._unigram_mask[:, 0])]
        assert (clf.known_word_counts(batch) == np.diff(unigrams.tocsr().indptr)).all()


def test_threads_and_pickling_keep_the_answers(model):
    """The per-word cache grows as new words come: scoring from several threads at once
    (a Dask worker's threads) and a pickled copy (what Dask ships) answer as one thread does."""
    import pickle
    from concurrent.futures import ThreadPoolExecutor

    clf = model.classifier
    batches = [
        [f"Zorvak{i}{j} and Quellin{j}{i} denied the Morrowex{i * j} report." for j in range(40)] for i in range(8)
    ]
    copy = pickle.loads(pickle.dumps(clf))
    expected = [copy.predict_proba(b) for b in batches]  # a fresh cache, one thread
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(clf.predict_proba, batches))
    for e, g in zip(expected, got, strict=True):
        assert np.allclose(e, g, atol=1e-12)


def test_fast_path_with_another_token_pattern_equals_scikit_learn():
    """A word vectoriser with another token pattern takes the regex path for every text."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    from training.model.families import fast_part_of
    from training.model.fastpath import FastFeatures

    texts = AWKWARD + ["a b c d", "x y? z!"]
    union = FeatureUnion(
        [("words", TfidfVectorizer(ngram_range=(1, 3), token_pattern=r"(?u)\b\w+\b", sublinear_tf=True))]
    ).fit(texts)
    assert abs(FastFeatures(union, fast_part_of).transform(texts) - union.transform(texts)).max() < 1e-12


def test_weighted_ngrams_and_speech_acts_fast_path_equals_scikit_learn(corpus):
    """`ngram_weight` (FeatureUnion weights on the n-gram blocks) and the speech-act part:
    the fast path gives scikit-learn's matrix, and the contributions still add up."""
    from training.model.pipeline import PipelineParams, build_pipeline

    rows = [json.loads(line) for line in corpus[0].read_text(encoding="utf-8").splitlines()[::12]]
    pipe = build_pipeline(PipelineParams(ngram_weight=0.4, act_scale=1.5, calibration_folds=0))
    pipe.fit([r["text"] for r in rows], [r["label"] for r in rows])
    from training.predict.classify import Classifier

    clf = Classifier(pipe)
    assert clf._fast.parts, "the fast path must handle weighted unions, not fall back"
    texts = AWKWARD + [r["text"] for r in rows[:100]]
    assert abs(clf.transform(texts) - clf.features.transform(texts)).max() < 1e-12
    assert np.allclose(clf.predict_proba(texts), pipe.predict_proba(texts), atol=1e-12)
    res = clf.classify("“These reports are false,” the spokesman said. It is not clear who paid.", top_k=1000)
    for s in res["sentences"]:
        e = s["explanation"]
        total = sum(f["contribution"] for f in e["features"]["towards"] + e["features"]["against"])
        assert abs(total + e["intercept"] - e["score"]) < 1e-9
        assert any(f["family"] == "act" for f in e["features"]["towards"] + e["features"]["against"])
        for c in e["cues"]:
            assert c["kind"] not in ("negated_claim", "world_negation") or c["weight"] != 0.0


def test_char_weight_weighs_the_character_block_alone():
    """`char_weight` multiplies the character n-gram block on top of `ngram_weight`, the word
    block keeps `ngram_weight`; a weight that is not positive is refused, naming the field."""
    from training.model.pipeline import PipelineParams, build_pipeline

    union = build_pipeline(PipelineParams(ngram_weight=0.8, char_weight=0.5)).named_steps["features"]
    assert union.transformer_weights == {"words": 0.8, "chars": 0.4}
    assert build_pipeline(PipelineParams(char_weight=1.0)).named_steps["features"].transformer_weights is None
    with pytest.raises(ValueError, match="char_weight must be a positive number"):
        build_pipeline(PipelineParams(char_weight=0))


def test_a_pipeline_from_before_folding_and_speech_acts_still_loads_and_runs_fast():
    """Pickles made before training/text/normalise.py: n-gram vectorisers that lower-case (no
    preprocessor) and a CueFeaturizer of the kinds of that time. They unpickle, take the
    fast path, and the fast path still equals scikit-learn's transform."""
    import pickle

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline

    from training.model.calibration import CalibratedLogisticRegression
    from training.model.pipeline import TOKEN_PATTERN
    from training.predict.classify import Classifier
    from training.text.cues import CUE_FAMILY, CueFeaturizer

    texts = ["The ministry denied the report.", "Where did the money go?", "It is not new.", "“Curly” — yes…"] * 5
    labels = ["denial", "insinuation", "assertion", "assertion"] * 5
    old = Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        ("words", TfidfVectorizer(ngram_range=(1, 2), token_pattern=TOKEN_PATTERN, sublinear_tf=True)),
                        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2)),
                        ("cues", CueFeaturizer(kinds=CUE_FAMILY[:-2])),
                    ]
                ),
            ),
            ("clf", CalibratedLogisticRegression(calibration_folds=0)),
        ]
    ).fit(texts, labels)
    clf = Classifier(pickle.loads(pickle.dumps(old)))
    assert len(clf._fast.parts) == 3
    batch = AWKWARD + texts
    assert abs(clf.transform(batch) - clf.features.transform(batch)).max() < 1e-12
    assert clf.classify("The ministry denied the report.")["sentences"][0]["label"] == "denial"


def _row_ends_by_sorting_all(rows, values, n_rows, k):
    """The reference: each row's first k and last k of all its entries sorted by (value
    descending, column), positives and negatives respectively."""
    order = np.lexsort((np.arange(len(values)), -values, rows))
    out = []
    for r in range(n_rows):
        mine = [i for i in order.tolist() if rows[i] == r]
        out.append(([i for i in mine[:k] if values[i] > 0], [i for i in mine[::-1][:k] if values[i] < 0]))
    return out


def test_explanations_sort_only_each_rows_ends_and_get_the_same_ends():
    """row_ends keeps few entries but never changes a row's top k towards or against,
    ties included (rare words' char n-grams tie often)."""
    from training.predict.entry_ends import row_ends

    rng = np.random.default_rng(7)
    reduced = 0
    for trial in range(200):
        n_rows, k = int(rng.integers(1, 6)), int(rng.integers(0, 6))
        lengths = rng.integers(0, 40, n_rows)
        rows = np.repeat(np.arange(n_rows), lengths)
        rng.shuffle(rows)  # blocks list rows in any order
        values = rng.choice([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0], len(rows)) * rng.choice([1.0, 1.0, 0.25], len(rows))
        counts = np.bincount(rows, minlength=n_rows)
        places = np.array([int((rows[:i] == r).sum()) for i, r in enumerate(rows)], dtype=np.int64)
        mask = row_ends(rows, places, counts, values, k)
        reduced += mask is not None
        kept = np.arange(len(rows)) if mask is None else np.flatnonzero(mask)
        got = _row_ends_by_sorting_all(rows[kept], values[kept], n_rows, k)
        want = _row_ends_by_sorting_all(rows, values, n_rows, k)
        assert [([kept[i] for i in t], [kept[i] for i in a]) for t, a in got] == want, trial
    assert reduced > 100  # the reduced path, not only the fallback, was checked


def test_explanations_equal_those_from_sorting_every_entry(model, monkeypatch):
    """The real path (the compiled kernel when built) against the numpy one (entries laid
    out per block, only each row's ends sorted) and the plain one (every entry sorted), on
    held-out sentences grouped into paragraphs."""
    import training.predict.contributions as contributions
    import training.predict.spans as spans

    from .conftest import LABELS, read_jsonl

    rows = [r["text"] for r in read_jsonl(LABELS / "test.jsonl")][:240]
    texts = [" ".join(rows[i : i + 6]) for i in range(0, len(rows), 6)]
    for top_k in (0, 1, 3, 5):
        fast = model.classifier.classify_many(texts, explain=True, top_k=top_k)
        with monkeypatch.context() as m:
            m.setattr(contributions, "_top_contributions", None)
            m.setattr(spans, "_AsciiTokens", None)
            by_numpy = model.classifier.classify_many(texts, explain=True, top_k=top_k)
            m.setattr(contributions, "row_ends", lambda *args: None)
            plain = model.classifier.classify_many(texts, explain=True, top_k=top_k)
        assert fast == by_numpy == plain


def test_compiled_contributions_equal_the_numpy_ones():
    """The kernel (training/predict/_contrib.pyx) against `top_contributions_numpy` on random blocks built
    to tie: equal values and coefficients, unsorted columns, empty rows, k from 0 to 6, with and without
    the user's adapter (a weight of each row's own)."""
    from types import SimpleNamespace

    import training.predict.contributions as contributions
    from training.model.fastpath import Block

    if contributions._top_contributions is None:
        pytest.skip("the compiled kernel is not built (see tests/test_compiled.py)")
    rng = np.random.default_rng(11)
    for trial in range(300):
        n_rows, k = int(rng.integers(1, 7)), int(rng.integers(0, 7))
        widths = rng.integers(1, 30, int(rng.integers(1, 4)))
        coef = rng.choice([-1.0, -0.5, 0.0, 0.5, 1.0], (3, int(widths.sum())))
        own = rng.choice([-1.0, 0.0, 0.5, 2.0], coef.shape)
        linear = SimpleNamespace(
            coef=coef,
            n_labels=3,
            coef_flat=coef.ravel(),
            coef_by_column=np.ascontiguousarray(coef.T).ravel(),
            own_flat=own.ravel(),
            own_by_column=np.ascontiguousarray(own.T).ravel(),
        )
        is_cue = (rng.random(coef.shape[1]) < 0.2).astype(np.uint8)
        blocks, offset = [], 0
        for w in widths.tolist():
            cols = [rng.permutation(w)[: int(rng.integers(0, w + 1))] for _ in range(n_rows)]
            indptr = np.concatenate(([0], np.cumsum([len(c) for c in cols]))).astype(np.int64)
            indices = np.concatenate(cols).astype(np.int64)
            data = rng.choice([0.25, 0.5, 1.0, 2.0], len(indices))
            blocks.append(Block(data, indices, indptr, w, offset))
            offset += w
        labels = rng.integers(0, 3, n_rows)
        gate = None if trial % 2 else rng.choice([0.0, 0.25, 0.5, 1.0], n_rows)
        got = contributions.top_contributions(linear, blocks, labels, gate, is_cue, k)
        want = contributions.top_contributions_numpy(linear, blocks, labels, gate, is_cue, k)
        assert got == want, trial


_PIECES = st.sampled_from(
    [
        "very",
        "Very",
        " ",
        "  ",
        "a",
        "I",
        "x1",
        "_",
        "?",
        "!",
        "?!",
        ",",
        "-",
        "said",
        "on",
        "On",
        "\n",
        "it's",
        "2",
        "b_c",
        "ON",
        "é",
    ]
)


@settings(max_examples=300, deadline=None)
@example("a I x1 _ b_c very", ["a"])  # one-character words are not tokens
@example("I said: very, very very?!", ["very", "very"])
@example("said?!on", ["?", "!"])
@given(
    st.lists(_PIECES, max_size=14).map("".join),
    st.lists(
        st.sampled_from(["very", "said", "on", "?", "!", "it", "x1", "b_c", "a", "it's", "é"]), min_size=1, max_size=3
    ),
)
def test_word_spans_by_the_kernel_equal_word_spans_by_tokens(text, needle):
    """ASCII sentences find word n-grams with the compiled kernel (training/predict/_spans.pyx); other text,
    or every text without the kernel, tokenises. Both must give the spans of the n-gram's
    tokens, overlapping occurrences included."""
    import training.predict.spans as spans
    from training.text.sentences import Sentence

    if spans._AsciiTokens is None:
        pytest.skip("the compiled kernel is not built (see tests/test_compiled.py)")
    sentence = Sentence(3, 3 + len(text), text)
    by_tokens = spans.SpanFinder(sentence, [])
    by_tokens._ascii = False
    assert spans.SpanFinder(sentence, []).word_spans(tuple(needle)) == by_tokens.word_spans(tuple(needle))
