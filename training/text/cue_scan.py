"""The lexicon (lexicon.py) matched fast, for a whole batch of texts: `scan_cues`.

Single-word entries are tested once per distinct token (memoised), multi-word entries are
tried only where a token that can start them stands, and searched kinds (quotes, question
form) only in texts holding the character they start with. `cues.py` turns a scan into
`Cue`s with spans and into counts per kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from training.text.cue_matches import CueMatches, drop_inside_titles, drop_used_otherwise
from training.text.lexicon import CUE_KINDS, KIND_COLUMN, CueKind
from training.text.normalise import fold_many, single_spaced
from training.text.quotes import title_spans
from training.text.tokenize import SEPARATOR, ascii_table, batch_tokens

__all__ = ["matched_entry", "scan_cues"]

_FLAGS = re.IGNORECASE | re.UNICODE
# A token is a run of word characters and apostrophes. An apostrophe at its edge is a single
# quotation mark ('never housed', ‘fabricated’ folded), not part of the word: the word is the
# token's core (`_core`), what the boundary assertions of a bounded entry delimit. An
# apostrophe inside a word ("don't", "o'clock") is part of it.
_TOKEN = re.compile(r"[\w']+")
_SINGLE = re.compile(r"[\w'()|?*\\+]+")  # an entry that can only match within one token


def _wrap(kind: CueKind, e: str) -> str:
    return rf"(?<!\w)(?<!\w')(?:{e})(?!\w)(?!'\w)" if kind.bounded else f"(?:{e})"


def _core(token: str | bytes) -> tuple[int, int]:
    """(where the word inside `token` starts in it, its length): the token without the single
    quotation marks at its edges."""
    mark = b"'" if isinstance(token, bytes) else "'"
    lead = len(token) - len(token.lstrip(mark))
    return lead, len(token.strip(mark))


# Look-behinds an entry may open with ("(?<!in )may": not the month): they match no text.
_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=][^()]*\))+")


def _first_word(entry: str) -> str | None:
    """The pattern of the first token of any match of `entry`: its text (after any opening
    look-behinds) up to the first character that cannot be inside a token, or None when
    that cannot be cut out safely."""
    m = re.match(r"(?:[\w']|\\w|\(\?:|[()|?*+])+", re.split(r"\(\?[!=]", _LOOKBEHINDS.sub("", entry), maxsplit=1)[0])
    head = m.group(0) if m else ""
    if not head or head.count("(") != head.count(")") or head.endswith("|"):
        return None
    return head


@dataclass(frozen=True)
class _Matcher:
    """How one kind is matched. Single-word entries are tested once per distinct token
    (memoised in `_token_kinds`); multi-word entries are tried only where a token that can
    start them stands (anchored regex matches). Running every entry as a regex at every
    word start cost ~90 µs a sentence, far more than the rest of the model."""

    single: re.Pattern | None  # fullmatch against a lower-case token
    multi: re.Pattern | None  # the multi-word entries: anchored match, or search
    trigger: re.Pattern | None  # a token that may start a multi-word match; None: search
    entries: tuple[tuple[str, re.Pattern], ...]  # to name the entry that fired
    heads: tuple[tuple[str, str], ...]  # (multi-word entry, the pattern of its first token)


def _matcher(kind: CueKind) -> _Matcher:
    # An escaped non-word character ("source\\?") can never be inside a token.
    singles = [e for e in kind.entries if kind.bounded and _SINGLE.fullmatch(e) and not re.search(r"\\[^w]", e)]
    multis = [e for e in kind.entries if e not in singles]
    firsts = [_first_word(e) for e in multis]
    gated = kind.bounded and bool(multis) and all(firsts)
    if kind.bounded and multis and not gated:
        raise ValueError(
            f"cue kind {kind.name!r}: cannot find the first word of {[e for e, f in zip(multis, firsts, strict=True) if not f]}"
        )
    return _Matcher(
        single=re.compile("|".join(f"(?:{e})" for e in singles), _FLAGS) if singles else None,
        multi=re.compile(_wrap(kind, "|".join(multis)), _FLAGS | re.MULTILINE) if multis else None,
        trigger=re.compile("|".join(f"(?:{f})" for f in firsts), _FLAGS) if gated else None,
        entries=tuple((e, re.compile(_wrap(kind, e), _FLAGS | re.MULTILINE)) for e in kind.entries),
        heads=tuple(zip(multis, firsts, strict=True)) if gated else (),
    )


_MATCHERS = {name: _matcher(kind) for name, kind in CUE_KINDS.items()}
# Kinds matched by searching the whole text (quotes, question form). Each entry is searched
# on its own: an entry that starts with a literal character is then found by the regex
# engine's fast literal scan instead of trying every alternative at every position.
_SEARCHED = tuple(
    (name, tuple((rx, e.startswith("^")) for e, rx in m.entries))
    for name, m in _MATCHERS.items()
    if m.multi is not None and m.trigger is None
)
_TOKEN_CACHE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
# Fully matches a token exactly when some kind's single-word pattern or trigger does (a
# full match of an alternation is a full match of one of its alternatives).
_ANY_KIND = re.compile(
    "|".join(f"(?:{rx.pattern})" for m in _MATCHERS.values() for rx in (m.single, m.trigger) if rx is not None), _FLAGS
)
_TOKEN_CACHE_MAX = 500_000


_NO_KINDS: tuple[str, ...] = ()
_NOTHING = (_NO_KINDS, _NO_KINDS)


def _token_kinds(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(kinds with a single-word entry matching `token`, kinds whose multi-word entries may
    start with it), memoised: a corpus has far fewer distinct tokens than tokens."""
    if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
        _TOKEN_CACHE.clear()
    if not _ANY_KIND.fullmatch(token):  # most tokens: one regex call instead of one per kind
        hit = _NOTHING
    else:
        single = tuple(k for k, m in _MATCHERS.items() if m.single is not None and m.single.fullmatch(token))
        trigger = tuple(k for k, m in _MATCHERS.items() if m.trigger is not None and m.trigger.fullmatch(token))
        hit = (single, trigger) if single or trigger else _NOTHING
    _TOKEN_CACHE[token] = hit
    return hit


_ENTRY_CACHE: dict[tuple[str, str], str] = {}


def matched_entry(name: str, text: str, start: int, end: int) -> str:
    """The lexicon entry of kind `name` that matched text[start:end]. It depends on the
    matched words alone (the match stands on token boundaries), so it is memoised: trying
    a kind's entries one by one costs ~1 µs each."""
    key = (name, text[start:end].lower())
    found = _ENTRY_CACHE.get(key)
    if found is None:
        if len(_ENTRY_CACHE) >= _TOKEN_CACHE_MAX:
            _ENTRY_CACHE.clear()
        found = next((e for e, rx in _MATCHERS[name].entries if rx.fullmatch(text, start, end)), "")
        _ENTRY_CACHE[key] = found
    return found


_TRIGGER_BIT = 1 << len(CUE_KINDS)  # set when the token may start a multi-word entry
_SINGLE_BITS = _TRIGGER_BIT - 1
_QUOTED_BIT = _TRIGGER_BIT << 1  # set when a kind matches the token's core, not the whole token
_ASCII_TABLE = ascii_table(b"'")  # the characters of _TOKEN
_CODE_CACHE: dict[str | bytes, int] = {SEPARATOR: -2}  # see batch_tokens


def _token_code(token: str | bytes) -> int:
    """`_token_kinds(token)` as one integer: a bit per kind with a single-word entry
    matching it, and `_TRIGGER_BIT` when a multi-word entry may start with it. ASCII
    tokens come as bytes from `batch_tokens`; both keys are cached."""
    if len(_CODE_CACHE) >= _TOKEN_CACHE_MAX:
        _CODE_CACHE.clear()
        _CODE_CACHE[SEPARATOR] = -2
    text = token.decode() if isinstance(token, bytes) else token
    word = text.strip("'")
    single, trigger = _TOKEN_CACHE.get(word) or _token_kinds(word)
    code = sum(1 << KIND_COLUMN[k] for k in single) | (_TRIGGER_BIT if trigger else 0)
    if code and word != text:
        code |= _QUOTED_BIT
    _CODE_CACHE[token] = code
    return code


_ANCHOR_CACHE: dict[str, tuple[tuple[str, int, re.Pattern, tuple[str, ...] | None], ...]] = {}


def _required_words(entry: str, head: str) -> list[str]:
    """Words every match of `entry` contains after its first token: runs of letters
    outside any group, class or escape, with no quantifier after them."""
    rest, words, depth, i = _LOOKBEHINDS.sub("", entry)[len(head) :], [], 0, 0
    while i < len(rest):
        ch = rest[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "|" and depth == 0:
            return []  # alternatives at the top: no word is required by all of them
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and ch.isalpha():
            j = i
            while j < len(rest) and (rest[j].isalpha() or rest[j] == "'"):
                j += 1
            if j == len(rest) or rest[j] not in "?*{":
                words.append(rest[i:j])
            i = j
            continue
        i += 1
    return words


def _anchor(token: str) -> tuple[tuple[str, int, re.Pattern, tuple[str, ...] | None], ...]:
    """For a token that may start a multi-word entry, per kind: (name, column, the kind's
    multi-word entries whose first token it can be, words one of which the text must
    contain for any of them to match, or None). Trying only those entries, and only when
    the text holds such a word, gives what `_Matcher.multi` gives at that token in a
    fraction of the time: most kinds have dozens of entries and almost all attempts fail."""
    found = _ANCHOR_CACHE.get(token)
    if found is None:
        if len(_ANCHOR_CACHE) >= _TOKEN_CACHE_MAX:
            _ANCHOR_CACHE.clear()
        per_kind = []
        for name in (_TOKEN_CACHE.get(token) or _token_kinds(token))[1]:
            entries = [(e, head) for e, head in _MATCHERS[name].heads if re.fullmatch(head, token, _FLAGS)]
            required = [max(_required_words(e, head), key=len, default=None) for e, head in entries]
            per_kind.append(
                (
                    name,
                    KIND_COLUMN[name],
                    re.compile(_wrap(CUE_KINDS[name], "|".join(e for e, _ in entries)), _FLAGS | re.MULTILINE),
                    None if None in required else tuple(dict.fromkeys(w.lower() for w in required)),
                )
            )
        found = tuple(per_kind)
        _ANCHOR_CACHE[token] = found
    return found


def _needle(entry: str) -> str | None:
    """A character every match of `entry` starts with, when it is a plain non-letter
    (a leading look-behind matches no character: the one after it is the needle)."""
    entry = re.sub(r"^\(\?<!\[[^\]]*\]\)", "", entry)
    if entry.startswith("\\u"):
        return chr(int(entry[2:6], 16))
    if entry.startswith("\\") and len(entry) > 1 and not entry[1].isalnum():
        return entry[1]
    if entry and not entry[0].isalnum() and entry[0] not in "^([.\\":
        return entry[0]
    return None


# The searched kinds again, each pattern with a character it must start with, to skip the
# regex where that character does not occur: most sentences hold no quote mark.
_SEARCHED_FAST = tuple(
    (KIND_COLUMN[name], rx, at_line_start, _needle(e))
    for name, patterns in _SEARCHED
    for (rx, at_line_start), e in zip(patterns, CUE_KINDS[name].entries, strict=True)
)


def scan_cues(texts: list[str]) -> tuple[CueMatches, list[str]]:
    """Match the lexicon in a whole batch, and the texts it matched in: folded
    (normalise.py: "haven’t" is matched as "haven't"), single-spaced ("did not\nhappen" as
    "did not happen") and lower-cased, unless lower-casing changes a text's length. Offsets are into those texts; `CueMatches.origins` maps them back.

    Per token one look-up gives the kinds of its single-word entries (bits of an integer)
    and whether a multi-word entry may start there; those are tried at that token only,
    with only the entries that can start with it. Searched kinds (quotes, question form)
    run their regexes on each text that holds the character they start with."""
    folded, origins = single_spaced(*fold_many(texts))
    lows = [t if len(low := t.lower()) != len(t) else low for t in folded]
    texts = folded  # a text lower-casing would lengthen is matched as folded (see `lowered` below)
    found = batch_tokens(lows, _TOKEN, _ASCII_TABLE, _CODE_CACHE, positions=True)
    flat, rows, code, starts = found.tokens, found.rows, found.ids, found.starts
    for j in np.flatnonzero(code == -1).tolist():  # tokens not seen before
        code[j] = _token_code(flat[j])
    code[~found.is_token] = 0
    for j in np.flatnonzero(code & _QUOTED_BIT).tolist():  # rare: a cue word at a quotation mark
        lead, length = _core(flat[j])
        starts[j] += lead
        flat[j] = flat[j][lead : lead + length]
    hit = np.flatnonzero(code & _SINGLE_BITS)
    token, column = np.nonzero((code[hit, None] >> np.arange(len(CUE_KINDS))) & 1)
    hit = hit[token]
    lengths = np.fromiter(map(len, (flat[j] for j in hit.tolist())), dtype=np.int64, count=len(hit))
    pos = starts[hit]
    others = _multi_word_matches(np.flatnonzero(code & _TRIGGER_BIT), flat, rows, starts, lows, texts)
    several_lines = [i for i, low in enumerate(lows) if "\n" in low]
    for col, rx, at_line_start, needle in _SEARCHED_FAST:
        if at_line_start:  # "^..." can only match where a line starts: try just there
            matched = [(i, mm) for i, mm in enumerate(map(rx.match, lows)) if mm is not None]
            for i in several_lines:
                low = lows[i]
                matched += [(i, rx.match(low, p + 1)) for p, ch in enumerate(low) if ch == "\n"]
        else:
            candidates = range(len(lows)) if needle is None else [i for i, low in enumerate(lows) if needle in low]
            matched = [(i, mm) for i in candidates for mm in rx.finditer(lows[i])]
        others.extend((i, col, mm.start(), mm.end()) for i, mm in matched if mm is not None and mm.end() > mm.start())
    rows, pos, column, lengths, others = drop_used_otherwise(rows[hit], pos, column, lengths, others)
    titles = title_spans(texts, rows, pos, column, lengths, others)
    rows, pos, column, lengths, others = drop_inside_titles(titles, rows, pos, column, lengths, others)
    return CueMatches(rows, column, pos, pos + lengths, others, origins), lows


def _multi_word_matches(trig, flat, rows, starts, lows, texts) -> list[tuple[int, int, int, int]]:
    """(row, kind column, start, end) of the multi-word entries that match at the trigger tokens
    `trig` (indices into the batch's tokens), trying at each only the entries it can start."""
    others: list[tuple[int, int, int, int]] = []
    current, last = -1, {}
    for j, i, pos in zip(trig.tolist(), rows[trig].tolist(), starts[trig].tolist(), strict=True):
        if i != current:
            current, last, low = i, {}, lows[i]
            lowered = low is not texts[i]  # the required words are lower case
            present: dict[str, bool] = {}  # required word -> in this text: one search per word, not per trigger
        tok = flat[j]
        anchors = _ANCHOR_CACHE.get(tok)  # ASCII tokens come as bytes: cached under both keys
        if anchors is None:
            anchors = _ANCHOR_CACHE[tok] = _anchor(tok.decode() if isinstance(tok, bytes) else tok)
        for name, col, rx, required in anchors:
            if pos < last.get(name, -1):
                continue
            if required is not None and lowered:
                for word in required:
                    has = present.get(word)
                    if has is None:
                        has = present[word] = word in low
                    if has:
                        break
                else:
                    continue  # none of the words the entries need is in the text
            mm = rx.match(low, pos)
            if mm is not None and mm.end() > pos:
                last[name] = mm.end()
                others.append((i, col, pos, mm.end()))
    return others
