"""The corpus page (training/batch/corpus_page.py, plots in training/batch/corpus_plots.py): self-contained, every
plot drawn, every value escaped, and in headless Chromium every plot on screen with the
network blocked and no request but the page's own file.

The screenshot is kept in test-artifacts/ (not committed) for a person to look at."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="needs pyarrow (the report extra)")
pytest.importorskip("matplotlib", reason="needs matplotlib (the report extra)")

from tests.conftest import chromium_driver, needs_chromium_driver  # noqa: E402
from tests.scored_corpus import CAMPAIGN_OUTLET, sentence_rows, write_scores  # noqa: E402
from training.batch.corpus_page import doc_anchor, render_corpus_page  # noqa: E402
from training.batch.corpus_summary import summarise_scores  # noqa: E402
from training.cli import main  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PLOTS = {"plot-shares-outlet", "plot-over-time", "plot-source-kinds", "plot-anonymous-outlet"}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    scores = write_scores(folder / "scores.parquet")
    out = folder / "corpus.html"
    assert main(["report", str(scores), "-o", str(out), "--by", "outlet", "--time", "date"]) == 0
    return out


def _svg_ids(html: str) -> set[str]:
    return set(re.findall(r'<svg id="([^"]+)" class="plot"', html))


def test_the_page_is_self_contained_with_every_plot_inline(page):
    html = page.read_text(encoding="utf-8")
    assert _svg_ids(html) == PLOTS
    assert "<script" not in html.lower()
    assert "default-src 'none'" in html  # the Content-Security-Policy forbids any outside request
    assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', html)  # nothing loaded or linked from outside
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # two inline SVGs must not share an element id (clip paths, markers)
    for section in ("at-a-glance", "shares-outlet", "over-time", "sources", "documents", "insinuations", "inputs"):
        assert f'<section id="{section}">' in html
    # the plots are drawn from the data: one dot per outlet and label, text kept as text
    shares = re.search(r'<svg id="plot-shares-outlet".*?</svg>', html, re.S).group(0)
    assert all(name in shares for name in ("Northgate Post", "Harbour Ledger", "Valley Courier"))
    # the model, the input and what was flagged
    assert "stance-test-model" in html and "scores.parquet" in html and "flagged uncertain" in html


def test_most_confident_insinuations_link_back_to_their_documents(page):
    html = page.read_text(encoding="utf-8")
    documents = re.search(r'<table id="table-documents">(.*?)</table>', html, re.S).group(1)
    sentences = re.search(r'<table id="table-insinuations">(.*?)</table>', html, re.S).group(1)
    anchors = set(re.findall(r'<tr id="(doc-[0-9a-f]{12})"', documents))
    links = set(re.findall(r'href="#(doc-[0-9a-f]{12})"', sentences))
    assert anchors and links and links <= anchors
    assert "rhetorical question: ?" in sentences  # each sentence with its cues


def test_values_from_the_scores_are_escaped(tmp_path):
    base = sentence_rows()[0]
    rows = [
        {
            **base,
            "doc_id": '<img src=x onerror="alert(1)">',
            "outlet": "<script>alert(2)</script>",
            "text": "<b>Where</b> did it go?",
            "label": "insinuation",
        }
    ]
    summary = summarise_scores(write_scores(tmp_path / "s.jsonl", rows), by=["outlet"])
    html = render_corpus_page(summary)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Where</b>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html and "&lt;b&gt;Where&lt;/b&gt;" in html
    assert doc_anchor(rows[0]["doc_id"]) in html


def test_without_explain_the_sources_section_says_what_it_needs(tmp_path):
    scores = write_scores(tmp_path / "s.csv", explain=False)
    summary = summarise_scores(scores, by=["outlet"])
    assert summary["sources"] is None
    html = render_corpus_page(summary)
    assert 'id="sources-missing"' in html and "--explain" in html
    assert _svg_ids(html) == {"plot-shares-outlet"}


@needs_chromium_driver
def test_chromium_shows_every_plot_offline_and_requests_nothing_but_the_file(page, tmp_path):
    driver = chromium_driver(tmp_path / "profile", network_log=True)
    try:
        driver.get("about:blank")
        driver.get_log("performance")  # drop what the browser loaded for itself at start (its new-tab page)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        driver.get(page.as_uri())
        assert driver.execute_script("return document.readyState") == "complete"
        plots = driver.execute_script("""
            return Array.from(document.querySelectorAll('svg.plot')).map(svg => {
                const box = svg.getBoundingClientRect(), drawn = svg.querySelector('g').getBBox();
                return {id: svg.id, width: box.width, height: box.height, drawn: drawn.width * drawn.height,
                        marks: svg.querySelectorAll('path, use').length, text: svg.querySelectorAll('text').length};
            });""")
        assert {p["id"] for p in plots} == PLOTS
        for p in plots:  # laid out, painted, with its marks and labels
            assert p["width"] > 200 and p["height"] > 100 and p["drawn"] > 10_000, p
            assert p["marks"] > 10 and p["text"] > 5, p
        largest = driver.find_element("id", "largest-change").text
        assert CAMPAIGN_OUTLET in largest and "2024-04" in largest
        # nothing but the file itself: no resource entries, no http(s) URL anywhere it could load from
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
        outside = driver.execute_script("""
            return Array.from(document.querySelectorAll('*')).flatMap(el => Array.from(el.attributes))
                .filter(a => /(^|:)(src|href)$/.test(a.name) && !a.value.startsWith('#')).map(a => a.value);""")
        assert outside == []
        requests = [
            m["params"]["request"]["url"]
            for m in (json.loads(e["message"])["message"] for e in driver.get_log("performance"))
            if m["method"] == "Network.requestWillBeSent"
        ]
        assert requests and set(requests) == {page.as_uri()}
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "corpus-page.png"))
    finally:
        driver.quit()
