import pytest

from training.errors import DataError
from training.fit.data import read_examples


def test_reads_jsonl_and_csv(tmp_path):
    j = tmp_path / "a.jsonl"
    j.write_text(
        '{"text": "It is so.", "label": "assertion", "id": "x1", "domain": "crime"}\n\n'
        '{"text": "No, it is not.", "label": "denial"}\n',
        encoding="utf-8",
    )
    c = tmp_path / "b.csv"
    c.write_text('text,label,register\n"Why, then?",insinuation,headline\n', encoding="utf-8")
    ex, errors = read_examples([tmp_path])
    assert [e.label for e in ex] == ["assertion", "denial", "insinuation"]
    assert ex[0].id == "x1" and ex[0].domain == "crime" and ex[2].register == "headline"
    assert (ex[1].path, ex[1].line) == (str(j), 3)
    assert errors == []


@pytest.mark.parametrize(
    "line,reason",
    [
        ('{"text": "x", "label": ', "malformed JSON"),
        ('{"label": "denial"}', "non-empty 'text'"),
        ('{"text": "   ", "label": "denial"}', "found an empty string"),
        ('{"text": "ok", "label": 3}', "'label' string, found a int"),
        ('["text", "label"]', "found a JSON list"),
    ],
)
def test_bad_rows_name_file_line_and_reason(tmp_path, line, reason):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"text": "fine", "label": "assertion"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"bad.jsonl:2: .*{reason}"):
        read_examples([f])
    ex, errors = read_examples([f], strict=False)
    assert len(ex) == 1 and errors[0].line == 2


def test_unknown_label_and_bad_bytes(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_bytes(b'{"text": "fine", "label": "neutral"}\n\xff\xfe\n')
    ex, errors = read_examples([f], labels={"assertion"}, strict=False)
    assert ex == []
    assert "found 'neutral'" in errors[0].reason
    assert "UTF-8" in errors[1].reason


def test_missing_path(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_examples([tmp_path / "nope.jsonl"])


def test_extra_fields_such_as_lang_and_pair_are_kept(tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text(
        '{"id": "n-1", "text": "The mayor hasn\u2019t commented.", "label": "assertion", "lang": "en", '
        '"pair": "n-p001", "hard_case": "minimal_pair"}\n',
        encoding="utf-8",
    )
    c = tmp_path / "more.csv"
    c.write_text("text,label,lang,pair\nIt is so.,assertion,en,p2\n", encoding="utf-8")
    (ex, csv_ex), errors = read_examples([f, c])
    assert errors == [] and ex.hard_case == "minimal_pair"
    assert ex.extra == {"lang": "en", "pair": "n-p001"} and csv_ex.extra == {"lang": "en", "pair": "p2"}
