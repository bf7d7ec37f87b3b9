"""A scored corpus with a known story, written as `stance score` writes its output (through
training.batch.outputs' own encoders), for the corpus report's tests.

Three made-up outlets over six months of 2024, each month with the same mix (70% assertion,
20% denial, 10% insinuation), except that a campaign starts in April in the Northgate Post:
from then on half its sentences insinuate, each credited to an anonymous official. Every
count is fixed, so shares and intervals can be worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

from training.batch.outputs import OutputSpec, json_line

LABELS = ("assertion", "denial", "insinuation")
MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06")
OUTLETS = {"Harbour Ledger": 120, "Northgate Post": 80, "Valley Courier": 40}  # sentences a month
CAMPAIGN_OUTLET, CAMPAIGN_START = "Northgate Post", "2024-04"
MODEL_ID = "stance-test-model"
# Written for these tests.
TEXTS = {
    "assertion": [
        "The port authority published its annual tonnage figures on Monday.",
        "The council voted to extend the tram line to the eastern suburbs.",
    ],
    "denial": [
        "The ministry denied that the contract had been awarded without a tender.",
        "Officials dismissed the report of a second spill as baseless.",
    ],
    "insinuation": [
        "Where did the money for the new terminal really come from?",
        "It is hardly a coincidence that the audit was cancelled the week before the vote.",
    ],
}
CUES = {
    "assertion": [],
    "denial": [{"kind": "denial_verb", "text": "denied"}],
    "insinuation": [{"kind": "rhetorical_question", "text": "?"}, {"kind": "insinuation_phrase", "text": "hardly a"}],
}
SOURCES = {
    "denial": {"text": "the ministry", "named": True, "pronoun": False},
    "campaign": {"text": "an official", "named": False, "pronoun": False},
    "assertion": {"text": "he", "named": False, "pronoun": True},
}


def month_counts(outlet: str, month: str) -> dict[str, int]:
    """Sentences per label of one outlet in one month."""
    n = OUTLETS[outlet]
    if outlet == CAMPAIGN_OUTLET and month >= CAMPAIGN_START:
        return {"assertion": n * 35 // 100, "denial": n * 15 // 100, "insinuation": n // 2}
    return {"assertion": n * 70 // 100, "denial": n * 20 // 100, "insinuation": n * 10 // 100}


def _date(month: str, i: int) -> str:
    day = 1 + i % 28
    # both forms a kept date field takes in practice; the report reads the date as written
    return f"{month}-{day:02d}" if i % 3 else f"{month}-{day:02d}T09:30:00Z"


def sentence_rows() -> list[dict]:
    """One row per sentence, documents of four consecutive sentences, insinuations first."""
    rows, doc = [], 0
    for month in MONTHS:
        for outlet in OUTLETS:
            counts = month_counts(outlet, month)
            labels = [lab for lab in ("insinuation", "denial", "assertion") for _ in range(counts[lab])]
            campaign = outlet == CAMPAIGN_OUTLET and month >= CAMPAIGN_START
            for i, label in enumerate(labels):
                if i % 4 == 0:
                    doc += 1
                rows.append(
                    _row(
                        f"{outlet[:2].lower()}-{month}-{doc}",
                        i % 4,
                        label,
                        len(rows),
                        campaign,
                        outlet,
                        _date(month, i),
                    )
                )
    return rows


def _row(doc_id: str, index: int, label: str, n: int, campaign: bool, outlet: str, date: str) -> dict:
    text = TEXTS[label][n % 2]
    confidence = round(0.5 + 0.49 * ((n * 37) % 100) / 100, 6)
    rest = (1 - confidence) / 2
    probabilities = {lab: (confidence if lab == label else rest) for lab in LABELS}
    uncertain = n % 10 == 0
    source = None
    if label == "insinuation" and campaign:
        source = SOURCES["campaign"]
    elif label == "denial":
        source = SOURCES["denial"]
    elif label == "assertion" and n % 5 == 0:
        source = SOURCES["assertion"]
    if source:
        source = {
            **source,
            "start": 0,
            "end": len(source["text"]),
            "verb": "said",
            "verb_start": 0,
            "verb_end": 4,
            "carried": False,
        }
    cues = [{**c, "start": 0, "end": len(c["text"]), "weight": 1.0, "entry": c["text"]} for c in CUES[label]]
    return {
        "doc_id": doc_id,
        "sentence": index,
        "start": 0,
        "end": len(text),
        "text": text,
        "label": label,
        "confidence": confidence,
        "probabilities": probabilities,
        "uncertain": uncertain,
        "uncertain_reasons": ["low_confidence"] if uncertain else [],
        "model_id": MODEL_ID,
        "source": source,
        "explanation": {"cues": cues, "features": {"towards": [], "against": []}},
        "outlet": outlet,
        "date": date,
    }


def write_scores(path: Path, rows: list[dict] | None = None, *, explain: bool = True) -> Path:
    """Write sentence rows as `stance score --explain --keep outlet date` does, in the
    format the name says (.jsonl, .csv or .parquet)."""
    rows = sentence_rows() if rows is None else rows
    fmt = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}[path.suffix]
    spec = OutputSpec(fmt, "sentence", LABELS, explain, ("outlet", "date"))
    if not explain:
        rows = [{k: v for k, v in r.items() if k not in ("source", "explanation")} for r in rows]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        schema = spec.arrow_schema().with_metadata(
            {"stancewatch.model_id": MODEL_ID, "stancewatch.command": "stance score corpus.jsonl -o x.parquet"}
        )
        with pq.ParquetWriter(path, schema) as w:
            for i in range(0, len(rows), 1000):
                w.write_table(spec.encode(rows[i : i + 1000]).cast(schema))
    else:
        with open(path, "wb") as fh:
            fh.write(spec.header())
            fh.write(spec.encode(rows) if fmt == "csv" else b"".join(map(json_line, rows)))
    return path
