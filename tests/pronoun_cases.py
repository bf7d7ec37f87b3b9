"""Which speaker a pronoun source stands for: 40 project-written news texts (invented names and
events), written in session 28 by a separate pass, blind to training/text/pronoun_sources.py,
before it was run on them. Each case is {"text": ..., "refers": [...]} with one entry per
sentence: for a sentence whose speaker is a pronoun, the earlier speaker's text as written (the
source's tight noun phrase), or None where no earlier speaker is meant; None for every other
sentence. Used by tests/test_pronoun_sources.py and benchmarks/sources_accuracy.py."""


def _pcase(text: str, refers: list[str | None]) -> dict:
    return {"text": text, "refers": refers}


PRONOUN_CASES: list[dict] = [
    # --- easy ---
    _pcase(
        "Harriet Vossel, the mayor of Drennick, said on Monday that the town would close two of its five libraries by the end of the year to balance its budget. “We have run out of places to cut without hurting the people who depend on these services most,” she told the council.",
        [None, "Harriet Vossel, the mayor of Drennick"],
    ),
    _pcase(
        'Tomas Ekwall, a spokesman for the Lindqvist Shipping Group, said the company had rerouted three container vessels away from the northern strait after repeated drone sightings. "We will not put our crews at risk for the sake of a few days of saved fuel," he added.',
        [None, "Tomas Ekwall, a spokesman for the Lindqvist Shipping Group"],
    ),
    _pcase(
        "The inquiry into the collapse of the Marrow Lane footbridge heard evidence on Wednesday from the engineer who signed off its final inspection in 2019. Priya Castellane told the panel that corrosion on the lower girders had been visible but was judged to be within acceptable limits at the time. “With hindsight, I would have ordered a full load test before the bridge reopened,” she told the inquiry.",
        [None, None, "Priya Castellane"],
    ),
    _pcase(
        "Farmers in the Oster Valley have lost nearly a third of their barley crop to hail this summer, according to Gerrit Haelvoe, who heads the regional growers’ cooperative. He said insurance payouts would cover only part of the damage and urged the provincial government to release emergency funds before the autumn planting.",
        [None, "Gerrit Haelvoe"],
    ),
    _pcase(
        "Brendan Mulcair, the Harrowgate Rovers manager, said after Saturday's defeat that his side had been 'second best in every department' and that changes would follow before the cup tie. \"I have to look at myself first, because the players did exactly what I asked of them,\" he said.",
        [None, "Brendan Mulcair, the Harrowgate Rovers manager"],
    ),
    _pcase(
        "Ms Okonjo-Reyes, the head teacher at St Aldric’s primary school, said attendance had fallen sharply since the bus route to the Fenwick estate was withdrawn in March. “Some of our youngest pupils are now walking forty minutes each way along a road without pavements,” she said. She added that she had written to the transport authority twice without receiving a reply.",
        [
            None,
            "Ms Okonjo-Reyes, the head teacher at St Aldric’s primary school",
            "Ms Okonjo-Reyes, the head teacher at St Aldric’s primary school",
        ],
    ),
    _pcase(
        'Detective Inspector Lowri Pengelly said officers were still trying to establish how the fire at the warehouse on Calder Road had started in the early hours of Sunday. "We are keeping an open mind and would urge anyone with dashcam footage from the area to come forward," she said.',
        [None, "Detective Inspector Lowri Pengelly"],
    ),
    _pcase(
        "The chief executive of Norrland Energy, Anders Vikberg, told shareholders on Tuesday that the company would stop building new gas plants after 2030. He said the decision reflected falling demand rather than political pressure, and that existing plants would run until the end of their licences.",
        [None, "The chief executive of Norrland Energy, Anders Vikberg"],
    ),
    _pcase(
        "The marine biologist Ilse Brandvold wrote in the journal’s latest issue that seagrass meadows off the Kestrel Islands had recovered faster than any model had predicted. “It is the first genuinely good news we have had from these waters in more than a decade,” she told reporters on Friday.",
        [None, "The marine biologist Ilse Brandvold"],
    ),
    _pcase(
        'Mr Daventry, who has represented the constituency since 2011, insisted on Thursday that he had done nothing wrong in accepting hospitality from the developer. "Every visit was declared in the register of interests, exactly as the rules require," he said.',
        [None, "Mr Daventry"],
    ),
    _pcase(
        'Asked about the delays at the border crossing, the transport minister, Kaspar Lindgren, said the new customs software had failed twice during the morning rush. "Engineers are on site and we expect normal service to resume by this evening," he told the broadcaster NRT.',
        [None, "the transport minister, Kaspar Lindgren"],
    ),
    _pcase(
        "Nadia Ferreira-Holm, a pharmacist from Lenbury, said she had waited eleven hours in the emergency department at Westbury General with a broken wrist before being seen by a doctor. “Nobody told us anything, and the toilets were out of order for most of the night,” she said.",
        [None, "Nadia Ferreira-Holm, a pharmacist from Lenbury"],
    ),
    # --- person + organisation ---
    _pcase(
        "Calloway Foods said in a statement on Monday that it would recall about 40,000 jars of pasta sauce after glass fragments were found in a batch produced at its Dunmore plant. Its quality director, Helen Marchetti, said no injuries had been reported by customers so far. “We are treating this with the utmost seriousness and have stopped the line until we find the cause,” she said. The company said refunds would be available at all stores that sold the affected jars.",
        [None, None, "Its quality director, Helen Marchetti", None],
    ),
    _pcase(
        "Gerald Pinnock, a resident of the Ashcombe estate, said damp had spread through three rooms of his flat since the winter. Meridian Housing Trust, which owns the building, said it had sent surveyors twice and would begin repairs next month. It said in a statement that it regretted the delay and would offer Mr Pinnock temporary accommodation.",
        [None, None, "Meridian Housing Trust"],
    ),
    _pcase(
        'The airline Skyvale said on Friday that it had cancelled 120 flights over the weekend because of a shortage of air traffic controllers in the south. Its chief operating officer, Rhiannon Dace, said passengers would be rebooked automatically on the next available flight. "We know how frustrating this is for families at the very start of the school holidays," she said. It added that compensation claims would be handled within 28 days.',
        [None, None, "Its chief operating officer, Rhiannon Dace", "The airline Skyvale"],
    ),
    _pcase(
        "Tobias Renner, the founder of the start-up Quillfield, told investors the company would reach profitability within two years. The regulator, the Financial Conduct Board, later said it had opened an inquiry into statements made in the firm’s funding documents. It said it could not comment further while the inquiry was under way.",
        [None, None, "The regulator, the Financial Conduct Board"],
    ),
    _pcase(
        "Dr Amara Oyelaran, a consultant at Kingsmere Hospital, said the new scanner had cut waiting times for cancer diagnosis by nearly half since it arrived in January. The Kingsmere Hospitals Trust said in a statement that it had bought two more machines with a government grant. “This has changed how quickly we can give frightened patients real answers,” she said.",
        [None, None, "Dr Amara Oyelaran, a consultant at Kingsmere Hospital"],
    ),
    _pcase(
        'The football club Redmarsh Athletic rejected claims on Wednesday that it had breached spending rules, calling the league\'s charges "unfounded" and "politically motivated". Its chairman, Victor Hale, said the club would fight the case all the way. "We have nothing to hide and we will prove that in front of any panel the league cares to appoint," he said, adding that the accounts had been audited twice. It said in a statement that it expected a hearing in the spring.',
        [None, None, "Its chairman, Victor Hale", "The football club Redmarsh Athletic"],
    ),
    # --- two named people, most recent compatible speaker ---
    _pcase(
        "Councillor Frank Aldous said the bypass would at last take heavy lorries away from the village centre and its primary school. His colleague on the planning committee, Martin Oakes, said the cost of the scheme had doubled since it was first approved. “We are being asked to sign a blank cheque for a road that may never carry the traffic it promises,” he said.",
        [None, None, "His colleague on the planning committee, Martin Oakes"],
    ),
    _pcase(
        "Ms Kowalczyk, the union's regional organiser, said staff at the depot had not received a pay rise in three years. Ms Trent, the depot manager, said talks had been constructive and that a new offer would be put to workers next week. She said she expected the dispute to be settled well before Christmas.",
        [None, None, "Ms Trent, the depot manager"],
    ),
    _pcase(
        "Opposition leader Rafael Montero said the government was hiding the true cost of the new national stadium from taxpayers. The finance minister, Esteban Ruiz, rejected the claims, saying every contract had been published online. “Mr Montero knows this perfectly well, because his own party approved half of them,” he told parliament.",
        [None, None, "The finance minister, Esteban Ruiz"],
    ),
    _pcase(
        "Anna Grieve, who chairs the residents' association, said the new parking scheme had been introduced without any consultation. A council spokeswoman, Lucy Barrow, said letters had been sent to every household on the affected streets in May. She added that the scheme would be reviewed after six months in light of residents' feedback.",
        [None, None, "A council spokeswoman, Lucy Barrow"],
    ),
    _pcase(
        "The striker Joel Amankwah said he had been racially abused by a group of spectators behind the goal during the second half. The referee, Paul Strand, told officials he had not heard the chants from the pitch but had reported the incident after the match. He said he would give a full written statement to the league by Monday.",
        [None, None, "The referee, Paul Strand"],
    ),
    _pcase(
        "Professor Elin Marsh said the survey showed a steep decline in bumblebee numbers across the uplands over the past decade. Her co-author, Dr Sofia Lind, said pesticide use alone could not explain the fall. “Habitat loss and wetter springs are doing just as much damage to these colonies,” she said.",
        [None, None, "Her co-author, Dr Sofia Lind"],
    ),
    # --- gender distinguishes ---
    _pcase(
        "Sarah Penhaligon, the festival’s director, said ticket sales were the best in its twenty-year history. The headline act’s manager, Jack Rourke, said the band had agreed to play an extra night on Sunday. “We have never seen demand like it, and we have had to open a second car park for the weekend,” she said.",
        [None, None, "Sarah Penhaligon, the festival’s director"],
    ),
    _pcase(
        "Mr Haverty, the landlord, said the tenants had been given proper notice under the terms of their lease. Mrs Coyle, who has lived in the building for 31 years, told the tribunal she had never received any letter. He said he had proof of postage and would produce it at the next hearing.",
        [None, None, "Mr Haverty, the landlord"],
    ),
    _pcase(
        "Margaret Lyle, the chief nurse, told the committee that vacancies on the night shift had reached a record level this autumn. David Osei, the hospital’s finance director, said agency staff were now costing the trust £2m a month. She said the figures showed that recruitment had to become the board’s top priority.",
        [None, None, "Margaret Lyle, the chief nurse"],
    ),
    # --- must stay None ---
    _pcase(
        "Ms Orr was appointed head of the county’s social services department in 2021 after a long career in child protection. She said on Tuesday that the department would need another 40 social workers to meet its legal duties.",
        [None, None],
    ),
    _pcase(
        "She said the decision to close the ward had been taken without any discussion with the nurses who work there. The hospital trust said no final decision had been made and that staff would be consulted.",
        [None, None],
    ),
    _pcase(
        "Peter Lamb, a farmer from Hollins Cross, was among those whose land flooded when the river burst its banks last week. He said the drainage ditches along the lower fields had not been cleared for years.",
        [None, None],
    ),
    _pcase(
        "The report was commissioned by Dame Ruth Ellery after complaints from parents about bullying at the academy. The trust's chief executive, Colin Ward, said all of its recommendations would be accepted in full. She said she was pleased the findings had been taken seriously by the governors.",
        [None, None, None],
    ),
    _pcase(
        "He told reporters outside the court that he would appeal against the verdict “as soon as humanly possible”. His lawyer, Imogen Tarrant, said the sentence was disproportionate for a first offence.",
        [None, None],
    ),
    # --- they ---
    _pcase(
        "The unions said on Friday that their members would walk out for 48 hours next week unless the company improved its pay offer. They said the current proposal amounted to a real-terms cut for most workers on the shop floor.",
        [None, "The unions"],
    ),
    _pcase(
        "Police said a 19-year-old man had been arrested on suspicion of dangerous driving after a crash on the A614 that left two people seriously injured. They said the road was closed for several hours while investigators examined the scene.",
        [None, "Police"],
    ),
    _pcase(
        "The recycling plant on Fallow Street has operated through the night since it was expanded in April, and neighbours and local shopkeepers have begun to organise. The council's environmental health officer, Naomi Birch, said noise readings had exceeded legal limits on four occasions. They said they would take the operator to court.",
        [None, None, None],
    ),
    _pcase(
        "Members of the Harwell Valley Action Group told a public meeting on Thursday that the proposed quarry would bring up to 200 lorries a day through the village. They said they had collected more than 3,000 signatures against the plan and would present them to the county council.",
        [None, "Members of the Harwell Valley Action Group"],
    ),
    # --- paragraph breaks ---
    _pcase(
        "Lena Hartvig, the chief executive of Brightwater Cycles, said the company would move its assembly line from Poland back to Denmark by 2026.\n\n“Customers are willing to pay a little more for bikes that are made close to home,” she said.",
        [None, "Lena Hartvig, the chief executive of Brightwater Cycles"],
    ),
    _pcase(
        "The health secretary, Owen Pritchard, told MPs that hospital waiting lists had fallen for the sixth month in a row.\n\nHe said the improvement was due to extra weekend clinics and would continue into next year, although some regions were still lagging behind.",
        [None, "The health secretary, Owen Pritchard"],
    ),
    _pcase(
        "Kestrel Rail said on Monday that it would cut services on the coastal line by a quarter from September because of a shortage of drivers.\n\nIt said the reduced timetable would remain in place until at least the spring, when a new group of trainees is due to qualify.",
        [None, "Kestrel Rail"],
    ),
    _pcase(
        "Sentencing the two men at Harlow Crown Court, Judge Miriam Castell said they had shown “no remorse whatsoever” for the elderly victims they had defrauded.\n\nShe said the scheme had been carefully planned over many months and had deliberately targeted people living alone.",
        [None, "Judge Miriam Castell"],
    ),
]


# Written blind by another pass after the fixes the cases above led to. Before the fixes they
# led to: 22 of 26 pronouns right, 2 wrong, 2 unresolved, 1 resolved where none is meant. No
# longer blind.
SECOND_PRONOUN_CASES: list[dict] = [
    _pcase(
        "Harbourside Council will close two branch libraries next spring to save money, its finance director, Owen Tredwell, said on Monday. He said the savings would protect frontline care services for elderly and disabled residents across the borough.",
        [None, "its finance director, Owen Tredwell"],
    ),
    _pcase(
        "Northvale Rail said on Tuesday that it had cancelled almost half of its weekday services after a signalling fault near Carrow junction. It said in a statement that engineers expected the repairs to last until at least Friday evening. Commuters on the Sedley line described packed platforms and trains running up to an hour late during the morning rush.",
        [None, "Northvale Rail", None],
    ),
    _pcase(
        "Mr Halvorsen, the union’s chief negotiator, rejected the pay offer as “an insult to every nurse in the county”. Ms Abara, the hospital trust’s chief executive, insisted the offer was final and could not be improved. She said the trust had no further money to put on the table before the next financial year.",
        [None, None, "Ms Abara, the hospital trust’s chief executive"],
    ),
    _pcase(
        "Peter Lindqvist, the mayor, told the council on Wednesday that the Hollin Street bridge would reopen to traffic in May. His deputy, Tomas Reyes, said the timetable depended on steel deliveries from a supplier in northern Spain. He said residents should nonetheless expect several further weekend closures while the work was completed.",
        [None, None, None],
    ),
    _pcase(
        "Police arrested a 34-year-old man, Daniel Morrow, on Saturday after a car chase through Kettleby town centre. Inspector Carla Benning said officers had recovered a stolen van and a quantity of power tools from the scene. He was later released on bail pending further inquiries and will return to the station next month, she said.",
        [None, None, "Inspector Carla Benning"],
    ),
    _pcase(
        "Brackwell Rovers sacked their manager, Rhiannon Day, on Sunday after a run of eight straight league defeats. The club’s chairman, Gareth Pole, said the board had acted “with real regret” but felt change was unavoidable. She told the Courier she was “heartbroken” and had not been given enough time to turn the season around.",
        [None, None, None],
    ),
    _pcase(
        "“We have done nothing wrong and we will prove it,” she said on the steps of Deansgate crown court on Wednesday. Elena Marsh, the former treasurer of the Fairhaven animal charity, faces six counts of fraud and false accounting.",
        [None, None],
    ),
    _pcase(
        "Tenants of the Ashgrove Lane estate said they had complained about damp and mould for three years without a response. They told the housing inquiry that the conditions had left several young children seriously ill over the winter.",
        [None, "Tenants of the Ashgrove Lane estate"],
    ),
    _pcase(
        "According to Felix Oduya, the airport’s operations director, passenger numbers rose by a fifth in July compared with the same month last year. He said the new eastern terminal would be fully open before the Christmas holidays despite earlier construction delays.",
        [None, "Felix Oduya, the airport’s operations director"],
    ),
    _pcase(
        "The closure of the Linford biscuit factory was confirmed by Brennan Foods on Tuesday morning after weeks of speculation. It said about 300 jobs would be lost over the next eighteen months as production moved to Poland.",
        [None, "Brennan Foods"],
    ),
    _pcase(
        "Dr Ingrid Salo, a climate scientist at Tyneford University, said the summer's floods were consistent with long-term warming trends across northern Europe.\n\nShe said the region should expect heavier rainfall events at least twice a decade from now on. She added that flood defences built in the 1970s were never designed for storms of this intensity.",
        [
            None,
            "Dr Ingrid Salo, a climate scientist at Tyneford University",
            "Dr Ingrid Salo, a climate scientist at Tyneford University",
        ],
    ),
    _pcase(
        "Castlegate Bank said it had frozen about 2,000 customer accounts after detecting a wave of suspicious transfers overnight. Its head of fraud prevention, Lorna Petrie, told MPs that most of the affected customers were over seventy. It said in a statement on Friday that all frozen accounts would be restored within five working days.",
        [None, None, "Castlegate Bank"],
    ),
    _pcase(
        "Ivo Brandt, chairman of the Eastmouth ports authority, said dredging of the main shipping channel would begin in September. A spokeswoman for the shipping line Corvel said the company welcomed the decision but wanted firmer dates. He said the authority had already secured the necessary environmental permits from the marine agency.",
        [None, None, "Ivo Brandt, chairman of the Eastmouth ports authority"],
    ),
    _pcase(
        "Councillor Hugh Tarrant said the new parking charges would raise money for road repairs across the district. But Ms Okafor, who leads the opposition group, said the charges would drive shoppers away from the high street. She said at least four independent shops had already warned they might close if the plan went ahead.",
        [None, None, "Ms Okafor"],
    ),
    _pcase(
        "The head teacher, Margaret Olsen, told parents in a letter that the school would stay closed until Thursday. Janet Fry, who chairs the board of governors, said the heating system had failed for the second time this term. She said an engineer had been booked but replacement parts were proving difficult to obtain.",
        [None, None, None],
    ),
    _pcase(
        "The Danforth Museum said on Monday that it would return a bronze statue looted from Benin in the nineteenth century. “This is the right thing to do, and frankly it is long overdue,” it said in a statement.",
        [None, "The Danforth Museum"],
    ),
    _pcase(
        "Dr Ramesh Anand, the county’s director of public health, warned last week that measles cases were rising among primary schoolchildren. On Thursday, the health minister, Alison Crewe, said an extra vaccination clinic would open in Hartley next month. She said uptake of the second dose had fallen below 80 percent in several parts of the county.",
        [None, None, "the health minister, Alison Crewe"],
    ),
    _pcase(
        "Helga Strand, who chairs the Nordic Fisheries Forum, said quotas for cod would have to fall by a quarter next year. She told delegates in Bergen that stocks in the northern grounds were at their lowest level since records began.",
        [None, "Helga Strand"],
    ),
    _pcase(
        "Hundreds of farmers drove tractors into the centre of Lisle on Tuesday to protest against cuts to rural subsidies. They said the changes would force many small family farms out of business within five years. The agriculture ministry said it would meet farming unions next week but had no plans to reverse the cuts.",
        [None, None, None],
    ),
    _pcase(
        "Mr Delacroix, the restaurant's owner, said the fire had started in an extractor fan shortly after midnight. Mrs Pennant, who lives in the flat above, told reporters she had woken to the smell of smoke and shouting. He said the restaurant would remain closed for at least two months while the kitchen was rebuilt.",
        [None, None, "Mr Delacroix, the restaurant's owner"],
    ),
    _pcase(
        "The Department for Transport said it had approved funding for a new tram line linking Orwell Park to the city centre. Local business leaders said they were delighted but warned the project must not repeat past cost overruns. They said the previous tram extension had come in two years late and almost £90 million over budget.",
        [None, None, "Local business leaders"],
    ),
    _pcase(
        "Olympic swimmer Kai Nakamura will retire at the end of the season, his coach, Brigitte Vollmer, said on Friday. She said he had been struggling with a shoulder injury for more than a year and wanted to leave on his own terms. He told reporters after training that he was “at peace” with the decision and proud of his career.",
        [None, "his coach, Brigitte Vollmer", None],
    ),
    _pcase(
        "Ms Varga, the prosecutor, told the jury that the defendant, Mr Coyle, had forged the signatures on all twelve contracts. He said he had never seen the documents before they were shown to him by police officers last spring.",
        [None, None],
    ),
    _pcase(
        "The energy regulator Powerwatch said it would cap standing charges on household bills from January. Its chief executive, Samira Haddad, said the change would save a typical family about £60 a year. She told the BBC that suppliers had been given three months to update their billing systems.",
        [None, None, "Its chief executive, Samira Haddad"],
    ),
    _pcase(
        "The Transport Workers’ Union said its members at Kellerby bus depot would strike for 48 hours from Monday.\n\nIt said talks with management had broken down over changes to shift patterns and overtime rates. A company spokesman said the proposed changes were modest and had been agreed at every other depot.",
        [None, "The Transport Workers’ Union", None],
    ),
    _pcase(
        "In a letter to shareholders, Marcus Whitlow, the founder of Brightpath Software, wrote that the firm had lost its biggest client. He said the company would cut a third of its workforce and close its office in Leeds. He added that he would take no salary until the business returned to profit.",
        [
            None,
            "Marcus Whitlow, the founder of Brightpath Software",
            "Marcus Whitlow, the founder of Brightpath Software",
        ],
    ),
    _pcase(
        "Andre Silvestre, the Rotherford striker, denied claims that he had placed bets on matches involving his own club. He told an independent panel that his phone had been used by a relative without his knowledge or permission.",
        [None, "Andre Silvestre, the Rotherford striker"],
    ),
    _pcase(
        "A new bridge over the River Tamsey was opened on Saturday by Princess Eleanor, watched by about two thousand people. She said it was a “wonderful day” for the valley and thanked the engineers who had built it.",
        [None, None],
    ),
    _pcase(
        "Mr Okonkwo, the landlord, said the tenants had been given proper notice and had repeatedly refused to leave. Ms Hale, a solicitor representing the families, said the notices had been served to the wrong address. “My clients never received a single letter, and the council knows that perfectly well,” she said outside the tribunal. He said he would appeal against any ruling that allowed the families to remain in the building.",
        [None, None, "Ms Hale, a solicitor representing the families", "Mr Okonkwo, the landlord"],
    ),
    _pcase(
        "Ticket sales for the Marlow folk festival have already passed last year's total, its director, Rosa Lindgren, said on Sunday.\n\nMr Pike, the head of security, said extra stewards would be deployed at every entrance after last year's crowd problems. She told reporters that the festival would also add a third stage for younger and emerging artists.",
        [None, None, "its director, Rosa Lindgren"],
    ),
]


# Written blind by a third pass after the fixes above. Before the fixes they led to (firms,
# chains, websites, bands and football clubs as bodies; sport roles as people; a club that
# spoke in between no rival to a "he"): 30 of 42 right, 1 wrong, 11 unresolved, none resolved
# where none is meant. No longer blind.
THIRD_PRONOUN_CASES: list[dict] = [
    _pcase(
        "Glenmoor County will close two of its five public libraries next spring, the county’s finance director, Odile Brannock, said on Tuesday. “We have run out of places to cut without touching the services people actually use,” she told the council’s budget committee.",
        [None, "the county’s finance director, Odile Brannock"],
    ),
    _pcase(
        "Harwick Rail said on Monday that it would suspend overnight services on its northern line for six weeks while engineers replace worn track. Replacement buses will run between Carrow and Dunley after the last evening train on every night of the closure. The work is expected to finish well before the busy holiday season begins in December, it said in a statement.",
        [None, None, "Harwick Rail"],
    ),
    _pcase(
        "Ms Okafor, who has run the bakery on Tenter Street for 14 years, said the new parking rules had cut her weekday trade by almost a third. “People used to pop in for a loaf on their way to the station, and now they just drive past,” she said. Mr Lindqvist, the council’s transport lead, rejected claims that the scheme was hurting local shops on the high street. “The footfall figures we have collected since March simply do not show that,” he said. “We will review the scheme in the autumn, exactly as we promised residents we would,” he added.",
        [
            None,
            "Ms Okafor",
            None,
            "Mr Lindqvist, the council’s transport lead",
            "Mr Lindqvist, the council’s transport lead",
        ],
    ),
    _pcase(
        '"We are not going anywhere," she said, standing outside the shuttered factory gates with a hand-painted placard resting against her legs. "I gave that place the best years of my life and they threw us out with a week\'s notice," she added. Delia Marchetti, 58, worked on the packing line at Sorrel Foods for nearly three decades before the plant closed in March. The company said it had spent more than a year trying to find a buyer for the site, without success. "We explored every possible option to keep the factory open and protect those jobs," it said.',
        [None, None, None, None, "The company"],
    ),
    _pcase(
        "Police were called to the Marlow Road home of Janet Pyke, 71, after neighbours reported thick smoke pouring from the roof on Tuesday evening. Firefighters brought the blaze under control within an hour, and nobody was seriously injured, the fire service said. “I just grabbed the cat and ran out of the back door without even stopping to find my shoes,” she told the local paper. “The firefighters were wonderful, and my neighbours have been bringing me tea and blankets ever since,” she added.",
        [None, None, None, None],
    ),
    _pcase(
        'Anneliese Vorn, the head teacher at Pellam Primary, said the school would reopen on Monday after emergency repairs to its heating system. Her deputy, Grace Mbeki, said parents had been kept informed at every stage of the week-long closure. "We sent updates every single day by text and email, so nobody was left guessing," she said.',
        [None, None, "Her deputy, Grace Mbeki"],
    ),
    _pcase(
        "Nurses at Kelsworth General Hospital said on Friday they would strike for 48 hours next month over staffing levels, after a ballot showed 91 percent support. “We are exhausted, the wards are unsafe, and our patients deserve better than this,” they said in a joint statement. The hospital trust said it was disappointed by the result and urged the nurses’ union to return to talks. Contingency plans were being drawn up to protect emergency and maternity care during the walkout, it added.",
        [None, "Nurses at Kelsworth General Hospital", None, "The hospital trust"],
    ),
    _pcase(
        'Average rents in the city rose by 11 percent in the year to June, according to the property portal Lettwise. The rise was steepest for one-bedroom flats within walking distance of the university campus, it said in its quarterly report. Tomas Grieve, a housing researcher at Aldcliffe University, said the figures matched what tenants had been telling him for months. "Some students are now paying more than half of their maintenance loan in rent alone," he said.',
        [None, "the property portal Lettwise", None, "Tomas Grieve, a housing researcher at Aldcliffe University"],
    ),
    _pcase(
        "The appointment of Ruth Calloway as the orchestra’s new principal conductor was confirmed by its chairman, Edwin Starke, on Saturday. “She brings a rare energy to the podium, and the players adore her,” he said, adding that her contract would run for five years. Ms Calloway, who is 39, said she was thrilled to take up the post after three years as a guest conductor. “This orchestra has been my dream since I was a student sitting in the cheap seats,” she said.",
        [None, "its chairman, Edwin Starke", None, "Ms Calloway"],
    ),
    _pcase(
        'Vantor Pharmaceuticals denied reports that it was preparing to close its research site in Elbury, which employs about 400 people. "No decision has been taken on the future of any of our facilities in the region," it said in a statement on Wednesday. Local MP Sandra Pell said she had written to the company\'s chief executive to seek reassurances for the staff. "People in Elbury deserve a straight answer, not a carefully worded press release," she said.',
        [None, "Vantor Pharmaceuticals", None, "Local MP Sandra Pell"],
    ),
    _pcase(
        "Police in Harrowgate said they had arrested two men in connection with a series of burglaries at allotment sheds across the town. Detective Inspector Mark Tully said garden tools and machinery worth thousands of pounds had been recovered from a lock-up garage. “Some of these items have real sentimental value, and their owners will be delighted to get them back,” he said. Both men, aged 34 and 41, have been released on bail while enquiries continue, they added.",
        [None, None, "Detective Inspector Mark Tully", "Police in Harrowgate"],
    ),
    _pcase(
        'Farmers in the Tressel Valley face their worst harvest in two decades after an unusually dry spring, said Ingrid Solheim, who chairs the regional growers\' association.\n\n"Some of our members have already lost half of their barley, and the wheat is not far behind," she said. "If the rain does not come by the middle of July, we will be asking the government for emergency support," she added.',
        [None, "Ingrid Solheim", "Ingrid Solheim"],
    ),
    _pcase(
        "Mrs Adebayo said she first noticed the damp patches on the bedroom ceiling a few weeks after the family moved in last winter. Her landlord, Mr Carver, insisted that the property had passed every safety inspection and that he had responded to all her complaints. “I have spent a fortune on that house over the years, and nobody has complained before,” he said. “My children have been coughing all winter, and the mould just keeps coming back,” she said.",
        [None, None, "Her landlord, Mr Carver", "Mrs Adebayo"],
    ),
    _pcase(
        'Brightwell, the supermarket chain, said it would cut the price of more than 300 everyday products from next week. The move follows a similar announcement on Monday by its rival Coster\'s, which operates about 600 stores nationwide. "Families are still feeling the squeeze at the checkout, and we want to do our bit to help," it said in a statement.',
        [None, None, "Brightwell, the supermarket chain"],
    ),
    _pcase(
        "The Northern Counties League said it was investigating allegations of abusive chanting during Saturday’s match between Harcourt United and Millbay Town. Harcourt United said it would cooperate fully with the inquiry and condemned the behaviour of a small minority of its fans. The club’s stewards had already identified several supporters from stadium camera footage and passed their details to police, it added.",
        [None, None, "Harcourt United"],
    ),
    _pcase(
        '"It felt like the whole building was shaking," he said of the moment the crane toppled onto the roof of the warehouse next door. "I dived under my desk and just waited for the noise to stop, and then everything went quiet," he added. Site manager Kwame Asante said nobody had been operating the crane at the time and that the area had been cleared. The contractor, Dunmore Build, said it had halted work at all of its sites in the region pending safety checks. "The safety of our workers and the public will always be our first priority," it said.',
        [None, None, None, None, "The contractor, Dunmore Build"],
    ),
    _pcase(
        "Dr Helena Quist, an epidemiologist at the Marstone Institute, said flu cases were rising several weeks earlier than usual this year. Health minister Joan Petrakis said vaccine supplies were sufficient for everyone who was eligible, including pregnant women and over-65s. “There is no reason for anyone to delay getting their jab, and the pharmacies have plenty of stock,” she said.",
        [None, None, "Health minister Joan Petrakis"],
    ),
    _pcase(
        'Two cyclists were taken to hospital after a collision with a delivery van at the junction of Pike Lane and Orchard Road on Sunday morning. Residents have campaigned for years for a proper pedestrian crossing and a lower speed limit at the spot. "Someone was always going to get badly hurt at that junction, and the council knew it," they said.',
        [None, None, None],
    ),
    _pcase(
        "The Harbourlight festival sold all 40,000 of its weekend tickets within three hours, according to its director, Felix Aranda. “We had to add extra servers overnight just to keep the website from falling over,” he said. The headline act, the singer Marnie Vale, has not performed in the country for more than a decade. “I can’t wait to see all those faces singing back at me again,” she wrote on social media.",
        [None, "its director, Felix Aranda", None, None],
    ),
    _pcase(
        'In a letter to shareholders, the chief executive of Oristan Mining, Paul Nkemelu, wrote that the company had "turned a corner" after two difficult years. Copper output is expected to rise by a fifth next year as the new Kambe pit comes into full production, he wrote. Shareholder activist Miriam Oduya said the letter glossed over the company\'s safety record at its African operations. "Three workers died at Kambe last year, and there is not a single word about them in that letter," she said.',
        [None, "the chief executive of Oristan Mining, Paul Nkemelu", None, "Shareholder activist Miriam Oduya"],
    ),
    _pcase(
        "Councillor Derek Hume said the decision to refuse planning permission for the two-storey extension followed a complaint from a neighbour, Ruth Avery. “The extension would have blocked almost all of the light to her kitchen and back garden,” he said. “I have lived on this street for 40 years and never objected to anything before,” she said.",
        [None, "Councillor Derek Hume", None],
    ),
    _pcase(
        'The Lanterns, the folk trio from Corran, said they had cancelled the rest of their European tour after their van was stolen in Lyon. "We lost every instrument we own, including a fiddle that belonged to our grandfather," they said on social media.',
        [None, "The Lanterns, the folk trio from Corran"],
    ),
    _pcase(
        "Mr Haldane, the opposition leader, said the budget would leave ordinary families worse off by the end of the parliament.\n\nBut Finance Minister Oskar Brede said the figures showed the economy was growing faster than independent forecasters had predicted. “We have done the hard work, and now we can finally invest in schools and hospitals,” he said. A review of fuel duty would be completed before the summer recess, and drivers could expect some relief, he added.",
        [None, None, "Finance Minister Oskar Brede", "Finance Minister Oskar Brede"],
    ),
    _pcase(
        'Shares in Kessler Aviation fell by 14 percent on Thursday after the airline cut its annual profit forecast for the second time this year. Analyst Beatrice Lom of Harfield Securities said fuel costs and delays in the delivery of new aircraft were to blame. "Demand for seats remains strong, but rising costs are eating up everything the airline earns," she said. Kessler\'s chief executive, Rolf Adamek, is due to present the full half-year results to investors in London next week. "We will set out a clear plan to restore margins when we meet our shareholders," he said.',
        [None, None, "Analyst Beatrice Lom of Harfield Securities", None, None],
    ),
    _pcase(
        "Hundreds of taxi drivers blocked the main bridge into Portavel on Thursday in protest at a new annual licensing fee. The drivers said the fee of 900 euros a year would force many of them out of business within months. “We are not rich men, we are working men with families to feed,” they told reporters at the scene. The city’s mayor, Lucia Ferrante, said the fee had been agreed after a long public consultation last year. “Every driver had the chance to make their case, and the fee is still below what other cities charge,” she said.",
        [None, None, "The drivers", None, "The city’s mayor, Lucia Ferrante"],
    ),
    _pcase(
        "The Meridian Trust, which runs 14 schools across the county, said it would introduce a four-day week for sixth-form students from September.\n\nThe change would give older pupils more time for independent study and work placements with local employers, it said. Overall teaching hours would not be reduced, it added, because the remaining four days would each be slightly longer.",
        [None, "The Meridian Trust", "The Meridian Trust"],
    ),
    _pcase(
        "Eastmere Council said it had approved £80,000 of funding for a new skate park in Holt Fields after a campaign by local teenagers. The campaign was started by 15-year-old Jade Whitlow, whose petition collected more than 2,000 signatures in just six weeks. “I never thought anyone on the council would actually listen to a bunch of kids like us,” she said. “Now we just need somewhere to sit while our parents watch us fall over,” she added, laughing.",
        [None, None, None, None],
    ),
    _pcase(
        '"We are reviewing the footage and will take appropriate action against anyone found responsible," it said in a statement on Friday night. The video, which has been viewed more than two million times, appears to show a Redfern Logistics driver throwing parcels over a garden fence. Customer Alan Pritchard, who filmed the incident from his upstairs window, said his new laptop had been damaged beyond repair. "I don\'t want anyone to lose their job, I just want the company to replace it," he said.',
        [None, None, None, "Customer Alan Pritchard"],
    ),
    _pcase(
        "Goalkeeper Stefan Ruud said he was “devastated” to miss the rest of the season after injuring his knee in training on Friday. Scans on Monday showed damage to his cruciate ligament, according to his club, Aldwick Rovers. “I will come back stronger than before, and I promise the fans that I will be ready,” he said. He is expected to be out of action for at least nine months and will have surgery this week, it said.",
        [None, None, "Goalkeeper Stefan Ruud", "his club, Aldwick Rovers"],
    ),
    _pcase(
        'A spokeswoman for the Kelby Harbour Board said the ferry terminal would stay closed until storm damage to the pier had been fully assessed. The chairman of the local traders\' group, Ian Doyle, said businesses along the seafront were losing thousands of pounds every day. "The summer season is our whole year, and every closed day is money we will never get back," he said. Repairs could not begin until divers had inspected the underwater supports, which may take another week, she said.',
        [
            None,
            None,
            "The chairman of the local traders' group, Ian Doyle",
            "A spokeswoman for the Kelby Harbour Board",
        ],
    ),
]


# Written blind by a fourth pass after the fixes above. Before the fixes they led to (an owner,
# "the union's regional organiser", naming no kind; a speaker of the pronoun's gender in reach
# making one of unknown gender ambiguous): 27 of 36 right, 2 wrong, 7 unresolved. No longer blind.
FOURTH_PRONOUN_CASES: list[dict] = [
    _pcase(
        "Shares in Holvane Foods fell sharply after its finance director, Priya Castellan, said on Tuesday that first-half profits would miss forecasts by a wide margin. “We underestimated how quickly packaging costs would climb this spring,” she told analysts on a conference call.",
        [None, "its finance director, Priya Castellan"],
    ),
    _pcase(
        """Skyrella, the budget airline, said on Friday that it had cancelled more than 200 flights across southern Europe because of a strike by air traffic controllers. "We apologise to every passenger whose plans have been disrupted by action entirely outside our control," it said in a later statement. It added that customers could rebook free of charge on any of its routes until the end of the month.""",
        [None, "Skyrella, the budget airline", "Skyrella, the budget airline"],
    ),
    _pcase(
        "Waiting lists for hip replacements in the northern region have doubled since 2021, according to Dr Helena Marsh, the clinical lead for orthopaedics at Fernbridge General. “Patients are waiting in pain for eighteen months or longer, and some of them are losing their jobs,” she said. The hospital trust has promised an extra operating theatre by next spring.",
        [None, "Dr Helena Marsh, the clinical lead for orthopaedics at Fernbridge General", None],
    ),
    _pcase(
        """Mr Tobias Renn, the council leader, said the new cycle lanes on Harbour Road would be finished before the autumn term begins. His opponent on the planning committee, Mrs Annika Fell, said the scheme had been rushed through without proper consultation. "Shopkeepers on Harbour Road were told about this two days before the diggers arrived," she said. He rejected that account, insisting that letters had been sent to every business on the street in March.""",
        [None, None, "His opponent on the planning committee, Mrs Annika Fell", "Mr Tobias Renn, the council leader"],
    ),
    _pcase(
        "“We are not going anywhere,” she said, standing outside the shuttered library on Calder Street where she had worked for twenty-two years. Volunteers have collected more than 4,000 signatures calling on the borough to reverse its decision to close the branch. The borough’s culture spokesman, Dev Oyelaran, said the closure was regrettable but unavoidable given the budget shortfall.",
        [None, None, None],
    ),
    _pcase(
        "The folk-rock band Marrow Lane said on Monday that they had cancelled the remaining dates of their European tour after their drummer broke his wrist. “We are gutted, and we will be back on the road as soon as Jonah can hold a stick again,” they wrote on Instagram. Ticket holders will receive automatic refunds within fourteen days, according to the promoter, Blackfield Live.",
        [None, "The folk-rock band Marrow Lane", None],
    ),
    _pcase(
        """Two senior detectives gave sharply conflicting evidence to the public inquiry into the collapsed fraud trial on Wednesday. Inspector Colm Baxter said the search of the warehouse had been authorised by a magistrate the night before. Superintendent Ravi Doshi told the panel that no warrant had been sought until after officers entered the building. "I have no idea why the paperwork is dated the way it is," he said.""",
        [None, None, None, None],
    ),
    _pcase(
        "The recipe website Panfold said it had removed more than 3,000 user reviews after discovering that a marketing agency had been posting them in bulk. It said the fake reviews had been concentrated on pages promoting a single brand of kitchen knives. “We take the trust of our readers extremely seriously, and we are sorry this slipped past us,” it added in a blog post on Thursday.",
        [None, "The recipe website Panfold", "The recipe website Panfold"],
    ),
    _pcase(
        """Greystone Rail said on Saturday that engineering work near Ashby Junction would overrun by at least two days. The union's regional organiser, Maeve Dunleavy, said staff had warned managers weeks ago that the timetable was unrealistic. "Nobody listened, and now thousands of commuters are paying the price for it," she said. It said replacement buses would run every fifteen minutes between Ashby and Pellham until the line reopened.""",
        [None, None, "The union's regional organiser, Maeve Dunleavy", "Greystone Rail"],
    ),
    _pcase(
        "The club sacked its manager, Ferris Quill, on Sunday after a run of seven straight defeats. “I gave everything to this place, and I leave with my head held high,” he said in a farewell message posted online. He added that he had no plans to take another job in football before next summer at the earliest. The chairman, Lionel Barker, said a replacement would be named within a week.",
        [None, None, None, None],
    ),
    _pcase(
        """The defence minister, Olaf Stennick, said he had spoken by phone with his counterpart, Gregor Vaal, about the border incident on Tuesday night. "We agreed that nobody wants this to escalate, and that the channels between us must stay open," he told reporters at the ministry. He added that no decision had yet been taken on withdrawing troops from the area.""",
        [None, "The defence minister, Olaf Stennick", "The defence minister, Olaf Stennick"],
    ),
    _pcase(
        """Residents of the Larkfield estate said they had been without heating or hot water for nine days as temperatures dropped below freezing. "We have elderly neighbours wrapped in coats indoors, and nobody from the landlord has knocked on a single door," they said in a joint letter. Brookmere Housing said a replacement boiler part had been ordered and should arrive on Monday.""",
        [None, "Residents of the Larkfield estate", None],
    ),
    _pcase(
        "The actress Lena Hartwig said she had turned down the role three times before the director finally persuaded her over dinner in Lisbon.\n\nThe film’s director, Paolo Venturi, said he had written the part with her in mind from the very first draft. “I simply could not picture anyone else saying those lines,” he said.\n\n“He is very stubborn, and I hate to admit it, but in the end he was completely right,” she said, laughing.",
        [None, None, "The film’s director, Paolo Venturi", "The actress Lena Hartwig"],
    ),
    _pcase(
        """The Highways Agency closed the M61 northbound for six hours on Sunday after a lorry shed its load of steel pipes near junction 9. "Drivers should expect delays well into the evening while the carriageway is inspected for damage," it said in an update on social media. It added that the lorry driver had not been seriously hurt and that no other vehicles were involved in the incident.""",
        [None, None, None],
    ),
    _pcase(
        "Kestrel Biotech said on Wednesday that its experimental asthma drug had cut severe attacks by almost half in a late-stage trial involving 2,400 patients. The company’s chief scientific officer, Dr Amara Osei, said the results were the strongest the field had seen in a decade. “We expected a benefit, but honestly not one of this size,” she said. She added that the firm would file for approval in Europe and the United States before the end of the year. It said full data would be presented at a respiratory conference in Vienna in September.",
        [
            None,
            None,
            "The company’s chief scientific officer, Dr Amara Osei",
            "The company’s chief scientific officer, Dr Amara Osei",
            "Kestrel Biotech",
        ],
    ),
    _pcase(
        "The transfer of the striker Jonas Aberle to Vestby FC for a club-record fee was confirmed by the club’s sporting director, Henrik Saltnes, on Monday evening. “Jonas is exactly the kind of player this squad has been missing for two seasons,” he said. Aberle, 24, is expected to make his debut against Lindholm at home on Saturday afternoon.",
        [None, "the club’s sporting director, Henrik Saltnes", None],
    ),
    _pcase(
        """The two candidates for the party leadership clashed over housing policy in a televised debate on Thursday night. Fiona Carrick said the party had to commit to building 300,000 homes a year or accept another election defeat. Her rival, Siobhan Mulrooney, said the party needed a credible plan for reforming the planning system before it set any targets. "Voters are tired of slogans, and they want to see a plan that actually adds up," she said.""",
        [None, None, None, None],
    ),
    _pcase(
        "The supermarket chain Harrowfields said it would stop selling single-use plastic carrier bags in all 640 of its stores from the first of June. “Our customers have told us loud and clear that they want less packaging, not more,” it said. The chain’s main rival, Dunmore, said it had no plans to follow suit but would keep its own policy under review.",
        [None, "The supermarket chain Harrowfields", None],
    ),
    _pcase(
        """Ms Imogen Tate, who chairs the residents' forum, said the proposed phone mast would spoil one of the last unbroken views across the valley.\n\nMr Callum Roe, a spokesman for the mobile operator Veltra, said the site had been chosen after a two-year search for alternatives. "There is simply no other location that gives coverage to the villages further up the valley," he said.\n\n"They say that every time, and every time it turns out not to be true," she said.""",
        [None, None, "Mr Callum Roe, a spokesman for the mobile operator Veltra", "Ms Imogen Tate"],
    ),
    _pcase(
        """Global shipments of folding smartphones rose 38 percent in the second quarter, according to the market research firm Corvane Analytics. It said demand had been driven largely by cheaper models launched in India and South-East Asia since January. "Prices have finally fallen to a level where ordinary buyers are starting to pay attention," it said in its quarterly report.""",
        [None, "the market research firm Corvane Analytics", "the market research firm Corvane Analytics"],
    ),
    _pcase(
        "Hundreds of farmers drove tractors into the centre of Valmont on Tuesday, blocking the main square for most of the afternoon. “We are selling milk for less than it costs us to produce it,” they said in a leaflet handed to passers-by. They added that more protests were planned across the region next week if milk prices did not rise. The agriculture ministry said talks with the farming unions would resume on Monday.",
        [None, None, None, None],
    ),
    _pcase(
        "Aurelio Mendes, the founder of the coffee chain Brava, said the company would open forty new cafés in Portugal and Spain over the next two years. “We started with one cart outside a train station, so every new shop still feels like a small miracle,” he said. Brava said in a filing that it had raised 60 million euros from investors to pay for the expansion.",
        [None, "Aurelio Mendes, the founder of the coffee chain Brava", None],
    ),
    _pcase(
        "The boy’s father, Gareth Warne, told the inquest on Monday that staff at the trampoline park had not been watching the children when his son fell. The park’s operations chief, Corinne Lathe, told the coroner that two attendants had been on duty at all times. “I watched the footage over and over again, and there was nobody near that net,” he said. She said the camera footage did not show the whole area covered by the attendants.",
        [None, None, "The boy’s father, Gareth Warne", "The park’s operations chief, Corinne Lathe"],
    ),
    _pcase(
        """Norvik Energy and the grid operator Baltline both said on Thursday that they were investigating the cause of the blackout that hit 90,000 homes. Norvik said its turbines had shut down automatically when the frequency on the network dropped. Baltline said the drop had been caused by a sudden loss of generation elsewhere on the system. "We will publish a full timeline once our engineers have finished their work," it said.""",
        [None, None, None, None],
    ),
    _pcase(
        "On Monday the head teacher of Linton Park Academy, Mr Samuel Okafor, said mobile phones would be banned from classrooms from September. “Pupils will still be able to bring them to school, but they will stay in lockers until the final bell,” he said.",
        [None, "the head teacher of Linton Park Academy, Mr Samuel Okafor"],
    ),
    _pcase(
        "Campaigners said the proposed second runway at Elsworth Airport would add thousands of night flights over the nearby villages. But the airport’s chief executive, Nadia Frey, insisted that strict limits on night-time operations would remain in place. “Nobody in these villages will be woken at three in the morning by a cargo jet,” she said. “We have heard promises like that before, and we will see them in the High Court,” they said.",
        [None, None, "the airport’s chief executive, Nadia Frey", "Campaigners"],
    ),
    _pcase(
        """The England captain, Rhian Collis, said the squad had been shaken by the sudden departure of their head coach, Martin Hale, on the eve of the tournament. "Martin built this team, and we will play for him on Saturday," she said. "I leave with a heavy heart and enormous pride in these players," he said in a short statement released by the governing body.""",
        [None, "The England captain, Rhian Collis", None],
    ),
    _pcase(
        "The mayor of Port Celany, Ines Vidal, said on Sunday that the ferry terminal would reopen within a week once the storm damage was repaired.\n\n“The engineers have been working through the night, and I want to thank every one of them,” she told reporters at the harbour.\n\nShe said the town had received emergency funding from the regional government but that it would not cover the full cost.",
        [None, "The mayor of Port Celany, Ines Vidal", "The mayor of Port Celany, Ines Vidal"],
    ),
    _pcase(
        """The former bank director Lucas Ferrante denied on Wednesday that he had known about the missing funds before the audit began. "I learned about these transfers from the newspapers, like everyone else," he told the court in Milan. Prosecutors said emails recovered from his laptop showed he had personally approved at least four of the payments. They said the emails would be presented to the judges next month.""",
        [None, "The former bank director Lucas Ferrante", None, "Prosecutors"],
    ),
    _pcase(
        """The landlord, Mr Arvid Holm, said repairs to the flat had been delayed by a shortage of qualified builders in the area. His tenant, a nurse who has lived there for six years, has been sleeping at her sister's house since the ceiling collapsed. "I pay my rent every single month and I am living out of a suitcase," she said.""",
        [None, None, None],
    ),
]


# Written blind by a fifth pass after the last fix to the module, and measured once the module
# was frozen: the fair figure. No test asserts them, so that they stay a fair measure (a miss
# here is a finding, not a case to tune the rules to).
HELDBACK_PRONOUN_CASES: list[dict] = [
    _pcase(
        "Harbour officials in Port Wendell closed the eastern pier on Monday after engineers found a long crack in its concrete deck, the port’s operations director, Ilse Moravec, said. “We are not taking any chances with public safety, and the pier will stay shut until repairs are finished,” she said.",
        [None, "the port’s operations director, Ilse Moravec"],
    ),
    _pcase(
        "A Lusavia Airways flight to Boston returned to Lisbon on Sunday as a precaution, the airline's spokeswoman, Ines Batista, said in a brief statement. The pilot noticed a warning light about forty minutes after take-off and turned back over the Atlantic, passengers told local television. He said the crew had acted strictly by the book and that nobody had been in any danger. She said the 212 passengers had been rebooked on later flights or offered hotel rooms in the city.",
        [None, None, None, "the airline's spokeswoman, Ines Batista"],
    ),
    _pcase(
        "The Tessaly regional hospital trust has postponed 340 planned operations this month, according to its medical director, Dr Anselm Vrba. He said staff shortages in anaesthesia and theatre nursing were the main cause of the cancellations. “We cannot run operating theatres without the people to staff them, however hard we try,” he added.",
        [None, "its medical director, Dr Anselm Vrba", "its medical director, Dr Anselm Vrba"],
    ),
    _pcase(
        "Warehouse workers at Castlerow Logistics will strike for 48 hours from Friday over pay, the union's regional organiser, Maeve Dunleavy, said on Tuesday. Castlerow said in a statement that the walkout was unnecessary and that its improved pay offer remained on the table. It said contingency plans were in place to keep deliveries to supermarkets moving during the strike. She said members had rejected the company's offer by a large margin in a ballot last week.",
        [None, None, "Castlerow", "the union's regional organiser, Maeve Dunleavy"],
    ),
    _pcase(
        "The chairman of Ferncombe parish council, Rupert Alsop, said the long-awaited car park behind the village hall would finally open in June. The council’s spokeswoman, Delyth Price, said the cost had risen to £410,000 because of unexpected drainage work. She said the extra money would come from reserves rather than from higher parking charges. He said residents had been asking for more spaces near the shops for well over a decade.",
        [
            None,
            None,
            "The council’s spokeswoman, Delyth Price",
            "The chairman of Ferncombe parish council, Rupert Alsop",
        ],
    ),
    _pcase(
        "Tomasz Wielgus, the team's head coach, said Saturday's 5-0 defeat at home was the worst result of his career in football. The club captain, Piotr Banach, said the players owed the travelling supporters and the whole city an apology. He said there would be changes to the starting line-up before next week's cup match.",
        [None, None, None],
    ),
    _pcase(
        "Police in Garrowby are searching for a 71-year-old woman, Edna Morley, who walked out of her care home on Saturday evening. Inspector Callum Reid said officers, dogs and volunteers had searched the woods and riverbank near the home throughout the night. She was last seen wearing a long blue coat and may be confused, he said.",
        [None, None, "Inspector Callum Reid"],
    ),
    _pcase(
        "Environment minister Hanna Lindqvist visited the flooded town of Aaberg on Tuesday, meeting residents whose homes and shops were damaged in last week's storm. She said the government would release emergency funds within a week and review flood defences along the whole coast.",
        [None, None],
    ),
    _pcase(
        "Residents of the Kilnworth estate have written to the council demanding urgent repairs to damp and mould in more than 60 flats. They said some families had been waiting more than two years for a visit from a housing inspector. The council said a new repairs contractor would start work on the estate in March.",
        [None, "Residents of the Kilnworth estate", None],
    ),
    _pcase(
        "The software company Quillon said on Tuesday that a data breach had exposed the email addresses and phone numbers of about 180,000 customers.\n\nIt said no passwords or payment details had been taken and that the attack had been stopped within hours. It added that it had informed the data protection regulator and hired an outside security firm to investigate.",
        [None, "The software company Quillon", "The software company Quillon"],
    ),
    _pcase(
        "“We were simply outplayed today, and I have no excuses at all,” she said after the match. The world number four, Irena Sokol, lost in straight sets to an unseeded qualifier on Centre Court on Wednesday afternoon. Sokol said her shoulder injury had healed and was not to blame for the surprise defeat.",
        [None, None, None],
    ),
    _pcase(
        "Mr Okonjo, the school's head teacher, said the building would reopen after half-term once the asbestos removal work had been completed. Mrs Adeyemi, who chairs the parents' association, said families had been given far too little notice of the closure. She said many working parents had struggled to arrange childcare at such short notice.",
        [None, None, "Mrs Adeyemi"],
    ),
    _pcase(
        "The closure of the Dunmore paper mill, with the loss of 230 jobs, was confirmed by its owner, Veltra Group, on Friday morning. It said falling demand for newsprint across Europe had made the 90-year-old site unviable.",
        [None, "its owner, Veltra Group"],
    ),
    _pcase(
        "The former mayor of Saint-Arnoult, Gilles Ferrand, denied claims that he had steered city building contracts to a firm owned by his brother-in-law. He told reporters outside the courthouse that he was confident he would be cleared of all charges. His lawyer, Nadia Bensaid, said the prosecution's case rested almost entirely on the evidence of a single witness.",
        [None, "The former mayor of Saint-Arnoult, Gilles Ferrand", None],
    ),
    _pcase(
        "Aldmere Rail said on Monday it was sorry after a signalling fault left thousands of commuters stranded for up to three hours outside the city. Its chief executive, Ruth Castellan, said engineers had worked through the night to find and repair the faulty equipment. It said passengers whose journeys were delayed could claim full refunds through its website.",
        [None, None, "Aldmere Rail"],
    ),
    _pcase(
        "Police in Harwick said a 34-year-old man had been arrested after a lorry crashed into a shopfront on the high street early on Sunday. They said nobody inside the shop had been seriously hurt, although the driver was treated for minor injuries. Officers were called shortly after two in the morning by a neighbour, Janet Coles, who heard the crash from her flat. She said the noise had sounded like an explosion and had woken half the street.",
        [None, "Police in Harwick", None, None],
    ),
    _pcase(
        "The defence ministry rejected reports that it planned to close the Ardmore air base, describing them as “pure speculation.” It said the base would remain fully operational at least until 2030 and could take on new training squadrons.",
        [None, "The defence ministry"],
    ),
    _pcase(
        "The boy's father, Declan Farrow, insisted the school had ignored repeated warnings about the bullying his son suffered over two years. The headmistress, Judith Penhale, said every complaint the school received had been investigated and properly recorded. He said the family would now take the matter to the education ombudsman and, if necessary, to court.",
        [None, None, "The boy's father, Declan Farrow"],
    ),
    _pcase(
        "In a letter to shareholders, the chairwoman of Norbeck Mining, Astrid Holm, wrote that the company had “underestimated the social cost” of its northern expansion. She said the board would commission an independent review of its community programmes before approving any new sites.",
        [None, "the chairwoman of Norbeck Mining, Astrid Holm"],
    ),
    _pcase(
        "Investors have pulled more than $2 billion from the Carraway Income Fund since January, amid growing concerns about its exposure to struggling commercial property. It said on Thursday that redemptions would be suspended for 30 days to protect the remaining shareholders.",
        [None, None],
    ),
    _pcase(
        "The festival’s director, Camille Rousset, said ticket sales were up by a third on last year, with several days already sold out. Its programming chief, Léa Marchetti, said the line-up had been chosen to attract younger audiences from across the region. She said the festival would also add a third stage and a family area next summer.\n\nThe town’s mayor, Bernard Coste, said the event brought about €3 million a year into the local economy. He said the council would renew its annual grant to the organisers for at least another five years.",
        [None, None, None, None, "The town’s mayor, Bernard Coste"],
    ),
    _pcase(
        "A former bank clerk in Valdor diverted almost 600,000 euros from elderly customers' accounts over six years, according to prosecutors. They said the money had been spent on sports cars, foreign holidays and online gambling. The defendant, Rui Pestana, 52, denies fraud and forgery charges and is expected to give evidence later in the trial. Judge Marta Leal adjourned the hearing on Monday after a juror was taken ill in the courtroom. She said proceedings would resume on Thursday morning if the juror had recovered.",
        [None, "prosecutors", None, None, None],
    ),
    _pcase(
        "The competition watchdog said on Tuesday it would open a full investigation into Marlow Telecom’s planned takeover of the broadband provider Fibrelink. Marlow said it was confident the deal would be approved without conditions. It said the merger would bring faster and cheaper connections to thousands of rural homes.",
        [None, None, "Marlow"],
    ),
    _pcase(
        'Midfielder Jonas Ekdahl signed a three-year contract extension with Hallby FC on Wednesday, ending months of speculation about his future. "This club gave me my chance when nobody else would, and I want to repay that," he told reporters at the training ground.',
        [None, None],
    ),
    _pcase(
        "Researchers at the University of Kestrel have found that a common soil bacterium can break down a class of plastics widely used in food packaging. The study’s lead author, Dr Priya Nandakumar, said the process was still far too slow for industrial use. “We are talking about months, not days, for a single plastic tray,” she said. She added that the team hoped to speed it up using enzymes modified in the laboratory.",
        [None, None, "The study’s lead author, Dr Priya Nandakumar", "The study’s lead author, Dr Priya Nandakumar"],
    ),
    _pcase(
        "The folk group Three Rivers Crossing announced on social media that they were cancelling the rest of their European tour. The band said their fiddle player, Orla Quinn, needed surgery on her wrist and could not perform for several months. They said all tickets for the remaining 14 concerts would be refunded automatically.",
        [None, None, "The band"],
    ),
    _pcase(
        "Ms Varga, the opposition’s finance spokeswoman, said the budget did nothing for families facing sharply higher rents and energy bills. The finance minister, Lorant Szabo, rejected her criticism as “cheap politics” during a heated debate in parliament. He said the government had doubled the housing allowance since taking office three years ago. She said that increase had long since been swallowed up by inflation.",
        [None, None, "The finance minister, Lorant Szabo", "Ms Varga, the opposition’s finance spokeswoman"],
    ),
    _pcase(
        "Tellgrove Electronics has delayed shipments of its new Orvane tablet by at least six weeks, a person familiar with the matter said. It said in a statement on Friday that a global shortage of display panels was to blame for the delay.",
        [None, None],
    ),
    _pcase(
        "A spokesperson for St Aldric’s Hospital said the patient, a 40-year-old cyclist hit by a van on the ring road, was in a stable condition. They said he was expected to remain in intensive care for several more days.",
        [None, "A spokesperson for St Aldric’s Hospital"],
    ),
    _pcase(
        'The mountain rescue team leader, Gareth Pryce, said two climbers had been airlifted from Crib Goch on Sunday afternoon after one slipped and broke an ankle.\n\nHe said conditions on the exposed ridge had been icy, with strong winds and very poor visibility. The injured climber, a 29-year-old man from Chester, was flown to hospital in Bangor and is recovering.\n\n"People need to check the forecast before they set out and be ready to turn back early," he said.',
        [None, "The mountain rescue team leader, Gareth Pryce", None, "The mountain rescue team leader, Gareth Pryce"],
    ),
]
