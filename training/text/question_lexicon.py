"""The speech-act kinds of questions: reported, presumptive, and plain.

A question is an insinuation when it takes wrongdoing for granted ("who paid for the
flights?"), but not when it is reported ("reporters asked whether the ceasefire would
hold") or simply asks for information ("What happens next?"): GUIDELINES 3.4, 4.7, 4.8.
Part of `speech_lexicon.ACT_LEXICON` (its format and matching rules apply here).
"""

from __future__ import annotations

__all__ = ["QUESTION_LEXICON", "QUESTION_PARTS"]

_WH = r"(whether|if|why|how|when|what|who|where|which)"
_OPENS = "(?<!.)"  # at the start of the sentence

# The rest of a plain question: up to ten more words and the question mark, and none of the words
# a leading question leans on anywhere before it.
_PLAIN_QUESTION = r"""(?![^?]*\b(not|never|no|nobody|nothing|why|who|exactly|really|actually|suddenly|still|only|anyone
    |somebody|someone|they|them|their|hide|hiding|hidden|secret|secretly|money|paid|pay|afford|knew|know|cover
    |behind|even|you|please|then|seriously|supposed|anybody)\b)(?![^?]*n't\b)([\s,]+[^\s?]+){0,10}\s*\?"""

QUESTION_LEXICON: dict[str, tuple[str, str]] = {
    # Not at the sentence's start: "Asked whether …, the minister said …" is news's frame for
    # an answer, and the answer decides (in the labels 51 of 57 such rows are not insinuations).
    "reported_question": (
        "a question reported or left open, not asked (asked whether, unclear whether)",
        rf"""
        (?<=.)(asked|asks|asking|inquired|enquired) (him |her |them |us |reporters |officials |the \w+ )?{_WH}
        | want(s|ed)? to know {_WH}
        | (unclear|unknown|undecided|uncertain) {_WH}
        | not (yet )?(clear|known|decided) {_WH}
        | (?<=to be )(decided|determined) {_WH}
        | whether or not""",
    ),
    "presumptive_question": (
        "a question that takes wrongdoing for granted (who paid, why has no one)",
        r"""
        why (hasn'?t|haven'?t|didn'?t|isn'?t|wasn'?t|doesn'?t|don'?t|won'?t|wouldn'?t|can'?t|couldn'?t|weren'?t|aren'?t|hadn'?t)
        | why (did|does|do|has|have|had|is|was|were|would|will) (no one|nobody|nothing|the \w+ not|they not|he not
            |she not)
        | why (the|such|all the|all this) (secrecy|silence|rush|hurry|delay)
        | who (paid|pays|benefits|benefited|profits|profited|knew|ordered|approved|authori[sz]ed|signed off|is behind
            |was behind|really|stands to (gain|benefit)|leaked|tipped off|gains|gained|decided|made sure)
        | what (is|are|was|were|did|do|does) (\w+ ){0,3}(hiding|hide|afraid of|covering up|not telling|keeping from)
        | how (much|long) did (\w+ ){0,4}know
        | where did (all )?(the|that|this|their|his|her|its) (\w+ )?(money|cash|funds?|payments?|profits?|donations?)
            go""",
    ),
    # The explainer's and the reader's plain question ("What happens next?", "When will the
    # bridge open?"): an assertion by the guidelines (3.4, 4.8), though most questions in the
    # training rows lead. Short, opening the sentence, and with none of the words a leading
    # question leans on (a negation, why, who, money, hiding, "exactly", "still", "they").
    "information_question": (
        "a short, plain question asking for information (what happens next, when will it open)",
        rf"""
        {_OPENS}what (is|are|does|do|happens|counts|will|would|can|should|changes)\b{_PLAIN_QUESTION}
        | {_OPENS}how (does|do|can|will|would|much|many|long|often)\b{_PLAIN_QUESTION}
        | {_OPENS}where (can|do|does|will|is|are)\b{_PLAIN_QUESTION}
        | {_OPENS}when (will|does|do|is|are|can)\b{_PLAIN_QUESTION}
        | {_OPENS}(which|will|does|do|is|are|can|should)\b{_PLAIN_QUESTION}""",
    ),
}

# Shown by name in an explanation's entry (speech_lexicon.NAMED_PARTS).
QUESTION_PARTS: dict[str, str] = {_WH: "<wh>", _OPENS: "<start> ", _PLAIN_QUESTION: " <plain question>"}
