"""Web pages and web archives as documents.

- `extract_page(html, url)`: the main text of an HTML page and what it says about itself
  (title, author, publication date, site), by trafilatura, which drops menus, share bars,
  footers and comment sections and puts each paragraph on a line of its own. Sentence
  spans point into this text, which the API returns.
- `warc_pages(fileobj)`: every HTML response record (2xx status) of a WARC file, plain or
  gzip-compressed, read as a stream by warcio: its URL, its capture date and its body.
- `extract_pages(docs, keep)`: for batch scoring, turn the `Document`s that carry a page's
  HTML into documents with its text (in the worker that scores them: extraction costs a
  few milliseconds a page, more than labelling it); a page with no main text becomes a
  bad row.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace

from training.errors import DataError
from training.fit.data import RowError

__all__ = ["PAGE_FIELDS", "MAX_PAGE_BYTES", "Page", "WarcPage", "extract_page", "extract_pages", "warc_pages"]

# What a page says about itself, in the order output rows list it. `crawl_date` is the
# WARC record's capture time (pages from a crawl only); `date` the page's own.
PAGE_FIELDS = ("url", "title", "author", "date", "site", "crawl_date")
MAX_PAGE_BYTES = 20_000_000  # a larger response is not an article page


@dataclass(frozen=True)
class Page:
    text: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    crawl_date: str | None = None

    def metadata(self) -> dict:
        return {f: getattr(self, f) for f in PAGE_FIELDS}


@dataclass(frozen=True)
class WarcPage:
    url: str | None
    crawl_date: str | None
    html: bytes


def extract_page(html: str | bytes, url: str | None = None) -> Page:
    """The main text and metadata of an HTML page; DataError if it has no main text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs an error for every page it cannot read
    if isinstance(html, bytes) and len(html) > MAX_PAGE_BYTES:
        raise DataError(f"expected an HTML page of at most {MAX_PAGE_BYTES:,} bytes, found {len(html):,}")
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception as e:  # noqa: BLE001 - lxml and trafilatura raise many kinds on broken markup
        raise DataError(f"expected an HTML page, found one that cannot be parsed ({type(e).__name__}: {e})") from None
    text = (getattr(found, "text", None) or "") if found is not None else ""
    # One element (paragraph, heading, list item) a line: a blank line between them, so a
    # line that starts in lower case ("pic.twitter.com/...") is not read as a wrapped line.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    if not text:
        raise DataError("expected an HTML page with a main text, found none (no article text to extract)")
    return Page(
        text,
        url=url or found.url or None,
        title=found.title or None,
        author=found.author or None,
        date=found.date or None,
        site=found.sitename or found.hostname or None,
    )


def warc_pages(fileobj) -> Iterator[WarcPage | RowError]:
    """Every HTML response record of a WARC stream (see module docstring). A record that
    cannot be read ends the file with a RowError (line: the record's number among pages)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if _first_bytes(fileobj) != b"WARC/":  # warcio would read any bytes as records of some kind
        yield RowError("", 1, "expected a WARC file (starting with 'WARC/'), found other data")
        return
    n = records = 0
    try:
        for record in ArchiveIterator(fileobj):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            kind = (record.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or "html" not in kind:
                continue
            n += 1
            yield WarcPage(
                record.rec_headers.get_header("WARC-Target-URI"),
                record.rec_headers.get_header("WARC-Date"),
                record.content_stream().read(),
            )
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as e:
        yield RowError(
            "", n + 1, f"expected a WARC record, found one that cannot be read ({e}); the rest of the file was skipped"
        )
        return
    if not records:  # warcio reads what is not a WARC file as no records at all
        yield RowError("", 1, "expected a WARC file, found no WARC records in it")


def _first_bytes(fileobj) -> bytes:
    """The first five bytes of the (decompressed) stream; the stream is rewound."""
    try:
        head = fileobj.read(2)
        fileobj.seek(0)
        first = gzip.GzipFile(fileobj=fileobj).read(5) if head == b"\x1f\x8b" else fileobj.read(5)
    except (EOFError, OSError, zlib.error):
        first = b""
    fileobj.seek(0)
    return first


def extract_pages(docs: list, keep: tuple[str, ...] = ()) -> tuple[list, list[RowError]]:
    """Documents with their page's main text and metadata in place of its HTML (module
    docstring); `keep`: the page fields that --keep carries to every row."""
    out, bad = [], []
    for d in docs:
        if d.html is None:
            out.append(d)
            continue
        try:
            page = extract_page(d.html, d.meta.get("url"))
        except DataError as e:
            bad.append(RowError(d.path, d.line, e.reason))
            continue
        meta = page.metadata() | {k: v for k, v in d.meta.items() if v is not None}  # the crawl's URL and date
        extra = d.extra | {k: meta[k] for k in keep if k in meta}
        out.append(replace(d, text=page.text, html=None, meta=meta, extra=extra))
    return out, bad
