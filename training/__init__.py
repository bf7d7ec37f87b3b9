"""Stancewatch core: sentence splitting, cues, the pipeline, explanations, model artifacts,
training, evaluation, batch scoring and the `stance` command line.

The service imports only the names in `__all__`. This package never imports FastAPI.
Names are imported lazily, so `stance --help` does not pay for importing scikit-learn.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "LoadedModel": "registry",
    "activate": "registry",
    "active_id": "registry",
    "list_models": "registry",
    "load_model": "registry",
    "rollback": "registry",
    "Classifier": "predict.classify",
    "Thresholds": "predict.classify",
    "CUE_KINDS": "text.cues",
    "CueFeaturizer": "text.cues",
    "find_cues": "text.cues",
    "Page": "text.documents",
    "extract_page": "text.documents",
    "DataError": "errors",
    "InputError": "errors",
    "ModelError": "errors",
    "StanceError": "errors",
    "Correction": "feedback.store",
    "FEEDBACK_LIMITS": "feedback.store",
    "FeedbackStore": "feedback.store",
    "default_feedback_db": "feedback.store",
    "sentence_in_document": "feedback.store",
    "sentence_key": "feedback.store",
    "read_queue": "feedback.suggest",
    "Sentence": "text.sentences",
    "split_sentences": "text.sentences",
    "Cancelled": "predict.whatif",
    "WhatIfLimits": "predict.whatif",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'training' has no attribute {name!r}")
