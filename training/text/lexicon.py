"""The cue lexicon: every cue kind as one readable table of entries.

Each kind is a list of entries (regular expressions over words, matched case
insensitively on word boundaries, in folded text: see normalise.py). cue_scan.py matches
them; `CueFeaturizer` counts the kinds of family "cue" (`CUE_FAMILY`) as features, and
model/speechacts.py turns the kinds of family "act" (from speech_lexicon.py) into its own.
Kind names are stored in pickled models: rename one and those models need retraining.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from training.text.helper_lexicon import HELPER_LEXICON
from training.text.speech_lexicon import ACT_LEXICON, NAMED_PARTS

__all__ = ["CUE_FAMILY", "CUE_KINDS", "KIND_COLUMN", "CueKind", "readable_entry"]


@dataclass(frozen=True)
class CueKind:
    name: str
    description: str
    entries: tuple[str, ...]
    bounded: bool = True  # wrap entries in word boundaries
    # "cue": a `CueFeaturizer` feature; "act": a speech act (model/speechacts.py); "helper": matched
    # only to derive speech acts, never a feature or an explanation's cue
    family: str = "cue"


def _joined(entry: str) -> str:
    """An entry written over several lines, as one: a line starting "|x" joins with no space,
    any other with one."""
    return re.sub(r"\s*\n\s*", " ", re.sub(r"\s*\n\s*(?=\|)", "", entry.strip()))


def _kind(name: str, description: str, entries: str, bounded: bool = True, family: str = "cue") -> CueKind:
    # Entries are separated by a "|" with white space around it; a "|" inside a group is not.
    parts = (_joined(e) for e in re.split(r"\s\|\s", entries))
    return CueKind(name, description, tuple(e for e in parts if e), bounded, family)


# "The claim that...", "these reports that...", "a video shared with claims that...": a noun naming
# a claim (the claim_noun kind), not someone reporting; the verb is "X claims that", "the paper
# reports that".
_NOT_A_NOUN = "".join(
    f"(?<!{w} )"
    for w in "the these those such any a an his her their its this that our my false similar earlier recent new online "
    "media press news unfounded baseless with amid over of despite unverified viral".split()
)

# "Not everyone agreed.", "No decision has been made.": a sentence that opens with a quantifier or
# an absence describes the world; it is not a reply saying no.
_NOT_A_REPLY = (
    r"(?! (all|every\w*|many|much|only|just|since|until|long|far|quite|least|once|for|because|unlike"
    r"|decision|date|details|injuries|casualties|charges|longer|matter|sooner|doubt|wonder)\b)"
)

# The lexicon. Entries are separated by " | "; "\w*" lets an entry cover inflections.
CUE_KINDS: dict[str, CueKind] = {
    k.name: k
    for k in [
        _kind(
            "negation",
            "a word that negates",
            r"""
        not | \w+n't | (did|do|does|is|was|were|are|has|have|had|could|would|should|must|need|ca|wo|ai)nt | no | never
        | nothing | none | nobody | neither | nor | without | cannot
        | nowhere | nope | nah""",
        ),
        _kind(
            "denial_verb",
            "a verb of denying, refuting or dismissing",
            r"""
        den(y|ies|ied|ying|ial|ials) | reject\w* | refut\w* | dismiss\w* | disput\w* | rebut\w*
        | rebuff\w* | contest\w* | debunk\w* | disavow\w* | repudiat\w* | push\w* back
        | hit back | brushed (off|aside) | shot down | slamm\w* | laughed off | scoff\w*
        | correct(ed|ing)? the record | set the record straight | retract\w*""",
        ),
        _kind(
            "falsity_word",
            "a word that calls a claim false or groundless",
            r"""
        false\w* | untrue | baseless | unfounded | groundless | fabricat\w* | fake\w* | hoax\w*
        | lie | lies | lied | lying | smear\w* | nonsense | rubbish | myth\w* | misinformation
        | disinformation | debunked | bogus | made up | made-up | fiction | fictitious
        | categorically | conspiracy theor\w* | misleading | inaccurate | wrong | incorrect
        | distort\w* | not true | (isn'?t|wasn'?t|aren'?t|weren'?t|ain'?t) true | never happened | did not happen | didn'?t happen
        | no evidence | no proof | no basis | no truth | not the case | absurd | ridiculous""",
        ),
        _kind(
            "hedge",
            "a word that weakens certainty",
            r"""
        (?<!in )(?<!on )(?<!since )(?<!until )(?<!by )(?<!from )(?<!of )(?<!early )(?<!late )(?<!mid-)(?<!last )(?<!next )(?<!this )(?<!the )(?<!through )may(?! \d)
        | might | could | reportedly | allegedly | alleged | possibly | perhaps | apparently
        | appears? to | seem(s|ed)? to | likely | unlikely | expected to | rumou?r\w* | unconfirmed
        | suggest\w* | probably | presumably | supposedly | it is unclear | unclear whether
        | estimated | roughly | about to""",
        ),
        _kind(
            "rhetorical_question",
            "a question, or a sentence framed as one",
            r"""
        \? | ^(why|who|how come|what|where|when|whose|which|is|are|was|were|did|does|do|has|have|had|can|could|should|would|will|isn'?t|aren'?t|wasn'?t|didn'?t|doesn'?t|don'?t|hasn'?t|haven'?t|won'?t)\b[^.!]*$""",
            bounded=False,
        ),
        _kind(
            "insinuation_phrase",
            "a phrase that suggests without saying",
            r"""
        coinciden\w* | raises? (serious |troubling |uncomfortable )?questions | questions remain
        | makes? you (wonder|think) | just asking | convenient\w* | funny how
        | one wonders | some (will |might |may )?wonder | connect the dots
        | people are (saying|asking|talking) | (something|anything) (to )?hid\w* | what are they hid\w*
        | nothing to see | hardly a | dark side | behind closed doors | cozy | cosy | close ties
        | ties to | who benefits | follow the money | suspicious\w*
        | (curious|odd|suspicious|interesting|convenient|remarkable|strange) timing
        | so-called | remains? to be (seen|explained) | needs? to be explained | worth asking
        | worth noting | (?<!what )(?<!what's )happens to | just happens | of all people | make of that
        | draw (your|their) own conclusions | read between | whisper\w* | mysterious\w*
        | unexplained | shadowy | murky | questionable | eyebrows | either .{1,80} or | as it happens
        | not (suggesting|saying|accusing|alleging|implying) ([\w'-]+,? ){0,20}but\b
        | what did .{1,40} know | how much did | did anyone | isn'?t it | wasn'?t it | i wonder
        | wonder(s|ing)? (if|whether|why) | hint\w* | impl(y|ied|ies) | insinuat\w* | innuendo""",
        ),
        # Commentary words: in published prose mostly plain evaluation that asserts ("a curious
        # mix of styles", "quietly confident", GUIDELINES 7.5), sometimes the pointer of an
        # insinuation ("curiously, the permit came a week after the donation"). A kind of their
        # own, so that the model weighs them apart from the phrases that only insinuate.
        _kind(
            "evaluative_word",
            "a word of commentary (interesting, curious, odd, quietly)",
            r"""
        interesting | interestingly | curious | curiously | strange | strangely | odd | oddly | quietly
        | remarkabl\w* | surprising | surprisingly | ironic | ironically | notably""",
        ),
        _kind(
            "attribution_verb",
            "a verb or phrase reporting who said it",
            rf"""
        (?<!the )said | says | say | told | tells | stated | (?<!member )(?<!united )states that | announced | announces | claimed
        | claiming | {_NOT_A_NOUN}claims? that | added | according to | wrote | writes | reported | {_NOT_A_NOUN}reports that
        | confirm(s|ed|ing)? | insist\w*
        | argued | argues | noted | explained | tweeted | posted | declared | testified
        | acknowledged | admitted | warned | asked | asks | replied | responded | in a statement""",
        ),
        _kind(
            "anonymous_source",
            "a source that is not named",
            r"""
        unnamed | anonymous\w* | anonymity | sources? (say|said|says|told|close|familiar)\w*
        | (a|one|two|three|several) (senior |former |government |military |defence |defense )?(source|official|insider|aide|diplomat)s?
        | people familiar with | person familiar with | insiders? | whistleblower\w*
        | some (say|believe|claim) | critics (say|said) | observers | it is said | we are told
        | word is | i heard | i'm hearing | we're hearing | (am|are) hearing that""",
        ),
        _kind(
            "certainty_booster",
            "a word that strengthens certainty",
            r"""
        clearly | definitely | certainly | undoubtedly | undeniabl\w* | officially | in fact
        | actually | indeed | of course | absolutely | beyond (any )?doubt | without doubt
        | obviously | plainly | proven | confirmed | the facts | well known | well-known | always""",
        ),
        # A bare "show" is a programme or an exhibition in most prose, and "video" a medium ("a
        # video game"): only what a video, footage or records show points at evidence.
        _kind(
            "evidence_word",
            "a word that points at evidence",
            r"""
        evidence | data | records | documents? | study | studies | report | proof
        | (official|latest|new|published|government) figures | figures (show|showed|shown|suggest|released|published)
        | analysis | statistics | investigation | audit\w* | footage | photos? | receipts | sources?
        | verified | fact-check\w* | video (footage|evidence|clips?|recordings?) | videos? (shows?|showed|shown|proves?)
        | (footage|photos?|records|documents?|data|pictures|images|recordings?) (clearly )?(shows?|showed|shown|proves?)""",
        ),
        # Matched in folded text (normalise.py): “ ” and ‘ ’ arrive as " and '. A single-quoted
        # run opens after a non-word character and before a non-space, and closes after a
        # non-space and before a non-word character: apostrophes ("the minister's", "players'
        # union", "'90s") do not pair up. (The look-behind comes after the opening mark, so
        # that `re` can skip to the marks.)
        _kind(
            "direct_quote",
            "a quotation",
            r"""
        "[^"]{2,}" | '(?<![\w']')(?=\S)[^'\n]{3,}?(?<=\S)'(?![\w'])""",
            bounded=False,
        ),
        _kind(
            "non_answer",
            "a refusal to answer, or a holding reply (looking into it, making inquiries)",
            r"""
        (declin|refus)\w* to (comment|confirm|say|answer|discuss|respond|elaborate|address)\w*
        | no comment | did not (respond|reply|return) | didn'?t (respond|reply)
        | (has|have|had) not (yet )?(responded|replied) | (hasn'?t|haven'?t|hadn'?t) (yet )?(responded|replied)
        | could not be reached
        | not immediately (respond|available|return)\w* | would not (say|comment|confirm)
        | wouldn'?t (say|comment|confirm) | no response
        | (looking|look) into (it|this|that|the matter|the (complaints?|claims?|reports?|allegations?|incident
            |video|posts?|footage|concerns?))
        | (investigating|reviewing|examining) (it|this|the matter|the (complaints?|claims?|reports?|allegations?
            |incident|video|posts?|footage|concerns?))
        | making (inquiries|enquiries) | aware of (the|these|those) (video|posts?|footage|reports?|claims?|complaints?)""",
        ),
        _kind(
            "agreement",
            "agreeing with or confirming what was said",
            r"""
        (i|we) (totally |completely |fully |strongly )?agree | agree(s|d)? with | exactly right | exactly this | exactly[.!]*$ | so true | that's true | this is true | it's true | true story | correct
        | well said | spot on | same here | i thought the same | can confirm | confirmed | yes | yep
        | indeed | right on""",
        ),
        _kind(
            "evidence_request",
            "asking for a source or proof",
            r"""
        source\?+ | sources\?+ | proof\?+ | evidence\?+ | link\?+ | citation\w* | says who | who says
        | any (proof|evidence|source|link)s? ?\?+ | (do|does|did) (you|they|he|she|anyone) have (any )?(proof|evidence|sources?)
        | where's the (proof|evidence|source|link)
        | where is the (proof|evidence|source|link)
        | how (do|would|could|can|did) (you|they|we|he|she|anyone) (even )?know | is (this|that|it) (true|real|confirmed|legit)
        | confirmed\?+ | really\?+ | according to whom | is there (any )?(proof|evidence|video)""",
        ),
        _kind(
            "dismissal",
            "dismissing a claim as speculation, panic or noise",
            r"""
        calm down | stop spreading | quit spreading | don'?t spread | fear-monger\w* | fearmonger\w* | speculat(e|es|ed|ing|ion)
        | clickbait
        | fake news | bs | bullshit | kidding | skeptic\w* | sceptic\w* | doubt\w* | unverified | not confirmed
        | wait for | hype | overblown | exaggerat\w* | not how (it|this|that) works | read the (statement|article|report)
        | stop (it|this)(?=\s*([.,!?;:)]|$)) | stop lying | get your facts""",
        ),
        _kind(
            "reaction",
            "an emotional reaction that disputes nothing",
            r"""
        pray | praying | prayers (are|go) | rip | sad | sadly | saddened | sadness | tragic | horribl\w* | terribl\w* | heartbreak\w* | omg | wow | condolences
        | scary | awful | shocking | devastat\w* | thoughts are with | so sorry | unbelievable | insane | crazy""",
        ),
        _kind(
            "opening_negation",
            "a reply that opens by saying no",
            rf"""
        ^\W*(no|nope|nah|not|never|wrong|false|fake|untrue)\b{_NOT_A_REPLY}""",
            bounded=False,
        ),
        _kind(
            "second_person",
            "addressing the reader or another poster",
            r"""
        you | your | you're | youre | u(?![-.]\w) | ur | yourself""",  # "u", not "U.S." or "U-turn"
        ),
        _kind(
            "self_denial",
            "a speaker denying something of themselves, emphatically",
            r"""
        we (have|had|did|do|does|are|were|will|would|could) (not|never) | we('ve|'re|'d) (not|never)
        | we (don'?t|didn'?t|haven'?t|hadn'?t|won'?t|weren'?t|aren'?t|never) | i (have|had|did|do|am|was|will) (not|never)
        | i('ve|'m|'d) (not|never) | i (don'?t|didn'?t|haven'?t|hadn'?t|wasn'?t|never) | at no (point|time|stage)
        | not once | not a single | not one | nobody in (my|our|this) | no one in (my|our|this)
        | did not at any | never (did|received|paid|took|sold|met|accepted|ordered)""",
        ),
        _kind(
            "correction",
            "correcting a claim with what is really so",
            r"""
        (isn'?t|wasn'?t|aren'?t|weren'?t) \w+( \w+)?,? (it|it's|they|they're|just|but|only)
        | (is|was|are|were) not \w+( \w+)?,? (it|it's|they|they're|just|but|only)
        | not (?!only |just |merely |simply |least )\w+( \w+)?,? but | actually | in reality | the truth is
        | different thing | that's not what
        | misread\w* | mistake\w* | mix-up | mixup | confus\w* | it (was|is) (just|only) | turns out
        | was (simply|merely|only) | contradict\w* | clarif\w*""",
        ),
        _kind(
            "sarcasm_cue",
            "a sarcastic frame",
            r"""
        very plausible | totally (believable|plausible|normal) | sure,? and | yeah,? and | yes,? and | right,? because
        | because that makes sense | of course (he|she|they|it) (did|does|is|was) | yes yes | sure sure | oh sure
        | and i'm the | next you'll | next they'll | as if | what could possibly | nothing to see here""",
        ),
        _kind(
            "sarcasm_marker",
            "a marker of sarcasm or irony",
            r"""
        yeah,? right | sure,? (jan|buddy|thing) | lol | lmao | rofl | haha\w* | oh (great|sure|yes|wow)
        | what a (surprise|shock|coincidence) | totally | riiight | nice try | good one
        | and pigs (can |might )?fly | sure he (did|does|is)""",
        ),
        *(_kind(name, description, entries, family="act") for name, (description, entries) in ACT_LEXICON.items()),
        *(
            _kind(name, description, entries, family="helper")
            for name, (description, entries) in HELPER_LEXICON.items()
        ),
    ]
}
# What `CueFeaturizer(kinds=None)` counts: the speech-act kinds are features of their own family.
CUE_FAMILY = tuple(name for name, kind in CUE_KINDS.items() if kind.family == "cue")
# Each kind's column wherever matches are counted or masked by kind (cue_scan, quotes, speech acts).
KIND_COLUMN = {name: i for i, name in enumerate(CUE_KINDS)}


# Longest first, so that a part never has a shorter part inside it replaced first.
_PART_NAMES = sorted(
    ((_joined(part), name) for part, name in {**NAMED_PARTS, _NOT_A_REPLY: " <not a quantifier or absence>"}.items()),
    key=lambda p: -len(p[0]),
)


@functools.cache  # a few hundred entries, each asked for in every explanation
def readable_entry(entry: str) -> str:
    """`entry` as an explanation shows it: each named part of the speech-act lexicon by its
    name ("<deny> <det> <owner> <claim>"), other entries as they are."""
    for part, name in _PART_NAMES:
        entry = entry.replace(part, name)
    return entry
