# Kept so that models saved before training/ was split into subpackages still load:
# their pickles name training.speechacts.SpeechActFeaturizer. The code is in training/model/speechacts.py.
from training.model.speechacts import *  # noqa: F403
from training.model.speechacts import SpeechActFeaturizer  # noqa: F401
