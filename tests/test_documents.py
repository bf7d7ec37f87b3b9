"""Web pages and crawls as documents (training/text/documents.py, and the HTML and WARC readers of
`stance score`): pages and a WARC file the tests write themselves."""

from __future__ import annotations

import json

import pytest

from tests.conftest import read_jsonl
from tests.saved_pages import ARTICLE, article_page, write_warc
from training.cli import main
from training.errors import DataError
from training.text.documents import extract_page


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_page_gives_its_main_text_and_what_it_says_about_itself():
    page = extract_page(article_page())
    assert (page.title, page.author, page.date, page.site) == (
        "Ministry denies stadium contract claims",
        "Jane Okafor",
        "2024-03-05",
        "The Harbour Courier",
    )
    for sentence in ARTICLE[:3]:
        assert sentence in page.text
    for chrome in ("Subscribe", "Privacy", "Copy link", "Photo: Reuters"):  # menus, share bars, credits, footer
        assert chrome not in page.text
    assert "June & share" in page.text  # entities decoded
    with pytest.raises(DataError, match="expected an HTML page with a main text, found none"):
        extract_page("<html><head><title>Empty</title></head><body><script>var x = 1;</script></body></html>")


def _by_text(rows: list[dict]) -> dict[str, dict]:
    return {r["text"]: r for r in rows}


def test_saved_pages_the_article_is_labelled_and_the_furniture_set_aside(capsys, models_dir, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(2):
        (pages / f"story{i}.html").write_text(article_page(i), encoding="utf-8")
    (pages / "notes.md").write_text("not a page", encoding="utf-8")  # not read: not a corpus file
    out = tmp_path / "scores.jsonl"
    code, stdout, err = run(
        capsys,
        "score",
        str(pages),
        "-o",
        str(out),
        "--models-dir",
        str(models_dir),
        "--workers",
        "1",
        "--keep",
        "title",
        "author",
        "date",
        "url",
    )
    assert code == 0, err
    rows = read_jsonl(out)
    assert {r["doc_id"] for r in rows} == {str(pages / "story0.html"), str(pages / "story1.html")}
    first = _by_text([r for r in rows if r["doc_id"].endswith("story0.html")])
    for sentence in ARTICLE[:3] + ARTICLE[4:]:
        row = first[sentence]
        assert row["label"] in ("assertion", "denial", "insinuation") and row["skipped"] is None
    quote = next(r for t, r in first.items() if ARTICLE[3].rstrip(".") in t)
    assert quote["label"] is not None  # the quote is part of the article
    for furniture in ("— Mira Santos (@mirasantos) March 4, 2024", "pic.twitter.com/abc0", "Comments are closed."):
        assert (first[furniture]["label"], first[furniture]["skipped"]) == (None, "not a sentence")
        assert first[furniture]["confidence"] is None and first[furniture]["probabilities"] is None
    assert all(
        (r["title"], r["author"], r["date"]) == ("Ministry denies stadium contract claims", "Jane Okafor", "2024-03-05")
        for r in rows
    )
    summary = json.loads(stdout)
    assert summary["sentences"] == sum(r["label"] is not None for r in rows)
    assert summary["skipped"]["not a sentence"] == sum(r["skipped"] == "not a sentence" for r in rows) >= 6


def test_a_crawl_in_a_warc_file_one_document_row_per_page(capsys, models_dir, tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    crawl = tmp_path / "crawl.warc.gz"
    write_warc(
        crawl,
        [(f"https://harbour.example/news/{i}", article_page(i, title=f"Stadium claims, part {i}")) for i in range(3)]
        + [("https://harbour.example/empty", "<html><body></body></html>")],
    )
    out = tmp_path / "docs.parquet"
    code, stdout, err = run(
        capsys,
        "score",
        str(crawl),
        "-o",
        str(out),
        "--unit",
        "document",
        "--models-dir",
        str(models_dir),
        "--workers",
        "1",
    )
    assert code == 0, err
    rows = pq.read_table(out).to_pylist()
    assert [r["doc_id"] for r in rows] == [f"https://harbour.example/news/{i}" for i in range(3)]
    for i, r in enumerate(rows):
        assert (r["url"], r["title"], r["author"], r["date"], r["site"]) == (
            f"https://harbour.example/news/{i}",
            f"Stadium claims, part {i}",
            "Jane Okafor",
            "2024-03-05",
            "The Harbour Courier",
        )
        assert r["crawl_date"] and r["language"] == "en"
        assert r["sentences"] >= len(ARTICLE) and r["skipped"] >= 3
        assert sum(r[f"n_{lab}"] for lab in ("assertion", "denial", "insinuation")) == r["sentences"]
    summary = json.loads(stdout)
    assert summary["documents"] == 3 and summary["skipped"]["not a sentence"] >= 9
    assert summary["errors"] == 1  # the page with no article text: a bad row, the others scored
    bad = read_jsonl(tmp_path / "docs.parquet.errors.jsonl")
    assert bad[0]["line"] == 4 and "no article text" in bad[0]["reason"]


def test_a_file_that_is_not_a_warc_is_one_bad_row_and_the_other_inputs_go_on(capsys, models_dir, tmp_path):
    good = tmp_path / "a.warc"
    write_warc(good, [("https://harbour.example/0", article_page(0))], extra_records=False)
    (tmp_path / "b.warc").write_bytes(b"this is not a web archive\n" * 5)
    out = tmp_path / "out" / "s.jsonl"
    code, stdout, err = run(
        capsys,
        "score",
        str(tmp_path),
        "-o",
        str(out),
        "--unit",
        "document",
        "--models-dir",
        str(models_dir),
        "--workers",
        "1",
    )
    assert code == 0, err
    assert [r["doc_id"] for r in read_jsonl(out)] == ["https://harbour.example/0"]
    assert json.loads(stdout)["errors"] == 1
    bad = read_jsonl(tmp_path / "out" / "s.jsonl.errors.jsonl")
    assert bad[0]["file"].endswith("b.warc") and bad[0]["reason"].startswith("expected a WARC file")
