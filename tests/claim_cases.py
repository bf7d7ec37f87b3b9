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
