"""Request and response models of the HTTP API (v1).

Request models are strict: `"top_k": false`, `"top_k": "5"` or `"explain": "yes"` are
errors, not guesses, so what the OpenAPI document promises is exactly what is accepted."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field


def _json_integer(value):
    """A JSON integer: 5 or 5.0 (JSON Schema counts both), never true, "5" or 5.5."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, found {type(value).__name__} {value!r}"[:120])
    return value


def _encodable(value: str) -> str:
    """JSON lets a client send a lone surrogate ("\\ud800"); no UTF-8 answer could echo it back."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"expected valid Unicode text, found a lone surrogate at position {e.start}") from None
    return value


JsonInt = Annotated[int, BeforeValidator(_json_integer)]
FORMAT = (
    "'text' (default) or 'html': a web page, whose main text (trafilatura) is labelled and returned as "
    "`text` with the page's metadata as `document`; the character limit applies to the HTML sent"
)
Text = Annotated[str, AfterValidator(_encodable)]


class ClassifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    text: Text = Field(description="The text to label, sentence by sentence (with format 'html': a web page).")
    format: Literal["text", "html"] = Field("text", description=FORMAT)
    explain: bool | Literal["full"] = Field(
        True, description="true: cues and top features; 'full': also what-if per cue."
    )
    top_k: JsonInt = Field(5, ge=0, description="Features shown for and against the label, each.")


class BatchDocument(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    id: Text | JsonInt | None = None
    text: Text


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    documents: list[BatchDocument]
    format: Literal["text", "html"] = Field("text", description=FORMAT)
    explain: bool | Literal["full"] = False
    top_k: JsonInt = Field(5, ge=0)


class CueOut(BaseModel):
    kind: str
    entry: str
    text: str
    start: int
    end: int
    weight: float
    without: dict | None = None


class FeatureOut(BaseModel):
    feature: str
    family: str
    contribution: float
    spans: list[list[int]]


class Features(BaseModel):
    towards: list[FeatureOut]
    against: list[FeatureOut]


class TextSpan(BaseModel):
    text: str
    start: int
    end: int


class Explanation(BaseModel):
    cues: list[CueOut]
    features: Features
    label: str
    score: float
    intercept: float
    contributions_sum: float
    # With the user's adapter (training/model/adapt.py): how much the corrections' own weights
    # counted for this sentence, 0 to 1 (already in the intercept and contributions); else null.
    adapter_gate: float | None = None
    denied: TextSpan | None = Field(
        None,
        description="for a sentence labelled denial: the words that state what it denies "
        "('rejected [reports that the rise would pay for bonuses]'), with their span; null when "
        "the sentence does not state it ('“That is untrue,” she said.') or is not a denial",
    )


class SpeakerRef(BaseModel):
    text: str
    start: int
    end: int
    named: bool


class SourceOut(BaseModel):
    text: str
    start: int
    end: int
    verb: str
    verb_start: int
    verb_end: int
    named: bool
    pronoun: bool = False
    carried: bool = False
    refers_to: SpeakerRef | None = Field(
        None,
        description="for a pronoun source ('she told reporters'): the earlier speaker of the same "
        "text it stands for, as written, with its span; null when none was found",
    )


class SentenceOut(BaseModel):
    index: int
    start: int
    end: int
    text: str
    label: str | None = Field(description="null when the sentence was set aside (`skipped`)")
    skipped: str | None = Field(
        None,
        description="why it was not labelled: 'not a sentence' (page furniture: a "
        "byline, a URL, a share or comment notice...) or 'language' (a "
        "language the model was not trained for); null when labelled",
    )
    language: str | None = Field(None, description="ISO 639-1 code ('und': no letters to tell)")
    confidence: float | None
    probabilities: dict[str, float] | None
    uncertain: bool
    uncertain_reasons: list[str]
    known_words: int
    source: SourceOut | None = None
    explanation: Explanation | None = None


class Summary(BaseModel):
    sentences: int
    counts: dict[str, int]
    shares: dict[str, float]
    dominant: str | None
    uncertain: int
    sources: list[dict]
    skipped: int = Field(0, description="sentences set aside unlabelled; not in the counts")
    skipped_reasons: dict[str, int] = Field(default_factory=dict)


class ModelInfo(BaseModel):
    id: str
    version: str
    sha256: str


class PageOut(BaseModel):
    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None


class ClassifyResponse(BaseModel):
    sentences: list[SentenceOut]
    summary: Summary
    model: ModelInfo
    language: str | None = Field(None, description="the language most of the text is in (ISO 639-1)")
    text: str | None = Field(None, description="format 'html': the page's main text, which the spans point into")
    document: PageOut | None = Field(None, description="format 'html': what the page says about itself")
    error: str | None = Field(
        None, description="format 'html': why the page gave no sentences (no main text found); null otherwise"
    )


class BatchResult(ClassifyResponse):
    id: str | JsonInt | None = None
    error: str | None = Field(
        None,
        description="Why this document has no sentences (an empty text); null when "
        "it was scored. The other documents are answered all the same.",
    )


class BatchResponse(BaseModel):
    documents: list[BatchResult]
    model: ModelInfo


class ErrorResponse(BaseModel):
    detail: str


def errors(*codes: int) -> dict:
    """A route's `responses` entry for these error codes: each answers an ErrorResponse."""
    return {code: {"model": ErrorResponse} for code in codes}


class WorkerOut(BaseModel):
    worker: str
    pid: int
    model: ModelInfo | None = Field(description="The model this worker serves; null while it has none.")
    error: str | None = Field(None, description="Why its last load failed (it is tried again, with backoff).")


class ReloadResponse(BaseModel):
    model: ModelInfo
    previous: ModelInfo | None
    changed: bool
    workers: list[WorkerOut] = Field(description="What every worker serves after the reload (each worker is asked).")
    converged: bool = Field(description="Whether every worker now serves `model`.")
