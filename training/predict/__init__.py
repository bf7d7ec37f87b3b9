"""Prediction and explanation: the Classifier, the spans of its features, a text's summary, the
what-if bounds, and the two compiled kernels (`_contrib.pyx`, `_spans.pyx`) with the loader that
falls back to their plain-Python twins."""
