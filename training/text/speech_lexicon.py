"""The speech-act lexicon: cue kinds that say what a negation or a denial word is doing.

A negation or a denial word alone does not make a denial (docs: DESIGN.md, "The three
labels"): "MPs rejected the bill" and "the talks have not resumed" reject no claim, while
"the ministry dismissed the report" and "there is no truth in it" do. These kinds tell
them apart by what the word attaches to. They are plain data, registered in
`cues.CUE_KINDS` (family "act") so that they are matched, explained and spanned like any
cue; `speechacts.SpeechActFeaturizer` turns them into the model's `act:` features. The
question kinds live in `question_lexicon.py`.

Entries follow cues.py's format: separated by " | ", matched case-insensitively on word
boundaries in folded text (normalise.py). A line that goes on inside an entry starts
with "|" (joined with no space) or with anything else (joined with one space). A
multi-word entry must start with one token or a group of one-token alternatives (with no
"[" in it): the matcher anchors on that token.
"""

from __future__ import annotations

from training.text.question_lexicon import QUESTION_LEXICON, QUESTION_PARTS

__all__ = ["ACT_LEXICON", "CLAIM", "NAMED_PARTS"]

# What a denial rejects: a claim, report, accusation or rumour.
CLAIM = (
    r"(claims?|reports?|reporting|allegations?|accusations?|rumou?rs?|suggestions?|stor(y|ies)|charges?"
    r"|assertions?|speculation|theor(y|ies)|narratives?|characteri(s|z)ations?|insinuations?|smears?|accounts?"
    r"|beliefs?|notions?|misconceptions?|impressions?|figures?|numbers|statistics|estimates?|calculations?|tall(y|ies)"
    r"|findings?|descriptions?|portrayals?|depictions?|criticisms?|interpretations?|conclusions?)"
)
_DET = (
    r"((the|these|those|such|all|any|a|an|his|her|their|its|that|this|our|my|recent|earlier|latest|new|media"
    r"|press|news|online|widespread|persistent|repeated|renewed|several|some) )*"
)
_DENY = (
    r"(den(y|ies|ied|ying)|reject(s|ed|ing)?|dismiss(es|ed|ing)?|disput(e|es|ed|ing)|refut(e|es|ed|ing)"
    r"|rebut(s|ted|ting)?|debunk(s|ed|ing)?)"
)
# What may stand between a determiner and a claim noun: one word ("the union claims") or a
# possessive of up to three words ("the opposition leader's allegations", "Ms Okoro's report").
_OWNER = r"((\w+ ){0,2}\w+('s|s') |\w+ )?"
_FALSE = (
    r"(completely |totally |entirely |simply |utterly |wholly |absolutely |patently |categorically )?(false|untrue"
    r"|baseless|unfounded|groundless|fabricated|a fabrication|made up|a lie|lies|a hoax|nonsense|rubbish|wrong"
    r"|inaccurate|incorrect|misleading|mistaken|a misreading|not true|without (any )?(basis|foundation|merit)"
    r"|a myth|an? (\w+ )?invention|a misconception|a misunderstanding|out of date|(greatly |wildly |grossly )?exaggerated"
    r"|overstated|contradicted by)"
)
# Things one votes down, turns down or refuses: not claims.
_REQUEST = (
    r"(bills?|proposals?|offers?|motions?|amendments?|bids?|plans?|applications?|appeals?|requests?|deals?"
    r"|budgets?|measures?|resolutions?|nominations?|candidates?|candidacy|petitions?|referendum|treaty|law"
    r"|legislation|ordinance|contracts?|terms|draft|settlement|takeover|merger|input|design|tender|scheme"
    r"|ceasefire|truce|counteroffer|licen(c|s)e|permit|visa|calls|demands?|pleas?|ultimatums?)"
)
# Things one is denied: not claims.
_GRANT = (
    r"(entry|access|bail|visas?|permits?|permission|asylum|parole|a permit|a visa|a licen[cs]e|licen[cs]es?"
    r"|boarding|service|admission|medical care|treatment|benefits?|funding|tenure|promotion|membership"
    r"|the right|rights|a hearing|citizenship|passage|landing|registration|accreditation|a place|places"
    r"|a seat|seats|a platform|a say|a vote|compensation|insurance|credit|a loan|loans|a mortgage|housing|schooling"
    r"|training|parking|requests?|demands?)"
)


# A contracted negative auxiliary is one token ("hasn't", or "hasnt" as posts write it): the
# matcher can anchor on it.
_CONTRACTED = (
    r"(hasn'?t|haven'?t|hadn'?t|didn'?t|doesn'?t|don'?t|isn'?t|wasn'?t|aren'?t|weren'?t|won'?t|wouldn'?t|couldn'?t"
    r"|can'?t|cannot)"
)
_UNDONE = r"""(yet )?(comment|commented|respond|responded|reply|replied|return|returned|say|said|announce|announced
    |decide|decided|disclose|disclosed|publish|published|release|released|specify|specified|elaborate|elaborated
    |explain|explained|set|name|named|give|given|provide|provided|reopen|reopened|resume|resumed|begin|begun
    |start|started|finish|finished|change|changed|move|moved|meet|met|receive|received|sign|signed|rule|ruled
    |approve|approved|reach|reached|recover|recovered|identify|identified|arrive|arrived|improve|improved
    |attend|attended|show|shown|been (able|made|set|decided|announced|published|released|identified|named
    |charged|found|paid|seen))"""

# A negating word, contracted or not.
_NOT = rf"(not|never|{_CONTRACTED})"

# A negation, then "as" and who says otherwise: "do not drop 300 metres, as the brochures claim",
# "aren't, as several politicians have claimed" (what follows decides whether it corrects a claim).
_NEGATED_AS = rf"{_NOT},? ([\w'-]+,? ){{0,10}}as ([\w'-]+ ){{0,4}}"

# "Has always rejected the plan", "again rejected the bill": a proposal turned down again, not a claim.
_NOT_A_REQUEST = rf"(?! (\w+ ){{0,3}}{_REQUEST}\b)"
# The verbs a repeated denial repeats, when what they reject is not a request.
_DENIED_AGAIN = rf"(den(y|ies|ied)|reject(s|ed)?|dismiss(es|ed)?|disput(e|es|ed)|refut(e|es|ed)){_NOT_A_REQUEST}"

# What follows "lie" in its senses of place and state ("lies north of", "lay dormant"), not of untruth.
_LIE_SOMEWHERE = r"""(down|in state|ahead|dormant|low|still|on|in|at|with|beneath|beyond|within|behind|between|outside
    |inside|among|across|along|near|close|just|only|partly|mainly|largely|north|south|east|west|upstream|downstream
    |offshore|some|approximately|roughly|\d+|entirely|wholly|mostly|directly|immediately|far|deep|halfway|midway
    |adjacent|opposite|alongside|beside|above|below|atop|astride|to the (north|south|east|west|left|right)
    |(about|around) \d|idle|empty|vacant|unused|fallow|open|buried|hidden|dead|unconscious|injured|wounded|asleep
    |awake|flat|for long|face (up|down)|unclaimed|undisturbed|untouched|abandoned|derelict|submerged|untreated|unresolved)"""

# After an article or a possessive "lie" is the noun of untruth ("a lie in the report", "his lies on
# the form"), whatever place word follows it: only the verb has the senses of place and state.
# Not after this/that, which are as often the verb's subject ("the land that lies north of").
_LIE_NOT_NOUN = "".join(
    f"(?<!\\b{w} )" for w in ("a", "the", "another", "his", "her", "their", "its", "big", "outright", "blatant")
)

# Acts one is accused of (GUIDELINES 7.24): negated by the accused, the verb names the charge.
# The lookaheads keep the ordinary senses out: "does not lie in the budget", "did not hide her
# disappointment", "did not steal the show", "forged ahead".
_WRONGDOING = rf"""(lied|lie(?! {_LIE_SOMEWHERE}\b)|misled|mislead
    |cover(ed)? (\w+ )?up|hid|hide(?! (his|her|their|its|my|our) (disappointment|anger|frustration|joy|feelings|emotions
    |contempt|delight|surprise|pride|excitement|relief)\b)|stole|steal(?! the show)|bribed|bribe|cheated|cheat(?! death)
    |doped|dope|rigged|rig|leaked|falsified|falsify|forged|forge(?! (a|an|the|new|ahead|links?|ties|closer)\b)
    |plagiari[sz]ed|plagiari[sz]e|harassed|harass|bullied|bully|threatened|threaten|laundered|launder|colluded|collude
    |spied|spy|smuggled|smuggle|backdated|backdate|embezzled|embezzle|defrauded|defraud|concealed|conceal
    |suppressed|suppress|tampered|tamper|manipulated|manipulate|doctored|withheld|withhold
    |(took|taken|take|accepted|accept|received|receive) (a |any |one |a single )?(bribes?|kickbacks?|backhanders?
    |penny|cent|euro|dollar|pound|payments? from|money from|cash from)
    |(took|taken|take) anything to|(gave|given|give|supplied|supply|sold|sell|took|taken|take|used|use) (\w+ ){{0,3}}(banned
    |illegal|prohibited|performance-enhancing) (substances?|drugs?|methods?)
    |(adjusted|adjust|altered|alter|fiddled|fiddle|fudged|fudge|inflated|inflate|massaged|massage|cooked|cook)
    (a |any |the |our |my |those |these |one |a single )(numbers?|figures?|results?|data|readings?|books|invoices?
    |expenses|accounts|scores)
    |cut corners|cutting corners|(broke|broken|break|breached|breach) (the|any|a single) (law|laws|rules?|regulations?)
    |(fixed|fix) (a|the|any|that) (match|matches|race|game|fight|vote|ballot|election|result|tender)
    |tipped (\w+ )?off|tip (\w+ )?off|pressured (a|the|any) witness|(dumped|dump) (\w+ )?(waste|sewage|chemicals|slurry|oil))\b"""

# The offences one is charged with: "denies murder", "denied sexual assault" reject the charge
# (a court report's denial), as "denies 14 counts of" does. The modifiers are listed, not any
# word, so that "denied access to fraud investigators" stays a grant refused.
_CHARGE = r"""((the|all|any|both|attempted|sexual|indecent|serious|aggravated|financial|tax|money|insider|securities
    |wire|benefit|benefits|election|voter|mortgage|accounting|corporate|grievous|bodily|common|racial|child|domestic|gross
    |criminal|alleged|computer|war|state|drug|drugs|human|electoral) ){0,3}(murder|manslaughter|rape|assault|fraud|bribery
    |corruption|theft|burglary|robbery|kidnapping|harassment|misconduct|perjury|embezzlement|laundering|evasion|trading
    |conspiracy|espionage|treason|arson|blackmail|extortion|stalking|negligence|offen[cs]es?|crimes|homicide|trafficking
    |wounding|affray|doping|plagiarism|racism|discrimination|collusion|interference|cheating)\b(?! (victims?|survivors?
    |suspects?|cases?|squads?|units?|laws?|rates?|inquir(y|ies)|investigat\w+|prevention|charges?|allegations?|claims?))"""

# A plan, promise or event that did not come about ("the promised rail link never happened",
# "the merger did not happen because regulators blocked it", "the parade will not take place
# this year"): the world described, not a claim rejected (GUIDELINES 7.1).
_PLANNED = r"""(planned|promised|proposed|scheduled|expected|announced|intended|pledged|touted|mooted|rescheduled
    |postponed)"""
_NOT_COMING = r"(never|not|didn'?t|won'?t|wouldn'?t|hasn'?t|haven'?t|hadn'?t)"
_CAUSE = r"(because|after|as|amid|due to|owing to|for (lack|want) of|once|until)\b"
# "Nobody is reported missing", "no one was thought to have been hurt": a toll, not a claim rejected.
_NOBODY_HURT = r"""(is|was|were|has been|had been) (reported |thought |believed |known )?(to (be|have been) )?(missing|hurt
    |injured|killed|harmed|trapped|unaccounted for)"""

# "Neither confirm nor deny ...", "confirms or denies its role": a non-answer (non_denial_use), not a denial.
_NOT_AFTER_OR_NOR = r"(?<!\bor )(?<!\bnor )"

# A speaker's account set against another with a trailing "X, not Y" ("said the trial was paid for
# by a research council, not by any drug company"; "“an eleven-page summary, not the 900 pages we
# were promised,” she said"): a counter-account, a denial (GUIDELINES 7.10, 7.28). Only in someone's
# words: the writer's own "based on 1991 values, not on today's" describes; "not in thirty years"
# is emphasis, not an alternative.
_REPORTS = r"said|says|say|insist\w*|maintain\w*|argue|argues|argued|arguing|add|adds|added|adding"
_SAYS = rf"({_REPORTS}|told|tells|explained|explains|stressed|stresses|stated|states|wrote|writes)"
# "Disputes that the problem has been solved" rejects a claim; "rejected that proposal" a proposal.
_A_CLAUSE = r"""\b(?! (proposal|plan|bid|offer|request|application|motion|amendment|bill|idea|argument|appeal|approach
    |option|deal|decision|ruling|view|move|call|demand)s?\b)"""
_AFTER_COMMA = "(?<=, )"
_TO_COMMA = rf"([^\s.;:?!]+ ){{0,40}}?{_AFTER_COMMA}"  # the words up to a comma
_TO_QUOTE_END = r'([^\s.;:?!"]+ ){0,30}?[^\s.;:?!"]*," (\w+ ){0,4}'  # to the quote's end, and its speaker
_ALTERNATIVE = r"""(to|by|from|because|in|at|for|on|with|as|the|a|an|any|his|her|their|its|our|my|this|that|those
    |these)\b(?! ((\w+ ){0,3}(years|decades|months|weeks|days|history)|living memory|my (life|lifetime|career))\b)"""

ACT_LEXICON: dict[str, tuple[str, str]] = {
    "negated_claim": (
        "a negation or rejection aimed at a claim, report or accusation",
        rf"""
        {_NOT_AFTER_OR_NOR}{_DENY} {_DET}{_OWNER}{CLAIM}
        | (take|takes|took|taking) issue with {_DET}{_OWNER}{CLAIM}
        | (play|plays|played|playing) down {_DET}{_OWNER}{CLAIM} | (downplay|downplays|downplayed|downplaying) {_DET}{_OWNER}{CLAIM}
        | (pour|pours|poured|pouring) cold water on {_DET}{_OWNER}{CLAIM}
        | (scotch|scotches|scotched|scotching|quash|quashes|quashed|quashing|rubbish|rubbishes|rubbished|rubbishing)
            {_DET}{_OWNER}{CLAIM} | (brush|brushes|brushed|brushing|shrug|shrugs|shrugged|shrugging) (off|aside)
            {_DET}{_OWNER}{CLAIM} | (hit|hits|hitting) back at {_DET}{_OWNER}{CLAIM}
        | (deni(al|als)|rejection|dismissal) of {_DET}{_OWNER}{CLAIM}
        | {_NOT_AFTER_OR_NOR}den(y|ies|ied|ying) (that|having|ever|any|all|wrongdoing|involvement|responsibility|knowledge|it|this|these)
        | (?<!longer )(disputes|disputed|disputing|rejects|rejected|rejecting|refutes|refuted|refuting|contests|contested
            |contesting) that{_A_CLAUSE}
        | (they|we|i|groups|critics|experts|scientists|lawyers|officials|unions|residents|campaigners|families|opponents
            |analysts|economists) (dispute|reject|refute|contest) that{_A_CLAUSE}
        | {_NOT_AFTER_OR_NOR}den(y|ies|ied|ying) (he|she|they|we|i) (was|were|is|are|had|has|have|did|would|could|knew|ever)
        | {_NOT_AFTER_OR_NOR}den(y|ies|ied|ying) (his|her|their|its|any|all) (guilt|involvement|role|part|responsibility|wrongdoing|crimes?|offen[cs]es|knowledge)
        | {_NOT_AFTER_OR_NOR}den(y|ies|ied|ying) (personally |knowingly )?(?!(boarding|funding|housing|parking|schooling|training|landing
            |sentencing|nothing|something|everything|bring|king|spring|string|thing)\b)[a-z]+ing
        | {CLAIM} (\w+ ){{0,12}}(is|was|are|were|as|being|to be|remains?|remained) {_FALSE}
        | {CLAIM} (that )?(\w+ ){{0,12}}(misread|misreads|misrepresent|misrepresents|misstate|misstates|overlook|overlooks)\b
        | despite what (\w+ ){{0,3}}(ha(s|ve) |had )?(been )?(claim|claims|claimed|said|says|say|told|suggested|alleged|insisted|reported
            |believe|believes|believed|think|thinks|thought|assume|assumes|assumed)
        | {CLAIM} (\w+ ){{0,4}}(was|were|has been|have been|had been|is|are|being) (\w+ ){{0,2}}(denied|rejected|dismissed
            |disputed|refuted|debunked|rebutted)
        | (no|little|any) (truth|substance|basis|foundation|merit) (in|to|for|behind)
        | no (evidence|proof|indication) (that|of|to)
        | nothing to (support|suggest|back|substantiate|corroborate)
        | no (evidence|proof) to (support|suggest|back|substantiate|corroborate)
        | not (true|the case|accurate|correct) | (isn'?t|wasn'?t|aren'?t|weren'?t|ain'?t) (true|the case|accurate|correct)
        | (nor|neither) is it (true|the case|accurate|correct)
        | plead(s|ed|ing)? not guilty | {_NOT_AFTER_OR_NOR}den(y|ies|ied|ying) (all |the |both |(\w+ ){{0,2}})counts? of
        | {_NOT_AFTER_OR_NOR}den(y|ies|ied|ying) {_CHARGE}
        | never (happened|took place|existed|occurred)
        | not (happen|take place|occur)
        | {_CONTRACTED} (happen|take place|occur)
        | contrary to {_DET}(\w+('s|s')? ){{0,3}}({CLAIM}|myths?|legends?|folklore|wisdom|displays?|perceptions?|assumptions?
            |assurances?|statements?|posts?|what)\b
        | correct(s|ed|ing) {_DET}{_OWNER}{CLAIM}
        | (claim|claims|claimed|claiming|say|says|said|saying|suggest|suggests|suggested|suggesting) (the opposite|otherwise)
        | {_SAYS} {_TO_COMMA}not {_ALTERNATIVE}
        | {_AFTER_COMMA}not {_ALTERNATIVE} {_TO_QUOTE_END}{_SAYS}
        | whatever (\w+ ){{0,3}}(says|said|suggests|suggested|claims|claimed|shows|showed|has (been )?(posted|said|written
            |reported|shared|claimed|suggested)|have (been )?(posted|said|written|reported|shared|claimed)|you (may )?(have )?(read
            |heard|seen))\b
        | {_NEGATED_AS}(claims?|claimed|alleges?|alleged|believes?|believed
            |likes? to (say|tell|claim|think|believe)|liked to (say|tell|claim)|has it|had it|have it|would have it|goes)\b
        | {_NEGATED_AS}(says?|said|tells?|told|states?|stated|suggests?
            |suggested|reports?|reported|shows?|showed|displays?)( \w+){{0,3}},? but\b
        | (often|widely|commonly|frequently|popularly) (said|claimed|believed|assumed|thought|held) (that |to )?([\w'-]+,? ){{1,25}}(but|yet)\b
        | dismiss(ed|es|ing)? (?!(from|as|for|after|over|without)\b)(\w+ ){{1,3}}as\b(?! (well|part|soon|long|much|many|manager
            |coach|head|chief|director|chair|chairman|chairwoman|captain|minister|secretary|editor|ceo|president)\b)
        | (categorically|flatly|strongly|firmly|emphatically|vehemently|angrily) (den|reject|dismiss|refut|disput)\w*
        | set the record straight | correct(ed|ing)? the record
        | ({_REPORTS}) (that )?((?!(sure|perhaps|maybe|whether|if)\b)[^\s.;:?!]+ ){{0,24}}(was
            |is|were|are|had been) (all |merely |simply |purely |entirely )?(a |an )?(pure |complete |happy |unhappy )?coinciden\w*""",
    ),
    "negated_wrongdoing": (
        "a wrongdoing negated by the accused: did not lie, never took a bribe, did nothing wrong",
        rf"""
        {_NOT} (ever |once |knowingly |personally |deliberately |intentionally )?{_WRONGDOING}
        | (did|done|doing|do) nothing (wrong|improper|illegal|unlawful|untoward) | nothing to hide""",
    ),
    "world_negation": (
        "a negation that describes the world, not a claim (not clear, has not commented)",
        rf"""
        not (yet )?(clear|known|immediately|certain|obvious|public|available|possible|new|unusual|uncommon
            |unprecedented|the first|alone|enough|sure|expected|due|open|finished|over|settled|resolved|ready
            |scheduled|keen|interested|easy)
        | unclear | uncertain | unknown
        | no (significant |measurable |noticeable |overall |further )?(increase|rise|fall|drop|decline|change|difference
            |reduction|improvement) (in|of|between|from)\b
        | not {_UNDONE}
        | {_CONTRACTED} {_UNDONE}
        | no (decision|date|timetable|timeline|details|agreement|deal|plans?|injuries|casualties|deaths|arrests
            |trains?|buses|flights|water|power|electricity|hospital|school|money|budget|funding|word|reason|end
            |longer|more than|fewer than|less than|later than|sooner|matter|one (was|has|had|knows|could)
            |intention|choice|option|role|official|permanent|say|clear|obvious|formal|response|comment|reply
            |immediate|further|public)
        | not (only|just|least|far|much|many|all|every|until|since|before|long|yet|always|necessarily|enough|quite
            |entirely|surprisingly|unlike|to mention|as (much|many|high|low|large|fast))
        | never (before|again|been (keen|able|easy|clear|more|so|seen|short|better|worse|higher|lower))
        | not (be )?(independently )?(verify|verified|confirm|confirmed|reached)
        | (couldn'?t|can'?t|cannot) (be )?(independently )?(verify|verified|confirm|confirmed|reached)
        | nobody (knows|could say|was (home|available)) | nobody {_NOBODY_HURT}
        | no one (knows|could say|was (home|available)) | no one {_NOBODY_HURT}
        | (urges|urged|urge|urging|asks|asked|ask|asking|told|tells|tell|telling|warns|warned|warn|warning|advises|advised
            |advise|advising|encourages|encouraged|encourage|encouraging|reminds|reminded|remind|reminding|begs|begged|beg
            |begging) (\w+ ){{0,3}}not to | appeal(s|ed|ing)? to (\w+ ){{0,3}}not to
        | {_PLANNED} (\w+ ){{0,8}}{_NOT_COMING} (happen|happened|take place|taken place|took place|go ahead|gone ahead
            |went ahead|materiali[sz]e|materiali[sz]ed|come about|came about)
        | did not (happen|take place|go ahead),? {_CAUSE} | (didn'?t|never) (happen|happened|take place|took place),? {_CAUSE}
        | (will|would|shall|may|might|could) not (happen|take place|go ahead) (this|next|until|before|again|as planned
            |as scheduled|on|in)\b | (won'?t|wouldn'?t) (happen|take place|go ahead) (this|next|until|before|again
            |as planned|as scheduled|on|in)\b""",
    ),
    "non_denial_use": (
        "a denial word used for something else: a bill rejected, denied entry, a false alarm",
        rf"""
        den(y|ies|ied|ying|ial|ials) (of )?(\w+ ){{0,2}}{_GRANT}
        | (reject|rejects|rejected|rejecting|rejection|dismiss(ed|es|ing)?|vetoed|vetoes|voted|turned|defeated|threw
            |throws|struck|refused) (of |down |out )?(\w+ ){{0,3}}{_REQUEST}
        | {_REQUEST} (\w+ ){{0,4}}(was|were|has been|had been|have been|is|are|being|got) (\w+ ){{0,3}}(rejected|denied
            |dismissed|turned down|voted down|vetoed|refused|defeated|struck down|thrown out)
        | (court|courts|judge|judges|tribunal|panel|jury|magistrate|magistrates|justices|regulator|referee)
            (\w+ ){{0,3}}(dismissed|rejected|threw out|denied|overturned|struck down)
        | dismiss(ed|es|ing)? (the |a |an |all )?(case|cases|lawsuit|suit|charges?|complaint|petition|appeal|indictment)
        | (case|lawsuit|suit|charges|complaint|petition|appeal|indictment) (was|were|has been|had been|have been)
            (\w+ )?dismissed
        | dismissed (from|for|after|without|over)
        | dismissed (from|as) (his|her|their|the) (\w+ )?(post|job|position|role|team|club|service|army|office|coach
            |manager|head)
        | (unfair|wrongful|constructive) dismissal
        | (confirm(s|ed|ing)?|confirmation) (or|nor) den(y|ies|ied|ying|ial)
        | false (alarms?|positives?|negatives?|starts?|dawn|flag|teeth|ceiling|imprisonment|arrest|pretences|pretenses
            |economy|sense|accounting|identit(y|ies)|documents?|papers|passports?|names?|bottom|promises?|hopes?
            |allegation rates?|confessions?|memor(y|ies)|witness|statements?|declarations?|returns?|entries|modesty
            |equivalence|choice|dichotomy|prophets?|idols?)
        | (making|made|make|giving|gave|give|filing|filed|file|submitting|submitted|providing|provided|signing|signed)
            (a )?(knowingly )?false (statements?|declarations?|claims?|reports?|allegations?|accusations?|information|evidence|testimony|accounts?
            |returns?|records?|entries)
        | falsely (claimed|claims|claiming|accused|stated|reported|said|suggested|asserted|portrayed|presented|labell?ed
            |described|attributed|identified|listed|imprisoned|convicted|arrested|declared|advertised|represented|promised)
        | (charged|convicted|accused|indicted|guilty|jailed|sentenced) (with|of|for) (\w+ ){{0,2}}(false|fabricat\w*
            |falsif\w*|lying|perjury|fake)
        | hoax (?!(and|or|but|that|which|who|by|from|to|in|on|of|is|was|are|were|the|a|an|as|with|for|after|before)\b)[a-z]+
        | (bomb|terror|swatting|telephone|phone) hoax(es)?
        | {_LIE_NOT_NOUN}(lie|lies|lying|lay) {_LIE_SOMEWHERE}
        | (greek|norse|roman|ancient|urban|creation|founding|national) myth\w* | mythology | mythical
        | fake (passports?|documents?|ids?|identit(y|ies)|goods|products|accounts?|profiles?|banknotes?|notes|currency
            |money|medicines?|drugs|degrees?|certificates?|reviews?|tickets?|invoices?|companies|firms?|websites?)
        | (science|crime|historical|literary|short|flash|fan|speculative) fiction | works? of fiction
        | fiction (writer|author|prize|books?|novels?|series|bestseller|editor)
        | (went|goes|go|gone|going) wrong | wrong (way|direction|side|place|time|people|person|hands|track)
        | rubbish (collection|bins?|dump|tip|trucks?|lorr(y|ies)|piles?)
        | (border|trade|pay|labou?r|land|legal|territorial|contract|custody|wage|boundary|family|water|property|tax)
            (dispute|disputes(?! (the|a|an|his|her|their|its|any|all|claims?|reports?|allegations?|findings?)\b))
        | disputed (territory|region|area|islands?|border|land|zone|enclave)
        | (not|never|beyond) (in |under |up for )?dispute | undisput\w*
        | (is|are|was|were) not (seriously )?(disputed|contested) | (has|have|had) not been (seriously )?(disputed|contested)
        | dispute (over|with|between|about)
        | disput(e|es|ed|ing) (the |a |an |his |her |their |its )?(\w+('s|s') )?(\w+ )?(decision|ruling|penalty|call
            |booking|red card|yellow card|sending-off|ban|fine|suspension|sanction|bill|invoice|fee|fees|tax bill)s?\b
        | fake news (law|laws|bill|bills|legislation|act|rules|unit|units|team|crackdown|ordinance|decree)\b
        | (song|beauty|leadership|talent|cooking|essay|photo|eating|presidential|closely|hotly|fiercely) contest\w*
        | contested (seats?|elections?|primary|primaries|races?|territory|region|area|matches|final|games?)
        | push(ed|es|ing)? back (the |a |its |their |his |her )?(deadline|date|start|launch|opening|vote|hearing
            |release|schedule|timetable|decision|election|plans?)
        | shot down (a|an|the|two|three|several|dozens of|\d+) (\w+ )?(drones?|planes?|aircraft|jets?|missiles?
            |helicopters?|rockets?|balloons?)
        | slamm(ed|ing) (into|shut|on the brakes)
        | conspiracy to (commit|defraud|murder|launder|import|supply|cause|pervert)""",
    ),
    "denial_reversal": (
        "a past denial since reversed (after first denying, has since admitted)",
        r"""
        after (first |initially |previously |earlier |originally |repeatedly |long )?(den(y|ied|ying)|reject(ing|ed)
            |dismiss(ing|ed)|disput(ing|ed)|months of denials|years of denials|weeks of denials)
        | (has|have|had) since (admitted|acknowledged|conceded|confirmed|accepted|apologi[sz]ed|reversed|backtracked
            |changed|said|recanted|corrected)
        | now (admits?|acknowledges?|concedes?|confirms?|accepts?|says|agrees?)
        | (reversed|reverses|reversing|abandoned|dropped|walked|walks|backtracked|retreated) (back |on |from )?(its|his
            |her|their|the|an|a) (earlier |previous |initial |original |long-standing )?(denials?|position|stance)
        | (later|eventually|subsequently|finally|ultimately) (admitted|acknowledged|conceded|confirmed|accepted)
        | (initially|first|previously|originally|earlier) (denied|rejected|dismissed|disputed)
        | no longer (den(y|ies|ying)|disput(e|es|ing))
        | stopped (den(y|ies|ying)|disput(e|es|ing))
        | wrong to (deny|dismiss|reject|dispute)""",
    ),
    "repeated_denial": (
        "a denial repeated or maintained (again denied, continues to deny)",
        rf"""
        (again|repeatedly|consistently|persistently|steadfastly) {_DENIED_AGAIN}
        | (?<=still ){_DENIED_AGAIN}
        | (?<=always ){_DENIED_AGAIN}
        | (?<=long ){_DENIED_AGAIN}
        | (?<=once more ){_DENIED_AGAIN}
        | continu(e|es|ed|ing) to (den(y|ies|ied)|reject|dismiss|disput(e|es|ed)|refut(e|es|ed))
        | (renewed|fresh|another|repeated|latest|further) denials?
        | (maintain(s|ed|ing)?|protest(s|ed|ing)?) (his|her|their) innocence
        | stands? by (its|his|her|their) denials?
        | (den(y|ies|ied)|reject(s|ed)|dismiss(es|ed)) (\w+ ){{0,6}}once (again|more)
        | (again|more),? that (he|she|they|it|we|i|the \w+) (had |has |have |did |was |were |would )?(never|not|no)
        | reiterat(ed|es|ing) (its|his|her|their) (denials?|innocence)""",
    ),
    **QUESTION_LEXICON,
}

# The parts the entries above are built from, by the name an explanation shows in their place:
# "<deny> <det> <owner> <claim>" reads better than the alternations it stands for (lexicon.py,
# `readable_entry`). A part that matches its own trailing space keeps one after its name.
NAMED_PARTS: dict[str, str] = {
    **QUESTION_PARTS,
    _NOT_AFTER_OR_NOR: "",
    _DENY: "<deny>",
    _DET: "<det> ",
    _OWNER: "<owner> ",
    CLAIM: "<claim>",
    _FALSE: "<false>",
    _REQUEST: "<request>",
    _GRANT: "<grant>",
    _NEGATED_AS: "<negation> … as <who> ",
    _NOT: "<not>",
    _CONTRACTED: "<n't>",
    _UNDONE: "<undone>",
    _WRONGDOING: "<wrongdoing>",
    _CHARGE: "<charge>",
    _LIE_SOMEWHERE: "<somewhere>",
    _PLANNED: "<planned>",
    _NOT_COMING: "<not>",
    _CAUSE: "<because>",
    _SAYS: "<says>",
    _ALTERNATIVE: "<alternative>",
    _TO_COMMA: "…, ",
    _TO_QUOTE_END: '…," … ',
    _AFTER_COMMA: ", ",
}
