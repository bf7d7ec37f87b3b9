"""Attribution cases for training/text/sources.py, written for this project (invented names and
events, no real articles). Shared by tests/test_sources.py and benchmarks/sources_accuracy.py.

Each case is {"text": ..., "expected": [...]} with one {"source": str | None, "named": bool | None}
per sentence, in order, as `training.text.sentences.split_sentences` splits the text. A source is
the tight noun phrase as written (appositions kept, relative clauses dropped); `named` is False
for anonymous speakers and pronouns ("he", "it": the sentence names nobody) and None when
there is no source.
"""


def _case(text: str, *expected: tuple[str | None, bool | None]) -> dict:
    return {"text": text, "expected": [{"source": s, "named": n} for s, n in expected]}


NONE = (None, None)

SOURCE_CASES: list[dict] = [
    # --- "X said ..." and friends, named ------------------------------------------------
    _case("The defence ministry said the convoy had returned to base.", ("The defence ministry", True)),
    _case("The mayor insisted the budget was balanced.", ("The mayor", True)),
    _case("Veltrix Energy denied that it had dumped waste in the river.", ("Veltrix Energy", True)),
    _case("Anika Brandt wrote on social media that the vote had been rigged.", ("Anika Brandt", True)),
    _case("The spokesman added that no further arrests were expected.", ("The spokesman", True)),
    _case("Gen. Oskar Vinter argued that the drills were purely defensive.", ("Gen. Oskar Vinter", True)),
    _case("The union has repeatedly denied the allegations.", ("The union", True)),
    _case("Police confirmed that two men had been arrested.", ("Police", True)),
    _case("The bank announced it would cut 400 jobs.", ("The bank", True)),
    _case('She tweeted that the report was "pure fiction".', ("She", False)),
    _case("The government stated that no troops had crossed the border.", ("The government", True)),
    _case("Halvard Bekk says he was never paid for the work.", ("Halvard Bekk", True)),
    _case("They say the mine will close by winter.", ("They", False)),
    _case("Mira Okonkwo and Tomas Reyes said they would run together.", ("Mira Okonkwo and Tomas Reyes", True)),
    _case(
        "The company's chief executive, Lena Varga, said the plant would stay open.",
        ("The company's chief executive, Lena Varga", True),
    ),
    _case("Priya Nandakumar, who chairs the inquiry, said the evidence was thin.", ("Priya Nandakumar", True)),
    _case("A government official, Soren Holm, confirmed the figures.", ("A government official, Soren Holm", True)),
    _case("The prime minister, speaking at a rally, said the election was stolen.", ("The prime minister", True)),
    _case("In a statement, Northgate Bank said it had found no wrongdoing.", ("Northgate Bank", True)),
    _case("On Tuesday, Varga wrote on social media that she would resign.", ("Varga", True)),
    _case("The vote was delayed and the speaker said a recount was needed.", ("the speaker", True)),
    _case(
        "The minister said on Monday that the tax would be scrapped. The opposition welcomed the move.",
        ("The minister", True),
        NONE,
    ),
    _case("Mr. Reyes has said he will appeal. His lawyers declined to comment.", ("Mr. Reyes", True), NONE),
    _case("The agency warned of heavy snow. Schools will stay closed.", ("The agency", True), NONE),
    _case("She said the talks would resume, but aides later told reporters that no date was set.", ("She", False)),
    _case('Dr. Lin explained: "The samples were contaminated."', ("Dr. Lin", True)),
    _case(
        'Mira Okonkwo said "nobody believed the official count." Her rivals disagreed.', ("Mira Okonkwo", True), NONE
    ),
    _case("The army denied it. Critics were not convinced.", ("The army", True), NONE),
    _case("The prosecutor told jurors the defendant had lied repeatedly.", ("The prosecutor", True)),
    _case("Joel Marchetti told the committee that he had never met the donor.", ("Joel Marchetti", True)),
    # --- attribution after the clause or quote ---------------------------------------------
    _case("The plant closed in May, the ministry said.", ("the ministry", True)),
    _case(
        "The storm knocked out power to 20,000 homes, the utility said on Sunday. "
        "Crews were working through the night.",
        ("the utility", True),
        NONE,
    ),
    _case("The ceasefire held overnight, the army said, though sporadic shelling was reported.", ("the army", True)),
    _case("The contract, the ministry claimed, was signed in good faith.", ("the ministry", True)),
    _case("The board, it said, had approved the sale in March.", ("it", False)),
    _case('"We have nothing to hide," Mira Okonkwo said.', ("Mira Okonkwo", True)),
    _case('"The figures are wrong," said Dr. Lin, the lab\'s director.', ("Dr. Lin, the lab's director", True)),
    _case('"This is a smear campaign," Joel Marchetti told reporters on Tuesday.', ("Joel Marchetti", True)),
    _case('"There was no cover-up," insisted Ms. Brandt.', ("Ms. Brandt", True)),
    _case('"We will see you in court," Varga wrote on X.', ("Varga", True)),
    _case('"Prices will keep rising," says economist Rui Tavares.', ("economist Rui Tavares", True)),
    _case("\u201cWe are reviewing the footage,\u201d a police spokeswoman said.", ("a police spokeswoman", True)),
    _case(
        'The council voted 7 to 2. "This is a dark day for the city," said councillor Ana Pires.',
        NONE,
        ("councillor Ana Pires", True),
    ),
    _case(
        'Nadia Ferreira said the audit was incomplete. "They skipped half the files," she added.',
        ("Nadia Ferreira", True),
        ("she", False),
    ),
    # --- "according to" --------------------------------------------------------------------
    _case("According to the port authority, the ship never docked.", ("the port authority", True)),
    _case("The ship never docked, according to the port authority.", ("the port authority", True)),
    _case(
        "According to Idris Kallas, the former treasurer, the accounts were falsified.",
        ("Idris Kallas, the former treasurer", True),
    ),
    _case("The report, according to its authors, was leaked.", ("its authors", True)),
    _case(
        "According to data from the statistics office, inflation fell to 3 percent.",
        ("data from the statistics office", True),
    ),
    _case(
        "The accounts were falsified, according to a whistleblower who asked not to be named.",
        ("a whistleblower", False),
    ),
    _case(
        "The dam was built in 1962, according to people familiar with its history.",
        ("people familiar with its history", False),
    ),
    # --- anonymous sources -----------------------------------------------------------------
    _case("Officials who spoke on condition of anonymity said the talks had stalled.", ("Officials", False)),
    _case(
        "An unnamed source in the defence industry told reporters the contract was cancelled.",
        ("An unnamed source in the defence industry", False),
    ),
    _case("People familiar with the matter said the merger was off.", ("People familiar with the matter", False)),
    _case("Critics say the new law is a power grab.", ("Critics", False)),
    _case("Some analysts warned that the currency could fall further.", ("Some analysts", False)),
    _case(
        "A person close to the negotiations said both sides were far apart.",
        ("A person close to the negotiations", False),
    ),
    _case("Insiders claim the board knew about the losses for months.", ("Insiders", False)),
    _case("A senior official said the border would reopen on Friday.", ("A senior official", False)),
    _case("Prices rose sharply in March, analysts said.", ("analysts", False)),
    _case(
        "Two diplomats familiar with the talks said a deal was close.", ("Two diplomats familiar with the talks", False)
    ),
    _case('"Nobody warned us," said a resident of the flooded street.', ("a resident of the flooded street", False)),
    _case("Observers noted that turnout was unusually low.", ("Observers", False)),
    _case("Sources said the president would not seek re-election.", ("Sources", False)),
    _case("An anonymous employee wrote that managers had ignored safety warnings.", ("An anonymous employee", False)),
    _case("Officials at the port said the cranes had been idle for days.", ("Officials at the port", False)),
    _case("Witnesses told local radio they heard two explosions.", ("Witnesses", False)),
    _case("Former employees allege that the mine falsified safety logs.", ("Former employees", False)),
    _case("A senior police officer told the newspaper that the suspect had fled.", ("A senior police officer", False)),
    _case('"Is this legal?" asked one lawmaker.', ("one lawmaker", False)),
    _case(
        "Residents said the water had turned brown. The utility denied any contamination.",
        ("Residents", False),
        ("The utility", True),
    ),
    _case("An official, speaking on condition of anonymity, said the fleet had been recalled.", ("An official", False)),
    # --- quotes over several sentences --------------------------------------------------------
    _case('"We will not sign. The deal is dead," Lena Varga said.', ("Lena Varga", True), ("Lena Varga", True)),
    _case('Tomas Reyes said: "We were never there. Check the records."', ("Tomas Reyes", True), ("Tomas Reyes", True)),
    _case(
        "\u201cThe water is safe,\u201d the health ministry said. \u201cThere is no cause for alarm.\u201d",
        ("the health ministry", True),
        ("the health ministry", True),
    ),
    _case('"I did not take any money," he said. "Not a cent."', ("he", False), ("he", False)),
    _case(
        '"It was a mistake. We apologise. It will not happen again," the airline said in a statement.',
        ("the airline", True),
        ("the airline", True),
        ("the airline", True),
    ),
    _case(
        '"We acted lawfully," the company\'s lawyer, Piet Aalders, said. "Every permit was in order."',
        ("the company's lawyer, Piet Aalders", True),
        ("the company's lawyer, Piet Aalders", True),
    ),
    _case(
        "\u201cOur hands are clean,\u201d the defence minister told parliament. "
        "\u201cWe have nothing to hide. The documents will prove it.\u201d",
        ("the defence minister", True),
        ("the defence minister", True),
        ("the defence minister", True),
    ),
    _case(
        "A source in the cabinet said: \u201cThe plan is finished. Nobody supports it.\u201d",
        ("A source in the cabinet", False),
        ("A source in the cabinet", False),
    ),
    _case(
        '"Stop. Now. Please," Gen. Okafor told the troops.',
        ("Gen. Okafor", True),
        ("Gen. Okafor", True),
        ("Gen. Okafor", True),
    ),
    # --- mixed news copy -------------------------------------------------------------------
    _case("Asked whether he would resign, the minister said no.", ("the minister", True)),
    _case("Speaking to reporters, Okonkwo said the deal was fair.", ("Okonkwo", True)),
    _case("Later, the coach told a news conference that the referee was biased.", ("the coach", True)),
    _case("The club, however, insisted the transfer was legal.", ("The club", True)),
    _case("But the ministry said the figures were accurate.", ("the ministry", True)),
    _case(
        "Meanwhile, a spokeswoman for Northgate Bank said the accounts were frozen.",
        ("a spokeswoman for Northgate Bank", True),
    ),
    _case("Lena Varga, 54, told the court she had been threatened.", ("Lena Varga", True)),
    _case(
        "A spokesperson for the hospital confirmed that three patients had died.",
        ("A spokesperson for the hospital", True),
    ),
    _case(
        "Okonkwo, the opposition leader, has long argued that the census was flawed.",
        ("Okonkwo, the opposition leader", True),
    ),
    _case(
        "Two people with knowledge of the deal said it could be signed this week.",
        ("Two people with knowledge of the deal", False),
    ),
    _case("Varga's office said in a statement that she had not been informed.", ("Varga's office", True)),
    _case('"The numbers don\'t add up," Brandt said, adding that an audit was under way.', ("Brandt", True)),
    _case(
        '"I have never seen anything like it," said Marta Quint, 71, who has lived on the street for decades.',
        ("Marta Quint", True),
    ),
    _case("According to a senior diplomat, the summit has been postponed.", ("a senior diplomat", False)),
    _case("According to Reyes, the ministry knew.", ("Reyes", True)),
    _case('"Get out," she told him.', ("she", False)),
    _case(
        'Dr. Lin said: "We found traces of lead. The levels were high. Children are at risk."',
        ("Dr. Lin", True),
        ("Dr. Lin", True),
        ("Dr. Lin", True),
    ),
    _case('"The vote was fair," the commission said. The opposition called it a sham.', ("the commission", True), NONE),
    _case("The new tactics, critics argue, are spreading.", ("critics", False)),
    _case("Aides to the governor said she would not attend.", ("Aides to the governor", False)),
    _case("The agreement was signed, officials announced on Friday.", ("officials", False)),
    _case("Police say the suspect is still at large. A reward has been offered.", ("Police", True), NONE),
    _case("The airline has not commented. Its shares fell 4 percent.", NONE, NONE),
    _case("Shareholders were told the dividend would be cut.", NONE),
    _case("It remains unclear who fired first.", NONE),
    _case("The documents, seen by reporters, show the payments continued.", NONE),
    _case("Many said goodbye at the station.", NONE),
    # --- a batch written before running the module on it (21 of its 30 sentences were right at
    # first; the module was then improved: "vowed", "quoted as saying", bare plurals, ...) ------
    _case('"We tried," she said, "but nobody listened."', ("she", False)),
    _case("The ministry posted a statement on its website denying the report.", ("The ministry", True)),
    _case("The union vowed to continue the strike.", ("The union", True)),
    _case("Okonkwo was quoted as saying the results were fake.", ("Okonkwo", True)),
    _case("The minister's claims, which she repeated on Tuesday, were false.", NONE),
    _case("Varga did not say when the plant would reopen.", NONE),
    _case(
        "\u201cThe vote is rigged,\u201d Okonkwo said in a video posted online. \u201cWe will not accept it.\u201d",
        ("Okonkwo", True),
        ("Okonkwo", True),
    ),
    _case("The health ministry reported 40 new cases on Monday.", ("The health ministry", True)),
    _case(
        "In an interview with a local newspaper, the former mayor said she had no regrets.", ("the former mayor", True)
    ),
    _case(
        "A lawyer for the family, Ines Duarte, said the police had ignored their complaints.",
        ("A lawyer for the family, Ines Duarte", True),
    ),
    _case("The family's lawyer said the police had ignored their complaints.", ("The family's lawyer", True)),
    _case(
        '"That is simply not true," the spokesman for the ministry, Arvid Lund, told the broadcaster.',
        ("the spokesman for the ministry, Arvid Lund", True),
    ),
    _case("According to figures released on Monday, unemployment rose.", ("figures released on Monday", True)),
    _case("The bridge, engineers warned, could collapse within a year.", ("engineers", False)),
    _case("The president himself has denied any involvement.", ("The president", True)),
    _case("Nobody in the government has commented on the leak.", NONE),
    _case("The leaked memo said the troops would withdraw by March.", ("The leaked memo", True)),
    _case('"Are we supposed to just wait?" one mother asked.', ("one mother", False)),
    _case("Reyes told The Daily Meridian that he would appeal.", ("Reyes", True)),
    _case("He said he would appeal. He also said the verdict was unfair.", ("He", False), ("He", False)),
    _case("The report was published on Monday. It said the dam was unsafe.", NONE, ("It", False)),
    _case("The campaign claimed victory shortly after midnight.", ("The campaign", True)),
    _case("Officials in Vantor province, however, said the road was open.", ("Officials in Vantor province", False)),
    _case('The prime minister told parliament: "We will not be blackmailed."', ("The prime minister", True)),
    _case('"Enough," said Reyes.', ("Reyes", True)),
    _case("The ministry did not respond to a request for comment.", NONE),
    _case("Hospital staff, speaking anonymously, described chaotic scenes.", ("Hospital staff", False)),
    _case(
        "Residents of the town have long complained that the factory pollutes the river.",
        ("Residents of the town", False),
    ),
    # --- another batch written before running the module on it (22 of 25 right at first; then
    # participle asides and "confirmed by X" passives were added) ----------------------------
    _case("The statement, issued late on Friday, said the factory met every standard.", ("The statement", True)),
    _case('"We need answers," Okonkwo, a nurse, told the crowd outside the hospital.', ("Okonkwo, a nurse", True)),
    _case("The fire, which started in a kitchen, destroyed six homes.", NONE),
    _case("Varga denies any wrongdoing. Her trial begins in June.", ("Varga", True), NONE),
    _case('He insisted: "I was at home all night." Prosecutors disagree.', ("He", False), NONE),
    _case("Prosecutors say Reyes moved the money through three shell companies.", ("Prosecutors", False)),
    _case("The ministry of health, in a rare admission, acknowledged the shortage.", ("The ministry of health", True)),
    _case("A second source confirmed the account.", ("A second source", False)),
    _case('"No comment," a spokesman for Veltrix said when reached by phone.', ("a spokesman for Veltrix", True)),
    _case("The law says drivers must carry a licence.", ("The law", True)),
    _case(
        "\u201cWe will rebuild,\u201d the mayor said. \u201cIt will take years. But we will rebuild.\u201d",
        ("the mayor", True),
        ("the mayor", True),
        ("the mayor", True),
    ),
    _case("The mayor said the town would rebuild; critics said the money had run out.", ("The mayor", True)),
    _case("Okonkwo told me the vote had been rigged.", ("Okonkwo", True)),
    _case("The court heard that Reyes had lied to investigators.", NONE),
    _case("Brandt, asked about the payments, said she had repaid them.", ("Brandt", True)),
    _case('"It is a witch hunt," Marchetti said of the inquiry.', ("Marchetti", True)),
    _case('Dr. Lin, the lab\'s director, said: "The results are clear."', ("Dr. Lin, the lab's director", True)),
    _case(
        "The minister, Idris Kallas, has repeatedly said the port will not be sold.",
        ("The minister, Idris Kallas", True),
    ),
    _case("Senior officers told the inquiry that orders had been ignored.", ("Senior officers", False)),
    _case("The figures were confirmed by the central bank.", ("the central bank", True)),
    _case('"This is not over," she wrote in a letter to supporters.', ("she", False)),
    # --- no attribution ---------------------------------------------------------------------
    _case("The river flooded the lower town on Sunday. Nobody was hurt.", NONE, NONE),
    _case("It is the third storm this month. Forecasters expect more rain.", NONE, NONE),
    _case("The project was finished according to plan.", NONE),
    _case("Under the said contract, the firm owed nothing.", NONE),
    _case("The share price fell 12 percent. Veltrix posted a loss of $40 million.", NONE, NONE),
    _case("The firm added 300 jobs last year.", NONE),
    _case("What the minister said was never recorded.", NONE),
    _case("He was told to leave the building.", NONE),
    _case('The song, titled "Said and Done", topped the charts.', NONE),
    _case("The new bridge opened in April. Traffic has eased since then. Tolls will rise next year.", NONE, NONE, NONE),
    _case("Everything went according to the schedule.", NONE),
    _case("The court is expected to rule next week.", NONE),
]

# Written after the fixes of issue #13 (pronouns, adverbs, "..., wrote NAME", event phrases)
# and before running the module on them, to measure it on sentences it was not fixed for.
# benchmarks/sources_accuracy.py reports them apart; no test asserts them, so that they stay
# a fair measure (a miss here is a finding, not a case to tune the rules to).
FRESH_CASES: list[dict] = [
    # --- pronouns ------------------------------------------------------------------------
    _case("She firmly denied taking the files.", ("She", False)),
    _case('"The pumps failed twice," it said in a statement.', ("it", False)),
    _case("They insisted the vote had been fair.", ("They", False)),
    _case("He later told investigators that the logs were wiped.", ("He", False)),
    _case("I never said the bridge was safe, he told the inquiry.", ("he", False)),
    _case("It warned that prices would rise further.", ("It", False)),
    _case('"No," he said flatly.', ("he", False)),
    # --- adverbs between the speaker and the verb ---------------------------------------------
    _case(
        "Councillor Dagny Holt bluntly told the meeting that the budget was fiction.", ("Councillor Dagny Holt", True)
    ),
    _case("Osman Rudd famously claimed that the mine was empty.", ("Osman Rudd", True)),
    _case("The port's new owners quietly confirmed the layoffs on Friday.", ("The port's new owners", True)),
    _case("Mayor Bettina Kroll somewhat reluctantly admitted the error.", ("Mayor Bettina Kroll", True)),
    _case("The regulator this week formally announced an inquiry.", ("The regulator", True)),
    # --- "..., wrote NAME" -------------------------------------------------------------------
    _case('"We were never consulted," wrote Ilse Marchand in the town\'s newsletter.', ("Ilse Marchand", True)),
    _case(
        "The reforms came too late, wrote Jurek Malin, a former finance minister.",
        ("Jurek Malin, a former finance minister", True),
    ),
    _case("Prices, wrote the economist Aurelio Vance, will keep rising.", ("the economist Aurelio Vance", True)),
    _case("Nothing about the deal adds up \u2014 wrote one reader from Harlow.", ("one reader from Harlow", False)),
    _case("The hospital was a ruin, wrote Senna Okafor on Telegram.", ("Senna Okafor", True)),
    _case('"Shame on them," wrote the actor Piet Lorne.', ("the actor Piet Lorne", True)),
    # --- events and times are not speakers ----------------------------------------------------
    _case("Several changes this spring only confirmed the suspicion.", NONE),
    _case("The past few days have confirmed the worst fears of the residents.", NONE),
    _case("A series of leaks this winter suggested the plan was dead.", NONE),
    _case("Recent moves by the central bank only added to the uncertainty.", NONE),
    _case("Two years of drought have confirmed what farmers feared.", NONE),
    # --- ordinary attribution -----------------------------------------------------------------
    _case("According to Pell Hansen, the contract was signed twice.", ("Pell Hansen", True)),
    _case(
        "A manager at the warehouse, who declined to be named, said the shifts were cut.",
        ("A manager at the warehouse", False),
    ),
    _case("The grid operator rejected the claim.", ("The grid operator", True)),
    _case("Teachers at the school say the heating has been off for weeks.", ("Teachers at the school", False)),
    _case(
        "The foundation's director, Amira Sollis, told reporters the grant was frozen.",
        ("The foundation's director, Amira Sollis", True),
    ),
    _case("Two diplomats briefed on the talks said a deal was close.", ("Two diplomats briefed on the talks", False)),
    _case("Emeka Duru, 38, insisted that he had paid the fine.", ("Emeka Duru", True)),
    _case("In a letter to staff, the chief executive said bonuses would be cut.", ("the chief executive", True)),
    _case('"This is a cover-up," said Rasa Vilks, who leads the tenants\' union.', ("Rasa Vilks", True)),
    _case("The ministry of transport has repeatedly said the line is safe.", ("The ministry of transport", True)),
    # --- no source --------------------------------------------------------------------------
    _case("The bridge reopened to traffic on Sunday.", NONE),
    _case("Heavy rain is expected again this weekend.", NONE),
    _case("The report was said to be incomplete.", NONE),
    _case("Nobody could say where the money went.", NONE),
    # --- several sentences ----------------------------------------------------------------------
    _case('"The logs were altered. Someone covered it up," she said.', ("she", False), ("she", False)),
    _case("Ilse Marchand said the vote was rigged. Her rival disagreed.", ("Ilse Marchand", True), NONE),
    _case(
        'The spokesman, Tarek Aziz, said: "We have nothing to add. The matter is closed."',
        ("The spokesman, Tarek Aziz", True),
        ("The spokesman, Tarek Aziz", True),
    ),
]

# Written in session 24 before the module was run on them, which got 18 of their 30 sentences
# right; the module was then fixed for them, so they join the table (SOURCE_CASES, below):
# appositions of examples, rebuttal verbs as frames, speakers after "for his part" or a time,
# inverted verbs, spokespeople of named bodies. Two expectations were corrected after that run:
# a group with a named member in apposition ("Others, such as the economist Ana Wu") is named,
# as every apposition that names a person is here.
SESSION_24_CASES: list[dict] = [
    # --- "X, such as Y, said" and "X, including Y, said": the subject, not an inversion ----------
    _case(
        "Others, such as the economist Ana Wu, said the loan made sense.",
        ("Others, such as the economist Ana Wu", True),
    ),
    _case(
        "Several unions, including the drivers' union, said the deal was unfair.",
        ("Several unions, including the drivers' union", False),
    ),
    _case(
        "Residents, among them the retired teacher Hal Moss, told the council the road flooded every winter.",
        ("Residents, among them the retired teacher Hal Moss", True),
    ),
    # --- denial and rebuttal verbs as frames -------------------------------------------------
    _case("The spokeswoman, Dr. Lena Ortiz, rejected that.", ("The spokeswoman, Dr. Lena Ortiz", True)),
    _case("The airline rejected the claims as baseless.", ("The airline", True)),
    _case("The club has disputed the figures.", ("The club", True)),
    _case("Marta Velez dismissed the report as fiction.", ("Marta Velez", True)),
    _case("The health board refuted the suggestion that wards had closed.", ("The health board", True)),
    _case("MPs rejected the bill by 212 votes to 190.", NONE),
    _case("The judge dismissed the case on Friday.", NONE),
    # --- speakers after a time or a discourse marker ----------------------------------------------
    _case("The minister, for his part, said the talks would go on.", ("The minister", True)),
    _case("On Tuesday the ports authority said two cranes had failed.", ("the ports authority", True)),
    _case("Late last night, a police spokesman confirmed the arrest.", ("a police spokesman", True)),
    _case("In a statement, Harwell Water said the supply was safe.", ("Harwell Water", True)),
    # --- inverted verbs ------------------------------------------------------------------------
    _case("The plant will close in May, said the works council.", ("the works council", True)),
    _case('"We are not leaving," insisted Rosa Malin, 72.', ("Rosa Malin", True)),
    _case("The figures were wrong, according to an internal audit seen by the paper.", ("an internal audit", True)),
    _case('"Where is the money?" asked one protester outside the town hall.', ("one protester", False)),
    # --- spokespeople and bodies ------------------------------------------------------------
    _case(
        "A spokesperson for Orland Rovers said the striker had not been sold.",
        ("A spokesperson for Orland Rovers", True),
    ),
    _case(
        "Brightwater Energy's chief financial officer told analysts margins would recover.",
        ("Brightwater Energy's chief financial officer", True),
    ),
    _case("People close to the coach say he will stay.", ("People close to the coach", False)),
    _case("Officials familiar with the plan said it had been shelved.", ("Officials familiar with the plan", False)),
    # --- quotes over several sentences -------------------------------------------------------------
    _case(
        '"The audit was finished in March," she said. "Any suggestion otherwise is wrong."',
        ("she", False),
        ("she", False),
    ),
    _case(
        'He added: "We have not seen it. Nobody has."',
        ("He", False),
        ("He", False),
    ),
    # --- no source -------------------------------------------------------------------------------
    _case("The decision was described in the minutes as final.", NONE),
    _case("Turnout rose to 64 percent, the highest since 1998.", NONE),
    _case("The company posted a loss of 3 million euros.", NONE),
    _case("The vote was delayed after the lights failed.", NONE),
]

# 20 more written later in session 24, also before the module was run on them: 17 right; then
# fixed (an aside opening with "now", "maintains", people near a place are unnamed).
SESSION_24_CASES += [
    _case(
        "The midwife, now retired to a cottage on the coast, dismissed the allegation as a slur.", ("The midwife", True)
    ),
    _case('"Nothing was hidden," writes Arvo Teller in his memoir.', ("Arvo Teller", True)),
    _case(
        "Lena Strand, a spokeswoman for the Tarnby hospital trust, said the ward would reopen.",
        ("Lena Strand, a spokeswoman for the Tarnby hospital trust", True),
    ),
    _case("The union's spokesman told reporters the strike was off.", ("The union's spokesman", True)),
    _case("The coach said in an interview with a local radio station that he would stay.", ("The coach", True)),
    _case(
        "According to a statement from the ministry, the talks will resume on Monday.",
        ("a statement from the ministry", True),
    ),
    _case("The harbour master has long insisted that the wall is safe.", ("The harbour master", True)),
    _case("Ostrava's mayor maintains that the budget is balanced.", ("Ostrava's mayor", True)),
    _case("The decision, argues the economist Ruth Kamau, will hurt small firms.", ("the economist Ruth Kamau", True)),
    _case("Residents posted on social media that the water had turned brown.", ("Residents", False)),
    _case("The statement said the plant had been shut as a precaution.", ("The statement", True)),
    _case('"We will appeal," she added.', ("she", False)),
    _case("A report by the audit office found that the fund was mismanaged.", NONE),
    _case("Two witnesses told the court they saw the car speed away.", ("Two witnesses", False)),
    _case("The club's owner, who rarely gives interviews, said the sale was off.", ("The club's owner", True)),
    _case("Asked whether he would resign, the minister said no.", ("the minister", True)),
    _case("In his resignation letter, the director wrote that he had been misled.", ("the director", True)),
    _case("The survey, published on Tuesday, suggested that most voters were undecided.", ("The survey", True)),
    _case("Farmers near the river say the flooding has got worse every year.", ("Farmers near the river", False)),
    _case("The striker's agent described the reports as speculation.", ("The striker's agent", True)),
]
# "called" takes a claim as its object like the rebuttal verbs (added with that fix).
SESSION_24_CASES += [
    _case("The port authority called the report “a fantasy”.", ("The port authority", True)),
    _case("Dr Anna Pell calls the claim that the mine leaked simply wrong.", ("Dr Anna Pell", True)),
    _case("The mayor called a meeting for Friday.", NONE),
    _case("The new bridge is called the Marlow Span.", NONE),
]
SESSION_24_CASES.append(
    _case("Until last spring the regulator denied that the dam was leaking.", ("the regulator", True))
)  # "until" opens a clause, as "after" and "before" do
SOURCE_CASES += SESSION_24_CASES

# Session 28: 60 cases (74 sentences) on rebuttals and denials in long news sentences, written by
# a separate pass from the rules of this file's docstring, blind to the module, before any fix.
# The module then got 52 of the 74 sentences right (named 29/48: a rebuttal verb with a bare claim
# noun, "rejected reports that", "disputed figures published by", found no speaker, and "dismissed
# claims that" took "claims" for the verb). The fixes they led to: a rebuttal verb's claim noun
# may come without a determiner; "rebutted" and "contested" are rebuttal verbs; "speculation",
# "estimates", "toll", "demands", "calls" are what they reject; a ", which ...," aside before the
# verb starts no clause; "maintained throughout ... that"; "fishermen", "groups" are unnamed.
# They are in the table now, so they no longer measure the module fairly.
SESSION_28_CASES: list[dict] = [
    # --- Rebuttals and denials, speaker before the verb (25) ---
    _case(
        "Interior Minister Pavel Strand denied reports that border guards had been ordered to turn back asylum seekers at the Velmora crossing last month.",
        ("Interior Minister Pavel Strand", True),
    ),
    _case(
        "Its chief executive, Marta Kellund, rejected reports that the company was preparing to close its Brennick plant and move production abroad.",
        ("Its chief executive, Marta Kellund", True),
    ),
    _case(
        "The defence ministry on Tuesday flatly rejected claims that its drones had struck a civilian convoy near the town of Orsava.",
        ("The defence ministry", True),
    ),
    _case(
        "Halvorsen Logistics has repeatedly denied allegations that drivers were pressured to skip mandatory rest breaks to meet delivery targets.",
        ("Halvorsen Logistics", True),
    ),
    _case(
        "The transport authority disputed figures published by the union, saying fewer than one in ten services had been cancelled during the strike.",
        ("The transport authority", True),
    ),
    _case(
        "Mayor Ilse Vandermeer dismissed claims of favouritism in the awarding of the city’s waste contract as “politically motivated nonsense”.",
        ("Mayor Ilse Vandermeer", True),
    ),
    _case(
        "Police refuted suggestions that officers had used tear gas against peaceful demonstrators outside the parliament building on Saturday evening.",
        ("Police", True),
    ),
    _case(
        "But the club’s owner, Rafael Quintero, rebutted rumours that he was seeking a buyer, telling supporters he intended to stay for at least another decade.",
        ("the club’s owner, Rafael Quintero", True),
    ),
    _case(
        "Health ministry officials denied that vaccine stocks had run out in the northern provinces, blaming the shortages on a distribution error at a central warehouse.",
        ("Health ministry officials", False),
    ),
    _case(
        "Senator Obadiah Frane contested accounts of the meeting given by two former aides, insisting he had never discussed the tender with the contractor.",
        ("Senator Obadiah Frane", True),
    ),
    _case(
        "She has consistently denied the allegations, saying the payments were legitimate consulting fees that had been fully declared to the tax authority.",
        ("She", False),
    ),
    _case(
        "The airline’s spokeswoman, Dana Okafor, denied reports that pilots had been told to carry less fuel to cut costs on short-haul routes.",
        ("The airline’s spokeswoman, Dana Okafor", True),
    ),
    _case(
        "Residents disputed the council’s account of the flooding, saying the drains on Marlow Street had been blocked for weeks before the storm.",
        ("Residents", False),
    ),
    _case(
        "The Central Bank of Ostravia dismissed speculation that it would cut interest rates at its next meeting, citing persistent inflation in services.",
        ("The Central Bank of Ostravia", True),
    ),
    _case(
        "Energy Minister Katarzyna Wilk flatly denied that the government had known about the pipeline leak for three weeks before it was made public.",
        ("Energy Minister Katarzyna Wilk", True),
    ),
    _case(
        "The football federation rejected allegations of match-fixing in the second division, describing the evidence presented by the newspaper as “entirely circumstantial”.",
        ("The football federation", True),
    ),
    _case(
        "The prime minister’s office has denied claims that the cabinet was split over the decision to delay the pension reform until after the election.",
        ("The prime minister’s office", True),
    ),
    _case(
        "Dr Amara Lindqvist, who chairs the independent review panel, rejected suggestions that its findings had been watered down under pressure from ministers.",
        ("Dr Amara Lindqvist", True),
    ),
    _case(
        "On Wednesday, the regional governor, Tomas Reyes, disputed the death toll reported by aid agencies, putting the number of victims at fewer than forty.",
        ("the regional governor, Tomas Reyes", True),
    ),
    _case(
        "Several witnesses contested the police version of events, telling local radio that the man had been unarmed when he was stopped.",
        ("Several witnesses", False),
    ),
    _case(
        "The striking nurses’ union refuted figures released by hospital management, which suggested that only a fifth of staff had walked out.",
        ("The striking nurses’ union", True),
    ),
    _case(
        "A senior government official, speaking on condition of anonymity, denied that ministers had been briefed on the contamination before the festival went ahead.",
        ("A senior government official", False),
    ),
    _case(
        "Grelling Pharmaceuticals strongly rejected accusations that it had concealed trial data showing a link between the drug and heart problems.",
        ("Grelling Pharmaceuticals", True),
    ),
    _case(
        "Coach Henrik Saller dismissed rumours of a rift with his captain, saying the two had spoken at length after Sunday’s defeat.",
        ("Coach Henrik Saller", True),
    ),
    _case(
        "The embassy rebutted a report in the Daily Courier that its staff had helped the businessman leave the country on a diplomatic passport.",
        ("The embassy", True),
    ),
    # --- Denials, speaker after (10) ---
    _case(
        "Claims that the reactor had been shut down because of a coolant leak were “completely unfounded”, the energy ministry said.",
        ("the energy ministry", True),
    ),
    _case(
        "“That is simply untrue, and the records will show it,” said Dr Joaquim Ferreira, the clinic’s medical director.",
        ("Dr Joaquim Ferreira, the clinic’s medical director", True),
    ),
    _case(
        "The claim that ballots were destroyed in the Kessel district is false, according to the electoral commission, which said all boxes had been accounted for.",
        ("the electoral commission", True),
    ),
    _case(
        "“We categorically deny that any money changed hands,” the ruling party’s general secretary, Ondrej Marek, told reporters.",
        ("the ruling party’s general secretary, Ondrej Marek", True),
    ),
    _case(
        "The figures circulated on social media were “wildly inaccurate” and had not been produced by the agency, officials said.",
        ("officials", False),
    ),
    _case(
        "Allegations that inspectors had been bribed were baseless and defamatory, the construction company said in a statement, adding that it would consider legal action.",
        ("the construction company", True),
    ),
    _case(
        "“Nobody was evicted, nobody was threatened,” said Councillor Beatrix Holm, who chairs the housing committee.",
        ("Councillor Beatrix Holm", True),
    ),
    _case(
        "The suggestion that the minister deliberately misled parliament over the cost of the stadium is absurd, said Jonas Eberhardt, her chief of staff.",
        ("Jonas Eberhardt, her chief of staff", True),
    ),
    _case(
        "The company had never received a formal warning from regulators about the braking system before the derailment, it said on Thursday.",
        ("it", False),
    ),
    _case(
        "Rumours of an imminent devaluation were “pure fantasy”, according to Finance Minister Lucia Ferrante, who spoke after meeting bank executives in Tarvon.",
        ("Finance Minister Lucia Ferrante", True),
    ),
    # --- Rebuttal verbs that are not speech (8) ---
    _case(
        "MPs rejected the amendment by 214 votes to 197 late on Tuesday, dealing a blow to the government’s plans to extend emergency powers.",
        NONE,
    ),
    _case(
        "The appeals court dismissed the case against the three activists, ruling that the prosecution had failed to disclose key evidence.",
        NONE,
    ),
    _case(
        "The striker was denied entry to the country after arriving at Kelsgrove airport without a valid work permit on Sunday morning.",
        NONE,
    ),
    _case(
        "Two senior managers were dismissed last week after an internal audit uncovered irregularities in the procurement department’s accounts.",
        NONE,
    ),
    _case(
        "Fighting resumed overnight in the disputed territory of Upper Varn, where both armies have massed troops along a narrow mountain pass.",
        NONE,
    ),
    _case(
        "Nearly 4,000 applications for flood relief were rejected because of missing paperwork, leaving many families waiting months for help.",
        NONE,
    ),
    _case(
        "The businessman was denied bail and remanded in custody until his trial, which is expected to begin in the spring.",
        NONE,
    ),
    _case(
        "Changes to the claims process, which take effect in January, will allow drivers to submit photographs of damage through a mobile app.",
        NONE,
    ),
    # --- Multi-sentence texts (7) ---
    _case(
        "Transport Secretary Helena Voss rejected claims that the rail franchise had been awarded unfairly. “Every bid was assessed against exactly the same criteria,” she told reporters in Dunmore. The contract is worth an estimated £2.3bn over ten years.",
        ("Transport Secretary Helena Voss", True),
        ("she", False),
        NONE,
    ),
    _case(
        "“We have not closed a single branch without proper consultation,” said Oskar Lindgren, the bank’s head of retail. “Customers will always have a choice.” The bank shut 41 branches across the region last year.",
        ("Oskar Lindgren, the bank’s head of retail", True),
        ("Oskar Lindgren, the bank’s head of retail", True),
        NONE,
    ),
    _case(
        'The hospital trust disputed the inspectors\' findings on staffing levels on its surgical wards. Its chief nurse, Fiona Adeyemi, said rotas had been checked daily. "We are confident patients were safe at all times," she added.',
        ("The hospital trust", True),
        ("Its chief nurse, Fiona Adeyemi", True),
        ("she", False),
    ),
    _case(
        'Protesters gathered outside the ministry for a third day on Thursday. Deputy Minister Arvid Solberg dismissed their demands for a pay rise as unrealistic. "The budget simply does not allow it," he said.',
        NONE,
        ("Deputy Minister Arvid Solberg", True),
        ("he", False),
    ),
    _case(
        '"This was a targeted smear campaign from the very start," Ruth Calloway told the tribunal. "I never saw those emails. I never approved those payments."',
        ("Ruth Calloway", True),
        ("Ruth Calloway", True),
        ("Ruth Calloway", True),
    ),
    _case(
        "The mining group denied that toxic waste had leaked into the Sarne river. “Our monitoring shows no contamination whatsoever,” the group said in a statement. Local fishermen say fish began dying in early June.",
        ("The mining group", True),
        ("the group", True),
        ("Local fishermen", False),
    ),
    _case(
        "Coach Mireille Dubois dismissed reports of unrest in the dressing room. “I will not talk about gossip,” she said after the match. Her side have lost five of their last six games.",
        ("Coach Mireille Dubois", True),
        ("she", False),
        NONE,
    ),
    # --- Reported speech with other verbs (10) ---
    _case(
        "Finance Minister Gerda Holt insisted that the budget deficit would fall below three percent next year despite slowing growth and rising defence spending.",
        ("Finance Minister Gerda Holt", True),
    ),
    _case(
        "The company has maintained throughout the investigation that the fire was caused by a faulty electrical installation in a neighbouring building.",
        ("The company", True),
    ),
    _case(
        "Opposition leader Marco Bellandi countered that the government had spent more on consultants in a single year than on rural schools in a decade.",
        ("Opposition leader Marco Bellandi", True),
    ),
    _case(
        "The regulator conceded that it had been slow to act on complaints about the lender, but said its powers had been limited at the time.",
        ("The regulator", True),
    ),
    _case(
        "A former site manager, Thomas Brandt, told the inquiry that warnings about cracks in the east wall had been passed to head office as early as 2019.",
        ("A former site manager, Thomas Brandt", True),
    ),
    _case(
        "In a letter to shareholders, the chairman, Viktor Aaland, wrote that the board had “full confidence” in the turnaround plan.",
        ("the chairman, Viktor Aaland", True),
    ),
    _case(
        "A person familiar with the negotiations, who spoke on condition of anonymity, said the two sides remained far apart on the question of fishing quotas.",
        ("A person familiar with the negotiations", False),
    ),
    _case(
        "Unemployment in the region has risen for six consecutive months, according to the national statistics office, which blamed job losses in manufacturing.",
        ("the national statistics office", True),
    ),
    _case(
        "Environmental groups argued that the new permits would allow the factory to double its discharges into the lake without any public consultation.",
        ("Environmental groups", False),
    ),
    _case(
        "The airline said in a statement that all passengers had been rebooked on later flights and would receive compensation under European rules.",
        ("The airline", True),
    ),
]
SOURCE_CASES += SESSION_28_CASES
