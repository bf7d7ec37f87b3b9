"""The HTTP routes, one module a concern, each an `APIRouter` that `create_app` includes:
`classify` (scoring), `model` (the model card), `admin` (reloads, workers, the registry),
`health` (liveness, readiness, metrics), `feedback` (analysts' corrections and the review
queue) and `pages` (the pages a person opens in a browser)."""
