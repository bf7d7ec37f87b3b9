"""The word tables and regular expressions of attribution (sources.py), kept apart so that
sources.py reads as the steps of finding a speaker and stays under the module size limit.

They are private to sources.py (hence the underscores), built once at import: the patterns
are compiled here, never per sentence. Tune them with benchmarks/sources_accuracy.py.
"""

from __future__ import annotations

import re


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Verbs that are (nearly) always reporting verbs in news copy.
_STRICT = (
    "said says say told tells wrote writes insisted insists insist claimed claim argued argues argue "
    "warned warns warn denied denies deny announced confirmed tweeted alleged allege asserted "
    "testified declared conceded acknowledged admitted admit countered contended contend stressed "
    "cautioned vowed vows pledged reported described"
)
# Verbs with common non-reporting uses ("added 300 jobs", "posted a loss"): they count only
# when followed by "that", a colon, a quote or the end of the clause, or when inverted.
_LOOSE = (
    "added adds posted noted stated explained maintained suggested replied responded "
    "recalled predicted complained emphasised emphasized asked claims confirms maintains"
)
_LOOSE_SET = _words(_LOOSE)
# Verbs of rebuttal ("rejected", "disputed", and "called" as in "called the report a fantasy"):
# a speaker's act only when what they reject is a claim, a report or what was just said
# ("rejected the claims", "disputed that"); "MPs rejected the bill", "the judge dismissed the
# case" and "the mayor called a meeting" are votes, rulings and acts, not speech.
_REBUT = (
    "rejected rejects dismissed dismisses disputed disputes refuted refutes rebutted rebuts contested contests "
    "called calls"
)
_REBUT_SET = _words(_REBUT)
# What a rebuttal verb must take to be speech: "that", "it", or a claim noun with or without a
# determiner ("rejected the claims", "rejected reports that", "disputed figures published by the
# union", "dismissed speculation that"). "MPs rejected the bill" and "the judge dismissed the
# case" take no claim noun.
_REBUT_OK = re.compile(
    r"\s+(?i:(?:(?:strongly|firmly|flatly|angrily|repeatedly|again|also|swiftly|quickly)\s+)?"
    r"(?:(?:that|this|it|them)(?=\s*(?:[,.;:!?\"”—–]|$|as\b|outright\b))"
    r"|(?:(?:the|a|an|such|any|all|this|that|these|those|his|her|their|its|our)\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:claims?|allegations?|accusations?|reports?|suggestions?|figures?|stor(?:y|ies)|"
    r"rumou?rs?|charges?|criticisms?|findings?|accounts?|assertions?|characteri[sz]ations?|theory|theories|"
    r"version|idea|notion|comparison|description|speculation|estimates?|toll|portrayal|interpretation|"
    r"demands?|calls))\b)"
)


def _cue_pattern() -> re.Pattern:
    """A reporting verb or "according to" (any case), as whole words. Each alternative
    starts with a plain letter and checks the word boundary after it: then `re` skips to
    the letters that can start a cue instead of trying ~85 alternatives at every
    character, which made the search a third of attribution's time."""
    phrases = [
        "was quoted as saying",
        "were quoted as saying",
        *sorted((_STRICT + " " + _LOOSE + " " + _REBUT).split(), key=len, reverse=True),
    ]
    by_letter: dict[str, list[str]] = {}
    for p in phrases:
        by_letter.setdefault(p[0], []).append(re.escape(p[1:]))
    assert not any(p.endswith("to") for p in phrases)  # sources._is_according relies on it
    alts = [rf"{c}(?<!\w{c})(?i:ccording\s+to)" for c in "aA"]
    alts += [rf"{c}(?<!\w{c})(?:{'|'.join(rest)})" for c, rest in by_letter.items()]
    return re.compile(rf"(?:{'|'.join(alts)})\b")


_CUE = _cue_pattern()

_LOOSE_OK = re.compile(
    r"(?:\s+(?:on|in|at|to|via|with|during|throughout|for|since|over)\b[^,.:;\"“”#]{0,40}?)?\s*(?:that\b|[:,.;!?\"“#]|$)"
    r"|\s+(?:a|an|its|his|her|their)\s+(?:statement|message|video|post|note|letter|comment)s?\b"
)

_AUX = _words(
    "is was were are be been being am will would can could should may might must shall did does do has have had 's"
)
# A word right before the cue that rules it out: "the said contract", "was told", "would say".
_BLOCK_PREV = _words(
    "the a an this said aforesaid was were is are be been being to not would could "
    "can will should might may must did does do let n't never"
)
# "said goodbye" is not a report of speech.
_IDIOM = _words("goodbye farewell hello grace prayers cheese")
# Words between a subject and its verb: "has also said", "later told".
_SKIP_WORD = re.compile(
    r"(?i:has|have|had|also|later|previously|repeatedly|again|earlier|"
    r"separately|publicly|privately|then|flatly|strongly|firmly|vehemently|angrily|"
    r"quickly|recently|once|reportedly|allegedly|initially|subsequently|now|still|"
    r"further|immediately|simply|openly|already|never|always|often|long|first|"
    r"repeatedly|herself|himself|themselves|itself|only|just|merely|even|yesterday|"
    r"today|tonight|somewhat|rather|quite|very|fairly)"
)
# Lower-case words in -ly that are nouns, not adverbs: "the family said", "a US ally said".
_LY_WORD = re.compile(r"[a-z]{3,}ly")
_LY_NOUNS = _words(
    "family ally assembly rally daily weekly monthly quarterly fortnightly supply monopoly "
    "anomaly bully homily folly lily belly jelly holly tally elderly melancholy"
)
# A time phrase between a subject and its verb: "officials on Tuesday said", "... this week only said".
_TIME_LEAD = _words("this last next on late early earlier")
_TIME_NOUN = _words(
    "monday tuesday wednesday thursday friday saturday sunday week weekend month year "
    "morning afternoon evening night spring summer autumn winter"
)

# Where a clause starts, scanning back from the verb: quotes (masked), punctuation, conjunctions.
_CLAUSE = re.compile(
    r"[\"“”#;:()\[\]—–]|\s-\s|\b(?i:that|which|what|how|why|whether|where|when|while|"
    r"because|although|though|but|(?<!such )as|if|after|before|since|until|unless|than|so|then|yet)\s"
)
_LEAD = re.compile(
    r"(?i:(?:and|but|yet|so|still|however|meanwhile|now|later|earlier|separately|instead|also|"
    r"indeed|finally|previously|(?:on|last|this|late on|early on) (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|week|weekend|month|year|night|morning|afternoon|evening|spring|summer|"
    r"autumn|winter))\s+)+"
)
# A relative clause or aside that is not part of the tight noun phrase.
_REL = re.compile(
    r",?\s+(?:who|whom|whose|which|speaking|writing|citing|adding)\b|,\s*(?!including\b)[a-z]+(?:ed|ing)\b"
    r"|,\s*(?:\d|aged\b|in\s|on\s|at\s|however\b|meanwhile\b|though\b|too\b)"
    r"|,\s*for\s+(?:his|her|its|their|our|my|your)\s+part\b"  # "The minister, for his part, said"
    r"|,\s*(?:now|then|once|still|formerly|later)\s"  # "The midwife, now retired to the coast, said"
    r"|\s+(?:seen|obtained|reviewed)\s+by\b"  # "an audit seen by the paper": the paper is not the source
)
# Where a noun phrase that follows its verb ("..., said X in a statement.") ends.
_AFTER_END = re.compile(
    r"\s+(?i:in (?:a|an|his|her|their|its)\s|(?:late |early )?on (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|social media|twitter|x\b|facebook|telegram|instagram|linkedin|youtube|tiktok|substack|"
    r"bluesky|threads|his|her|their|its|television|tv|radio|air)|at (?:a|an|the) (?:news|press|briefing|conference|rally|hearing|meeting|"
    r"summit|event)|during|after|before|when|while|as|last|this|earlier|yesterday|today|citing|told|that|"
    r"outside|inside|near|beside|opposite)\b"  # "asked one protester| outside the town hall"
    r"|,\s*(?:adding|who|which|whose|speaking|citing|according|referring|before|after|as|when|while|"
    r"in|on|but|and)\b|[;:\"“”#(]|[.!?]+\s*$|\s*$"
)
_PUNCT_END = re.compile(r"[,;:\"“”#(]|[.!?]+\s*$|\s*$")
# "according to plan" is not attribution.
_NOT_SOURCE = re.compile(
    r"(?i:plan|schedule|tradition|custom|need|size|age|type|taste|rank|"
    r"(?:the|our|their|its|his|her) (?:plan|schedule|rules?|law|terms|script|"
    r"agreement|contract|budget|timetable|manual|recipe|instructions|book|data))\b"
)

# Anonymity: explicit markers, or a generic head noun with no name attached.
_ANON_MARK = re.compile(
    r"(?i)\b(?:unnamed|anonymous\w*|anonymity|unidentified|to be (?:named|identified)|"
    r"not authori[sz]ed|familiar with|close to|briefed on|with (?:direct )?knowledge of|"
    r"knowledgeable)\b"
)
_GENERIC = _words(
    "source sources official officials people person persons insider insiders critic critics "
    "observer observers analyst analysts expert experts diplomat diplomats aide aides someone "
    "somebody witness witnesses resident residents employee employees staff staffer staffers groups"
)
# Bare plurals of people ("engineers warned") are unnamed groups too.
_PEOPLE_PLURAL = re.compile(r"[a-z-]+(?:ers|ors|ists|ians|ents|ants|ees|ics|ives|ans|men|women)$")
# "a police spokeswoman", "a statement from the ministry": an indefinite voice of a named body.
_INDEF_OK = re.compile(
    r"(?i)spokes\w*|statement|report|document|memo|letter|study|survey|filing|post|"
    r"video|message|email|analysis|audit|poll|release|transcript|recording|court"
)
_INDEF = _words("a an one two three four five several some many other another few")
_DET = _INDEF | _words("the his her its their our my this that these those")
_HEAD_END = re.compile(
    r"\s+(?:of|in|at|for|from|with|on|to|who|which|that|close|familiar|briefed|"
    r"speaking|under|inside|within|across|by|involved|aware|knowledgeable|released|"
    r"published|seen|near|outside|around|along|beside|behind)\b"
)

_BAD_FIRST = _words("who which that what to of in on at for by with from about whether if having")
_PRONOUNS = _words("i you he she it we they")
# "added to the confusion" increases something; it reports nothing.
_ADDED_TO = re.compile(r"(?i:add(?:ed|s)\s+to)\b")
# Heads of phrases that name what happened, not who spoke: "Two developments this week
# confirmed the trend". A quantifier hands the head to the noun after "of".
_NOT_SPEAKER = _words(
    "development developments event events change changes move moves incident incidents "
    "thing things factor factors trend trends sign signs step steps measure measures "
    "day days week weeks month months year years"
)
_QUANTIFIER = _words("couple number lot lots handful series pair range host string few dozen dozens")

# Quotations: curly pairs and straight pairs; an unclosed quote runs to the paragraph end.
# Either closing mark ends either opening one: mixed marks are a common copy-editing slip.
_QUOTE = re.compile(r"[“\"](?:[^“”\"\n]|\n(?!\s*\n))*[”\"]?")
