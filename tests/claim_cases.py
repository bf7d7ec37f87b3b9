"""What a denial denies: 60 project-written news sentences (invented names and events) with the
words that state the rejected claim, or None where the sentence does not state it. Written in
session 28 by a separate pass, blind to training/text/denied_claims.py, before it was run on
them. Used by tests/test_denied_claims.py and benchmarks/denied_claims_accuracy.py."""


def _ccase(text: str, claim: str | None) -> dict:
    return {"text": text, "claim": claim}


CLAIM_CASES: list[dict] = [
    # --- denial verb + that-clause (18) ---
    _ccase(
        "The mayor denied that the harbour contract had been awarded without a public tender.",
        "the harbour contract had been awarded without a public tender",
    ),
    _ccase(
        "Ferro Logistics flatly denied that its drivers had been told to skip mandatory rest breaks.",
        "its drivers had been told to skip mandatory rest breaks",
    ),
    _ccase(
        "Councillor Anwen Pryce has repeatedly denied that she knew about the missing funds before March.",
        "she knew about the missing funds before March",
    ),
    _ccase(
        "The club rejected suggestions that the coach’s contract would be terminated at the end of the season.",
        "suggestions that the coach’s contract would be terminated at the end of the season",
    ),
    _ccase(
        "Officials insisted it was not true that the hospital would close its maternity ward next year.",
        "the hospital would close its maternity ward next year",
    ),
    _ccase(
        "A spokesman for the ministry denied on Tuesday that troops had crossed the border near Valdoro.",
        "troops had crossed the border near Valdoro",
    ),
    _ccase(
        "Mr Okafor denied that he had been paid by the developer, saying he had never met its directors.",
        "he had been paid by the developer",
    ),
    _ccase(
        "“We categorically deny that any customer data was sold to third parties,” the company said in a statement.",
        "any customer data was sold to third parties",
    ),
    _ccase(
        "The school’s headteacher denied that pupils had been sent home for wearing the wrong shoes.",
        "pupils had been sent home for wearing the wrong shoes",
    ),
    _ccase(
        "Rennick Foods denies that it misled shoppers about the sugar content of its breakfast cereals.",
        "it misled shoppers about the sugar content of its breakfast cereals",
    ),
    _ccase(
        "The prosecutor denied that evidence had been withheld from the defence, adding that all files were shared in January.",
        "evidence had been withheld from the defence",
    ),
    _ccase(
        "She has always denied that the foundation was used to hide her family’s income from the tax authorities.",
        "the foundation was used to hide her family’s income from the tax authorities",
    ),
    _ccase(
        "The airline denied that safety checks on its regional fleet had been shortened to save time.",
        "safety checks on its regional fleet had been shortened to save time",
    ),
    _ccase(
        "Police denied that officers had used tear gas against the marchers, the force’s press office said.",
        "officers had used tear gas against the marchers",
    ),
    _ccase(
        "The federation’s president insisted that it was untrue that referees had been pressured before the cup final.",
        "referees had been pressured before the cup final",
    ),
    _ccase(
        "The minister denied that the budget cuts would affect frontline staff, though she conceded that some back-office posts would go.",
        "the budget cuts would affect frontline staff",
    ),
    _ccase(
        "Harlow Energy rejected suggestions that it had delayed repairs to boost its quarterly profits.",
        "suggestions that it had delayed repairs to boost its quarterly profits",
    ),
    _ccase(
        "Local officials strongly denied that the water supply had been contaminated, calling the rumours “reckless”.",
        "the water supply had been contaminated",
    ),
    # --- denial verb + noun phrase (15) ---
    _ccase(
        "Senator Lydia Marsh denied any wrongdoing after documents linking her office to the lobbying firm emerged.",
        "any wrongdoing",
    ),
    _ccase(
        "The company dismissed claims of favouritism in the award of the bridge contract as politically motivated.",
        "claims of favouritism in the award of the bridge contract",
    ),
    _ccase(
        "Mr Haddad rejected reports that he was preparing to resign, calling them “pure speculation”.",
        "reports that he was preparing to resign",
    ),
    _ccase(
        "The interior ministry denied allegations of torture at the Kesswick detention centre, calling them “lies”.",
        "allegations of torture at the Kesswick detention centre",
    ),
    _ccase(
        "The bank denied the allegations, saying it had cooperated fully with investigators since 2021.",
        "the allegations",
    ),
    _ccase(
        "Team officials rejected rumours of a rift between the manager and his captain ahead of Sunday’s derby.",
        "rumours of a rift between the manager and his captain",
    ),
    _ccase(
        "The embassy denied reports of a planned evacuation of its staff, saying operations were continuing as normal.",
        "reports of a planned evacuation of its staff",
    ),
    _ccase(
        "Dr Ilse Brandt has denied accusations that she falsified data in three published studies.",
        "accusations that she falsified data in three published studies",
    ),
    _ccase(
        "The union dismissed the company’s claim that the strike had cost £4m a day as “wildly exaggerated”.",
        "the company’s claim that the strike had cost £4m a day",
    ),
    _ccase("Palmer Holdings denies wrongdoing and says it will contest the regulator’s fine in court.", "wrongdoing"),
    _ccase(
        "Governor Tate denied responsibility for the delays at the state’s vaccination centres, blaming federal agencies instead.",
        "responsibility for the delays at the state’s vaccination centres",
    ),
    _ccase(
        "The broadcaster denied claims of bias in its election coverage on Thursday.",
        "claims of bias in its election coverage",
    ),
    _ccase(
        "Prosecutors rejected defence claims that the confession had been obtained under duress.",
        "defence claims that the confession had been obtained under duress",
    ),
    _ccase(
        "The health authority denied any link between the vaccine and the reported illnesses, citing two “robust” independent reviews.",
        "any link between the vaccine and the reported illnesses",
    ),
    _ccase(
        "Lawyers for the singer denied all charges of tax evasion, the court in Hellerup heard.",
        "all charges of tax evasion",
    ),
    # --- denial verb + -ing (6) ---
    _ccase(
        "The former aide denied taking confidential files from the minister’s office, her lawyer told the tribunal.",
        "taking confidential files from the minister’s office",
    ),
    _ccase(
        "Mr Castellano denies having known about the secret payments, according to his solicitor.",
        "having known about the secret payments",
    ),
    _ccase(
        "The goalkeeper denied deliberately wasting time during the second half, insisting he’d been injured.",
        "deliberately wasting time during the second half",
    ),
    _ccase(
        "Both men deny conspiring to defraud the Westfield pension fund and will stand trial in October.",
        "conspiring to defraud the Westfield pension fund",
    ),
    _ccase(
        "The contractor has denied cutting corners on the school’s fire doors, saying every installation was certified.",
        "cutting corners on the school’s fire doors",
    ),
    _ccase(
        "The transport minister flatly denied misleading parliament over the cost of the northern rail project.",
        "misleading parliament over the cost of the northern rail project",
    ),
    # --- claim NP called false / untrue / baseless / wrong (8) ---
    _ccase(
        "Claims that the dam had cracked during the storm are baseless, the water authority said.",
        "Claims that the dam had cracked during the storm",
    ),
    _ccase(
        "“The report that we are closing the Dunmore plant is completely false,” said the chief executive, Omar Leclerc.",
        "The report that we are closing the Dunmore plant",
    ),
    _ccase(
        "The suggestion that tuition fees will double next year is simply wrong, the university said.",
        "The suggestion that tuition fees will double next year",
    ),
    _ccase(
        "Rumours that the striker is leaving for a Spanish club are untrue, according to the player’s agent.",
        "Rumours that the striker is leaving for a Spanish club",
    ),
    _ccase(
        "“Allegations that our staff mistreated residents are a complete fabrication,” the care home’s owner told reporters.",
        "Allegations that our staff mistreated residents",
    ),
    _ccase(
        "A police spokeswoman said that reports of a second gunman at the shopping centre were not true.",
        "reports of a second gunman at the shopping centre",
    ),
    _ccase(
        "“The idea that the council is selling off the park to developers is nonsense,” Councillor Rhys Bellamy insisted.",
        "The idea that the council is selling off the park to developers",
    ),
    _ccase(
        "Statements that the vaccine was rushed through testing are false and dangerous, the country’s chief medical officer warned.",
        "Statements that the vaccine was rushed through testing",
    ),
    # --- there is no truth in/to X (3) ---
    _ccase(
        "There is no truth in reports that the city orchestra will merge with its rival, the orchestra’s director said.",
        "reports that the city orchestra will merge with its rival",
    ),
    _ccase(
        "“There is no truth to the rumour that I am standing down,” the party leader told supporters in Carlow.",
        "the rumour that I am standing down",
    ),
    _ccase(
        "The hospital trust said there was no truth in claims that patients had waited up to 30 hours for a bed.",
        "claims that patients had waited up to 30 hours for a bed",
    ),
    # --- no stated object: None (10) ---
    _ccase("“That is simply not true, and we will be saying so in court,” the spokesman said.", None),
    _ccase("The minister flatly denied it when reporters approached her outside parliament on Monday.", None),
    _ccase("“Absolutely not,” the club chairman said, before walking out of the television interview in Leeds.", None),
    _ccase("The company dismissed the story as “malicious gossip” and said it would consider legal action.", None),
    _ccase("Ms Duarte rejected the claim outright, saying she had documents that would prove her case.", None),
    _ccase("Police have denied this, saying no arrests were made during the weekend demonstration.", None),
    _ccase("The club has strongly denied them, and its lawyers have written to the newspaper’s editor.", None),
    _ccase("“We deny that,” a spokeswoman for the embassy said, declining to comment further.", None),
    _ccase("Speaking outside court, Mr Fenwick said he denied everything and would “fight to clear” his name.", None),
    _ccase("The spokesperson issued a firm denial late on Friday but declined to answer further questions.", None),
]


# Written blind by another pass after the fixes the cases above led to, on purpose beyond the
# simplest forms (contested, rebuffed, repudiated, brushed aside, pushed back against, passives,
# "did not deny"). Before the fixes they led to: 21 of 32 claims right, 2 wrong spans, 9 missed,
# and a claim given for 4 of the 8 that state none. No longer blind.
SECOND_CLAIM_CASES: list[dict] = [
    _ccase(
        "Health Secretary Priya Venn denied that hospital waiting lists had been manipulated before the election, saying the figures were independently checked.",
        "hospital waiting lists had been manipulated before the election",
    ),
    _ccase(
        "“We categorically reject any suggestion that our drivers were told to skip safety checks,” said Marta Oyelaran, the haulier’s operations director.",
        "any suggestion that our drivers were told to skip safety checks",
    ),
    _ccase(
        "The club’s owner has denied reports that he is in talks to sell the stadium to a property developer.",
        "reports that he is in talks to sell the stadium to a property developer",
    ),
    _ccase(
        "Transport Minister Denies Role in Harbour Dredging Tender Scandal as Opposition Demands Inquiry",
        "Role in Harbour Dredging Tender Scandal",
    ),
    _ccase(
        "The police federation refuted claims that officers had been ordered to meet arrest quotas, calling them “a fantasy dreamt up by critics”.",
        "claims that officers had been ordered to meet arrest quotas",
    ),
    _ccase(
        "Lawyers for the developer disputed the council’s assertion that the tower breached height limits by four storeys.",
        "the council’s assertion that the tower breached height limits by four storeys",
    ),
    _ccase(
        "The airline contested allegations that it had deliberately overbooked flights during the summer peak, the regulator said on Thursday.",
        "allegations that it had deliberately overbooked flights during the summer peak",
    ),
    _ccase(
        "Union leaders rebuffed suggestions that the strike was politically motivated, insisting the dispute concerned pay and nothing else.",
        "suggestions that the strike was politically motivated",
    ),
    _ccase(
        "The bishop publicly repudiated claims that the diocese’s funds had been used to settle abuse cases in secret.",
        "claims that the diocese’s funds had been used to settle abuse cases in secret",
    ),
    _ccase(
        "Coach Elías Ferrand brushed aside speculation about his future at the club after Saturday’s heavy defeat.",
        "speculation about his future at the club",
    ),
    _ccase(
        "The White Birch Group pushed back against accusations of greenwashing in its annual report, saying its climate targets had been externally audited.",
        "accusations of greenwashing in its annual report",
    ),
    _ccase(
        "The mayor’s office is denying that any public money was spent on the private reception at City Hall.",
        "any public money was spent on the private reception at City Hall",
    ),
    _ccase(
        "Lindqvist Foods has denied any wrongdoing after inspectors found rodent droppings at its Malmo processing plant.",
        "any wrongdoing",
    ),
    _ccase(
        "The spokesman did not deny that talks with the rival bank had taken place, but declined to comment further.",
        None,
    ),
    _ccase(
        "Councillor Dee Amato denied that she had leaked the planning documents, but admitted sharing a summary with a local journalist.",
        "she had leaked the planning documents",
    ),
    _ccase(
        "Allegations that the mayor accepted hospitality from the paving contractor were denied by his office on Monday.",
        "Allegations that the mayor accepted hospitality from the paving contractor",
    ),
    _ccase(
        "The defence ministry said it was false that conscripts had been sent to the border without training.",
        "conscripts had been sent to the border without training",
    ),
    _ccase(
        "Reports that the festival will be cancelled this year are “completely untrue”, organisers said in a statement.",
        "Reports that the festival will be cancelled this year",
    ),
    _ccase(
        "“There is no truth whatsoever in rumours that the striker has asked to leave in January,” his agent said.",
        "rumours that the striker has asked to leave in January",
    ),
    _ccase(
        "It is simply not true that pensioners will lose their bus passes under the new scheme, the minister insisted.",
        "pensioners will lose their bus passes under the new scheme",
    ),
    _ccase(
        "The former aide denied shredding documents related to the inquiry, telling the court he had only archived them.",
        "shredding documents related to the inquiry",
    ),
    _ccase(
        "Both defendants denied the charges when they appeared at Kingsbridge Crown Court on Friday morning.",
        "the charges",
    ),
    _ccase("“That is complete nonsense,” the chief constable said when he was asked about the leaked report.", None),
    _ccase("“I deny it absolutely,” Mr Okafor told reporters gathered outside the employment tribunal in Leeds.", None),
    _ccase("The company issued a strongly worded denial on Wednesday evening, but gave no further details.", None),
    _ccase("A spokeswoman for the embassy rejected the claim, describing it as “baseless and malicious”.", None),
    _ccase("The striker’s agent dismissed that suggestion within hours, saying his client was happy in Lisbon.", None),
    _ccase(
        "The ministry denied this in a brief statement, adding that an internal review was already under way.", None
    ),
    _ccase(
        "The regulator said it had “never denied” receiving the complaint but was still investigating its contents.",
        None,
    ),
    _ccase(
        "“I have never taken a penny from that company, and I deny any suggestion that I influenced the contract,” the senator said.",
        "any suggestion that I influenced the contract",
    ),
    _ccase(
        "“We strongly refute the allegation that patients were put at risk,” a hospital trust spokesperson said on Tuesday.",
        "the allegation that patients were put at risk",
    ),
    _ccase(
        "The finance minister dismissed fears of a run on the currency as “scaremongering” during a radio interview.",
        "fears of a run on the currency",
    ),
    _ccase(
        "Mayor Rejects Claims He Used Council Car for Family Holiday in Cornwall",
        "Claims He Used Council Car for Family Holiday in Cornwall",
    ),
    _ccase(
        "Through his lawyers, the actor strenuously denied allegations of assault made by a former co-star in a newspaper interview.",
        "allegations of assault made by a former co-star in a newspaper interview",
    ),
    _ccase(
        "The militia has denied any involvement in Sunday’s attack on an aid convoy near Tessalit, according to a statement posted online.",
        "any involvement in Sunday’s attack on an aid convoy near Tessalit",
    ),
    _ccase(
        "The broadcaster rejected as false the accusation that it had edited the interview to mislead viewers.",
        "the accusation that it had edited the interview to mislead viewers",
    ),
    _ccase(
        "Ms Haldane flatly denied that she had met the lobbyist twice in March, the inquiry heard.",
        "she had met the lobbyist twice in March",
    ),
    _ccase(
        "Officials poured cold water on reports that a ceasefire deal would be signed this weekend, saying talks remained stalled.",
        "reports that a ceasefire deal would be signed this weekend",
    ),
    _ccase(
        "Claims of vote-rigging in the northern provinces have been rejected by the electoral commission as “without foundation”.",
        "Claims of vote-rigging in the northern provinces",
    ),
    _ccase(
        "The spokesperson denied the company was planning further redundancies, though she would not rule them out.",
        "the company was planning further redundancies",
    ),
]


# Written blind by a third pass after the fixes above. Before the fixes they led to (claim nouns
# "finding", "conclusion", "criticism"; "denied outright that"; "dismissed as “pure fiction”
# reports that"; "would neither confirm nor deny"): 27 of 32 claims right, 1 wrong span, 4
# missed, a claim given for 2 of the 8 that state none. No longer blind.
THIRD_CLAIM_CASES: list[dict] = [
    _ccase(
        "The striker’s agent denied that his client had agreed personal terms with the rival club before the transfer window opened.",
        "his client had agreed personal terms with the rival club before the transfer window opened",
    ),
    _ccase(
        "Health officials rejected reports that Marlow’s new vaccine clinic had run out of doses within two days of opening.",
        "reports that Marlow’s new vaccine clinic had run out of doses within two days of opening",
    ),
    _ccase(
        "The council leader dismissed claims of favouritism in the awarding of the road maintenance contract, calling them politically motivated.",
        "claims of favouritism in the awarding of the road maintenance contract",
    ),
    _ccase(
        "Lawyers for Daniel Ferrow refuted the allegation that he had destroyed evidence before his arrest, the court heard on Monday.",
        "the allegation that he had destroyed evidence before his arrest",
    ),
    _ccase(
        "Grid operator Norvane disputed the regulator’s finding that the blackout was caused by poor maintenance of its substations.",
        "the regulator’s finding that the blackout was caused by poor maintenance of its substations",
    ),
    _ccase(
        "“We categorically deny that any customer data was sold to third parties,” a spokeswoman for the app maker said.",
        "any customer data was sold to third parties",
    ),
    _ccase(
        "Defence ministry rejects claims that its troops shelled a civilian convoy near Kessar",
        "claims that its troops shelled a civilian convoy near Kessar",
    ),
    _ccase(
        "The gallery’s director denied any wrongdoing over the sale of the disputed painting but admitted that paperwork had been mishandled.",
        "any wrongdoing over the sale of the disputed painting",
    ),
    _ccase(
        "The former treasurer denied taking the files home but admitted he had kept copies on a personal laptop.",
        "taking the files home",
    ),
    _ccase(
        "Claims that the reservoir was contaminated with industrial solvents are baseless, the water authority said on Thursday.",
        "Claims that the reservoir was contaminated with industrial solvents",
    ),
    _ccase(
        "Reports of a merger between the two regional airlines were denied by both companies late on Wednesday.",
        "Reports of a merger between the two regional airlines",
    ),
    _ccase(
        "“There is no truth in reports that the manager will leave the club at the end of the season,” the chairman said.",
        "reports that the manager will leave the club at the end of the season",
    ),
    _ccase(
        "“It is simply not true that bus fares will double next year,” the transport commissioner told reporters.",
        "bus fares will double next year",
    ),
    _ccase(
        "The hospital trust rebutted suggestions that patients had been left waiting on trolleys overnight in its emergency department.",
        "suggestions that patients had been left waiting on trolleys overnight in its emergency department",
    ),
    _ccase(
        "The tech firm contested the commission’s conclusion that its search rankings favoured its own shopping service.",
        "the commission’s conclusion that its search rankings favoured its own shopping service",
    ),
    _ccase(
        "The Olympic committee rebuffed accusations that it had ignored warnings about doping in the weightlifting team.",
        "accusations that it had ignored warnings about doping in the weightlifting team",
    ),
    _ccase(
        "The novelist repudiated claims that her latest book had been written with the help of an artificial intelligence tool.",
        "claims that her latest book had been written with the help of an artificial intelligence tool",
    ),
    _ccase(
        "The mayor brushed aside criticism that the new cycle lanes had worsened congestion in the town centre, saying the data showed otherwise.",
        "criticism that the new cycle lanes had worsened congestion in the town centre",
    ),
    _ccase(
        "Energy minister Rhea Calloway pushed back against suggestions that the offshore wind auction had failed to attract bidders.",
        "suggestions that the offshore wind auction had failed to attract bidders",
    ),
    _ccase(
        "The rebel commander denied outright that his fighters had recruited children, telling reporters: “We do not use boys as soldiers.”",
        "his fighters had recruited children",
    ),
    _ccase(
        "“I never took a single penny from that charity,” Marsh said, denying the fraud charges against him.",
        "the fraud charges against him",
    ),
    _ccase(
        "The coach denied rumours of a rift with his captain on Saturday, insisting the pair spoke every day.",
        "rumours of a rift with his captain",
    ),
    _ccase(
        "Police denied that officers had used tear gas against peaceful protesters outside the parliament building on Friday night.",
        "officers had used tear gas against peaceful protesters outside the parliament building on Friday night",
    ),
    _ccase(
        "The pharmaceutical company denied the allegations in a statement on Tuesday, adding that it would cooperate fully with investigators.",
        "the allegations",
    ),
    _ccase(
        "Residents’ association disputes council claim that the flood defences were finished on time",
        "council claim that the flood defences were finished on time",
    ),
    _ccase(
        "The broadcaster rejected the accusation of bias in its election coverage as nonsense and said complaints had fallen.",
        "the accusation of bias in its election coverage",
    ),
    _ccase(
        "The defendant, a 34-year-old electrician from Hallbrook, denies causing death by dangerous driving on the A52 last March.",
        "causing death by dangerous driving on the A52 last March",
    ),
    _ccase(
        "Sources close to the singer dismissed as “pure fiction” reports that she had cancelled the tour because of poor ticket sales.",
        "reports that she had cancelled the tour because of poor ticket sales",
    ),
    _ccase(
        "The ministry insisted it was untrue that the army had withdrawn from the town, describing the footage as fabricated.",
        "the army had withdrawn from the town",
    ),
    _ccase(
        "Arlo Systems denied that its chips had been shipped to sanctioned buyers, but acknowledged that an internal review was under way.",
        "its chips had been shipped to sanctioned buyers",
    ),
    _ccase(
        "The club’s owners have denied that the stadium will be sold to developers, the supporters’ trust said after a meeting on Monday.",
        "the stadium will be sold to developers",
    ),
    _ccase(
        "The health secretary flatly rejected the union’s claim that nurses’ real pay had fallen by a fifth since 2015.",
        "the union’s claim that nurses’ real pay had fallen by a fifth since 2015",
    ),
    _ccase("“That is completely false, and our lawyers will be in touch,” the chief executive said.", None),
    _ccase(
        "The prime minister’s office denied it on Sunday evening, without giving further details about the meeting.",
        None,
    ),
    _ccase(
        "The referees’ association rejected the claim in a brief statement and said it would not comment further while the review continued.",
        None,
    ),
    _ccase("The senator did not deny that she had met the lobbyist twice in the weeks before the vote.", None),
    _ccase(
        "“Absolutely not, and I won’t dignify it with a longer answer,” the goalkeeper told reporters after training on Thursday.",
        None,
    ),
    _ccase(
        "The energy company dismissed the story as speculation and said its refinery expansion plans remained unchanged.",
        None,
    ),
    _ccase(
        "A spokesman for the general rejected that suggestion outright, saying the ceasefire lines were being respected.",
        None,
    ),
    _ccase(
        "The health board would neither confirm nor deny that the maternity unit in Ostrey would close next spring.",
        None,
    ),
]


# Written blind by a fourth pass after the fixes above. Before the fix it led to (a manner adverb
# after the object: "rejected that suggestion firmly"): 32 of 32 claims right, a claim given for
# 1 of the 8 that state none. No longer blind.
FOURTH_CLAIM_CASES: list[dict] = [
    _ccase(
        "The club’s chairman, Orrin Takeda, denied that the squad had been paid bonuses in cash before the cup final last May.",
        "the squad had been paid bonuses in cash before the cup final last May",
    ),
    _ccase(
        "Health officials rejected reports that the Marlow district hospital would close its maternity ward by the end of the year, saying staffing had improved.",
        "reports that the Marlow district hospital would close its maternity ward by the end of the year",
    ),
    _ccase(
        "The energy regulator disputed the auditors’ finding that Westbrook Power had overcharged 40,000 households during the winter freeze.",
        "the auditors’ finding that Westbrook Power had overcharged 40,000 households during the winter freeze",
    ),
    _ccase(
        "Councillor Priya Venn denied any wrongdoing in the awarding of the bridge repair contract.",
        "any wrongdoing in the awarding of the bridge repair contract",
    ),
    _ccase(
        "The defendant, 34-year-old Callum Ferro, denied taking the laptops from the school storeroom, his lawyer told the court.",
        "taking the laptops from the school storeroom",
    ),
    _ccase(
        "Claims that the Lindqvist reactor had leaked coolant into the river are baseless, the nuclear safety agency said on Friday.",
        "Claims that the Lindqvist reactor had leaked coolant into the river",
    ),
    _ccase(
        "Reports of a merger between Harlan Bank and Cobalt Mutual were denied by both lenders on Monday.",
        "Reports of a merger between Harlan Bank and Cobalt Mutual",
    ),
    _ccase(
        "“There is no truth in reports that the club is for sale,” the owner, Delphine Marr, told supporters.",
        "reports that the club is for sale",
    ),
    _ccase(
        "“It is not true that bus fares in Kessington will double next spring,” the transport authority said.",
        "bus fares in Kessington will double next spring",
    ),
    _ccase(
        "The defence ministry dismissed as nonsense reports that its troops had withdrawn from the village of Ostrava Dolna overnight.",
        "reports that its troops had withdrawn from the village of Ostrava Dolna overnight",
    ),
    _ccase(
        "Mayor Tobias Lund rebuffed criticism that the new parking levy unfairly targets shift workers, calling it “a necessary step”.",
        "criticism that the new parking levy unfairly targets shift workers",
    ),
    _ccase(
        "The researchers refuted the suggestion that their vaccine trial had excluded patients over 65 to improve the results.",
        "the suggestion that their vaccine trial had excluded patients over 65 to improve the results",
    ),
    _ccase(
        "Nexora’s chief executive pushed back against speculation that the company would lay off a third of its engineers this quarter.",
        "speculation that the company would lay off a third of its engineers this quarter",
    ),
    _ccase(
        "The gallery repudiated the conclusion of an independent panel that the disputed portrait was painted by a student rather than by Ilse Varga.",
        "the conclusion of an independent panel that the disputed portrait was painted by a student rather than by Ilse Varga",
    ),
    _ccase(
        "Coach Marisol Dunne brushed aside fears that her captain’s knee injury would rule him out of the semi-final.",
        "fears that her captain’s knee injury would rule him out of the semi-final",
    ),
    _ccase(
        "The rail operator contested the inspectors’ conclusion that faulty signalling caused the derailment near Pellworth Junction.",
        "the inspectors’ conclusion that faulty signalling caused the derailment near Pellworth Junction",
    ),
    _ccase(
        "Lawyers for the developer rebutted allegations that the company had bribed planning officers, saying the payments were “legitimate consultancy fees”.",
        "allegations that the company had bribed planning officers",
    ),
    _ccase(
        "The army denied outright that its drones had struck a civilian convoy on the coastal road.",
        "its drones had struck a civilian convoy on the coastal road",
    ),
    _ccase(
        "The striker’s agent denied the accusations of match-fixing on Thursday, calling them “a smear”.",
        "the accusations of match-fixing",
    ),
    _ccase(
        "The university flatly rejected the students’ claim that exam fees had been raised without consultation.",
        "the students’ claim that exam fees had been raised without consultation",
    ),
    _ccase(
        "Allegations that the council had sold the allotments to a relative of the deputy leader were dismissed by the standards committee.",
        "Allegations that the council had sold the allotments to a relative of the deputy leader",
    ),
    _ccase(
        "The suggestion that the water in Brennock was unsafe to drink is simply false, the utility’s director said.",
        "The suggestion that the water in Brennock was unsafe to drink",
    ),
    _ccase(
        "Ministers have denied that the fuel subsidy will be scrapped before the election.",
        "the fuel subsidy will be scrapped before the election",
    ),
    _ccase(
        "The hospital trust refuted claims that patients had waited more than 12 hours in corridors over the weekend.",
        "claims that patients had waited more than 12 hours in corridors over the weekend",
    ),
    _ccase(
        "Orlan Telecom denied reports of a data breach affecting two million customers, the company said in a statement.",
        "reports of a data breach affecting two million customers",
    ),
    _ccase(
        "“We categorically reject the idea that this budget cuts frontline policing,” the finance chief, Aldo Reyes, told reporters.",
        "the idea that this budget cuts frontline policing",
    ),
    _ccase(
        "The astronomers disputed a rival team’s finding that the signal came from a distant exoplanet rather than instrument noise.",
        "a rival team’s finding that the signal came from a distant exoplanet rather than instrument noise",
    ),
    _ccase(
        "The commander denied that his unit had been ordered to shell the grain depot, calling the accusation “propaganda”.",
        "his unit had been ordered to shell the grain depot",
    ),
    _ccase(
        "The theatre company dismissed rumours that its artistic director was about to resign as “pure invention”.",
        "rumours that its artistic director was about to resign",
    ),
    _ccase(
        "Senator Halvorsen has repeatedly denied having any contact with the lobbyist before the vote.",
        "having any contact with the lobbyist before the vote",
    ),
    _ccase(
        "The football federation rejected as baseless the accusation that referees had been instructed to favour the home side.",
        "the accusation that referees had been instructed to favour the home side",
    ),
    _ccase(
        "The farm’s owners denied polluting the Tarrow stream with slurry, the environment agency said.",
        "polluting the Tarrow stream with slurry",
    ),
    _ccase(
        "“That is completely untrue,” the coach said after the match, before walking out of the press conference.", None
    ),
    _ccase(
        "The minister denied it on Wednesday, telling parliament the figures had been misread by opposition researchers.",
        None,
    ),
    _ccase(
        "The mining company rejected the claim, saying it would study the environmental report carefully before commenting further.",
        None,
    ),
    _ccase("The club’s owner did not deny that talks with potential buyers had taken place over the summer.", None),
    _ccase(
        "A police spokeswoman would neither confirm nor deny that a second suspect had been arrested in Dunmore.", None
    ),
    _ccase("“Absolutely not,” the senator said as she left the committee room on Thursday evening.", None),
    _ccase(
        "The state broadcaster dismissed the story as fabricated and said it would complain to the press regulator.",
        None,
    ),
    _ccase(
        "Officials rejected that suggestion firmly, saying the dam had passed every inspection since it opened.", None
    ),
]


# Written blind by a fifth pass after the last fix to the module, and measured once the module
# was frozen: the fair figure. No test asserts them, so that they stay a fair measure (a miss
# here is a finding, not a case to tune the rules to).
HELDBACK_CLAIM_CASES: list[dict] = [
    _ccase(
        "The county council denied on Thursday that plans to close three rural libraries had been finalised before the public consultation ended.",
        "plans to close three rural libraries had been finalised before the public consultation ended",
    ),
    _ccase(
        "Striker Tomas Velde rejected reports that he had asked to leave Harbourside United during the January transfer window, calling them “pure invention.”",
        "reports that he had asked to leave Harbourside United during the January transfer window",
    ),
    _ccase(
        "The hospital trust disputed the inspectors’ finding that patients had waited more than twelve hours in corridors at its Eastmoor site.",
        "the inspectors’ finding that patients had waited more than twelve hours in corridors at its Eastmoor site",
    ),
    _ccase(
        "Grenford Energy on Monday denied any wrongdoing, saying its crews had followed every safety protocol at the Marsh Lane pumping station.",
        "any wrongdoing",
    ),
    _ccase(
        "“We categorically deny that any passenger data was sold to third parties,” a spokeswoman for the ride-hailing firm Zipto said.",
        "any passenger data was sold to third parties",
    ),
    _ccase(
        "“I deny it, and I will keep denying it until the day I die,” the former mayor of Castlebridge told the court.",
        None,
    ),
    _ccase(
        "Claims that the vaccine trial was halted because of serious side effects are baseless, the university’s research office said in a statement.",
        "Claims that the vaccine trial was halted because of serious side effects",
    ),
    _ccase(
        "Reports of a merger between the two regional airlines were firmly denied by executives at both companies on Wednesday.",
        "Reports of a merger between the two regional airlines",
    ),
    _ccase(
        "There is no truth in rumours that the cathedral’s choir school will close at the end of the academic year, the diocese said.",
        "rumours that the cathedral’s choir school will close at the end of the academic year",
    ),
    _ccase(
        "It is not true that tuition fees at Northvale College will rise by forty percent next autumn, the principal told parents.",
        "tuition fees at Northvale College will rise by forty percent next autumn",
    ),
    _ccase(
        "The defence minister would neither confirm nor deny that special forces had crossed the border near Kelvar last week.",
        None,
    ),
    _ccase(
        "The coach did not deny that several players had broken the team curfew before the semi-final, but said the matter was closed.",
        None,
    ),
    _ccase(
        "Rail Operator Denies Cutting Weekend Services on the Coastal Line to Save Money",
        "Cutting Weekend Services on the Coastal Line to Save Money",
    ),
    _ccase(
        "The defendant, 34, denied stealing more than £80,000 from the charity’s accounts between 2019 and 2022.",
        "stealing more than £80,000 from the charity’s accounts between 2019 and 2022",
    ),
    _ccase(
        "The embassy dismissed as fabricated the allegation that its diplomats had met rebel commanders in secret.",
        "the allegation that its diplomats had met rebel commanders in secret",
    ),
    _ccase(
        "Police rejected the claim, saying officers had acted within the law throughout Saturday’s protest outside the town hall.",
        None,
    ),
    _ccase(
        "The club’s owner brushed aside suggestions that the stadium would be sold to developers as “nonsense from people who want to see us fail.”",
        "suggestions that the stadium would be sold to developers",
    ),
    _ccase(
        "Professor Ines Marlow rejected accusations of data manipulation in her team’s climate study, insisting that all raw measurements had been published online.",
        "accusations of data manipulation in her team’s climate study",
    ),
    _ccase(
        "Loomis Software denied that a flaw in its payroll app had exposed the bank details of about 200,000 workers, a company spokesman said on Friday.",
        "a flaw in its payroll app had exposed the bank details of about 200,000 workers",
    ),
    _ccase(
        "The archbishop has strongly denied allegations that he ignored warnings about a parish priest in the 1990s.",
        "allegations that he ignored warnings about a parish priest in the 1990s",
    ),
    _ccase(
        "The transport authority flatly denied the story as “mischief-making”, adding that no decision on the tram extension would be taken before the spring.",
        None,
    ),
    _ccase(
        "The army denied that its artillery had struck a hospital in the eastern town of Dravosk, blaming the damage on a rebel mortar.",
        "its artillery had struck a hospital in the eastern town of Dravosk",
    ),
    _ccase(
        "A spokesman for the rebels rejected as “propaganda” the government’s assertion that its fighters were using schools as weapons depots.",
        "the government’s assertion that its fighters were using schools as weapons depots",
    ),
    _ccase(
        "The mining company has denied polluting the Saro river, despite tests showing high levels of arsenic downstream of its plant.",
        "polluting the Saro river",
    ),
    _ccase(
        "Finance chief Odile Barrand denied that the bank had misled investors about its losses, telling the inquiry: “Every figure was audited.”",
        "the bank had misled investors about its losses",
    ),
    _ccase(
        "The theatre’s board denied it on Tuesday, saying the artistic director had resigned for personal reasons after eleven years.",
        None,
    ),
    _ccase(
        "“Nobody in this government has ever said pensions will be frozen, and I reject any suggestion that they will be,” the chancellor said.",
        "any suggestion that they will be",
    ),
    _ccase(
        "Allegations that referees were paid to fix lower-league matches have been denied by the football federation, which said it had found no evidence.",
        "Allegations that referees were paid to fix lower-league matches",
    ),
    _ccase(
        "The school denied that pupils had been sent home for wearing the wrong shoes, saying only two students had been asked to change.",
        "pupils had been sent home for wearing the wrong shoes",
    ),
    _ccase(
        "The health ministry denies that hospitals in the north are running out of oxygen, although doctors there describe severe shortages.",
        "hospitals in the north are running out of oxygen",
    ),
    _ccase(
        "Officials contested the report’s conclusion that the new bypass had increased congestion in the town centre.",
        "the report’s conclusion that the new bypass had increased congestion in the town centre",
    ),
    _ccase(
        "Ferry Contract Row: Transport Minister Denies Misleading Parliament Over Costs of New Island Vessels",
        "Misleading Parliament Over Costs of New Island Vessels",
    ),
    _ccase(
        "Star Chef Denies Claims Her Restaurant Served Reheated Frozen Food to Michelin Inspectors",
        "Claims Her Restaurant Served Reheated Frozen Food to Michelin Inspectors",
    ),
    _ccase(
        "Regional broadcaster Channel Nine North refuted suggestions that its news bulletins had been edited at the request of the mayor’s office.",
        "suggestions that its news bulletins had been edited at the request of the mayor’s office",
    ),
    _ccase(
        "Asked whether the striker would be sold, the chairman said: “No, no, absolutely not, and I am tired of hearing the question.”",
        None,
    ),
    _ccase(
        "The union leader refused to deny that a strike ballot would be held before Christmas at the Wexley bus depot.",
        None,
    ),
    _ccase(
        "The pharmaceutical group Veltris denied having paid doctors to prescribe its painkiller, the company said in a filing on Monday.",
        "having paid doctors to prescribe its painkiller",
    ),
    _ccase(
        "“It is simply untrue that our riders failed drug tests and the results were hidden,” the cycling team’s manager told reporters.",
        "our riders failed drug tests and the results were hidden",
    ),
    _ccase(
        "Prosecutors said the accused, who denies murder, had planned the attack on the jeweller for weeks.", "murder"
    ),
    _ccase(
        "The Interior Ministry on Saturday dismissed reports of mass arrests in the capital after the election as “fake news spread by foreign agents.”",
        "reports of mass arrests in the capital after the election",
    ),
]
