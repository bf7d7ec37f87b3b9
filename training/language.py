"""Which language a sentence is in, offline: py3langid, behind a check for plain English.

py3langid (a naive Bayes model over byte n-grams, ISO 639-1 codes) was chosen over lingua
on short project-written sentences: see docs/BENCHMARKS.md, section `language`, and
benchmarks/language_id.py. It costs tens of µs a sentence, about half of what labelling
one costs, and its model takes ~1 s to load. Most sentences a model trained on English
reads are English, so `identify` first asks a cheaper question (`_plainly_english`): does
the sentence hold English words that the languages the identifier confuses with English
do not use ("the", "which", "would"), in Latin letters? Those are English without calling
the identifier, which then runs, and is loaded, only for the rest (headlines without such
words, replies in slang, other languages).

A sentence with fewer than MIN_LETTERS letters says too little for any identifier ("No.",
"Why now?"): it takes its document's language (the one most of the document's letters
are in), and only where the document says nothing either, the identifier's best guess.
A text with no letters at all ("🤔", "2024") is `UNDETERMINED`, which no model skips; so
is one the identifier can only guess at (below MIN_CONFIDENCE) in a document that says no
more.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

from .errors import DataError

__all__ = ["DEFAULT_LANGUAGE", "MIN_CONFIDENCE", "MIN_LETTERS", "UNDETERMINED", "document_language", "identify",
           "identify_one", "known_languages", "model_languages"]

DEFAULT_LANGUAGE = "en"  # a label row without "lang" is English
UNDETERMINED = "und"  # ISO 639-2's code for "cannot tell": a text with no letters
MIN_LETTERS = 12  # fewer letters than this: the document's language (see module docstring)
# Below this probability the identifier is guessing: "denied denied denied" comes back German
# at 0.03, "ok ok ok" Hungarian at 0.10, while every short sentence of the benchmark data
# (benchmarks/language_id.py) scores 0.27 or more. Such a text takes its document's language.
MIN_CONFIDENCE = 0.2

# English words that German, Dutch, Scandinavian, Romance and Turkish text does not use as
# words of its own ("the", "which", "would", "never"), and weaker ones that such text may
# also hold ("was", "is", "in", "he", "no"). Plainly English: at least one strong word and
# two words' worth in all (a weak one counts half; one strong word in a text of up to three
# words), and no more than two letters outside ASCII (accented names). Checked against benchmarks/data/language_sentences.jsonl: no
# non-English sentence there passes.
_STRONG = frozenset("""the and of that with from this these those which would were said says their they them been
    have has who what when where why there could should after about into than its are not be by it she his him you
    your our will did does how some any if or but yes out up new just only because while today tonight yesterday
    never nothing everyone someone anyone again still against amid until during whose whom us get got""".split())
_WEAK = frozenset("was is in he to on at for no a an as we me my so do can had her over".split())


def _forms(words: frozenset[str]) -> frozenset[str]:
    """Each word as white space splits it from a sentence: bare, or with the punctuation
    that may stick to it ("said.", "(the", "it's")."""
    after = ("", ".", ",", "?", "!", ";", ":", '"', "'", ")", "'s", "\u2019s", ".\"", ",\"", "?\"")
    return frozenset({w + p for w in words for p in after} | {p + w for w in words for p in ('"', "(", "'", "\u201c")})


_STRONG_FORMS, _WEAK_FORMS = _forms(_STRONG), _forms(_WEAK)
_HEAD_WORDS = 16  # how many words of a sentence the check reads (hashing every word cost more)
_NON_ASCII_LETTER = re.compile(r"(?![\x00-\x7f])[^\W\d_]")  # é, ş, д...: not typographic quotes or dashes
_LETTER = re.compile(r"[^\W\d_]")

_lock = threading.Lock()
_identifier = None


def _py3langid():
    """The py3langid model, loaded once per process on first use (~1 s)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def known_languages() -> list[str]:
    """Every language code the identifier can answer (ISO 639-1)."""
    return sorted(_py3langid().labels)


def _plainly_english(text: str) -> bool:
    """Whether `text` is English without asking the identifier (module docstring). Distinct
    words, split on white space and looked up with their punctuation (see `_forms`): this
    runs on every sentence, and a regular expression over it cost several times more."""
    words = set(text.lower().split(maxsplit=_HEAD_WORDS))  # the words up front say enough
    strong = len(words & _STRONG_FORMS)
    if not strong or (2 * strong + len(words & _WEAK_FORMS) < 4 and (strong > 1 or text.count(" ") >= 3)):
        return False
    return text.isascii() or len(_NON_ASCII_LETTER.findall(text)) <= 2


def _guess(text: str) -> str | None:
    """py3langid's answer, or None when it is only guessing (below MIN_CONFIDENCE)."""
    lang, p = _py3langid().classify(text)
    return str(lang) if p >= MIN_CONFIDENCE else None


def identify_one(text: str) -> str:
    """The identifier's answer for `text` alone, however short ("und" without letters, or
    when the identifier can only guess)."""
    if _LETTER.search(text) is None:
        return UNDETERMINED
    if _plainly_english(text):
        return "en"
    return _guess(text) or UNDETERMINED


def identify(texts: list[str], weigh: list[bool] | None = None) -> tuple[list[str], str]:
    """(the language of each of `texts`, the language of them all): the sentences of one
    document. See the module docstring for short sentences. `weigh[i]` false leaves text i
    out of the document's language (a byline or a URL line says nothing about it)."""
    langs: list[str | None] = []
    letters: Counter = Counter()
    for i, t in enumerate(texts):
        if _plainly_english(t):
            lang: str | None = "en"
        else:
            n = len(_LETTER.findall(t))
            lang = UNDETERMINED if not n else None if n < MIN_LETTERS else _guess(t)
        langs.append(lang)
        if lang is not None and lang != UNDETERMINED and (weigh is None or weigh[i]):
            letters[lang] += len(t)
    whole = document_language(letters)
    if whole is None:  # nothing long enough: the identifier on the whole document
        whole = identify_one(" ".join(texts)) if texts else UNDETERMINED
    return [lang if lang is not None else (whole if _LETTER.search(t) else UNDETERMINED)
            for lang, t in zip(langs, texts, strict=True)], whole


def document_language(letters: Counter) -> str | None:
    """The language most of a document's characters are in, or None when none is known."""
    if not letters:
        return None
    return max(letters, key=lambda lang: (letters[lang], lang == "en", lang))


def model_languages(examples) -> list[str]:
    """The languages of a model's training rows: each row's `lang` field (ISO 639-1, as the
    identifier answers), English where a row has none. An unknown code is a DataError
    naming its file and line: a model could never serve a language no sentence is given."""
    known = set(known_languages())
    found: set[str] = set()
    for e in examples:
        code = e.extra.get("lang")
        code = DEFAULT_LANGUAGE if code in (None, "") else str(code).strip().lower()
        if code not in known:
            raise DataError(f"expected 'lang' to be an ISO 639-1 code the language identifier knows "
                            f"(such as en, de, tr, ru, ar), found {e.extra.get('lang')!r}", path=e.path, line=e.line)
        found.add(code)
    return sorted(found)
