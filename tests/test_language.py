"""Languages: each sentence and document gets one; a model labels only its own languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.errors import DataError
from training.text.language import identify, identify_one

# Written for this test: an English report with sentences in five other languages in it.
MIXED = [
    ("en", "The ministry denied on Tuesday that the contract had been awarded without a tender."),
    ("tr", "Bakanlık, ihalenin usulsüz verildiği iddialarını salı günü yalanladı."),
    ("en", "Where did the money for the new stadium come from?"),
    ("ru", "Куда делись деньги на новый стадион?"),
    ("ar", "نفت الوزارة أن يكون العقد قد منح دون مناقصة."),
    ("de", "Das Ministerium wies den Bericht am Dienstag entschieden zurück."),
    ("es", "¿Adónde fue a parar el dinero del nuevo estadio?"),
    ("en", "Officials dismissed the report as baseless."),
    ("tr", "Para nereye gitti?"),
    ("ru", "Министерство опровергло эти сообщения."),
    ("de", "Wer hat das neue Stadion bezahlt?"),
    ("es", "El ministerio negó que el contrato se hubiera firmado en secreto."),
    ("ar", "أين ذهبت الأموال؟"),
]


def test_each_sentence_and_the_document_get_a_language():
    langs, whole = identify([text for _, text in MIXED])
    assert langs == [lang for lang, _ in MIXED]
    assert whole == "en"
    assert identify_one("🤔") == "und"
    # Too short to tell on its own: it takes its document's language.
    assert identify(["Das Ministerium wies den Bericht am Dienstag zurück.", "Nein."])[0] == ["de", "de"]


def test_no_sentence_in_another_language_is_labelled(model):
    result = model.classifier.classify(" ".join(text for _, text in MIXED))
    assert [s["language"] for s in result["sentences"]] == [lang for lang, _ in MIXED]
    for s, (lang, text) in zip(result["sentences"], MIXED, strict=True):
        assert s["text"] == text
        if lang == "en":
            assert s["label"] in model.classifier.labels and s["skipped"] is None
        else:
            assert (s["label"], s["skipped"], s["probabilities"]) == (None, "language", None)
    summary = result["summary"]
    assert summary["sentences"] == 3 and sum(summary["counts"].values()) == 3
    assert summary["skipped"] == 10 and summary["skipped_reasons"] == {"language": 10}
    assert result["language"] == "en"


SPANISH = [  # a tiny made-up label file in Spanish (written for this test)
    ("El ministerio firmó el contrato en marzo.", "assertion"),
    ("La alcaldesa dijo que el presupuesto se duplicó.", "assertion"),
    ("El puente se reabrió el viernes por la mañana.", "assertion"),
    ("La fábrica cerró el año pasado.", "assertion"),
    ("La empresa negó haber vendido los datos.", "denial"),
    ("El portavoz rechazó las acusaciones por infundadas.", "denial"),
    ("El gobierno desmintió el informe de la prensa.", "denial"),
    ("El senador negó cualquier irregularidad.", "denial"),
    ("¿De dónde salió el dinero del estadio?", "insinuation"),
    ("¿Es casualidad que la auditoría se cancelara?", "insinuation"),
    ("¿Quién pagó realmente el nuevo estadio?", "insinuation"),
    ("Curioso que nadie explique los fondos perdidos.", "insinuation"),
]


def test_a_model_trained_on_another_language_serves_that_language(tmp_path):
    from training import load_model
    from training.fit.train import train

    data = tmp_path / "es.jsonl"
    data.write_text(
        "".join(json.dumps({"text": t, "label": lab, "lang": "es"}, ensure_ascii=False) + "\n" for t, lab in SPANISH),
        encoding="utf-8",
    )
    card = train([data], None, models_dir=tmp_path / "models", cv_folds=0, cv_by=None)
    assert card["languages"] == ["es"]
    clf = load_model(tmp_path / "models").classifier
    result = clf.classify(
        "El ministerio negó el informe. The ministry denied the report on Tuesday. ¿Adónde fue el dinero?"
    )
    assert [(s["language"], s["skipped"]) for s in result["sentences"]] == [
        ("es", None),
        ("en", "language"),
        ("es", None),
    ]
    assert result["summary"]["sentences"] == 2


def test_a_label_file_with_an_unknown_language_code_is_refused(tmp_path):
    from training.fit.train import train

    data = tmp_path / "x.jsonl"
    data.write_text(
        json.dumps({"text": "The ministry signed it.", "label": "assertion", "lang": "english"})
        + "\n"
        + json.dumps({"text": "The ministry denied it.", "label": "denial"})
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"x.jsonl:1: expected 'lang' to be an ISO 639-1 code .* found 'english'"):
        train([data], None, models_dir=tmp_path / "models", cv_folds=0, cv_by=None)


def test_the_model_card_lists_its_languages(model):
    assert model.card["languages"] == ["en"]
    assert model.classifier.languages == frozenset({"en"})


def test_stance_predict_shows_what_it_set_aside(capsys, models_dir):
    from training.cli import main

    assert (
        main(
            [
                "predict",
                "--models-dir",
                str(models_dir),
                "The ministry denied it. Bakanlık raporu salı günü yalanladı. By Jane Okafor",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].endswith("Bakanlık raporu salı günü yalanladı.  [set aside: language, tr]")
    assert lines[2].endswith("By Jane Okafor  [set aside: not a sentence, en]")
    assert lines[-1].endswith("; set aside 2")


class _NoIdentifier:
    """Stands in for py3langid: says which texts it was asked about, and answers "xx"."""

    def __init__(self):
        self.asked: list[str] = []

    def classify(self, text):
        self.asked.append(text)
        return "xx", 1.0


@pytest.fixture
def no_identifier(monkeypatch):
    fake = _NoIdentifier()
    monkeypatch.setattr("training.text.language._py3langid", lambda: fake)
    return fake


def test_plain_english_headlines_and_replies_need_no_identifier(no_identifier):
    # Written for this test: sentences with few English function words, which once went to
    # the identifier (and made nearly every job load it).
    doc = [
        "The ministry denied the report on Tuesday.",
        "Shareholders Quiz Board Over Size of Bonus Pool",
        "Wildfire smoke closes schools across three counties",
        "aid flights resumed this morning 🙏",
        "not true at all, nobody here got the wrong vaccine",
        "By Jane Okafor",
        "“I won’t speculate,” the deputy governor told reporters.",
    ]
    assert identify(doc) == (["en"] * len(doc), "en")
    assert no_identifier.asked == []


def test_foreign_text_in_latin_letters_goes_to_the_identifier(no_identifier):
    # Written for this test: other languages in plain ASCII, each holding words English has too.
    foreign = [
        "Polizei nimmt zwei Verdaechtige in Hamburg fest",
        "Der Film The Batman kommt im Maerz in die Kinos.",
        "Guvernul are planuri noi pentru scoli",
        "O sindicato rejeitou a proposta.",
        "Incidente a Roma, due morti in autostrada",
        "Para nereye gitti?",
        "Het is niet wat he said.",
    ]
    assert [identify_one(t) for t in foreign] == ["xx"] * len(foreign)
    # Nor is any non-English sentence of the language benchmark's data taken for English.
    data = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "language_sentences.jsonl"
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 350
    assert [r["text"] for r in rows if r["lang"] != "en" and identify_one(r["text"]) == "en"] == []
