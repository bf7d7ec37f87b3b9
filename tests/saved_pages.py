"""Web pages and a crawl written for the tests: a news article as sites serve it, with a
menu, a byline, a share bar, a quote, an embedded post, a picture credit, a comments
notice and a footer around its paragraphs. Every sentence was written for this project."""

from __future__ import annotations

from pathlib import Path

ARTICLE = [  # the article's own sentences: each must come back labelled
    "The ministry denied on Tuesday that the stadium contract had been awarded without a tender.",
    "Where did the money for the new stadium come from?",
    "Opposition deputies have asked the same question for months.",
    "There is no evidence that any rule was broken, the spokesman said.",
    "It is hardly a coincidence that the audit was cancelled the week before the vote.",
]
FURNITURE = [
    "By Jane Okafor",
    "Share on Facebook",
    "Copy link",
    "Comments are closed.",
    "Photo: Reuters",
    "Home",
    "World",
    "Politics",
    "Subscribe",
    "All rights reserved",
]


def article_page(n: int = 0, *, title: str = "Ministry denies stadium contract claims") -> str:
    """One article page; `n` varies its title and the figures in it, so pages differ."""
    a = ARTICLE
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbour Courier</title>
<meta name="author" content="Jane Okafor">
<meta property="og:site_name" content="The Harbour Courier">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<header><a href="/">The Harbour Courier</a> <a href="/subscribe">Subscribe</a></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Okafor</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Copy link</a></div>
<p>{a[0]}</p>
<p>{a[1]} {a[2]}</p>
<blockquote><p>&ldquo;{a[3]}&rdquo;</p></blockquote>
<p>The audit office said it would publish its report on {n % 28 + 1} June &amp; share it with parliament.</p>
<figure><img src="a.jpg"><figcaption>Photo: Reuters</figcaption></figure>
<blockquote class="twitter-tweet"><p lang="en">The stadium deal still needs to be explained.</p>
pic.twitter.com/abc{n}
<p>&mdash; Mira Santos (@mirasantos) March 4, 2024</p></blockquote>
<p>{a[4]}</p>
<p>Comments are closed.</p>
</article></main>
<footer><p>The Harbour Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def write_warc(path: Path, pages: list[tuple[str, str]], *, extra_records: bool = True) -> None:
    """A gzip-compressed WARC of HTML responses (url, html), with a request record, an
    image response and a redirect among them, which are not pages."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(body), length=len(body), http_headers=headers
                )
            )

        for i, (url, html) in enumerate(pages):
            if extra_records and i == 0:
                request = b"GET / HTTP/1.1\r\n\r\n"
                writer.write_record(
                    writer.create_warc_record(url, "request", payload=BytesIO(request), length=len(request))
                )
                response("https://harbour.example/logo.png", b"\x89PNG\r\n", "image/png")
                response("https://harbour.example/old", b"<html>moved</html>", "text/html", "301 Moved Permanently")
            response(url, html.encode("utf-8"), "text/html; charset=utf-8")
