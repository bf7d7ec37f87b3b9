"""`"format": "html"`: a page's main text is what gets scored.

trafilatura (training.extract_page) takes the page apart in a worker thread, a few
milliseconds a page, so the event loop keeps answering meanwhile. The answer then carries
the extracted `text`, which the sentence spans point into, and the page's `document`
metadata (url, title, author, date, site).
"""

from __future__ import annotations

import anyio

from training import DataError, Page, extract_page

__all__ = ["extract_all", "with_page"]

DOCUMENT_FIELDS = ("url", "title", "author", "date", "site")


def _extract(html: str) -> Page | str:
    try:
        return extract_page(html)
    except DataError as e:
        return e.reason


async def extract_all(pages: list[str]) -> list[Page | str]:
    """Each page's main text and metadata, or why it has none (a one-line reason)."""
    return await anyio.to_thread.run_sync(lambda: [_extract(p) for p in pages])


def with_page(result: dict, page: Page | str | None) -> dict:
    """A scoring result with the page it came from (nothing added for plain text); for a
    page with no text (`page` is then why), no sentences, and the reason as `error`."""
    if page is None:
        return result
    if isinstance(page, str):
        return result | {"text": "", "document": None, "error": page}
    return result | {"text": page.text, "document": {f: getattr(page, f) for f in DOCUMENT_FIELDS}}
