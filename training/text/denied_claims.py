"""What a denial denies: the words of a sentence that state the rejected claim.

An analyst tracking a rumour needs more than "denial": which claim was rejected. News puts it
in a few places, and these patterns find it there:

- after a verb of denying, its that-clause or its object: "denied that [the audit was
  cancelled]", "rejected [reports that the rise would pay for bonuses]", "denies [any
  wrongdoing]", "denied [taking the files]";
  (the verbs: deny, reject, dismiss, refute, rebut, dispute, contest, rebuff, repudiate, brush
  aside, push back against, pour cold water on; not negated: "did not deny that" denies nothing);
- before a word that calls it false, or a passive denial: "[Claims that the reactor leaked] are
  baseless", "[Claims of vote-rigging] have been rejected by the commission";
- after "no truth in": "there is no truth in [reports that the club is for sale]".

The claim ends where the sentence turns to something else: ", saying ...", ", calling them
...", "as nonsense", ", but ...", the attribution (", the ministry said"), a closing quote. A
bare pronoun ("denied it") or a bare "the claim" states nothing, so no claim is given; nor for
a verb that takes no claim ("denied entry", "rejected the bill": no claim noun). Spans are
offsets into the submitted text, as every span in a response is.
"""

from __future__ import annotations

import re

__all__ = ["denied_claim"]

_ADVERBS = (
    r"(?:(?:flatly|strongly|firmly|categorically|vehemently|angrily|repeatedly|again|also|swiftly|quickly|"
    r"emphatically|publicly|consistently|always|previously|immediately|further|fiercely|furiously|once again|"
    r"on \w+day|in a statement|outright|as (?:[“\"‘][^”\"’]{1,40}[”\"’]|(?:false|untrue|baseless|unfounded|groundless|"
    r"nonsense|inaccurate|wrong)))\s+)*"
)
_CLAIM_NOUN = (
    r"(?:claims?|allegations?|accusations?|reports?|suggestions?|rumou?rs?|stor(?:y|ies)|assertions?|"
    r"speculation|charges?|theory|theories|notion|idea|insinuations?|speculations?|figures?|account|accounts|"
    r"statements?|comments?|fears|findings?|conclusions?|criticisms?|assessments?|verdicts?|characteri[sz]ations?|"
    r"portrayals?|estimates?|forecasts?|predictions?)"
)
_DENY = r"\b(?:den(?:y|ies|ied|ying))"
_REBUT = (
    r"\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?|disput(?:e|es|ed|ing)"
    r"|contest(?:s|ed|ing)?|rebuff(?:s|ed|ing)?|repudiat(?:e|es|ed|ing)|brush(?:es|ed|ing)?\s+(?:aside|off)"
    r"|push(?:es|ed|ing)?\s+back\s+(?:against|on)|pour(?:s|ed|ing)?\s+cold\s+water\s+on)"
)
# "was denied bail", "is rejected by": a passive names no one who denies ("is denying" does).
_NOT_PASSIVE = r"(?:(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )|(?=\w+ing\b))"
# "did not deny that ...", "never disputed ...": nothing is denied.
_NOT_NEGATED = r"(?<!\bnot )(?<!n't )(?<!n’t )(?<!\bnever )(?<!\bnor )"
# Objects of "deny" that are not claims: what was refused ("denied entry", "denied bail").
_REFUSED = (
    r"(?:entry|bail|access|permission|a visa|visas|the right|rights|parole|boarding|service|treatment|funding|"
    r"admission|asylum|a licence|a license|a permit|permits|him|her|them|us|me|you)\b"
)
# "that" opening a clause, not pointing back: "rejected that suggestion" (a singular noun after
# it) is the object pattern's, and states nothing.
_THAT = (
    r"that\s+(?!(?:claim|allegation|accusation|report|suggestion|rumou?r|story|assertion|charge|theory|notion|idea|"
    r"account|statement|comment|version|figure|speculation)\b)"
)
_OBJECT = rf"(?:(?:the|a|an|any|all|such|these|those|his|her|their|its|our)\s+)?(?:[\w'’-]+\s+){{0,3}}?{_CLAIM_NOUN}\b"
_FALSE = (
    r"(?:false|untrue|baseless|unfounded|groundless|wrong|incorrect|inaccurate|nonsense|a lie|lies|a fabrication|"
    r"fabricated|not true|misleading|rubbish|fiction|fake|without foundation|without basis|made up|made-up|invented|"
    r"overblown|exaggerated|a myth|a hoax|(?:a|an)\s+(?:complete\s+|total\s+|utter\s+|pure\s+|outright\s+|blatant\s+|"
    r"malicious\s+|deliberate\s+)?(?:fabrication|lie|invention|fiction|fantasy|falsehood))\b"
)
_INTENSIFIER = (
    r"(?:(?:simply|completely|utterly|entirely|totally|wholly|absolutely|patently|categorically|just|also|plainly|"
    r"clearly)\s+)?"
)
_VERB = rf"{_NOT_PASSIVE}{_NOT_NEGATED}(?:{_DENY}|{_REBUT})\s+{_ADVERBS}"
# Each with whether what it finds is an object (a noun phrase) rather than a clause, and
# whether it starts at a verb of denying (matched only where _verb_starts finds one).
_PATTERNS = [
    (re.compile(rf"{_VERB}{_THAT}(?P<claim>.+)", re.I), False, True),
    (re.compile(rf"{_VERB}(?P<claim>{_OBJECT}.*)", re.I), True, True),
    (
        re.compile(rf"{_NOT_PASSIVE}{_NOT_NEGATED}{_DENY}\s+{_ADVERBS}(?!that\b|{_REFUSED})(?P<claim>.+)", re.I),
        True,
        True,
    ),
    (re.compile(r"\bno truth (?:whatsoever |at all )?(?:in|to)\s+(?P<claim>.+)", re.I), True, False),
    (
        re.compile(
            rf"\b(?:it\s+(?:is|was|were|has been)\s+{_INTENSIFIER}(?:not true|untrue|false|wrong|incorrect|nonsense)"
            r"|not true)\s+that\s+(?P<claim>.+)",
            re.I,
        ),
        False,
        False,
    ),
]
# A claim called false or denied in the passive: its subject, from the start of the sentence,
# a quote, "that" or a reporting verb ("a spokeswoman said [the allegations] were without
# foundation", "[claims of vote-rigging] have been rejected by the commission").
_CALLED_FALSE = re.compile(
    r"(?:^|[“\"‘]\s*|\bthat\s+|,\s*|\b(?:said|says|insisted|insists|stated|added|told \w+)\s+(?:that\s+)?)"
    rf"(?P<claim>(?:(?:the|these|those|such|any|all)\s+)?(?:[\w'’-]+\s+){{0,2}}?{_CLAIM_NOUN}\b[^.;!?“”\"]*?)"
    rf"\s+(?:(?:is|are|was|were)\s+[“\"‘]?{_INTENSIFIER}[“\"‘]?{_FALSE}"
    rf"|(?:is|are|was|were|has been|have been|had been)\s+{_ADVERBS}(?:{_DENY}|{_REBUT})\b)",
    re.I,
)
# Where a claim ends: the sentence turning to something else.
_END = re.compile(
    r",\s*(?:saying|calling|describing|adding|insisting|telling|arguing|noting|citing|pointing|blaming|accusing|"
    r"branding|dismissing|explaining|stressing|claiming)\b"
    r"|,?\s+(?:but|though|although|while|whereas)\b"
    r"|\s+and\s+(?:says|said|will|would|has|have|had|is|was|are|were|insist\w*|vow\w*|add\w*|promis\w*|"
    r"plan\w*|intend\w*|call\w*|urg\w*|accus\w*|describ\w*|blam\w*|threaten\w*)\b"
    r"|,\s*according to\b"
    r"|,\s*[^,]{1,60}?\b(?:said|says|added|told|insisted|stated|wrote|confirmed|heard|reported|warned|"
    r"announced)\b[^,]*$"
    r"|\s+as\s+(?=[“\"‘]|(?:a|an|pure|simply|mere|just|complete|utter|total|politically|nonsense|rubbish|"
    r"speculation|fiction|lies|false|untrue|baseless|unfounded|groundless|absurd|ridiculous|fantasy|"
    r"scaremongering|\w+ly)\b)"
    r"|[,.;:!?]?\s*[”\"](?!\w)"
    r"|\s+[—–]\s"
    r"|[.;!?]\s*$"
)
# When, where and how the denial itself happened, after an object: "denied the allegations on
# Tuesday", "denied any wrongdoing after documents emerged", "rejected the claim outright". Not
# cut from a claim with a that-clause, where they may be the claim's ("would close on Monday").
_WHEN = re.compile(
    r"\s+(?:(?:on|last|this|late on|early on|earlier this|later)\s+(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|week|weekend|month|year|night|morning|afternoon|evening)\b.*$"
    r"|(?:after|when|as|ahead of|before|outside|during|within|at a|in (?:a|an|the|his|her|its|their)\s+(?:\w+\s+)?"
    r"(?:statement|interview|post|letter|speech|video|message|briefing|radio|television))\b.*$"
    r"|(?:outright|flatly|categorically|again|strongly|completely|entirely|immediately|absolutely|totally|firmly|"
    r"vigorously|strenuously|publicly|repeatedly|swiftly|quickly|emphatically|angrily|robustly|forcefully))$",
    re.I,
)
# Objects that point back instead of stating a claim.
_EMPTY = re.compile(
    rf"(?:it|this|that|them|these|those|everything|all of it|any of it|any of this|the claims?|the stor(?:y|ies)|"
    rf"(?:that|this|these|those)\s+{_CLAIM_NOUN})",
    re.I,
)


# Cheap substring checks before the patterns: most sentences, denials included ("the clinic
# isn't closing"), hold none of these stems, and the patterns cost ~50 us a sentence (a
# case-blind search of _FALSE alone costs 20). Every word the patterns start from has one.
_FALSE_STEMS = (
    "false",
    "untrue",
    "baseless",
    "unfounded",
    "groundless",
    "wrong",
    "incorrect",
    "inaccurate",
    "nonsense",
    "lie",
    "fabricat",
    "not true",
    "misleading",
    "rubbish",
    "fiction",
    "fake",
    "foundation",
    "basis",
    "made up",
    "made-up",
    "invent",
    "overblown",
    "exaggerat",
    "myth",
    "hoax",
    "fantasy",
)
_VERB_STEMS = (
    "deny",
    "deni",
    "reject",
    "dismiss",
    "refut",
    "rebut",
    "disput",
    "contest",
    "rebuff",
    "repudiat",
    "brush",
    "push",
    "pour",
)


def _object_end(sentence: str, a: int, b: int) -> int:
    """Where an object claim ends once the denial's own time, place and manner are cut off; a
    clause (a that-clause, an -ing clause) keeps them, as they may be the claim's."""
    claim = sentence[a:b]
    if re.search(r"\S\s+that\b", claim) or re.match(r"(?:\w+ly\s+)?(?:ever\s+|having\s+)?\w+ing\b", claim):
        return b
    when = _WHEN.search(sentence, a, b)
    return when.start() if when else b


def _verb_starts(sentence: str, low: str) -> list[int]:
    """Where a verb of denying may start: its stems at a word's start. Matching the patterns
    there, not searching the whole sentence, costs under a third (their case-blind alternations
    and look-behinds are tried at every character by a search)."""
    if len(low) != len(sentence):  # a character whose lower case is longer: offsets would drift
        return list(range(len(sentence)))
    starts = set()
    for stem in _VERB_STEMS:
        i = low.find(stem)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                starts.add(i)
            i = low.find(stem, i + 1)
    return sorted(starts)


def _claim_span(sentence: str, low: str) -> tuple[int, int] | None:
    if found := _CALLED_FALSE.search(sentence):
        return found.span("claim")
    starts = _verb_starts(sentence, low)
    for pattern, is_object, anchored in _PATTERNS:
        m = (
            next(filter(None, (pattern.match(sentence, i) for i in starts)), None)
            if anchored
            else pattern.search(sentence)
        )
        if m:
            a = m.start("claim")
            cut = _END.search(sentence, a)
            b = cut.start() if cut else len(sentence)
            while b > a and sentence[b - 1] in ' \t\n,.;:!?”"’':
                b -= 1
            return a, _object_end(sentence, a, b) if is_object else b
    return None


def denied_claim(text: str, start: int = 0, end: int | None = None) -> dict | None:
    """{"text", "start", "end"} of the claim the sentence text[start:end] rejects, or None."""
    sentence = text[start:end]
    low = sentence.lower()
    called_false = any(stem in low for stem in _FALSE_STEMS)
    if not called_false and "truth" not in low and not any(stem in low for stem in _VERB_STEMS):
        return None
    span = _claim_span(sentence, low)
    if span is None:
        return None
    a, b = span
    claim = sentence[a:b]
    if not claim or _EMPTY.fullmatch(claim):
        return None
    return {"text": claim, "start": start + a, "end": start + b}
