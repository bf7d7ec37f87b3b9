"""The helper kinds: words matched only so that speech acts can be derived from them.

A claim noun ("the report", "these rumours"), words that introduce a name or a term ("known
as", "the slogan") and words that define the quotation before them ("means", "is a") tell
`model/speechacts.py` what a negation attaches to and what a quotation is. Registered in
`cues.CUE_KINDS` (family "helper"); the entry format is speech_lexicon.py's.
"""

from __future__ import annotations

__all__ = ["HELPER_LEXICON"]

# Kinds matched only to derive the speech acts (speechacts.py): alone they are topic or
# function words ("report", "album", "is a"), so they are neither features nor listed among
# an explanation's cues.
HELPER_LEXICON: dict[str, tuple[str, str]] = {
    "claim_noun": (
        "a word naming a claim, report, accusation or rumour",
        r"""
        claims? | allegations? | accusations? | rumou?rs? | stor(y|ies) | suggestions? | assertions? | speculation
        | theor(y|ies) | narratives? | insinuations? | smears? | reports? | charges?""",
    ),
    "naming_frame": (
        "words that introduce a name, a title or a term (known as, called, the word)",
        r"""
        (known|billed|translated|rendered|spelled|spelt|listed|registered|marketed|released|styled) as | referred to as
        | (called|named|dubbed|nicknamed|termed|titled|entitled|renamed|christened|branded)
        | (word|term|phrase|name|title|slogan|motto|label|nickname|expression|acronym|codename|hashtag|headline
            |banner|sign|caption)s?
        | (album|song|single|track|film|movie|book|novel|series|show|programme|program|play|poem|opera|episode|column
            |documentary|campaign|operation|project|exhibition|festival|brand|scheme|report|study|paper|essay|article
            |magazine|newspaper|website|podcast|game|app|motto|anthem)s?
        | short for | abbreviation (of|for)""",
    ),
    # Matched to derive `quoted_definition`: right after a quotation, these words define it
    # (a “doublet” is a pair of earthquakes...). Alone they are ordinary function words.
    "definition_frame": (
        "words that define the quotation before them (is a, means, refers to)",
        r"""
        (is|are|was|were) (a|an|the|one|any|what|when|how|used|defined|coined|short|slang|jargon)
        | means | meant | refers? to | referred to | describes? | stands? for | denotes""",
    ),
}
