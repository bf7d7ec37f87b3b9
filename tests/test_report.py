"""The evaluation report: `stance eval --report` writes one self-contained HTML file whose
confusion heatmap and reliability diagram are really drawn (and, where Chromium is
installed, really visible in a browser); `train` writes the same report into the model's
folder, and a report that cannot be written never fails training."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from training.cli import main
from training.fit.data import Example, read_examples
from training.fit.evaluate import evaluate
from training.fit.report import BAR, confident_mistakes, render_report

from .conftest import CHROMIUM, QUIET_CHROMIUM_FLAGS

SVG = "{http://www.w3.org/2000/svg}"


def _svg(html: str, element_id: str) -> ET.Element:
    match = re.search(rf'<svg id="{element_id}".*?</svg>', html, re.S)
    assert match, f"no <svg id={element_id!r}> in the report"
    return ET.fromstring(match.group(0))  # also proves the SVG is well-formed


@pytest.fixture(scope="module")
def report(models_dir, corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["eval", "--data", str(corpus[1]), "--models-dir", str(models_dir), "--report", str(out)]) == 0
    return out


def test_heatmap_and_reliability_diagram_are_drawn_from_the_metrics(report, models_dir, corpus, capsys):
    capsys.readouterr()
    assert main(["eval", "--data", str(corpus[1]), "--models-dir", str(models_dir), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    html = report.read_text(encoding="utf-8")

    heat = _svg(html, "confusion-heatmap")
    cells = heat.findall(f"{SVG}rect")
    labels = metrics["confusion"]["labels"]
    assert len(cells) == len(labels) ** 2
    assert len({c.get("fill") for c in cells}) > 1
    counts = [int(t.text) for t in heat.findall(f"{SVG}text") if t.text and t.text.isdigit()]
    assert counts == [v for row in metrics["confusion"]["matrix"] for v in row]

    rel = _svg(html, "reliability-diagram")
    bars = [r for r in rel.findall(f"{SVG}rect") if r.get("class") == "bin"]
    filled = [b for b in metrics["reliability"] if b["count"]]
    assert len(bars) == len(filled) > 0
    for bar, b in zip(bars, filled, strict=True):
        assert float(bar.get("height")) == pytest.approx(b["accuracy"] * 320, abs=0.06)
    assert any(p.get("stroke-dasharray") for p in rel.findall(f"{SVG}path"))  # the diagonal
    assert f"ECE {metrics['ece']:.3f}" in html


def test_report_is_self_contained_and_carries_metrics_and_card(report, models_dir):
    html = report.read_text(encoding="utf-8")
    for outside in ("<script", "<link", "src=", "href=", "url(", "@import"):
        assert outside not in html
    assert set(re.findall(r"https?://[^\s\"'<]+", html)) == {"http://www.w3.org/2000/svg"}  # a namespace, not a request
    assert "Content-Security-Policy" in html
    card = json.loads(next(p for p in models_dir.glob("*/card.json")).read_text())
    assert card["id"] in html and card["artifact"]["sha256"] in html
    for heading in ("Precision, recall and F1 per label", "Most confident mistakes", "Model card"):
        assert heading in html


def test_report_shows_coverage_and_the_accuracy_of_the_kept_rows(report, models_dir, corpus, capsys):
    capsys.readouterr()
    assert main(["eval", "--data", str(corpus[1]), "--models-dir", str(models_dir), "--json"]) == 0
    m = json.loads(capsys.readouterr().out)
    html = report.read_text(encoding="utf-8")
    assert "Abstention: the rows flagged uncertain" in html
    kept = m["n"] - m["abstention"]["flagged"]
    assert f"coverage <b>{m['coverage']:.1%}</b> ({kept} of {m['n']} rows" in html
    assert f"accuracy on them <b>{m['kept_accuracy']:.3f}</b>" in html
    for c in m["abstention"]["accuracy_at_coverage"]:
        assert f'<td class="num">{c["coverage"]:.0%}</td><td class="num">{c["accuracy"]:.3f}</td>' in html


def test_card_section_lists_each_held_out_group():
    card = {
        "id": "m",
        "metrics": {
            "group_cv": {
                "by": "register",
                "skipped": {},
                "groups": {"wire_report": {"rows": 12, "macro_f1": 0.5, "accuracy": 0.75}},
            }
        },
    }
    html = render_report(
        {
            "per_label": {},
            "macro_f1": 0.0,
            "accuracy": 0.0,
            "n": 0,
            "predictions": [],
            "confusion": {"labels": [], "matrix": []},
        },
        [],
        card=card,
    )
    assert 'id="group-cv"' in html and "leave-one-register-out" in html
    assert '<td>wire_report</td><td class="num">12</td><td class="num">0.500</td>' in html


def test_mistakes_are_escaped_and_most_confident_first(model):
    text = '<script>alert("x")</script> The ministry denied the report.'
    rows = [Example(text=text, label=lab, id=f"r{i}") for i, lab in enumerate(model.classifier.labels)]
    rows.append(Example(text="Where did the money go?", label="assertion", id="q"))
    result = evaluate(model.classifier, rows)
    html = render_report(result, [r.text for r in rows], card=model.card, data_name="<b>file</b>.jsonl")
    assert "<script>" not in html and "<b>file</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "&lt;b&gt;file&lt;/b&gt;.jsonl" in html
    wrong = confident_mistakes(result, [r.text for r in rows])
    assert len(wrong) == sum(p["label"] != p["predicted"] for p in result["predictions"]) >= 2
    assert [w["confidence"] for w in wrong] == sorted((w["confidence"] for w in wrong), reverse=True)
    assert all(w["label"] != w["predicted"] for w in wrong)


def test_train_writes_the_heldout_report_into_the_model_folder(models_dir, corpus):
    (folder,) = [p for p in models_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert folder.name in html and str(corpus[1]) in html
    assert _svg(html, "confusion-heatmap").findall(f"{SVG}rect")


def test_a_report_failure_is_logged_and_does_not_fail_training(model, corpus, tmp_path, monkeypatch):
    import training.fit.report
    from training.fit.heldout import write_heldout_report

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(training.fit.report, "write_report", broken)
    rows, _ = read_examples([corpus[1]])
    messages: list[str] = []
    write_heldout_report(tmp_path, model.classifier, rows, model.card, corpus[1], messages.append)
    assert messages == ["could not write the held-out report (OSError: disk full); the model is saved"]


def test_unwritable_report_path_is_one_line_error(models_dir, corpus, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "report.html"
    assert main(["eval", "--data", str(corpus[1]), "--models-dir", str(models_dir), "--report", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "expected a writable path for the report" in err and str(out) in err


PROBE = """<!DOCTYPE html><html><body><pre id="out">pending</pre><script>
const img = new Image();
img.onload = () => {
  const c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
  const g = c.getContext("2d"); g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data, counts = {};
  for (let i = 0; i < d.length; i += 4) {
    const k = "#" + [d[i], d[i + 1], d[i + 2]].map(v => v.toString(16).padStart(2, "0")).join("");
    counts[k] = (counts[k] || 0) + 1;
  }
  document.getElementById("out").textContent = JSON.stringify({width: c.width, height: c.height, counts});
};
img.onerror = () => { document.getElementById("out").textContent = "unreadable"; };
img.src = "shot.png";
</script></body></html>"""


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            *QUIET_CHROMIUM_FLAGS,
            "--force-color-profile=srgb",
            f"--user-data-dir={tmp / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_chromium_shows_the_heatmap_and_the_reliability_diagram(report, tmp_path):
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", report.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000
    # Decode the screenshot in Chromium itself (no image library needed) and count colours.
    (tmp_path / "probe.html").write_text(PROBE, encoding="utf-8")
    res = _chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--virtual-time-budget=10000",
        "--dump-dom",
        (tmp_path / "probe.html").as_uri(),
    )
    found = json.loads(re.search(r'<pre id="out">(.*?)</pre>', res.stdout, re.S).group(1))
    assert (found["width"], found["height"]) == (1200, 2000)
    counts = found["counts"]
    assert len(counts) > 20 and counts.get("#ffffff", 0) < 0.97 * 1200 * 2000  # not a blank page
    assert counts.get(BAR, 0) > 2000  # the reliability bars, in their own colour
    html = report.read_text(encoding="utf-8")
    for cell in _svg(html, "confusion-heatmap").findall(f"{SVG}rect"):
        assert counts.get(cell.get("fill"), 0) > 1000  # every heatmap cell is on screen
