"""The action server authenticates with a shared bearer token; the enforcement officers' system
with a key of its own (never the action server's)."""

from __future__ import annotations

import hmac

from sanic import response


async def require_actions_token(request):
    expected = f"Bearer {request.app.ctx.settings.actions_api_token}"
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return response.json({"error": "unauthorized", "params": {}}, status=401)


async def require_enforcement_key(request):
    """503 while no key is configured (never open), 401 without a bearer key, 403 for a wrong one."""
    key = request.app.ctx.settings.enforcement_key
    if key is None:
        return response.json({"error": "enforcement_not_configured", "params": {}}, status=503)
    given = request.headers.get("authorization", "")
    if not given.startswith("Bearer ") or not given[7:]:
        return response.json({"error": "unauthorized", "params": {}}, status=401)
    if not hmac.compare_digest(given[7:].encode(), key.encode()):
        return response.json({"error": "forbidden", "params": {}}, status=403)
