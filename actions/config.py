"""Settings of the action server, read from the environment."""

from __future__ import annotations

import os

BACKEND_URL = os.environ.get("BACKEND_URL", "http://127.0.0.1:8000").rstrip("/")
ACTIONS_API_TOKEN = os.environ.get("ACTIONS_API_TOKEN", "dev-actions-token")
BACKEND_TIMEOUT = float(os.environ.get("BACKEND_TIMEOUT", "10"))
