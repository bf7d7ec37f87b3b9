"""What a scored corpus says (training/batch/corpus_summary.py): on a corpus with a known story
(tests/scored_corpus.py), the summary and the page name the campaign, and every share and
interval is the one worked out by hand."""

from __future__ import annotations

import json
import math
import re

import pytest

pytest.importorskip("pyarrow", reason="needs pyarrow (the report extra)")

from tests.scored_corpus import CAMPAIGN_OUTLET, LABELS, sentence_rows, write_scores  # noqa: E402
from training.batch import score_reader  # noqa: E402
from training.batch.corpus_summary import summarise_scores, wilson  # noqa: E402
from training.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scores")
    return {ext: write_scores(folder / f"scores.{ext}") for ext in ("jsonl", "csv", "parquet")}


def _group(summary: dict, field: str, value: str) -> dict:
    return next(g for g in summary["groups"][field] if g["value"] == value)


def test_the_page_names_the_campaign_outlet_and_month_and_shares_match_a_hand_computation(scores, tmp_path, capsys):
    page = tmp_path / "corpus.html"
    assert main(["report", str(scores["parquet"]), "-o", str(page), "--by", "outlet", "--time", "date", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    html = page.read_text(encoding="utf-8")

    # The campaign: the Northgate Post's insinuation share goes from 8 of 80 in March to 40 of 80 in April.
    largest = summary["over_time"]["largest"]
    assert (largest["group"], largest["period"], largest["label"]) == (CAMPAIGN_OUTLET, "2024-04", "insinuation")
    assert (largest["share_before"], largest["share_after"]) == (0.1, 0.5)
    assert summary["over_time"]["largest_beyond_intervals"]
    sentence = re.search(r'<p id="largest-change"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "Largest change" in sentence and CAMPAIGN_OUTLET in sentence and "<b>2024-04</b>" in sentence
    assert "rose from 10.0%" in sentence and "to 50.0%" in sentence

    # By hand, Northgate Post over six months: 3 x 8 + 3 x 40 = 144 insinuations in 6 x 80 = 480 sentences.
    # Wilson, z = 1.96: p = 0.3, z^2/n = 3.8416/480 = 0.0080033;
    # centre = (0.3 + 0.0040017) / 1.0080033 = 0.301594; half = 1.96 * sqrt(0.21/480 + 3.8416/921600) / 1.0080033
    # = 0.040865; so 0.26073 to 0.34246.
    northgate = _group(summary, "outlet", CAMPAIGN_OUTLET)
    ins = northgate["labels"]["insinuation"]
    assert (northgate["sentences"], ins["count"], ins["share"]) == (480, 144, 0.3)
    assert ins["low"] == pytest.approx(0.26073, abs=5e-5) and ins["high"] == pytest.approx(0.34246, abs=5e-5)
    # Harbour Ledger: 12 a month for six months, 72 of 720: p = 0.1, z^2/n = 0.0053356;
    # centre = (0.1 + 0.0026678) / 1.0053356 = 0.102123; half = 1.96 * sqrt(0.09/720 + 3.8416/2073600) / 1.0053356
    # = 0.021958; so 0.08016 to 0.12408.
    harbour = _group(summary, "outlet", "Harbour Ledger")["labels"]["insinuation"]
    assert (harbour["count"], harbour["share"]) == (72, 0.1)
    assert harbour["low"] == pytest.approx(0.08016, abs=5e-5) and harbour["high"] == pytest.approx(0.12408, abs=5e-5)
    # The page's table shows the same numbers, and the campaign outlet ranks first.
    table = re.search(r'<table class="groups" id="table-shares-outlet">(.*?)</table>', html, re.S).group(1)
    first_row = table.split("<tr>")[2]
    assert CAMPAIGN_OUTLET in first_row and "30.0%" in first_row and "26.1%–34.2%" in first_row
    # All 1,440 sentences, in 360 documents of four.
    assert (summary["totals"]["sentences"], summary["documents"]) == (1440, 360)
    total_ins = summary["totals"]["labels"]["insinuation"]
    assert total_ins["count"] == 6 * 12 + 3 * 8 + 3 * 40 + 6 * 4


def test_a_small_groups_high_share_does_not_outrank_a_large_groups_lower_one(tmp_path):
    rows = sentence_rows()[:0]
    base = sentence_rows()[0]
    for outlet, n, k in (("Small Weekly", 5, 3), ("Large Daily", 1000, 400)):
        for i in range(n):
            rows.append(
                {**base, "doc_id": f"{outlet}-{i}", "outlet": outlet, "label": "insinuation" if i < k else "assertion"}
            )
    summary = summarise_scores(write_scores(tmp_path / "s.jsonl", rows), by=["outlet"])
    ranked = [g["value"] for g in summary["groups"]["outlet"]]
    assert ranked == ["Large Daily", "Small Weekly"]  # 40% (37-43%) above 60% (23-88%)
    small = summary["groups"]["outlet"][1]["labels"]["insinuation"]
    assert (small["low"], small["high"]) == pytest.approx((0.2307, 0.8824), abs=5e-5)  # Wilson of 3 in 5, by hand


def test_a_jump_in_a_tiny_month_does_not_outrank_the_campaign(tmp_path):
    rows = sentence_rows()
    base = rows[0]
    for month, label in (("2024-01", "assertion"), ("2024-02", "insinuation")):  # 0% -> 100%, two sentences each
        rows += [
            {**base, "doc_id": f"tiny-{month}-{i}", "outlet": "Tiny Gazette", "date": f"{month}-05", "label": label}
            for i in range(2)
        ]
    ot = summarise_scores(write_scores(tmp_path / "s.parquet", rows), by=["outlet"], time="date")["over_time"]
    assert (ot["largest"]["group"], ot["largest"]["period"]) == (CAMPAIGN_OUTLET, "2024-04")
    tiny = next(c for c in ot["changes"] + [s["largest_change"] for s in ot["series"]] if c["group"] == "Tiny Gazette")
    assert abs(tiny["change"]) == 1.0 and tiny["gap"] < ot["largest"]["gap"]


def test_jsonl_csv_and_parquet_give_the_same_summary(scores):
    found = []
    for path in scores.values():
        s = summarise_scores(path, by=["outlet"], time="date", freq="week", top=5)
        s.pop("inputs")
        found.append(json.dumps(s, sort_keys=True))
    assert found[0] == found[1] == found[2]


def test_streaming_in_tiny_chunks_gives_the_same_summary(scores, monkeypatch):
    """Documents cut by a chunk's end, top lists built chunk by chunk: nothing changes."""
    whole = summarise_scores(scores["parquet"], by=["outlet"], time="date")
    monkeypatch.setattr(score_reader, "CHUNK_ROWS", 37)  # not a multiple of 4: documents are cut
    for path in (scores["parquet"], scores["jsonl"], scores["csv"]):
        chunked = summarise_scores(path, by=["outlet"], time="date")
        for key in ("documents", "totals", "groups", "over_time", "sources", "documents_top", "insinuations_top"):
            assert chunked[key] == whole[key], (path.suffix, key)


def test_top_lists_are_the_true_top_rows(scores):
    rows = sentence_rows()
    summary = summarise_scores(scores["jsonl"], by=["outlet"], top=7)
    ins = [r for r in rows if r["label"] == "insinuation"]
    best = sorted(ins, key=lambda r: -r["confidence"])[:7]
    assert [s["confidence"] for s in summary["insinuations_top"]] == [r["confidence"] for r in best]
    top = summary["insinuations_top"][0]
    assert top["text"] == best[0]["text"] and top["cues"] == "rhetorical question: ?; insinuation phrase: hardly a"
    docs = summary["documents_top"]
    assert len(docs) == 7 and all(d["insinuations"] == d["sentences"] == 4 for d in docs)
    assert docs[0]["doc_id"] == rows[0]["doc_id"]  # ties go to the earliest document
    first_doc = [r for r in rows if r["doc_id"] == docs[0]["doc_id"]]
    assert docs[0]["top_sentence"]["confidence"] == max(r["confidence"] for r in first_doc)


def test_sources_named_against_anonymous_per_outlet(scores):
    src = summarise_scores(scores["csv"], by=["outlet"])["sources"]
    # denials are all the ministry's: 24 a month in the Ledger, 16 then 12 in the Post, 8 in the Courier
    assert src["top"]["denial"] == [
        {
            "source": "the ministry",
            "kind": "named",
            "count": 6 * 24 + 3 * 16 + 3 * 12 + 6 * 8,
            "credited": 6 * 24 + 3 * 16 + 3 * 12 + 6 * 8,
        }
    ]
    assert src["top"]["insinuation"][0] == {"source": "an official", "kind": "anonymous", "count": 120, "credited": 120}
    post = next(r for r in src["anonymous_share"]["outlet"] if r["value"] == CAMPAIGN_OUTLET)
    assert (post["named"], post["anonymous"]) == (3 * 16 + 3 * 12, 120)
    assert src["anonymous_share"]["outlet"][0]["value"] == CAMPAIGN_OUTLET
    assert src["by_kind"]["insinuation"] == {"named": 0, "anonymous": 120, "pronoun": 0, "none": 240 - 120}


def test_weeks_months_and_unreadable_dates(tmp_path):
    base = sentence_rows()[0]
    dates = ["2024-04-03", "2024-04-07T23:00:00Z", "2024-04-08", "2024-05", "in April", None]
    rows = [{**base, "doc_id": str(i), "date": d} for i, d in enumerate(dates)]
    path = write_scores(tmp_path / "s.jsonl", rows)
    weekly = summarise_scores(path, time="date", freq="week")["over_time"]
    assert weekly["periods"] == ["2024-04-01", "2024-04-08", "2024-04-29"]  # Mondays; 2024-05 is read as May 1st
    assert [p["sentences"] for p in weekly["series"][0]["points"]] == [2, 1, 1]
    assert (weekly["unreadable"], weekly["missing"]) == (1, 1)
    monthly = summarise_scores(path, time="date")["over_time"]
    assert monthly["periods"] == ["2024-04", "2024-05"] and monthly["group_by"] is None


def test_wilson_by_hand():
    assert wilson(30, 100) == pytest.approx((0.2189, 0.3958), abs=5e-5)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(1, 3)
    assert low < 1 / 3 < high and math.isclose(low + high, 2 * (1 / 3 + 1.96**2 / 6) / (1 + 1.96**2 / 3), rel_tol=1e-3)


def test_labels_are_read_from_the_scores(scores):
    assert summarise_scores(scores["parquet"])["labels"] == list(LABELS)


def test_sentences_set_aside_unlabelled_are_counted_apart(tmp_path):
    """Output layout 3: a sentence in a language the model does not label has no label and no
    probabilities (training/text/screen.py); it is left out of every share and counted by reason."""
    rows = sentence_rows()
    aside = {
        **rows[0],
        "label": None,
        "confidence": None,
        "probabilities": None,
        "uncertain": False,
        "uncertain_reasons": [],
        "source": None,
        "explanation": None,
        "skipped": "language",
        "language": "fi",
    }
    rows = [{**aside, "doc_id": "aside-0"}, *rows, {**aside, "doc_id": "aside-1", "skipped": "not a sentence"}]
    for ext in ("jsonl", "csv", "parquet"):  # a JSONL file may even start with one
        s = summarise_scores(write_scores(tmp_path / f"s.{ext}", rows), by=["outlet"])
        assert s["labels"] == list(LABELS) and s["totals"]["sentences"] == len(rows) - 2
        assert s["skipped"]["sentences"] == {"language": 1, "not a sentence": 1}
        assert sum(g["sentences"] for g in s["groups"]["outlet"]) == len(rows) - 2
    docs = [
        {
            "doc_id": "d1",
            "sentences": 3,
            "skipped": 2,
            "language": "en",
            "counts": dict.fromkeys(LABELS, 1),
            "shares": dict.fromkeys(LABELS, 1 / 3),
            "dominant": "assertion",
            "uncertain": 0,
            "model_id": "m",
        }
    ]
    (tmp_path / "d.jsonl").write_text(json.dumps(docs[0]) + "\n", encoding="utf-8")
    s = summarise_scores(tmp_path / "d.jsonl")
    assert s["unit"] == "document" and s["totals"]["sentences"] == 3
    assert s["skipped"]["sentences"] == {"reason not in document rows": 2}
