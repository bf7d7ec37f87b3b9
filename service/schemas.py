"""Request and response models of the HTTP API (v1)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ClassifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The text to label, sentence by sentence.")
    explain: bool | Literal["full"] = Field(True, description="true: cues and top features; 'full': also what-if per cue.")
    top_k: int = Field(5, ge=0, description="Features shown for and against the label, each.")


class BatchDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | int | None = None
    text: str


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[BatchDocument]
    explain: bool | Literal["full"] = False
    top_k: int = Field(5, ge=0)


class Span(BaseModel):
    text: str
    start: int
    end: int


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


class Explanation(BaseModel):
    cues: list[CueOut]
    features: Features
    label: str
    score: float
    intercept: float
    contributions_sum: float


class SourceOut(BaseModel):
    text: str
    start: int
    end: int
    verb: str
    verb_start: int
    verb_end: int
    named: bool
    carried: bool = False


class SentenceOut(BaseModel):
    index: int
    start: int
    end: int
    text: str
    label: str
    confidence: float
    probabilities: dict[str, float]
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


class ModelInfo(BaseModel):
    id: str
    version: str
    sha256: str


class ClassifyResponse(BaseModel):
    sentences: list[SentenceOut]
    summary: Summary
    model: ModelInfo


class BatchResult(ClassifyResponse):
    id: str | int | None = None


class BatchResponse(BaseModel):
    documents: list[BatchResult]
    model: ModelInfo


class ErrorResponse(BaseModel):
    detail: str
