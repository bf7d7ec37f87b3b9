"""Page furniture: lines that are not sentences, and text inside a sentence that is not prose.

Pages copied from the web, and even the main text trafilatura extracts, carry lines that
say nothing: bylines ("By Jane Okafor"), datelines ("Updated 5 March 2024, 09:30"), bare
URLs, share bars ("Share on Facebook"), comment notices ("Comments are closed",
"Yorumlar kapatılmıştır"), image credits ("Photo: Reuters"), navigation ("Home | World"),
lone names and lists of tags. Labelled, each became an "assertion" at high confidence.
`furniture_kind(line)` names the kind of such a line, or gives None for a sentence; the
classifier sets those lines aside as "not a sentence".

Most sentences are long and end with a full stop: `furniture_kind` answers them after two
anchored pattern tries, and runs the full rules only on short or unterminated lines (the
minority in prose), so plain text pays almost nothing.

Inside a sentence, a URL or an HTML entity ("&amp;", "&#8217;") is not prose either:
`fold_inline(text)` removes URLs and decodes entities, and returns an origin map like
normalise.fold_with_map's, so the model reads the sentence as if they were not there while
spans still point into the original text.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["fold_inline", "furniture_kind"]

# -- URLs and entities inside sentences ---------------------------------------------------

# A URL with a scheme or "www.", or a bare host with a path ("pic.twitter.com/abc"); its
# last character is not punctuation that ends the sentence around it.
_URL_BODY = (
    r"(?:https?://|ftp://|www\.|(?<![\w@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)"
    r"[^\s<>\"]*[^\s<>\".,;:!?)\]'\u2019\u201d]"
)
_URL = re.compile(r"(?i)" + _URL_BODY)
# The URL with what goes with it: brackets around it, and the white space before it (or
# after it, at the start of a text).
_URL_IN_TEXT = re.compile(rf"(?i)(?:\s*[(\[<]\s*{_URL_BODY}\s*[)\]>]|\s+{_URL_BODY}|^{_URL_BODY}\s*|{_URL_BODY})")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _may_hold_inline(text: str) -> bool:
    return "&" in text or "/" in text or "www." in text or "WWW." in text


def fold_inline(text: str) -> tuple[str, list[int] | None]:
    """(text without its URLs and with its HTML entities decoded, origin map or None when
    nothing changed). `origin[i]` is the offset in `text` of folded character i, and
    `origin[len(folded)] == len(text)` (the convention of normalise.fold_with_map)."""
    if not _may_hold_inline(text):
        return text, None
    pieces: list[tuple[int, int, str]] = []  # (start, end, replacement) in order
    for m in _URL_IN_TEXT.finditer(text):
        pieces.append((m.start(), m.end(), ""))
    for m in _ENTITY.finditer(text):
        if not any(a <= m.start() < b for a, b, _ in pieces):
            plain = html.unescape(m.group())
            if plain != m.group():
                pieces.append((m.start(), m.end(), plain))
    if not pieces:
        return text, None
    pieces.sort()
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for a, b, plain in pieces:
        parts.append(text[pos:a])
        origin.extend(range(pos, a))
        parts.append(plain)
        origin.extend([a] * len(plain))
        pos = b
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    origin.append(len(text))
    folded = "".join(parts)
    if not folded.strip():  # a text that is all URL: leave it to furniture_kind
        return text, None
    return folded, origin


# -- lines that are not sentences ---------------------------------------------------------

_I = re.IGNORECASE | re.UNICODE
_MOST_WORDS = 12  # the longest byline, dateline, share bar, menu or name the rules look for
_ENDS = frozenset(".!?\u2026\u061f\u3002")  # terminal punctuation (with the Arabic question mark, the ideographic stop)


def _terminated(text: str) -> bool:
    """Whether `text` ends like a sentence: terminal punctuation, then closing quotes or brackets."""
    return text.rstrip("\"'\u201d\u2019\u00bb)] \t\n")[-1:] in _ENDS


# Lines that start like a notice, whatever their length: tried on every line (anchored).
_NOTICE_PARTS = [
    (
        "comments",
        r"""comments?\s+(?:are|is)\s+(?:now\s+)?(?:closed|disabled|turned\s+off)
        | (?:you\s+must\s+be\s+logged\s+in|log\s*in|sign\s+in|register)\s+to\s+(?:post\s+a\s+)?comment
        | (?:leave|post|add|write)\s+a\s+(?:comment|reply) | yorumlar\s+kapat | yorum\s+(?:yap|yaz)
        | kommentare?\s+(?:sind|ist)\s+(?:geschlossen|deaktiviert) | (?:los\s+)?comentarios\s+(?:están\s+)?cerrados
        | комментарии\s+(?:закрыты|отключены) | التعليقات\s+مغلقة | les\s+commentaires\s+sont\s+(?:fermés|clos)""",
    ),
    ("share", r"""(?:share|tweet|email|print)\s+this\s+(?:article|story|page|post)"""),
    (
        "credit",
        r"""(?:©|\(c\))\s*(?:\d{4}|\w) | all\s+rights\s+reserved | tüm\s+hakları\s+saklıdır | alle\s+rechte\s+vorbehalten
        | todos\s+los\s+derechos\s+reservados | все\s+права\s+защищены | جميع\s+الحقوق\s+محفوظة""",
    ),
    (
        "byline",
        r"""(?:reporting|additional\s+reporting|writing|editing)\s+by\s
        | this\s+(?:article|story)\s+(?:was|is)\s+(?:originally\s+)?(?:published|updated|posted)\s+(?:on|at|in|by)\s""",
    ),
]
# One pattern, a named group per kind: one anchored try per line.
_NOTICE = re.compile(
    r"\W*(?:" + "|".join(f"(?P<{kind}{i}>{rx})" for i, (kind, rx) in enumerate(_NOTICE_PARTS)) + ")", _I | re.VERBOSE
)

# Line patterns, anchored at the start, by kind. Share bars and menus have no full stop:
# those two are tried on unfinished lines only.
_RULES = [
    (
        "url",
        r"""^\W*(?:(?:source|read\s+more|more|link|via|kaynak|quelle|fuente|источник|المصدر)\s*:?\s*)?
        (?:https?://|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)\S*\W*$""",
    ),
    # An embedded post's signature: "— Mira Santos (@mirasantos) March 4, 2024"
    ("byline", r"""^\s*[\u2014\u2013-]+\s*[^\n]{0,80}\(@\w+\)"""),
    (
        "share",
        r"""^\W*(?:(?:share|tweet|email|e-mail|print|copy|save|send|teilen|drucken|paylaş|compartir|
        partager|condividi|поделиться|شارك|مشاركة|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|
        pinterest|messenger|flipboard|bluesky|threads|mastodon|vk|вконтакте|link|kopyala|bağlantı|enlace|copiar)
        (?:\s+(?:this|article|story|page|post|on|via|with|the|a|url|to|link|clipboard|kopieren|enlace))*
        [\s|/:,·•-]*){1,12}$""",
    ),
    (
        "comments",
        r"""^\W*(?:\d+\s+)?(?:comments?|replies|reply|responses|yorum(?:lar)?|kommentare?|comentarios?|
        commentaires?|комментари[йияе]в?|تعليقات?|التعليقات)(?:\s*\(\d+\)|\s+\d+)?\W*$
      | ^\W*(?:show|view|read|see|load|hide|join)\s+(?:all\s+)?(?:\d+\s+)?(?:the\s+)?(?:comments?|conversation|discussion)\W*$""",
    ),
    (
        "credit",
        r"""^\W*(?:photo(?:graph)?s?|pictures?|images?|credits?|illustration|video|graphic|
        foto(?:s|grafía|grafie)?|fotoğraf|görsel|bild|imagen|фото|изображение|иллюстрация|صورة|الصورة)
        (?:\s+by)?\s*(?::|/|\||\u2014|\u2013|-|©)\s*[^.!?]{0,80}\.?$
      | ^\W*(?:©|\(c\))\s*\S.{0,80}$""",
    ),
    (
        "navigation",
        r"""^\W*(?:skip\s+to\s+(?:main\s+)?content|(?:main\s+)?menu|search|subscribe|sign\s+(?:in|up)|
        log\s*in|newsletter|advertisement|sponsored(?:\s+content)?|read\s+more|read\s+next|related(?:\s+articles|\s+stories)?|
        most\s+(?:read|popular)|next\s+(?:article|story)|previous\s+(?:article|story)|back\s+to\s+top|home(?:page)?|
        zum\s+inhalt\s+springen|anmelden|abonnieren|werbung|anzeige|mehr\s+zum\s+thema|reklam|ilgili\s+haberler|
        daha\s+fazla|abone\s+ol|publicidad|leer\s+más|suscríbete|noticias\s+relacionadas|читать\s+(?:также|далее)|
        реклама|подписаться|اقرأ\s+أيضا|اقرأ\s+المزيد|إعلان|publicité|lire\s+aussi)\W*$""",
    ),
    (
        "tags",
        r"""^\W*(?:tags?|topics?|related\s+topics|keywords|etiketler|konular|schlagwörter|themen|stichworte|
        etiquetas|temas|теги|метки|темы|الوسوم|كلمات\s+مفتاحية|mots-clés)\s*:\s*\S.*$
      | ^\W*filed\s+under\s*:?\s*\S.*$ | ^\s*(?:\#\w+[\s,]*){2,}$""",
    ),
]


def _combined(kinds) -> re.Pattern:
    """One pattern with a named group per rule: one anchored try per line."""
    return re.compile(
        "|".join(f"(?P<{kind}{i}>{rx})" for i, (kind, rx) in enumerate(_RULES) if kind in kinds), _I | re.VERBOSE
    )


_ANY_LINE = _combined({"url", "byline", "comments", "credit", "tags"})
_UNFINISHED_LINE = _combined({"share", "navigation"})

_AGENCY_END = re.compile(
    r"""\b(?:getty\s+images|shutterstock|afp|reuters|ap\s+photo|epa|anadolu(?:\s+agency)?|dpa|
    ria\s+novosti|тасс|aa)\)?$""",
    _I | re.VERBOSE,
)
_DIGIT = re.compile(r"\d")  # every date form the rules know holds one: most lines are rejected at once
_SEPARATOR_CHAR = re.compile(r"[|›»>•·]")
_SEPARATORS = re.compile(r"\s[|›»>•·]\s|\s?[|›»•·]\s?")
_MENU_ITEM = re.compile(r"[^|›»>•·]{1,40}")


def _is_agency_credit(text: str) -> bool:
    """A short unfinished line that ends with a picture agency: "Jane Doe/AFP via Getty Images"."""
    return len(text) <= 80 and _AGENCY_END.search(text[-24:]) is not None


def _is_navigation(text: str) -> bool:
    """Three or more short items between separators: "Home | World | Politics", "Home › News"."""
    if _SEPARATOR_CHAR.search(text) is None:
        return False
    parts = _SEPARATORS.split(text)
    return len(parts) >= 3 and all(_MENU_ITEM.fullmatch(p.strip() or "x") for p in parts)


# -- bylines and datelines: short lines made of a few kinds of token ----------------------

_BY = re.compile(
    r"""^\W*(?:(?:written|reported|posted|words|text|story)\s+)?
    (?:by|von|por|par|door|di|av|af|yazan|yazar|haber|autor|autora|auteur|автор|текст|بقلم|كتب|إعداد)
    \s*[:\-\u2013\u2014]?\s+(?P<rest>\S.*)$""",
    _I | re.VERBOSE,
)
# Words a byline may hold besides names: connectors, roles, the agency's preposition.
_BYLINE_WORDS = frozenset(
    """and und y e et ve и و & in at for from of the staff reporter reporters correspondent
    correspondents writer editor editors contributor contributors senior chief political economics foreign desk
    muhabiri muhabir korrespondent corresponsal correspondant корреспондент""".split()
)
_MONTH_WORDS = frozenset(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december januar februar märz mai juni juli oktober dezember enero febrero
    marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre janvier février mars avril juin juillet
    août septembre octobre novembre décembre ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım
    aralık январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля август августа
    сентябрь сентября октябрь октября ноябрь ноября декабрь декабря""".split()
)
# Dates and times written in digits: 05.03.2024, 2024-03-05, 09:30, 1999, "3 hours ago".
_NUMERIC_DATE = re.compile(
    r"""\d{1,2}[./-]\d{1,2}[./-]\d{2,4} | \d{4}-\d{2}-\d{2} | \d{1,2}:\d{2} | \b(?:19|20)\d{2}\b
    | \b\d+\s+(?:hours?|hrs?|minutes?|mins?|days?|weeks?)\s+ago\b""",
    _I | re.VERBOSE,
)
_TOKENS = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*\.?")
# What a dateline holds besides the date: its label, time zones, weekdays, "de"...
_DATELINE_WORDS = frozenset(
    """published updated posted last modified first on at am pm a.m. p.m. gmt utc bst cet
    cest et est edt pt pst local time monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri
    sat sun veröffentlicht aktualisiert stand um uhr publicado actualizado el de del a las publié mis à jour le
    yayınlanma yayınlandı güncelleme güncellendi son tarihi saat опубликовано обновлено в г. года نشر تحديث آخر في""".split()
)


def _is_byline(text: str) -> bool:
    m = _BY.match(text)
    if not m:
        return False
    words = re.findall(r"[^\s,;|/()]+", m.group("rest"))
    if not 1 <= len(words) <= 10:
        return False
    names = 0
    for w in words:
        w = w.strip(".:-\u2013\u2014'\"\u2019")
        if not w or w.lower() in _BYLINE_WORDS or w[:1].isdigit() or w.lower() in _MONTH_WORDS:
            continue
        if not (w[0].isupper() or not w[0].isalpha() or w[0].lower() == w[0].upper()):  # caseless scripts pass
            return False
        names += 1
    return names >= 1


def _has_date(words: list[str], text: str) -> bool:
    """A date in digits, or a month named next to a number ("5 March", "March 5", "5 de marzo")."""
    if _NUMERIC_DATE.search(text):
        return True
    for i, w in enumerate(words):
        if w.rstrip(".") in _MONTH_WORDS:
            near = words[max(0, i - 2) : i] + words[i + 1 : i + 2]
            if any(n[:1].isdigit() for n in near):
                return True
    return False


def _is_dateline(text: str) -> bool:
    """A date and little else: a label ("Updated"), a time zone, a place or an agency."""
    if _DIGIT.search(text) is None:  # every date form above holds a digit: most lines stop here
        return False
    words = [w.lower() for w in _TOKENS.findall(text)]
    if not _has_date(words, text):
        return False
    rest = [w for w in words if not w[:1].isdigit() and w.rstrip(".") not in _MONTH_WORDS and w not in _DATELINE_WORDS]
    return len(rest) <= 2  # a place ("LONDON"), an agency ("Reuters"), or nothing


_QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb,;!?')
_NOT_IN_NAMES = frozenset("a an the this that why how what who when where no not never".split())


def _is_name(line: str) -> bool:
    """A lone name, or a short title-case label: one to four capitalised words (particles
    such as "de" or "van" allowed), no terminal punctuation, no digits."""
    words = line.replace("\u00a0", " ").split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() or ch in _QUOTES for ch in line):
        return False
    if words[0].lower() in _NOT_IN_NAMES:  # "A Very Convenient Retraction" is a headline
        return False
    capitalised = 0
    for w in words:
        w = w.strip(",;:()[]\"'\u201c\u201d\u2018\u2019")
        if not w:
            continue
        if w.lower() in ("de", "van", "von", "der", "da", "al", "el", "bin", "ibn", "la", "le", "di", "du", "of"):
            continue
        if not (w[0].isupper() and (w[1:].islower() or w.isupper() or len(w) <= 2 or "-" in w or "." in w)):
            return False
        capitalised += 1
    return capitalised >= 1 and len(words) >= 2 or (capitalised == 1 and words[0].isupper() and len(words[0]) > 3)


def furniture_kind(line: str) -> str | None:
    """What kind of page furniture `line` is ("byline", "dateline", "url", "share",
    "comments", "credit", "navigation", "name", "tags"), or None for a sentence."""
    text = line.strip()
    if not text:
        return None
    found = _NOTICE.match(text)
    if found:
        return _kind(found)
    words = text.count(" ") + 1
    terminated = _terminated(text)
    if words >= 8 and terminated and "://" not in text and "|" not in text:
        return None  # a long, finished sentence: the common case
    if not any(ch.isalpha() or unicodedata.category(ch) == "So" for ch in text):
        return "dateline" if _is_dateline(text) else "navigation"  # digits and separators (an emoji may be a reply)
    found = _ANY_LINE.match(text)
    if found:
        return _kind(found)
    if words > _MOST_WORDS:
        return None  # too long for a byline, a date, a share bar, a menu or a name
    found = None if terminated else _UNFINISHED_LINE.match(text)
    if found:
        return _kind(found)
    if _is_byline(text):
        return "byline"
    if _is_dateline(text):
        return "dateline"
    if terminated:
        return None
    if _is_navigation(text):
        return "navigation"
    if _is_agency_credit(text):
        return "credit"
    return "name" if _is_name(text) else None


def _kind(found: re.Match) -> str:
    return str(found.lastgroup).rstrip("0123456789")
