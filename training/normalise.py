# Kept so that models saved before training/ was split into subpackages still load:
# their pickles name training.normalise.fold_lower. The code is in training/text/normalise.py.
from training.text.normalise import *  # noqa: F403
from training.text.normalise import fold_lower  # noqa: F401
