"""The Stancewatch HTTP service: `create_app(settings)` builds the FastAPI app."""

from .app import create_app, create_app_from_env
from .settings import Settings

__all__ = ["Settings", "create_app", "create_app_from_env"]
