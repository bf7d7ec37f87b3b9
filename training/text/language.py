"""Which language a sentence is in, offline: py3langid, behind a check for plain English.

py3langid (a naive Bayes model over byte n-grams, ISO 639-1 codes) was chosen over lingua
on short project-written sentences: see docs/BENCHMARKS.md, section `language`, and
benchmarks/language_id.py. It costs tens of µs a sentence, about half of what labelling
one costs, and its model takes ~0.6 s to load from py3langid's file (~0.03 s from the
uncompressed copy identifier_cache.py keeps for every process after the first on a machine).
Most sentences a model trained on English reads are English, so `identify` first asks a
cheaper question (`_plainly_english`, a few µs): does the sentence hold a function word
only English uses ("the", "which", "would") and none of another language ("der", "les",
"el"), in Latin letters? Those are English without calling the identifier, which then runs,
and is loaded, only for the rest (other languages, and headlines or replies made only of
content words and words English shares with them: "Stocks Slide as Rate Fears Return.").
In the English of labels/ that rest is about one sentence in 40: still several in a batch,
so nearly every job loads the identifier, hence the copy.

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

from training.errors import DataError
from training.text.identifier_cache import load_identifier

__all__ = [
    "DEFAULT_LANGUAGE",
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "UNDETERMINED",
    "document_language",
    "identify",
    "identify_one",
    "known_languages",
    "model_languages",
]

DEFAULT_LANGUAGE = "en"  # a label row without "lang" is English
UNDETERMINED = "und"  # ISO 639-2's code for "cannot tell": a text with no letters
MIN_LETTERS = 12  # fewer letters than this: the document's language (see module docstring)
# Below this probability the identifier is guessing: "denied denied denied" comes back German
# at 0.03, "ok ok ok" Hungarian at 0.10, while every short sentence of the benchmark data
# (benchmarks/language_id.py) scores 0.27 or more. Such a text takes its document's language.
MIN_CONFIDENCE = 0.2

# Plainly English: one of its first words is a word only English uses as a common word
# ("the", "which", "would", "two"), none is a common word of another language written in
# Latin letters ("der", "het", "les", "el"), and no more than two letters are outside ASCII
# (accented names). Function words, because nearly every sentence holds some, headlines and
# replies too. Words English shares with those languages ("in", "was", "to", "on", "a",
# "for", "will"; "are" is Romanian "has") decide nothing either way: "Polizei nimmt zwei
# Verdaechtige in Hamburg fest" is German. "by" counts as English, for bylines: Danish or
# Czech text that holds it holds words of _OTHERS too. A sentence with neither kind
# ("Midwives Win 6 Percent Pay Deal", "Para nereye gitti?") goes to the identifier. Checked
# against benchmarks/data/language_sentences.jsonl (no non-English sentence there passes)
# and the English of labels/ (97.7% passes).
_ENGLISH = frozenset(
    """the and of that with from this these those which would could should were been being have has
    had their they them there then than what when where why who whom whose how not but or if it its be by she his him
    you your our us did does some any yes just only because while after before about into out up off down again
    against amid until during through without within between says said say get got new now more most very might
    must shall never nothing everyone someone anyone still today tonight yesterday one other every each such nor
    whether though although unless upon onto towards toward beyond across along around behind above below despite
    near since among ago here ever yet much many few both either neither another own same too already almost least
    less everything something anything nobody itself himself herself themselves myself yourself two three four five
    six seven eight nine eleven twelve twenty hundred thousand i'm i've i'd i'll don't won't can't didn't isn't
    it's that's there's he's she's they're we're you're doesn't wasn't aren't couldn't wouldn't shouldn't hasn't
    haven't hadn't weren't we've they've you've let's what's who's""".split()
)
# Function words of other languages, one line each: German, Dutch, French, Spanish, Italian,
# Portuguese, Turkish, Scandinavian, Indonesian, Tagalog, Swahili, Polish, Romanian. Left
# out: those English text often holds as words or names ("die", "war", "son", "pour", "um",
# "till", "care", "UN", "Los Angeles", "Al", "Dan"), which would send it to the identifier for nothing.
_OTHERS = frozenset(
    """der das dem den des ein eine einen einem einer eines und ist sind nicht mit von zu zum zur
    auf für auch sich sie wir ihr ich wie noch nach bei aus oder aber wenn dass daß haben wird werden wurde
    wurden kein keine nur schon sehr vor über unter durch gegen ohne seit vom beim ins mehr nichts doch dann denn weil es
    de het een en ik te dat niet zijn aan voor maar ook als bij naar kan hij zij ze wij dit wel geen worden werd wordt
    heeft hebben uit zo tegen zich toch meer moet niets omdat onze ons hun deze wat wie waar wanneer nog om
    le la les une des du et est sont au aux dans par sur avec ne pas que qui ce cette ces il ils elle elles nous vous
    je se ses leur leurs mais ou où été était ont sans sous très tout tous aussi comme lui rien jamais
    el las una unos unas del lo sus ella ellos muy más pero cuando donde también este esta estos esto eso ese está
    están fue todo todos nada nunca ni porque hasta desde para por sobre entre
    il gli di dei delle degli dello alla alle allo dal dalla nel nella nei sul sulla che chi non sono anche più
    questo questa quello quella molto sempre già ancora senza perché si ci hanno essere stato stata tra fra è
    os uma uns umas dos das nas nos pelo pela pelos pelas com sem é são foi não nao mas mais muito ele ela eles elas
    nós você voce seu sua seus suas isso isto ao aos à também tambem já ainda quando onde tem têm ser ter há
    ve bir bu için icin ile olarak çok cok daha gibi ama şu mı mu mü yok kadar sonra önce değil degil ki diye veya
    ise olan oldu göre ancak tüm tum hiç hic biz siz onlar
    och og att det som är på med av ikke inte jeg jag ett har hade eller ska skal seg fra blev blir vil mot
    yang di ke dari untuk dengan ini itu tidak akan pada juga oleh atau sudah saya kami mereka telah bisa karena dalam bahwa
    ang ng mga ay hindi ako siya ito
    kwa ni za katika kuwa
    nie jest sie się że ze za tak jako aby jen oraz był bylo jsou
    și si în cu este sunt fost din pentru să noi""".split()
)


def _forms(words: frozenset[str]) -> frozenset[str]:
    """Each word as white space splits it from a lower-cased sentence: bare, or with the
    punctuation that may stick to it ("said.", "(the", "it's", "don’t")."""
    words = words | {w.replace("'", "\u2019") for w in words if "'" in w}
    after = (
        "",
        ".",
        ",",
        "?",
        "!",
        ";",
        ":",
        '"',
        "'",
        ")",
        "'s",
        "\u2019s",
        '."',
        ',"',
        '?"',
        "\u201d",
        ".\u201d",
        ",\u201d",
    )
    return frozenset({w + p for w in words for p in after} | {p + w for w in words for p in ('"', "(", "'", "\u201c")})


_ENGLISH_FORMS, _OTHER_FORMS = _forms(_ENGLISH), _forms(_OTHERS)
_HEAD_WORDS = 16  # how many words of a sentence the check reads (splitting every word cost more)
# Outside ASCII but not typographic quotes, dashes or ellipses (U+2010-206F), which two sentences in
# five of English news hold: é, ş, д, £, 🤔. A plainer pattern than "letters outside ASCII", which
# cost twice the rest of the check on such sentences.
_NON_ASCII = re.compile(r"[^\x00-\x7f\u2010-\u206f]")
_LETTER = re.compile(r"[^\W\d_]")

_lock = threading.Lock()
_identifier = None


def _py3langid():
    """The py3langid model, loaded once per process on first use: ~0.03 s from its
    uncompressed copy, ~0.6 s the first time on a machine (identifier_cache.py)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                _identifier = load_identifier()
    return _identifier


def known_languages() -> list[str]:
    """Every language code the identifier can answer (ISO 639-1)."""
    return sorted(_py3langid().labels)


def _plainly_english(text: str) -> bool:
    """Whether `text` is English without asking the identifier (see `_ENGLISH`). Words split
    on white space and looked up with their punctuation (see `_forms`): this runs on every
    sentence, and a regular expression over it cost several times more."""
    words = text.lower().split(maxsplit=_HEAD_WORDS)  # the words up front say enough
    if _ENGLISH_FORMS.isdisjoint(words) or not _OTHER_FORMS.isdisjoint(words):
        return False
    if text.isascii():
        return True
    found = _NON_ASCII.findall(text)
    return len(found) <= 2 or sum(map(str.isalpha, found)) <= 2  # letters: accents of names


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
    return [
        lang if lang is not None else (whole if _LETTER.search(t) else UNDETERMINED)
        for lang, t in zip(langs, texts, strict=True)
    ], whole


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
            raise DataError(
                f"expected 'lang' to be an ISO 639-1 code the language identifier knows "
                f"(such as en, de, tr, ru, ar), found {e.extra.get('lang')!r}",
                path=e.path,
                line=e.line,
            )
        found.add(code)
    return sorted(found)
