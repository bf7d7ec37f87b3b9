"""Speech-act features (training/model/speechacts.py) and the lexicon fixes they came with."""

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from training.model.speechacts import ACT_FEATURES, SpeechActFeaturizer, act_spans, act_values, quote_type
from training.text.cue_scan import matched_entry, scan_cues
from training.text.cues import CUE_KINDS, find_cues, find_cues_many
from training.text.lexicon import readable_entry
from training.text.normalise import fold

ROOT = Path(__file__).resolve().parent.parent


def kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in find_cues(text):
        out.setdefault(c.kind, []).append(c.text)
    return out


@pytest.mark.parametrize(
    "text, kind",
    [
        # a negation or denial aimed at a claim, report or accusation
        ("The ministry denied the report on Monday.", "negated_claim"),
        ("The claim is false, a spokeswoman said.", "negated_claim"),
        ("There is no truth in these reports.", "negated_claim"),
        ("That isn't true, and the minister knows it.", "negated_claim"),  # as "is not true"
        ("Officials dismissed the allegations as politically motivated.", "negated_claim"),
        ("The exporter denied selling rifles to any embargoed buyer.", "negated_claim"),  # deny + an act
        ("He denied knowingly misleading the committee.", "negated_claim"),
        ("The minister rejected Halloran's claims about the tender.", "negated_claim"),  # a possessive
        ("She dismissed the opposition leader's allegations on Friday.", "negated_claim"),
        ("The spokesman denied he was the buyer of the villa.", "negated_claim"),  # deny + a clause
        ("Several defendants still deny their offences.", "negated_claim"),
        ("Critics dismissed her remarks as a publicity stunt.", "negated_claim"),  # dismiss X as Y
        # a long claim and its verdict, up to twelve words apart
        ("Reports that the harbour tunnel would close for the whole of next summer are mistaken.", "negated_claim"),
        ("Claims that the new bridge toll applies to every resident are a misreading of the bylaw.", "negated_claim"),
        ("Stories that the treaty hands the islands to the north misread its third article.", "negated_claim"),
        (
            "Despite what some parents have been told, the test does not decide which class a pupil joins.",
            "negated_claim",
        ),
        # a popular claim corrected: "not X, as Y claims", "contrary to", "often said ..., but"
        ("The falls do not drop 300 metres, as the tourist brochures claim, but 127.", "negated_claim"),
        ("The hall does not date from 1450, as the prospectus says, but from 1614.", "negated_claim"),
        ("Refugees aren’t, as several politicians have claimed, given priority for housing.", "negated_claim"),
        ("The bell was not cast from captured cannon, as the town’s legend has it.", "negated_claim"),
        ("Contrary to the visitor centre’s display, an engineer designed the bridge.", "negated_claim"),
        ("Contrary to popular belief, the lake is not bottomless.", "negated_claim"),
        ("It is often said that old panels cannot be recycled, yet most of their glass is recovered.", "negated_claim"),
        ("The popular belief that the tunnel will close is contradicted by the council's timetable.", "negated_claim"),
        ("The notion that the fund has collapsed is a myth, its administrators said.", "negated_claim"),
        ("Reports that savers will lose their deposits overlook the deposit guarantee.", "negated_claim"),
        ("Officials have corrected the claim that residents must pay to park.", "negated_claim"),
        # the accused calling the suspicious timing a coincidence rejects the link
        ("The club said the timing of the sale was a coincidence.", "negated_claim"),
        ("Despite what many residents believe, the council set the rise itself.", "negated_claim"),
        ("The app is safe, despite posts claiming the opposite.", "negated_claim"),
        # rebuttal wording (GUIDELINES 7.10): whatever X says, anyone who says otherwise
        ("“We shipped nothing to that port, and anyone who says otherwise is lying,” the owner said.", "negated_claim"),
        ("“Every driver holds a valid licence, whatever that video suggests,” the owner said.", "negated_claim"),
        ("No flight was cancelled on Sunday, whatever has been posted online.", "negated_claim"),
        # court reports: a plea and a denial of counts reject the charges (GUIDELINES 4.3)
        ("Desmond Orrin, 58, of Mill Lane, denies 14 counts of fraud by abuse of position.", "negated_claim"),
        ("She pleaded not guilty to all charges on Monday.", "negated_claim"),
        ("The former director denies fraud and false accounting.", "negated_claim"),  # the offence named
        ("Both men deny attempted murder and will stand trial in May.", "negated_claim"),
        ("Nor is it true, as the minister suggested, that the review was delayed.", "negated_claim"),
        # a figure set against someone's figure (GUIDELINES 7.25), and "took issue with" a claim
        ("The department said the union's figures were out of date.", "negated_claim"),
        ("The regional utility disputed the researchers' estimate of outages.", "negated_claim"),
        ("She took issue with a newspaper’s report that the line would close.", "negated_claim"),
        # idioms of rebuttal aimed at a claim
        ("The spokesman poured cold water on reports of an imminent deal.", "negated_claim"),
        ("The club moved quickly to quash rumours that the coach would be sacked.", "negated_claim"),
        ("The minister played down reports of a rift in the cabinet.", "negated_claim"),
        ("The regulator brushed off claims of a rigged auction.", "negated_claim"),
        ("Residents’ groups dispute that the flood defences were finished on time.", "negated_claim"),
        ("The club disputed that any payment had been made.", "negated_claim"),
        # a counter-account: the speaker's version set against another, "X, not Y" (7.10, 7.28)
        ("The agency said the fire was caused by a faulty heater, not by the protesters.", "negated_claim"),
        (
            "“We cut the service because passenger numbers fell, not because of the strike,” the operator said.",
            "negated_claim",
        ),
        # a wrongdoing negated by the accused (GUIDELINES 7.24): the verb names the charge
        ("“I did not mislead the harbour board,” the director told the hearing.", "negated_wrongdoing"),
        ("She said she had never taken a bribe from any contractor.", "negated_wrongdoing"),
        ("We didn’t cover anything up, the club said.", "negated_wrongdoing"),
        ("The mayor insists she did nothing improper.", "negated_wrongdoing"),
        ("We have nothing to hide, and the ledgers are online.", "negated_wrongdoing"),
        # the charge named by the verb phrase, not one verb (doping, cooked figures, fixing)
        ("“I have never given a rider a banned substance,” the team doctor said.", "negated_wrongdoing"),
        ("I never took anything to make me run faster, not once.", "negated_wrongdoing"),
        ("The lab said it had never adjusted a single reading.", "negated_wrongdoing"),
        ("“We have never cut corners on safety,” the operator said.", "negated_wrongdoing"),
        ("The referee insisted he had not fixed the match.", "negated_wrongdoing"),
        ("The plant manager said the firm had never dumped sewage in the river.", "negated_wrongdoing"),
        # a negation that describes the world
        ("The company has not commented on the figures.", "world_negation"),
        # a request not to do something, and nobody hurt or missing, describe the world
        ("Police have urged drivers not to use the coast road until Monday.", "world_negation"),
        ("Firefighters say nobody is reported missing after the blaze.", "world_negation"),
        ("It is not clear how the talks ended.", "world_negation"),
        ("No decision has been made on the second runway.", "world_negation"),
        ("The firm has never been keen on the plan.", "world_negation"),
        ("There was no increase in falls among patients given the drug.", "world_negation"),
        # a plan or event that did not come about
        ("The promised rail link never happened, and the site is now a car park.", "world_negation"),
        ("The merger did not happen because the regulator blocked it.", "world_negation"),
        ("The concert planned for June did not take place after the band split.", "world_negation"),
        ("The second round of talks never took place, because the rebels withdrew.", "world_negation"),
        ("The annual parade will not take place this year.", "world_negation"),
        # denial words that deny no claim
        ("MPs rejected the bill by 312 votes to 290.", "non_denial_use"),
        ("The residents' design was considered but ultimately rejected.", "non_denial_use"),
        ("Two reporters were denied entry at the border crossing.", "non_denial_use"),
        ("The families were denied housing for eight months.", "non_denial_use"),
        ("He was charged with making false statements to investigators.", "non_denial_use"),
        ("The alarm at the depot turned out to be a false alarm.", "non_denial_use"),
        ("Police traced the hoax call to a phone box in Dunmore.", "non_denial_use"),
        ("The coach was dismissed from his post after six defeats.", "non_denial_use"),
        ("The court dismissed the case for lack of standing.", "non_denial_use"),
        ("The agency never confirms or denies its role in such operations.", "non_denial_use"),  # a non-answer
        ("The ministry would neither confirm nor deny that talks took place.", "non_denial_use"),
        ("The judge's denial of his request for a jury was upheld.", "non_denial_use"),
        ("There were many false starts before the opera was finished.", "non_denial_use"),
        ("She rejected opposition calls for her resignation.", "non_denial_use"),  # a demand, not a claim
        ("The players disputed the referee's decision, and two were booked.", "non_denial_use"),  # not a claim
        ("The fake news law has been used against dozens of journalists.", "non_denial_use"),
        ("The facts that are not in dispute are bad enough.", "non_denial_use"),  # agreed, not rejected
        ("Her account of the night was not disputed by the police.", "non_denial_use"),
        # past denial and reversal, against repeated denial
        ("After previously denying it, the ministry now says the drones were used.", "denial_reversal"),
        ("The club has since admitted that the tests were skipped.", "denial_reversal"),
        ("The ministry again denied using the drones.", "repeated_denial"),
        ("The mayor continues to deny any role in the tender.", "repeated_denial"),
        ("The club again rejected claims of a rift.", "repeated_denial"),
        # reported and presumptive questions
        ("Reporters asked whether the ceasefire would hold.", "reported_question"),
        ("Who paid for the flights, and why has nobody explained?", "presumptive_question"),
        # the explainer's or the reader's plain question (an assertion, GUIDELINES 3.4)
        ("What happens next?", "information_question"),
        ("When will the bridge reopen to lorries?", "information_question"),
        ("Where can I find out more?", "information_question"),
        ("Does the rule apply to postal votes?", "information_question"),
    ],
)
def test_speech_act_kinds_fire(text, kind):
    assert kind in kinds(text), (text, kinds(text))


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The firm has never been keen on the plan.", "self_denial"),
        ("In fact, the bill passed easily on Tuesday.", "correction"),
        ("The claims process for flood damage opens in May.", "attribution_verb"),
        ("EU member states agreed the budget on Friday.", "attribution_verb"),
        ("Member states that signed the treaty meet in May.", "attribution_verb"),
        ("The claim that the dam was sabotaged is false.", "attribution_verb"),  # a noun naming a claim
        ("These reports that the mayor resigned are wrong.", "attribution_verb"),
        ("Several public figures attended the funeral.", "evidence_word"),
        ("I haven't seen any evidence that the vote was rigged.", "evidence_request"),
        ("The trade agreement runs until 2030.", "agreement"),
        ("Two people were injured in the crash.", "anonymous_source"),
        ("Voting takes place in May, and results follow in June.", "hedge"),
        ("The firm is not only the biggest but also the oldest.", "correction"),
        ("Only a handful of families have returned.", "correction"),
        ("He told the hearing that the costs had doubled.", "anonymous_source"),
        ("Two passengers were denied boarding at the gate.", "negated_claim"),  # access, not an act denied
        ("The auditors were denied access to fraud investigators' files.", "negated_claim"),
        ("The ministry denied rape victims a second hearing.", "negated_claim"),  # a victim, not a charge
        ("The agency never confirms or denies its role in such operations.", "negated_claim"),  # a non-answer
        ("The club dismissed the coach as part of a shake-up.", "negated_claim"),  # fired, not rebutted
        ("He was dismissed from his post as minister in 2019.", "negated_claim"),
        ("The council rejected the proposal to publish reports.", "negated_claim"),  # a proposal, not a report
        ("MPs again rejected the bill on Tuesday.", "repeated_denial"),  # a bill voted down again
        ("She rejected opposition calls for her resignation.", "denial_verb"),
        ("The council has long rejected plans for a bypass.", "repeated_denial"),
        # not corrections: an expectation, a speaker agreeing, a proposal turned down
        ("Contrary to expectations, sales rose in the third quarter.", "negated_claim"),
        ("The minister did not attend, as she said on Monday.", "negated_claim"),
        ("The idea was rejected by the council in March.", "negated_claim"),
        ("The plan is not new, as the mayor said, and it will cost more.", "negated_claim"),
        ("Whatever the outcome, the vote will be held in May.", "negated_claim"),
        ("Whatever you think of the plan, it will cost more than the last one.", "negated_claim"),
        ("The vote counts of the two parties differ by a handful.", "negated_claim"),
        # ordinary senses of the wrongdoing verbs, and wrongdoing nobody answers
        ("The problem does not lie with the budget.", "negated_wrongdoing"),
        ("She did not hide her disappointment at the result.", "negated_wrongdoing"),
        ("The newcomers did not steal the show this time.", "negated_wrongdoing"),
        ("Nobody has been charged over the theft of the ledgers.", "negated_wrongdoing"),
        ("I did not speak to the committee until May.", "negated_wrongdoing"),
        ("Snow does not lie for long on the southern coast.", "negated_wrongdoing"),
        # news's frame for an answer: the answer decides
        ("Asked whether the bridge would reopen, the minister said it would.", "reported_question"),
        # leading questions, and questions not at the start of the sentence
        ("Why was the contract never put out to tender?", "information_question"),
        ("What exactly is the ministry hiding?", "information_question"),
        ("Where did the money go?", "information_question"),
        ("How much did the minister know, and when?", "information_question"),
        ("Is this even confirmed??", "information_question"),
        ("Residents asked when the bridge would reopen?", "information_question"),
        ("The council rejected that proposal in May.", "negated_claim"),  # a proposal, not a claim
        ("The regulator no longer disputes that its staff missed the signs.", "negated_claim"),  # a concession
        ("The two towns are in a dispute that began in 1990.", "negated_claim"),  # the noun
        # "X, not Y" in the writer's voice describes; "not in forty years" is emphasis
        ("The tax is based on values in 1991, not on today's prices.", "negated_claim"),
        ("“I have never seen the river this high, not in forty years,” the farmer said.", "negated_claim"),
        ("She keeps a motto, “Follow the paper, not the people”, and says it works.", "negated_claim"),
        ("The council has not fixed the roof of the library.", "negated_wrongdoing"),
        ("The riders did not take anything but water on the climb.", "negated_wrongdoing"),
        ("Nobody has adjusted the figures since the audit, the report says.", "negated_wrongdoing"),
        ("The players disputed the referee's decision, and two were booked.", "denial_verb"),
        ("The fake news law has been used against dozens of journalists.", "dismissal"),
        ("The family disputes the coroner's finding.", "non_denial_use"),  # a verb, not a family dispute
        ("The court quashed the conviction and ordered a retrial.", "negated_claim"),  # no claim named
        ("The central bank played down fears of a recession.", "negated_claim"),  # a worry, not a claim
        # a plan that did not come about rejects no claim (the world_negation above)
        ("The promised rail link never happened, and the site is now a car park.", "negated_claim"),
        ("The promised rail link never happened, and the site is now a car park.", "falsity_word"),
        ("The merger did not happen because the regulator blocked it.", "negated_claim"),
        ("The merger did not happen because the regulator blocked it.", "falsity_word"),
        ("The annual parade will not take place this year.", "negated_claim"),
        # "stop it" ends a dismissal ("Stop it."), not a purpose ("to stop it backing up")
        ("Valves are fitted to stop it backing up into homes.", "dismissal"),
        ("The council acted to stop this happening again.", "dismissal"),
        # a coincidence pointed at, not one the accused claims
        ("It is no coincidence that the contract went to his cousin, critics say.", "negated_claim"),
        ("Critics say it is no coincidence that the contract went to his cousin.", "negated_claim"),
        ("The minister says it was a happy accident; what a coincidence.", "negated_claim"),
        # the noun after a preposition names a claim; nobody is reporting it
        ("A clip is circulating with claims that the weir has burst.", "attribution_verb"),
        ("Shares fell amid reports that the chief executive would leave.", "attribution_verb"),
    ],
)
def test_misfiring_entries_no_longer_fire(text, kind):
    assert kind not in kinds(text), (text, kinds(text))


def test_the_entries_still_fire_where_they_should():
    assert "correction" in kinds("It was not a drill, but a real attack.")
    assert "attribution_verb" in kinds("He claimed the vote was rigged, and she claims that it was not.")
    assert "attribution_verb" in kinds("The paper reports that the mayor resigned.")
    assert "evidence_request" in kinds("Any evidence?")
    assert "evidence_word" in kinds("Official figures show a rise in arrests.")
    assert "hedge" in kinds("The vote may be delayed.")
    assert "agreement" in kinds("Exactly.")
    assert "dismissal" in kinds("Stop it. Nobody was arrested.")
    assert "dismissal" in kinds("oh stop this, it was a drill")
    assert {"denial_verb", "negated_claim"} <= kinds("The family disputes the coroner's finding.").keys()
    # an event someone claimed, said never to have happened, is still a claim rejected
    assert "negated_claim" in kinds("The attack never happened, the army said, and the images are old.")
    assert "falsity_word" in kinds("The meeting did not happen, his spokesman said.")


@pytest.mark.parametrize(
    "quoted, expected",
    [
        ("“Coronation Street”", "quoted_title"),
        ("'Operation Candlelight,'", "quoted_title"),
        ("“strategic”", "quoted_term"),
        ("‘independent’", "quoted_term"),
        ("“We have never paid a cent,”", "quoted_speech"),
        ("“…”", None),
    ],
)
def test_quote_types(quoted, expected):
    assert quote_type(quoted) == expected


def test_apostrophes_do_not_pair_up_as_quotes():
    for text in ("The company 's shares rose after the players ' union agreed.", "the '80s and '90s", "rock 'n' roll"):
        assert "direct_quote" not in kinds(text)
    assert kinds("the club's 'best' season")["direct_quote"] == ["'best'"]


@pytest.mark.parametrize(
    ("text", "defined"),
    [
        ("A “placebo” is a dummy treatment given to one group in a trial.", True),
        ('In dairy farming, a "dry cow" is one that has stopped giving milk.', True),
        ("“Sfumato”, from the Italian for smoke, means tones that blend without outlines.", False),  # too far
        ("The word ‘quorum’ refers to the members who must be present.", True),
        ("“We will appeal,” the club said on Friday.", False),
        ("Critics called the “review” a whitewash of the ministry’s record.", False),
    ],
)
def test_a_quotation_followed_by_its_definition_is_a_term_being_defined(text, defined):
    features = ("quoted_definition",)
    rows, _, _ = act_values([text], features)
    assert bool(len(rows)) is defined
    cues = find_cues_many([text], None)[0]
    assert len(act_spans("quoted_definition", cues)) == int(defined)


@pytest.mark.parametrize(
    ("text", "scare"),
    [
        ("The “consultation” on closing the nursery ran for 14 days over Christmas.", True),
        ("The ministry’s ‘review’ took four days and interviewed nobody.", True),
        ("A “placebo” is a dummy treatment given to one group in a trial.", False),  # defined
        ("The word ‘quorum’ refers to the members who must be present.", False),  # named and defined
        ("The band’s album “Northern Lights” sold well.", False),  # a title
        ("“We will appeal against the ruling,” the club said on Friday.", False),  # speech
        ("Its properties are ‘intrinsic’ or ‘relational’, the author argues.", False),  # terms side by side
        ("The dish, ‘khussa’, ‘mojri’ in some towns, is eaten at weddings.", False),
    ],
)
def test_a_term_nothing_introduces_or_defines_is_a_scare_quote(text, scare):
    rows, _, _ = act_values([text], ("scare_quote",))
    assert bool(len(rows)) is scare
    assert len(act_spans("scare_quote", find_cues_many([text], None)[0])) == int(scare)


def _label_texts() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for f in sorted((ROOT / "labels").rglob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return texts + ["“These reports are false,” he said of the ‘report’. “Who paid?”", "wait… “no” — ﬁnally", ""]


def test_feature_counts_are_the_spans_explanations_show():
    """act_values (the model's features, both paths) counts exactly what act_spans (the
    explanation's spans) points at, for every feature, on every sentence of labels/."""
    texts = _label_texts()
    features = tuple(ACT_FEATURES)
    scanned = scan_cues(texts)
    rows, cols, values = act_values(texts, features, scanned)
    got = {(int(r), features[c]): int(round(np.expm1(v))) for r, c, v in zip(rows, cols, values, strict=True)}
    want = {}
    for i, cues in enumerate(find_cues_many(texts, None, scanned)):
        for f in features:
            if n := len(act_spans(f, cues)):
                want[(i, f)] = n
    assert got == want
    assert {f for _, f in got} == set(features)  # every feature fires somewhere in labels/


def test_estimator_contract():
    texts = ["The ministry denied the report.", "“Who paid?” she asked.", "It is not clear.", ""]
    est = SpeechActFeaturizer(features=("negated_claim", "quoted_question"), scale=2.0)
    assert est.get_params() == {"features": ("negated_claim", "quoted_question"), "scale": 2.0}
    assert clone(est).get_params() == est.get_params()
    assert est.fit(texts) is est
    X = est.transform(texts)
    assert X.shape == (4, 2) and X[0, 0] == pytest.approx(2.0 * np.log1p(1)) and X[1, 1] > 0
    assert list(est.get_feature_names_out()) == ["act:negated_claim", "act:quoted_question"]
    again = pickle.loads(pickle.dumps(SpeechActFeaturizer().fit(texts)))
    assert again.transform(texts).shape[1] == len(again.get_feature_names_out()) == len(ACT_FEATURES)
    with pytest.raises(ValueError, match="'features' parameter of SpeechActFeaturizer"):
        SpeechActFeaturizer(features=("nope",)).fit(texts)
    with pytest.raises(ValueError, match="'scale' parameter"):
        SpeechActFeaturizer(scale=-1).fit(texts)
    with pytest.raises(NotFittedError):
        SpeechActFeaturizer().transform(texts)
    assert all(CUE_KINDS[k].family == "act" for k in ACT_FEATURES if k in CUE_KINDS)


def test_one_long_text_scans_like_its_sentences():
    # Multi-word entries whose required words a text lacks are skipped by one search per text
    # (cue_scan._multi_word_matches); a text of many sentences must find what each finds alone.
    sentence = "The minister denied the report, and the ministry has not commented."
    whole = " ".join([sentence] * 40)
    alone = sorted((c.kind, c.text) for c in find_cues(sentence))
    together = sorted((c.kind, c.text) for c in find_cues(whole))
    assert together == sorted(alone * 40)


@pytest.mark.parametrize(
    "text, kind, shown",
    [
        (
            "The agency said the fire began in a heater, not in the hall.",
            "negated_claim",
            "<says> …, not <alternative>",
        ),
        ("“It closed for repairs, not for the strike,” he said.", "negated_claim", ', not <alternative> …," … <says>'),
        ("What happens next?", "information_question", "<start> what (is|are|does|do|happens"),
        (
            "No, it was never closed.",
            "opening_negation",
            r"^\W*(no|nope|nah|not|never|wrong|false|fake|untrue)\b <not a",
        ),
    ],
)
def test_an_explanation_names_the_parts_of_an_entry(text, kind, shown):
    # The entry an explanation shows reads by its parts, not as the alternations they stand for.
    (cue,) = [c for c in find_cues(text) if c.kind == kind]
    assert readable_entry(matched_entry(kind, fold(text), cue.start, cue.end)).startswith(shown)
