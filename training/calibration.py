# Kept so that models saved before training/ was split into subpackages still load:
# their pickles name training.calibration.CalibratedLogisticRegression. The code is in training/model/calibration.py.
from training.model.calibration import *  # noqa: F403
from training.model.calibration import CalibratedLogisticRegression  # noqa: F401
