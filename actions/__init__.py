"""Custom actions of the Parkeerloket assistant: one module per journey.

Only `backend_client` talks to the backend (HTTP); the other modules hold dialogue logic.
"""
