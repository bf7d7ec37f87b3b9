from training.cli import main
from training.labelcheck import check_labels, normalise

from .conftest import LABELS


def test_project_labels_pass_the_checks():
    report = check_labels([LABELS])
    assert report["errors"] == []
    train = report["train"]
    assert train["rows"] >= 3000
    assert all(n >= 800 for n in train["labels"].values()) and len(train["labels"]) == 3
    assert len(train["domains"]) >= 12 and len(train["registers"]) >= 5
    assert report["test"]["rows"] > 0 and report["cross_split_pairs"] == 0


def test_normalise_ignores_case_names_numbers_punctuation():
    assert normalise("The Mayor of Dalvenport said 42 people came!") == normalise("the Mayor of Brimley said 7 people came")


def test_finds_duplicates_leaks_and_bad_rows(tmp_path, capsys):
    (tmp_path / "train.jsonl").write_text(
        '{"text": "The council approved the new budget on Monday.", "label": "assertion"}\n'
        '{"text": "The council approved the new budget on Tuesday!", "label": "assertion"}\n'
        '{"text": "Officials rejected the claims outright as baseless.", "label": "denial"}\n'
        '{"text": "", "label": "denial"}\n', encoding="utf-8")
    (tmp_path / "test.jsonl").write_text(
        '{"text": "Officials rejected the claims outright as baseless", "label": "denial"}\n'
        '{"text": "Who paid for the trip, then?", "label": "gossip"}\n', encoding="utf-8")
    r = check_labels([tmp_path])
    assert r["near_duplicates"] == 1 and r["cross_split_pairs"] == 1
    text = "\n".join(r["errors"])
    assert "train.jsonl:4" in text and "'gossip'" in text and "test.jsonl:1" in text
    assert main(["labels", "check", str(tmp_path)]) == 1
    assert "errors" in capsys.readouterr().out
