"""Stancewatch core: sentence splitting, cues, the pipeline, explanations, model artifacts,
training, evaluation, batch scoring and the `stance` command line.

The service imports only the names in `__all__`. This package never imports FastAPI.
Names are imported lazily, so `stance --help` does not pay for importing scikit-learn.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "LoadedModel": "artifacts", "activate": "artifacts", "active_id": "artifacts", "list_models": "artifacts",
    "load_model": "artifacts", "rollback": "artifacts",
    "Classifier": "classify", "Thresholds": "classify",
    "CUE_KINDS": "cues", "CueFeaturizer": "cues", "find_cues": "cues",
    "Page": "documents", "extract_page": "documents",
    "DataError": "errors", "InputError": "errors", "ModelError": "errors", "StanceError": "errors",
    "Correction": "feedback", "FEEDBACK_LIMITS": "feedback", "FeedbackStore": "feedback", "default_feedback_db": "feedback",
    "sentence_in_document": "feedback", "sentence_key": "feedback", "read_queue": "suggest",
    "Sentence": "sentences", "split_sentences": "sentences",
    "Cancelled": "whatif", "WhatIfLimits": "whatif",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'training' has no attribute {name!r}")
