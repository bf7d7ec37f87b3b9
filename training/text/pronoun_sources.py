"""Which earlier speaker a pronoun source stands for ("she told reporters", "it said in a
statement").

News copy names a speaker once and then quotes them as "she" or "it": '..., its chief
executive, Marta Kellund, said. “Every penny goes into pipes,” she told reporters.' An analyst
asking who denied what needs the name, not "she". The rule is the one news style follows: a
pronoun speaker refers to the most recent earlier speaker in the text that it can refer to, at
most `LOOKBACK` sentences back. What it can refer to:

- he, she: a person (a title, a role noun: "Ms Orr", "the mayor", "its chief executive,
  Marta Kellund"; a gendered word decides between he and she: Mr, Ms, spokeswoman), or a
  bare name ("Jonas Pell": a person or a firm, the words cannot tell);
- it: an organisation or a document ("the ministry", "the statement"), or a bare name;
- they: a group ("residents", "police", "Mira Okonkwo and Tomas Reyes") or an organisation.

Precision comes before recall: a wrong name is worse than "she". Only speakers are
candidates (a person merely mentioned is never one). A he or she stays unresolved when
another person's name stands in the sentences between it and its candidate, when a name with
the pronoun's gender ("Dame Ruth Ellery") stands anywhere in the window and the candidate's
gender is unknown, and when two speakers in the window could both be meant: a name alone tells
no gender. On 40 texts written for it blind (tests/pronoun_cases.py), its first version named
the right speaker for 26 of 37 pronouns and a wrong one for 3; docs/BENCHMARKS.md ("Source
attribution accuracy") has today's figures.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from training.text.source_patterns import _HEAD_END, _words

if TYPE_CHECKING:  # sources.py calls this module: a run-time import would be circular
    from training.text.sources import Source

__all__ = ["LOOKBACK", "resolve_pronouns", "speaker_kind"]

LOOKBACK = 4  # sentences; news quotes a speaker again within a paragraph or two


_HE = _words("mr sir lord spokesman chairman father son brother husband king prince")
_SHE = _words("ms mrs miss dame lady spokeswoman chairwoman mother daughter sister wife widow queen princess")
_PERSON = (
    _HE
    | _SHE
    | _words(
        "dr prof professor gen col colonel capt captain sgt sergeant rev judge justice "
        "minister mayor spokesperson director executive chair president secretary officer commissioner "
        "lawyer attorney barrister solicitor governor senator mp councillor councilor leader founder "
        "manager chief prosecutor coach doctor author ambassador inspector editor economist scientist "
        "biologist engineer owner candidate deputy treasurer auditor ombudsman campaigner activist farmer "
        "teacher nurse surgeon physician consultant researcher historian architect priest bishop detective "
        "superintendent constable commander envoy negotiator adviser advisor chancellor premier ceo cfo "
        "chairperson head principal headteacher landlord tenant pilot driver pharmacist resident striker player colleague "
        "goalkeeper midfielder defender athlete swimmer runner cyclist rider jockey boxer skier singer actor actress "
        "organiser organizer coordinator representative delegate steward curator conductor composer writer novelist "
        "referee"
    )
)
_ORG = _words(
    "ministry authority council company bank group party union police commission agency department "
    "office board court university hospital trust fund association corporation inc ltd plc government "
    "committee club federation institute service services network airline airlines energy foundation "
    "society alliance coalition league organisation organization statement report army navy regulator "
    "inspectorate museum school firm operator utility campaign movement embassy parliament assembly "
    "cabinet administration team charity insurer lender bureau secretariat directorate newspaper "
    "broadcaster rail railway railways airport port housing water holdings industries partners chain "
    "retailer supermarket portal website site platform app publisher manufacturer maker carrier provider "
    "developer producer label studio united rovers athletic wanderers albion fc"
)
_GROUP = _words(
    "police unions officials residents workers staff protesters families members employees parents band trio duo "
    "quartet couple"
)
# Two capitalised words that name a place or a building, not a person ("Calder Road").
_PLACE = _words(
    "road street avenue lane square bridge river islands island station park hall house centre center "
    "estate valley hill hills mountain lake sea bay city town county district region province general "
    "north south east west central upper lower new"
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
# Somebody else's name: a title and a capitalised word, or two capitalised words in a row.
_NAME = re.compile(r"\b(?:(?:Mr|Ms|Mrs|Miss|Dr|Sir|Dame)\.?\s+[A-Z][\w’'-]+|[A-Z][a-z]+(?:\s+[A-Z][\w’'-]+)+)")


def _core(word: str) -> str:
    return re.sub(r"(?:['’]s|['’])$", "", word.strip(',.;:“”"')).lower()


def _part_kind(part: str) -> str | None:
    """The kind one comma-separated part of a speaker phrase names, judged by its head (the
    last word before "of", "at", "on"...: "the chief executive of Norrland Energy")."""
    words = _HEAD_END.split(part, 1)[0].split()
    # An owner ("the union's regional organiser") says whose, not what kind: its words are skipped.
    low = [_core(w) for w in words if not re.search(r"['’]s?$", w)]
    if not low:
        return None
    if set(low) & _HE:
        return "he"
    if set(low) & _SHE:
        return "she"
    head = low[-1]
    if low[0] in _GROUP or head in _GROUP or (head.endswith("s") and head[:-1] in _PERSON):
        return "group"  # "Members of the Harwell Valley Action Group", "police", "local business leaders"
    if head in _PERSON or set(low) & _PERSON:
        return "person"  # "the mayor", "Councillor Frank Aldous", "Dr Amara Oyelaran"
    if head in _ORG or set(low) & _ORG:
        return "org"
    if len(words) >= 2 and all(_CAPITALISED.fullmatch(w) for w in words[-2:]) and head not in _PLACE:
        return "name"  # "Marta Kellund", or "Kestrel Rail"?
    return None


def speaker_kind(phrase: str) -> str:
    """ "he", "she", "person" (gender unknown), "org", "group", "name" (capitalised words that
    could be either a person or a firm), or "unknown"."""
    if " and " in phrase:
        return "group"
    kinds = [k for k in (_part_kind(p.strip()) for p in phrase.split(",")) if k]
    for kind in ("he", "she", "person", "group", "org", "name"):
        if kind in kinds:
            return kind
    return "unknown"


# Per pronoun, the kinds of speaker it can stand for, in tiers: the most recent speaker of the
# first tier that has one is taken. "It" takes a bare name ("Kestrel Rail") only when no
# organisation spoke; a he or she takes the most recent person or name alike.
_CAN_REFER = {
    "he": (("he", "person", "name"),),
    "she": (("she", "person", "name"),),
    "it": (("org",), ("name",)),
    "they": (("group",), ("org",)),
}


def _refer(source: Source, target: Source) -> Source:
    if target.pronoun:  # a pronoun already resolved: its speaker
        return replace(
            source,
            refers_to=target.refers_to,
            refers_start=target.refers_start,
            refers_end=target.refers_end,
            refers_named=target.refers_named,
        )
    return replace(
        source, refers_to=target.text, refers_start=target.start, refers_end=target.end, refers_named=target.named
    )


def _rival(
    text: str, cand: Source, pronoun: str, start: int, end: int, *, gendered_only: bool, bodies: tuple = ()
) -> bool:
    """Whether text[start:end] names a person, other than `cand`, whom `pronoun` could mean:
    any such person, or with `gendered_only` one whose title or role says the pronoun's gender.
    A name inside `bodies` (speakers of another kind: "his club, Aldwick Rovers") is none."""
    own = set(cand.text.split())
    kinds = (pronoun,) if gendered_only else (pronoun, "person", "name")
    return any(
        not set(m.group().split()) <= own
        and not any(m.group() in body for body in bodies)
        and speaker_kind(m.group()) in kinds
        for m in _NAME.finditer(text, start, end)
    )


def _could_be(source: Source, pronoun: str) -> bool:
    """Whether `pronoun` could stand for this (non-pronoun) speaker, by its words alone."""
    return not source.pronoun and speaker_kind(source.text) in ("person", "name", pronoun)


def _referent(text: str, sentences: list, out: list[Source | None], i: int, said: dict) -> Source | None:
    """The speaker out[i] stands for, or None. `said`: the pronoun each speaker was already
    given ("She said ..." makes Brigitte Vollmer no "he")."""
    pronoun = out[i].text.lower()
    window = [j for j in range(i - 1, max(-1, i - 1 - LOOKBACK), -1) if out[j] is not None]
    for j in window:  # "She said A. She added B.": the same pronoun goes on with the same speaker
        if out[j].pronoun:
            if out[j].text.lower() == pronoun and out[j].refers_to is not None:
                return out[j]
            continue
        break
    for kinds in _CAN_REFER.get(pronoun, ()):
        for j in window:
            cand = out[j]
            if cand.pronoun or speaker_kind(cand.text) not in kinds or said.get(cand.text, pronoun) != pronoun:
                continue
            return cand if pronoun not in ("he", "she") or _only_one(text, sentences, out, window, i, j) else None
    return None


def _only_one(text: str, sentences: list, out: list[Source | None], window: list[int], i: int, j: int) -> bool:
    """Whether the he or she of out[i] can only mean the speaker of out[j]."""
    cand, pronoun = out[j], out[i].text.lower()
    # Somebody else named in the sentences between them could be meant instead; so could a
    # "Ms ..." anywhere in the window when the candidate's gender is unknown.
    bodies = tuple(out[k].text for k in window if speaker_kind(out[k].text) in ("org", "group"))
    if _rival(text, cand, pronoun, sentences[j].end, sentences[i].start, gendered_only=False, bodies=bodies):
        return False
    unknown = speaker_kind(cand.text) != pronoun
    first = sentences[max(0, i - LOOKBACK)].start
    if unknown and _rival(text, cand, pronoun, first, sentences[i].start, gendered_only=True):
        return False
    # Two speakers a name alone cannot tell apart by gender.
    return not (unknown and any(_could_be(out[k], pronoun) and out[k].text != cand.text for k in window))


def resolve_pronouns(text: str, sentences: list, sources: list[Source | None]) -> list[Source | None]:
    """`sources` with each pronoun source's `refers_to` set where the rule above finds its
    speaker; everything else unchanged. I, we and you are never resolved: the writer or the
    audience, named by nobody."""
    out, said = list(sources), {}
    for i, src in enumerate(out):
        if src is not None and src.pronoun and src.refers_to is None:
            target = _referent(text, sentences, out, i, said)
            if target is not None:
                out[i] = _refer(src, target)
                said[out[i].refers_to] = src.text.lower()
    return out
