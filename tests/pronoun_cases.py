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
