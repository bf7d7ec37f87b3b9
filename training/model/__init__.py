"""The model: the scikit-learn pipeline, its feature families and their fast batch path, the
speech-act features and the calibrated classifier."""
