import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from training.text.normalise import fold
from training.text.sentences import split_sentences

CASES = [
    (
        "Mr. Smith went to Washington. He met Dr. Lee at 9 a.m. on Monday.",
        ["Mr. Smith went to Washington.", "He met Dr. Lee at 9 a.m. on Monday."],
    ),
    ("Prices rose 3.5% to $1.2bn. Then they fell!", ["Prices rose 3.5% to $1.2bn.", "Then they fell!"]),
    ('He said "it is over." Nobody agreed.', ['He said "it is over."', "Nobody agreed."]),
    ("Gen. Okafor denied it. The U.S. Army did not.", ["Gen. Okafor denied it.", "The U.S. Army did not."]),
    ("Talks ended at 5 p.m. The deal collapsed.", ["Talks ended at 5 p.m.", "The deal collapsed."]),
    ("Why now? Who benefits! Fine.", ["Why now?", "Who benefits!", "Fine."]),
    ("Wait... what happened next", ["Wait... what happened next"]),
    ("It ended... The rest is history.", ["It ended...", "The rest is history."]),
    (
        "Headline without a stop\nFirst paragraph here.\n\nSecond paragraph",
        ["Headline without a stop", "First paragraph here.", "Second paragraph"],
    ),
    ("a wrapped line\ncontinues here. Done", ["a wrapped line\ncontinues here.", "Done"]),
    ("No final punctuation", ["No final punctuation"]),
    (
        "\u201cIt is false,\u201d the minister said. Then he left.",
        ["\u201cIt is false,\u201d the minister said.", "Then he left."],
    ),
    ("J. K. Rowling wrote it. Fine.", ["J. K. Rowling wrote it.", "Fine."]),
    # page and article numbers, "incl.", and a quotation opening after "Ltd."
    ("The audit (p. 14) lists firms, incl. Acme. Fine.", ["The audit (p. 14) lists firms, incl. Acme.", "Fine."]),
    ("See Art. 5 of the treaty. Done.", ["See Art. 5 of the treaty.", "Done."]),
    (
        "It went to Borex Ltd. \u201cIs that a coincidence?\u201d she asked.",
        ["It went to Borex Ltd.", "\u201cIs that a coincidence?\u201d she asked."],
    ),
    ("The U.S. \u201cPatriot\u201d missile is old.", ["The U.S. \u201cPatriot\u201d missile is old."]),
    ("", []),
    ("   \n\t ", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_split_table(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_spans_slice_text_exactly(text):
    sents = split_sentences(text)
    last = 0
    for s in sents:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        last = s.end
    # nothing but white space is lost between sentences, and the invisible characters folding
    # drops (a soft hyphen or a zero-width space between two lines)
    covered = "".join(text[a.end : b.start] for a, b in zip(sents, sents[1:], strict=False))
    assert fold(covered).strip() == ""


@given(
    st.lists(
        st.sampled_from(["The minister spoke.", "Dr. Ruiz said 3.5% is fine?", "\u201cNo!\u201d", "why tho", "\n\n"]),
        max_size=12,
    )
)
def test_spans_on_sentence_like_text(parts):
    text = " ".join(parts)
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Dr", "U.S", "a", " ", "\n", "\t", '"', "(", "\u201c", "x", ".", "abcdefghij", "\u00a0"]),
        max_size=10,
    ).map("".join)
)
def test_word_before_a_dot_is_what_the_anchored_pattern_finds(text):
    """_word_before scans back by hand; the plain form is an end-anchored search."""
    import re

    from training.text.sentences import _word_before

    plain = re.compile(r"([^\s\"'(\[\u201c\u2018]+)$")
    for dot in range(len(text) + 1):
        m = plain.search(text, max(0, dot - 20), dot)
        assert _word_before(text, dot) == (m.group(1) if m else "")
