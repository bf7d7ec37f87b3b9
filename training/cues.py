# Kept so that models saved before training/ was split into subpackages still load:
# their pickles name training.cues.CueFeaturizer. The code is in training/text/cues.py.
from training.text.cues import *  # noqa: F403
from training.text.cues import CueFeaturizer  # noqa: F401
