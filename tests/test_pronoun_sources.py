"""Tests for training/text/pronoun_sources.py: which earlier speaker a pronoun source stands for."""

from __future__ import annotations

import pytest

from tests.pronoun_cases import FOURTH_PRONOUN_CASES, PRONOUN_CASES, SECOND_PRONOUN_CASES, THIRD_PRONOUN_CASES
from training.predict.summary import summarise
from training.text.pronoun_sources import speaker_kind
from training.text.sentences import split_sentences
from training.text.sources import find_sources, speaker


def _refers(text: str) -> list[str | None]:
    return [s.refers_to if s else None for s in find_sources(text, split_sentences(text))]


def test_the_cases_match_the_splitter():
    for case in PRONOUN_CASES + SECOND_PRONOUN_CASES + THIRD_PRONOUN_CASES + FOURTH_PRONOUN_CASES:
        assert len(split_sentences(case["text"])) == len(case["refers"]), case["text"][:80]


def test_no_pronoun_is_given_a_wrong_speaker():
    """Precision first: a pronoun is resolved to the speaker the case names, or left alone."""
    for case in PRONOUN_CASES + SECOND_PRONOUN_CASES + THIRD_PRONOUN_CASES + FOURTH_PRONOUN_CASES:
        for got, want in zip(_refers(case["text"]), case["refers"], strict=True):
            assert got in (want, None), f"{case['text'][:80]}: got {got!r}, want {want!r}"


@pytest.mark.parametrize(
    ("cases", "wanted", "least"),
    [
        (PRONOUN_CASES, 37, 30),
        (SECOND_PRONOUN_CASES, 26, 25),
        (THIRD_PRONOUN_CASES, 42, 35),
        (FOURTH_PRONOUN_CASES, 36, 30),
    ],
)
def test_most_pronouns_are_resolved(cases, wanted, least):
    pairs = [p for c in cases for p in zip(_refers(c["text"]), c["refers"], strict=True) if p[1]]
    right = sum(got == want for got, want in pairs)
    assert len(pairs) == wanted and right >= least, f"{right} of {len(pairs)}"


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Its chief executive, Marta Kellund", "person"),
        ("The chief executive of Norrland Energy, Anders Vikberg", "person"),
        ("Mr Haverty, the landlord", "he"),
        ("The airline’s spokeswoman, Dana Okafor", "she"),
        ("The regional water authority", "org"),
        ("Residents", "group"),
        ("Mira Okonkwo and Tomas Reyes", "group"),
        ("Jonas Pell", "name"),
        ("Calder Road", "unknown"),
    ],
)
def test_speaker_kind(phrase, kind):
    assert speaker_kind(phrase) == kind


def test_a_pronoun_takes_the_last_speaker_it_can_mean():
    text = (
        "The ministry said the talks would resume. Its negotiator, Ms Ilse Varga, said she was hopeful. "
        "“We are close,” she told reporters. It said in a statement that no date was set."
    )
    assert _refers(text) == [None, None, "Its negotiator, Ms Ilse Varga", "The ministry"]


def test_a_speaker_called_she_is_not_a_he_later():
    text = (
        "Kai Nakamura will retire, his coach, Brigitte Vollmer, said. She said he was injured. "
        "He told reporters that he was at peace."
    )
    assert _refers(text) == [None, "his coach, Brigitte Vollmer", None]


def test_it_prefers_an_organisation_to_a_bare_name():
    text = "Castlegate Bank said it had frozen accounts. Lorna Petrie told MPs most were elderly. It said all would reopen."
    assert _refers(text) == [None, None, "Castlegate Bank"]


def test_the_same_pronoun_goes_on_with_the_same_speaker():
    text = "Jonas Pell said the pot grew every year. He said it again on Friday. He added that nobody listened."
    assert _refers(text) == [None, "Jonas Pell", "Jonas Pell"]
    # The same speaker quoted twice is one speaker, not two that a name cannot tell apart.
    text = "Jonas Pell said the pot grew. Jonas Pell said it grew again. He said nobody listened."
    assert _refers(text) == [None, None, "Jonas Pell"]


def test_no_speaker_for_a_person_only_mentioned_or_for_i_and_we():
    assert _refers("Ms Orr was appointed in 2021. She said the plan was sound.") == [None, None]
    assert _refers("The mayor said the plan was sound. We said it was not.") == [None, None]
    # Another man named between the speaker and "he": either could be meant.
    text = "Jonas Pell said the pot grew. The fund was set up by Mr Arne Dahl in 2019. He said it was legal."
    assert _refers(text) == [None, None, None]


def test_span_points_at_the_speaker_and_dict_carries_it():
    text = "Marta Kellund rejected reports that bills would rise. “Untrue,” she said."
    src = find_sources(text, split_sentences(text))[1]
    ref = src.to_dict()["refers_to"]
    assert ref == {"text": "Marta Kellund", "start": 0, "end": 13, "named": True}
    assert text[ref["start"] : ref["end"]] == "Marta Kellund"


def test_summary_and_batch_count_a_resolved_pronoun_for_its_speaker():
    text = "Marta Kellund rejected reports that bills would rise. “Untrue,” she said."
    sources = [s.to_dict() for s in find_sources(text, split_sentences(text))]
    items = [
        {"label": lab, "uncertain": False, "source": s} for lab, s in zip(["denial", "denial"], sources, strict=True)
    ]
    summary = summarise(items, ["assertion", "denial", "insinuation"])
    assert summary["sources"] == [
        {"source": "Marta Kellund", "named": True, "pronoun": False, "assertion": 0, "denial": 2, "insinuation": 0}
    ]
    assert speaker(sources[1]) == ("Marta Kellund", "named")
    assert speaker({"text": "she", "named": False, "pronoun": True, "refers_to": None}) == ("she", "pronoun")
    assert speaker(None) == (None, None)
