"""Fitting and judging a model: label files, training, evaluation, leave-one-group-out
cross-validation, abstention thresholds, label checks and the evaluation report."""
