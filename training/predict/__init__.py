"""Prediction and explanation: the Classifier, the what-if bounds, and the two compiled kernels
(`_contrib.pyx`, `_spans.pyx`) with the loader that falls back to their plain-Python twins."""
