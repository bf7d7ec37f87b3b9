import json

import numpy as np
import pytest
from scipy import sparse

from training.cli import main
from training.fit.labelcheck import _similar, check_labels, corpus_shape, normalise

from .conftest import LABELS


def test_project_labels_pass_the_checks():
    report = check_labels([LABELS])
    assert report["errors"] == []
    train = report["train"]
    assert train["rows"] >= 3000
    assert all(n >= 800 for n in train["labels"].values()) and len(train["labels"]) == 3
    assert len(train["domains"]) >= 12 and len(train["registers"]) >= 5
    assert report["test"]["rows"] > 0 and report["cross_split_pairs"] == 0
    # The shape that keeps a model from reading negation and denial words as denial (issue #14).
    assert {k: t["meets"] for k, t in report["shape"]["train"]["targets"].items()} == {
        "negation_denial_share": True,
        "denial_word_denial_share": True,
        "mean_words": True,
    }
    families = (
        "authorial_negation",
        "denial_word_no_denial",
        "long_denial",
        "past_denial_reversal",
        "evaluative_commentary",
        "quotation_marks",
        "hedged_forecast",
        "minimal_pair",
    )
    assert {f: train["hard_cases"].get(f, 0) >= 100 for f in families} == dict.fromkeys(families, True)
    assert report["minimal_pairs"] >= 300
    registers = ("news_analysis", "wire_report", "feature", "explainer", "editorial", "long_reported_speech")
    assert all(train["registers"].get(r, 0) >= 100 for r in registers)


def test_normalise_ignores_case_names_numbers_punctuation():
    assert normalise("The Mayor of Dalvenport said 42 people came!") == normalise(
        "the Mayor of Brimley said 7 people came"
    )


def test_finds_duplicates_leaks_and_bad_rows(tmp_path, capsys):
    (tmp_path / "train.jsonl").write_text(
        '{"text": "The council approved the new budget on Monday.", "label": "assertion"}\n'
        '{"text": "The council approved the new budget on Tuesday!", "label": "assertion"}\n'
        '{"text": "Officials rejected the claims outright as baseless.", "label": "denial"}\n'
        '{"text": "", "label": "denial"}\n',
        encoding="utf-8",
    )
    (tmp_path / "test.jsonl").write_text(
        '{"text": "Officials rejected the claims outright as baseless", "label": "denial"}\n'
        '{"text": "Who paid for the trip, then?", "label": "gossip"}\n',
        encoding="utf-8",
    )
    r = check_labels([tmp_path])
    assert r["near_duplicates"] == 1 and r["cross_split_pairs"] == 1
    text = "\n".join(r["errors"])
    assert "train.jsonl:4" in text and "'gossip'" in text and "test.jsonl:1" in text
    assert main(["labels", "check", str(tmp_path)]) == 1
    assert "errors" in capsys.readouterr().out


def test_corpus_shape_folds_typographic_apostrophes(tmp_path):
    rows = [
        ("The mayor hasn\u2019t seen the report and was not at the meeting yesterday.", "assertion"),
        ("The ministry denied that the drones had ever been used near the border.", "denial"),
        ("MPs rejected the bill by a wide margin after a long debate on Tuesday.", "assertion"),
        ("The company said the claim was false.", "denial"),
        ("Who paid for the trip to the coast in the end?", "insinuation"),
    ]
    (tmp_path / "train.jsonl").write_text(
        "".join(json.dumps({"text": t, "label": lab}) + "\n" for t, lab in rows), encoding="utf-8"
    )
    shape = check_labels([tmp_path])["shape"]["train"]
    assert shape["negation_rows"] == 1 and shape["negation_denial_share"] == 0.0  # "hasn’t" and "not": one row
    assert shape["denial_word_rows"] == 3 and shape["denial_word_denial_share"] == pytest.approx(2 / 3)
    lengths = [len(t.split()) for t, _ in rows]
    assert shape["mean_words"] == pytest.approx(sum(lengths) / 5) and shape["median_words"] == sorted(lengths)[2]
    assert shape["share_over_30_words"] == 0.0
    assert shape["question_rows"] == 1 and shape["question_insinuation_share"] == 1.0
    assert shape["targets"]["denial_word_denial_share"] == {"target": "<= 0.6", "meets": False}
    assert shape["targets"]["negation_denial_share"]["meets"] and not shape["targets"]["mean_words"]["meets"]
    assert corpus_shape([])["negation_denial_share"] is None


def test_minimal_pairs_are_alike_on_purpose_but_must_differ_in_label(tmp_path, capsys):
    base = (
        "The ministry has now {} the grain export figures that the statistics agency published on Monday, a "
        "spokeswoman for the agency said in a short statement to reporters."
    )
    rows = [
        {"text": base.format("confirmed"), "label": "assertion", "pair": "p1", "lang": "en"},
        {"text": base.format("disputed"), "label": "denial", "pair": "p1", "lang": "en"},
        {
            "text": "The council approved the new budget for the harbour district on Monday evening.",
            "label": "assertion",
            "pair": "p2",
        },
        {
            "text": "The council approved the new budget for the harbour district on Monday night.",
            "label": "assertion",
            "pair": "p2",
        },
        {"text": "Where did the money for the stadium come from?", "label": "insinuation", "pair": "p3"},
    ]
    (tmp_path / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    r = check_labels([tmp_path])
    assert r["minimal_pairs"] == 3
    errors = "\n".join(r["errors"])
    assert "p1" not in errors  # two versions, two labels: a well-formed pair, not a near-duplicate
    assert "minimal pair 'p2': expected two different labels, found 'assertion' twice" in errors
    assert "minimal pair 'p3': expected 2 rows, found 1" in errors
    for row in rows[:2]:
        del row["pair"]  # without the pair ids, the same two rows are near-duplicates
    (tmp_path / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert check_labels([tmp_path])["near_duplicates"] == 1
    assert main(["labels", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "minimal pairs 2" in out and "rows with a negation word are denials" in out


def test_similar_pairs_are_those_of_the_full_product_whatever_the_block():
    """Each block meets only the rows from its own first on: every pair i < j is still found once."""
    rng = np.random.default_rng(3)
    X = sparse.random(40, 15, density=0.3, random_state=rng, format="csr")
    X = sparse.csr_matrix(X.multiply(1 / np.sqrt(X.multiply(X).sum(axis=1) + 1e-12)))
    full = (X @ X.T).toarray()
    want = {(i, j) for i in range(40) for j in range(i + 1, 40) if full[i, j] >= 0.5}
    assert want
    for block in (1, 3, 7, 40, 512):
        got = [(i, j) for i, j, _ in _similar(X, 0.5, block=block)]
        assert sorted(got) == sorted(want) and len(got) == len(set(got))
