"""Reading `stance score` output back (training/batch/score_reader.py) through `stance report`:
what the real scorer writes, in both units, and every kind of bad input answered in one
line with exit 1 while the rest of the work goes on."""

from __future__ import annotations

import json
import sys

import pytest

pytest.importorskip("pyarrow", reason="needs pyarrow (the report extra)")

from tests.scored_corpus import sentence_rows, write_scores  # noqa: E402
from training.batch.corpus_summary import summarise_scores  # noqa: E402
from training.cli import main  # noqa: E402

# Written for this test.
DOCUMENTS = [
    {
        "id": "a1",
        "outlet": "Harbour Ledger",
        "date": "2024-03-04",
        "text": "The ministry denied the report, a spokesman said. Where did the money go?",
    },
    {
        "id": "a2",
        "outlet": "Harbour Ledger",
        "date": "2024-04-09",
        "text": "According to an official who asked not to be named, it is hardly a coincidence that the audit was dropped.",
    },
    {
        "id": "b1",
        "outlet": "Valley Courier",
        "date": "2024-04-11",
        "text": "The council approved the new budget on Tuesday. The mayor said the figures were final.",
    },
]


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    return err


@pytest.fixture(scope="module")
def scored(models_dir, tmp_path_factory):
    """What `stance score --explain --keep outlet date` really writes, per sentence and per document."""
    folder = tmp_path_factory.mktemp("scored")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    out = {}
    for name, unit in (("sentences.parquet", "sentence"), ("documents.jsonl", "document")):
        assert (
            main(
                [
                    "score",
                    str(corpus),
                    "-o",
                    str(folder / name),
                    "--unit",
                    unit,
                    "--explain",
                    "--keep",
                    "outlet",
                    "date",
                    "--workers",
                    "1",
                    "--models-dir",
                    str(models_dir),
                ]
            )
            == 0
        )
        out[unit] = folder / name
    return out


def test_reports_what_stance_score_writes_in_both_units(scored, model, tmp_path, capsys):
    capsys.readouterr()
    summaries = {}
    for unit, path in scored.items():
        page = tmp_path / f"{unit}.html"
        assert main(["report", str(path), "-o", str(page), "--by", "outlet", "--time", "date", "--json"]) == 0
        summaries[unit] = s = json.loads(capsys.readouterr().out)
        assert s["unit"] == unit and s["models"][0]["id"] == model.id and s["documents"] == 3
        assert {g["value"] for g in s["groups"]["outlet"]} == {"Harbour Ledger", "Valley Courier"}
        assert s["sources"]["credited"] >= 2  # the spokesman's ministry and the anonymous official
        assert 'id="plot-source-kinds"' in page.read_text(encoding="utf-8")
    sent, docs = summaries["sentence"], summaries["document"]
    assert sent["totals"] == docs["totals"]  # the same sentences, counted per sentence or per document
    assert sent["sources"]["by_kind"] == docs["sources"]["by_kind"]
    assert sent["over_time"]["periods"] == docs["over_time"]["periods"] == ["2024-03", "2024-04"]
    assert "--explain --keep outlet date" in sent["inputs"][0]["command"]  # from the Parquet metadata


def test_missing_file_is_one_line_error(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.parquet"), "-o", str(tmp_path / "p.html")]) == 1
    err = _one_line_error(capsys)
    assert "expected a scores file written by 'stance score', found no file" in err and "nope.parquet" in err


@pytest.mark.parametrize(
    "name, content, expected",
    [
        (
            "corpus.jsonl",
            '{"id": "1", "text": "The council met."}\n',
            "expected stance score output (columns doc_id and label, or doc_id and sentences), found columns id, text",
        ),
        ("corpus.csv", "id,text\n1,The council met.\n", "expected stance score output"),
        ("empty.jsonl", "", "expected stance score output, found an empty file"),
        ("fake.parquet", "not parquet at all", "expected a Parquet file, found one pyarrow cannot read"),
        ("notes.txt", "hello", "expected a scores file ending in .jsonl, .csv or .parquet"),
    ],
)
def test_a_file_that_is_not_stance_score_output_is_one_line_error(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main(["report", str(path), "-o", str(tmp_path / "p.html")]) == 1
    assert expected in _one_line_error(capsys)
    assert not (tmp_path / "p.html").exists()


def test_a_missing_by_or_time_field_names_the_kept_fields(tmp_path, capsys):
    scores = write_scores(tmp_path / "s.parquet")
    for flag in ("--by", "--time"):
        assert main(["report", str(scores), "-o", str(tmp_path / "p.html"), flag, "author"]) == 1
        err = _one_line_error(capsys)
        assert "expected a field 'author'" in err and "kept fields: outlet, date" in err


def test_scores_of_different_kinds_are_refused(scored, tmp_path, capsys):
    assert main(["report", str(scored["sentence"]), str(scored["document"]), "--json"]) == 1
    assert "expected scores files of one kind" in _one_line_error(capsys)


def test_unreadable_rows_are_skipped_and_counted(tmp_path, capsys):
    path = write_scores(tmp_path / "s.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = '{"doc_id": "broken", "label": '  # cut off mid-row
    lines.insert(9, "[1, 2, 3]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "s.jsonl.errors.jsonl").write_text(
        json.dumps({"file": "corpus.jsonl", "line": 7, "reason": "expected a non-empty 'text', found an empty text"})
        + "\n",
        encoding="utf-8",
    )
    assert main(["report", str(path), "-o", str(tmp_path / "p.html"), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["skipped"]["unreadable_rows"] == 2 and s["totals"]["sentences"] == len(sentence_rows()) - 1
    assert s["inputs"][0]["scoring_errors"]["count"] == 1
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "unreadable rows in the scores</th><td>2" in html and "expected a non-empty &#x27;text&#x27;" in html


def test_neither_page_nor_json_is_a_usage_error(tmp_path, capsys):
    assert main(["report", str(write_scores(tmp_path / "s.jsonl"))]) == 2
    assert "expected -o OUT.html or --json, found neither" in _one_line_error(capsys)
    with pytest.raises(SystemExit) as stop:
        main(["report", str(tmp_path / "s.jsonl"), "--json", "--freq", "year"])
    assert stop.value.code == 2


def test_a_missing_extra_names_it_in_one_line(tmp_path, capsys, monkeypatch):
    scores = write_scores(tmp_path / "s.jsonl")
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed: importing it raises ImportError
    assert main(["report", str(scores), "-o", str(tmp_path / "p.html")]) == 1
    err = _one_line_error(capsys)
    assert "found matplotlib missing" in err and "pip install 'stancewatch[report]'" in err
    assert main(["report", str(scores), "--json"]) == 0  # the JSON summary needs no plotting library
    assert json.loads(capsys.readouterr().out)["rows"] == len(sentence_rows())


def test_files_folders_and_globs(tmp_path):
    rows = sentence_rows()
    whole = summarise_scores(write_scores(tmp_path / "all.jsonl", rows))
    parts = tmp_path / "parts"
    parts.mkdir()
    write_scores(parts / "part-1.jsonl", rows[:500])
    write_scores(parts / "part-2.jsonl", rows[500:])
    (parts / "part-1.jsonl.errors.jsonl").write_text("", encoding="utf-8")  # stance score's list, not scores
    for spec in ([parts / "part-1.jsonl", parts / "part-2.jsonl"], [str(parts / "part-*.jsonl")], [parts]):
        s = summarise_scores(spec)
        assert s["totals"] == whole["totals"] and s["documents"] == whole["documents"] and len(s["inputs"]) == 2
