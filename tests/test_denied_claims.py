"""Tests for training/text/denied_claims.py: the words that state what a denial denies."""

from __future__ import annotations

import pytest

from tests.claim_cases import CLAIM_CASES, FOURTH_CLAIM_CASES, SECOND_CLAIM_CASES, THIRD_CLAIM_CASES
from training.text.denied_claims import denied_claim


@pytest.mark.parametrize("case", CLAIM_CASES, ids=lambda c: c["text"][:40])
def test_the_case_table(case):
    got = denied_claim(case["text"])
    assert (got["text"] if got else None) == case["claim"]


@pytest.mark.parametrize(
    "case", SECOND_CLAIM_CASES + THIRD_CLAIM_CASES + FOURTH_CLAIM_CASES, ids=lambda c: c["text"][:40]
)
def test_the_later_cases_find_the_claim_where_there_is_one(case):
    """No claim where none is stated, none missed, and a span that may differ from the case's only
    at its end (where a trailing phrase attaches: "made by a former co-star [in a newspaper
    interview]"). benchmarks/denied_claims_accuracy.py counts the exact matches."""
    got = denied_claim(case["text"])
    got, want = (got["text"] if got else None), case["claim"]
    assert (got is None) == (want is None)
    assert got is None or want.startswith(got) or got.startswith(want)


@pytest.mark.parametrize(
    "text",
    [
        "He was denied bail and will stay in custody until the trial.",  # a refusal, not a denial
        "MPs rejected the bill by 212 votes to 180.",  # a vote
        "The court dismissed the case on Friday.",  # a ruling
        "The company denied it.",  # points back, states nothing
        "“Absolutely not,” she said.",
        "Cazalet rejected that suggestion, telling the court he had spoken to investigators.",  # points back
    ],
)
def test_no_claim_where_none_is_stated(text):
    assert denied_claim(text) is None


def test_the_span_points_into_the_full_text_and_stops_where_the_sentence_turns():
    text = (
        "Bills will rise in April. Its chief executive rejected reports that the rise would pay for bonuses, "
        "calling them “simply untrue”."
    )
    start = text.index("Its")
    got = denied_claim(text, start, len(text))
    assert got["text"] == "reports that the rise would pay for bonuses"
    assert text[got["start"] : got["end"]] == got["text"]


def test_time_of_the_denial_is_cut_but_not_the_claims_own():
    assert denied_claim("The minister denied the allegations on Tuesday.")["text"] == "the allegations"
    got = denied_claim("The firm denied reports that the plant would close on Monday.")
    assert got["text"] == "reports that the plant would close on Monday"


def test_typographic_apostrophes_do_not_end_a_claim():
    got = denied_claim("The leader dismissed claims on a residents’ forum that the vote had been settled.")
    assert got["text"] == "claims on a residents’ forum that the vote had been settled"


def test_a_progressive_denial_is_not_a_passive():
    assert denied_claim("The company is denying that it sold any data.")["text"] == "it sold any data"
    assert denied_claim("The plan was rejected by the council.") is None
