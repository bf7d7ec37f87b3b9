"""The feedback loop: the correction store, which sentences to label next, the terminal review,
corrections exported as a label file, how much a correction weighs, and the gain on held-out
corrections."""
