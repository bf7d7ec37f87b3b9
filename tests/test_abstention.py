import numpy as np

from training.fit.abstention import abstention_summary, accuracy_at_coverage, choose_thresholds


def test_flags_the_unreliable_rows_and_keeps_the_rest():
    rng = np.random.default_rng(0)
    conf = rng.uniform(0.34, 1.0, 2000)
    probs = np.stack([conf, (1 - conf) * 0.6, (1 - conf) * 0.4], axis=1)
    correct = rng.uniform(size=2000) < conf  # confidence is calibrated by construction
    known = np.full(2000, 5)
    t, summary = choose_thresholds(probs, correct, known, target_accuracy=0.9)
    kept = (conf >= t.min_confidence) & (conf - (1 - conf) * 0.6 >= t.min_margin)
    assert correct[kept].mean() >= 0.9
    assert summary["kept_accuracy"] >= 0.9 > summary["flagged_accuracy"]
    assert 0 < summary["flagged"] < 2000 and summary["coverage"] == kept.mean()


def test_few_known_words_always_flagged():
    probs = np.array([[0.99, 0.005, 0.005]] * 10)
    t, summary = choose_thresholds(probs, np.ones(10, bool), np.array([0, 1] + [5] * 8), min_known_words=2)
    assert t.min_known_words == 2 and summary["flagged"] == 2


def test_words_only_rows_always_flagged():
    probs = np.array([[0.99, 0.005, 0.005]] * 10)
    words_only = np.array([True, True, True] + [False] * 7)
    t, summary = choose_thresholds(probs, np.ones(10, bool), np.full(10, 5), words_only=words_only)
    assert t.words_only and summary["flagged"] == 3
    t, summary = choose_thresholds(probs, np.ones(10, bool), np.full(10, 5))
    assert not t.words_only and summary["flagged"] == 0


def test_accuracy_at_coverage_ranks_by_confidence():
    conf = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05])
    correct = np.array([1, 1, 1, 1, 0, 1, 0, 0, 1, 0], dtype=bool)
    curve = {c["coverage"]: c["accuracy"] for c in accuracy_at_coverage(conf, correct)}
    assert curve == {0.5: 0.8, 0.6: 5 / 6, 0.7: 5 / 7, 0.8: 0.625, 0.9: 6 / 9, 1.0: 0.6}


def test_summary_counts_kept_and_flagged_rows():
    s = abstention_summary(np.array([True, False, False, True]), np.array([True, True, False, False]))
    assert s == {"rows": 4, "flagged": 2, "coverage": 0.5, "kept_accuracy": 0.5, "flagged_accuracy": 0.5}
    assert abstention_summary(np.ones(2, bool), np.ones(2, bool))["kept_accuracy"] is None
